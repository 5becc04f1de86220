/* nb-batch-actions.h: app.review and app.merge, for the disclosure office
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

void      nb_batch_actions_install (GtkApplication *application);
void      nb_batch_merge_files_to_chosen (GtkApplication *application,
                                          GListModel     *files,
                                          GtkWindow      *parent);
NbReport *nb_batch_merge_files     (GListModel     *files,
                                    GFile          *output,
                                    gboolean        force,
                                    gboolean       *forgivable,
                                    GError        **error);

G_END_DECLS
