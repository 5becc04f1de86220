/* nb-recovery-dialog.h: offers the drafts a crashed session left
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>


G_BEGIN_DECLS

#define NB_TYPE_RECOVERY_DIALOG (nb_recovery_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NbRecoveryDialog, nb_recovery_dialog, NB, RECOVERY_DIALOG, AdwWindow)

/* drafts: NbDraftInfo, as nb_drafts_list_orphans () returns them. */
GtkWidget *nb_recovery_dialog_new          (GtkApplication   *application,
                                            GtkWindow        *parent,
                                            GPtrArray        *drafts);
guint      nb_recovery_dialog_get_n_drafts (NbRecoveryDialog *self);
/* What the buttons do, for the n-th draft still listed.  Discard here does
 * not ask; the button asks first. */
gboolean   nb_recovery_dialog_restore      (NbRecoveryDialog *self,
                                            guint             n,
                                            GError          **error);
void       nb_recovery_dialog_discard      (NbRecoveryDialog *self,
                                            guint             n);

G_END_DECLS
