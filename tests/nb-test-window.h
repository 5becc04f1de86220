/* nb-test-window.h: the editor window's parts, for the tests
 *
 * The window keeps its parts to itself; the tests find them the way a
 * user does, through the widget tree and the window's properties.  Linked
 * by the tests and the benchmarks only.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-checks-panel.h"
#include "nb-sheet.h"
#include "nb-text-page.h"
#include "nb-window.h"

G_BEGIN_DECLS

/* Shows a section ("info" or an edition's id), as a click in the sidebar. */
void           nb_test_window_show_section        (NbWindow   *window,
                                                   const char *section_id);
const char    *nb_test_window_get_visible_section (NbWindow   *window);
/* The sheet of a table or the page of a text section, built if the page
 * was not shown yet; the section shown does not change. */
NbSheet       *nb_test_window_get_sheet           (NbWindow   *window,
                                                   const char *table_id);
NbTextPage    *nb_test_window_get_text_page       (NbWindow   *window,
                                                   const char *section_id);
NbChecksPanel *nb_test_window_get_checks_panel    (NbWindow   *window);
/* The number on a sidebar row's badge; 0 when the badge is hidden. */
guint          nb_test_window_get_section_badge   (NbWindow   *window,
                                                   const char *section_id);
/* The "autosave" setting for the windows made from now on, in the test's
 * own in-memory settings: off, a test's edits stay out of its files. */
void           nb_test_set_autosave               (gboolean    enabled);

/* An empty report of the 2021 edition (测试局, 2023) with no undo history. */
NbReport      *nb_test_new_report                 (void);
/* The index of a table's cell by its row and column labels; the test
 * fails if the table has no such cell. */
guint          nb_test_find_cell                  (const NbEditionTable *table,
                                                   const char           *row,
                                                   const char           *column);

/* Any widget tree, depth first: the first widget of @type (itself too),
 * and the first mapped label whose text contains @part. */
GtkWidget     *nb_test_find_descendant            (GtkWidget  *root,
                                                   GType       type);
GtkWidget     *nb_test_find_label                 (GtkWidget  *root,
                                                   const char *part);

G_END_DECLS
