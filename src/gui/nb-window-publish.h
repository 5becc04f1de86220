/* nb-window-publish.h: publication day in the editor window
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-window.h"

G_BEGIN_DECLS

/* win.copy-for-website, win.mark-published, win.compare-published. */
void       nb_window_publish_install_actions (GtkWidgetClass *klass);
/* For the subtitle: the deadline, or the publication and whether the report
 * changed since; NULL when there is nothing to say.  Also enables
 * win.compare-published. */
char      *nb_window_publish_dup_status      (NbWindow       *window);
/* The frozen published version, or NULL (transfer none). */
NbReport  *nb_window_publish_get_version     (NbWindow       *window);
/* Marks the report published on date ("YYYY-MM-DD") and freezes this
 * version; the dialog of win.mark-published ends here. */
gboolean   nb_window_publish_mark            (NbWindow       *window,
                                              const char     *date,
                                              GError        **error);

G_END_DECLS
