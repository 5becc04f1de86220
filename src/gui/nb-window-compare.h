/* nb-window-compare.h: win.compare, this report against last year's
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-window.h"

G_BEGIN_DECLS

void       nb_window_compare_install_action (GtkWidgetClass  *klass);
GtkWindow *nb_window_compare_with_file      (NbWindow        *window,
                                             GFile           *previous,
                                             GError         **error);

G_END_DECLS
