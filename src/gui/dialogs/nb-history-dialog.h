/* nb-history-dialog.h: 历史版本: the autosaved versions of a report
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_HISTORY_DIALOG (nb_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NbHistoryDialog, nb_history_dialog, NB, HISTORY_DIALOG, AdwWindow)

/* history_key: see nb_autosave_get_history_key (). */
GtkWidget *nb_history_dialog_new           (GtkWindow       *parent,
                                            NbReport        *report,
                                            const char      *history_key);
guint      nb_history_dialog_get_n_versions (NbHistoryDialog *self);
/* Restores the n-th listed version (0 = newest), as the Restore button does. */
gboolean   nb_history_dialog_restore       (NbHistoryDialog *self,
                                            guint            n,
                                            GError         **error);

G_END_DECLS
