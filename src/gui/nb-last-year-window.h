/* nb-last-year-window.h: last year's narrative sections, beside this year's report
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_LAST_YEAR_WINDOW (nb_last_year_window_get_type ())
G_DECLARE_FINAL_TYPE (NbLastYearWindow, nb_last_year_window, NB, LAST_YEAR_WINDOW, AdwWindow)

NbLastYearWindow *nb_last_year_window_new           (GtkWindow        *parent,
                                                     NbReport         *reference);
NbReport         *nb_last_year_window_get_reference (NbLastYearWindow *self);

G_END_DECLS
