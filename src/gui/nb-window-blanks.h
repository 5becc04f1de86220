/* nb-window-blanks.h: the window's "Fill blank cells with 0" actions
 * (win.fill-blanks-table, win.fill-blanks-report)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Call at the end of nb_window_class_init (). */
void nb_window_blanks_install_action (GtkWidgetClass *klass);

G_END_DECLS
