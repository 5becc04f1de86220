/* nb-window-next-year.h: win.new-next-year
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Installs on the window class win.new-next-year (a new window with next
 * year's report, started from the window's report: nb-next-year.h, with
 * last year's text opened alongside) and win.show-last-year (that text
 * again). */
void nb_window_next_year_install_action (GtkWidgetClass *klass);

G_END_DECLS
