/* nb-window-private.h: what the window's feature files share with it
 *
 * The window is one class spread over several files, as GNOME Text Editor
 * does it (editor-window-private.h): nb-window.c holds the editor, and each
 * nb-window-*.c file installs the actions of one feature on the class.
 * Nothing outside these files includes this header but the tests.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-window.h"

G_BEGIN_DECLS

/* Each installs its actions; called at the end of nb_window_class_init (). */

/* win.compare: this report against last year's file. */
void       _nb_window_class_compare_init   (NbWindowClass  *klass);
/* win.history (earlier versions) and win.reload (after a conflict, take
 * the file's version, undoable: nb_autosave_reload ()). */
void       _nb_window_class_history_init   (NbWindowClass  *klass);
/* win.new-next-year (next year's report in a new window, last year's text
 * alongside) and win.show-last-year (that text again). */
void       _nb_window_class_next_year_init (NbWindowClass  *klass);
/* win.fill-blanks-table (the table shown) and win.fill-blanks-report. */
void       _nb_window_class_blanks_init    (NbWindowClass  *klass);

/* A short message at the bottom of the window. */
void       _nb_window_add_toast            (NbWindow       *self,
                                            const char     *message);

/* What win.compare does once a file is chosen.  Returns: (transfer none)
 * the comparison window, or NULL with @error when @previous cannot be read. */
GtkWindow *_nb_window_compare_with_file    (NbWindow       *self,
                                            GFile          *previous,
                                            GError        **error);

G_END_DECLS
