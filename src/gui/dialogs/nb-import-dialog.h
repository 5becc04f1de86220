/* nb-import-dialog.h: what an import understood, shown before the report opens
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_IMPORT_DIALOG (nb_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NbImportDialog, nb_import_dialog, NB, IMPORT_DIALOG, AdwWindow)

/* findings: NbImportFinding, as nb_import_data () returns them. */
GtkWidget *nb_import_dialog_new            (GtkApplication *application,
                                            GtkWindow      *parent,
                                            const char     *source_name,
                                            NbReport       *report,
                                            const char     *summary,
                                            GPtrArray      *findings);
guint      nb_import_dialog_get_n_findings (NbImportDialog *self);
/* What "Open Report" does: the imported report in a new window. */
GtkWindow *nb_import_dialog_open           (NbImportDialog *self);

/* app.import: choose a .txt/.md/.html/.htm/.docx file, import it, show
 * this dialog. */
void       nb_import_dialog_install_action (GtkApplication *application);

G_END_DECLS
