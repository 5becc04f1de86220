/* nb-sheet.h: one official table as a spreadsheet-like grid
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_SHEET (nb_sheet_get_type ())
G_DECLARE_FINAL_TYPE (NbSheet, nb_sheet, NB, SHEET, GtkWidget)

GtkWidget            *nb_sheet_new              (NbReport    *report,
                                                 const char  *table_id);
NbReport             *nb_sheet_get_report       (NbSheet     *self);
const NbEditionTable *nb_sheet_get_table        (NbSheet     *self);
GtkWidget            *nb_sheet_get_cell_widget  (NbSheet     *self,
                                                 guint        cell);
GtkWidget            *nb_sheet_get_layout_widget (NbSheet    *self,
                                                 guint        index);
int                   nb_sheet_get_cursor       (NbSheet     *self);
void                  nb_sheet_focus_cell       (NbSheet     *self,
                                                 guint        cell);
void                  nb_sheet_select_range     (NbSheet     *self,
                                                 guint        anchor,
                                                 guint        cursor);
guint                *nb_sheet_dup_selection    (NbSheet     *self,
                                                 guint       *n_cells);
char                 *nb_sheet_dup_selection_tsv (NbSheet    *self);
gboolean              nb_sheet_paste_text       (NbSheet     *self,
                                                 const char  *text,
                                                 GError     **error);
gboolean              nb_sheet_commit           (NbSheet     *self);

G_END_DECLS
