/* nb-next-year.h: next year's report, started from this year's
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_NEXT_YEAR_ERROR (nb_next_year_error_quark ())

typedef enum
{
  NB_NEXT_YEAR_ERROR_NO_YEAR,
  NB_NEXT_YEAR_ERROR_FAILED,
} NbNextYearError;

GQuark     nb_next_year_error_quark       (void);

NbReport  *nb_next_year_new               (NbReport    *previous,
                                           GError     **error);

G_END_DECLS
