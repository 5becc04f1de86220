/* nb-window-history.h: the window's 历史版本 (win.history) and Reload
 * (win.reload) actions
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Call at the end of nb_window_class_init ().  win.reload: after a
 * conflict, take the file's version (undoable); see nb_autosave_reload (). */
void nb_window_history_install_action (GtkWidgetClass *klass);

G_END_DECLS
