/* nb-checks-panel.h: the findings of the checks, live
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nb-checker.h"

G_BEGIN_DECLS

#define NB_TYPE_CHECKS_PANEL (nb_checks_panel_get_type ())
G_DECLARE_FINAL_TYPE (NbChecksPanel, nb_checks_panel, NB, CHECKS_PANEL, GtkWidget)

GtkWidget  *nb_checks_panel_new               (NbReport      *report);
void        nb_checks_panel_refresh           (NbChecksPanel *self);
GPtrArray  *nb_checks_panel_get_findings      (NbChecksPanel *self);
guint       nb_checks_panel_count             (NbChecksPanel *self,
                                               NbSeverity     severity);
guint       nb_checks_panel_count_for_section (NbChecksPanel *self,
                                               const char    *section_id,
                                               NbSeverity     severity);
const char *nb_checks_panel_section_of        (NbChecksPanel *self,
                                               NbFinding     *finding);
NbFinding  *nb_checks_panel_get_shown         (NbChecksPanel *self,
                                               guint          position);
void        nb_checks_panel_activate          (NbChecksPanel *self,
                                               guint          position);

G_END_DECLS
