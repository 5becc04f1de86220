/* nb-input.h: what typing and pasting may put into a report
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     nb_input_guard_editable       (GtkEditable   *editable);
gboolean nb_input_filter_buffer_insert (GtkTextBuffer *buffer,
                                        GtkTextIter   *location,
                                        const char    *text,
                                        int            length,
                                        GtkWidget     *view);

G_END_DECLS
