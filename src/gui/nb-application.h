/* nb-application.h
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_APPLICATION (nb_application_get_type ())
G_DECLARE_FINAL_TYPE (NbApplication, nb_application, NB, APPLICATION, AdwApplication)

NbApplication *nb_application_new          (void);
GtkWindow     *nb_application_open_report  (NbApplication *self,
                                            NbReport      *report,
                                            GFile         *file);
void           nb_application_open_file    (NbApplication *self,
                                            GFile         *file);

G_END_DECLS
