/* nb-new-report-dialog.h: asks for the year and edition of a new report
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_NEW_REPORT_DIALOG (nb_new_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NbNewReportDialog, nb_new_report_dialog, NB, NEW_REPORT_DIALOG, AdwMessageDialog)

GtkWidget  *nb_new_report_dialog_new            (GtkWindow         *parent);
int         nb_new_report_dialog_get_year       (NbNewReportDialog *self);
void        nb_new_report_dialog_set_year       (NbNewReportDialog *self,
                                                 int                year);
const char *nb_new_report_dialog_get_edition_id (NbNewReportDialog *self);
const char *nb_new_report_dialog_get_agency     (NbNewReportDialog *self);
void        nb_new_report_dialog_set_agency     (NbNewReportDialog *self,
                                                 const char        *agency);
NbReport   *nb_new_report_dialog_create_report  (NbNewReportDialog *self,
                                                 GError           **error);

G_END_DECLS
