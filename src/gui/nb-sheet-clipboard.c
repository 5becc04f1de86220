/* nb-sheet-clipboard.c: copying, pasting and clearing the selection of the sheet
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-sheet-private.h"

#include "nb-import.h"

static void
on_paste_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(NbSheet) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _nb_sheet_emit_message (self, _("The clipboard holds no text to paste"));
      return;
    }
  if (self->report == NULL)
    return;
  if (!nb_sheet_paste_text (self, text, &error))
    _nb_sheet_emit_message (self, error->message);
}

void
_nb_sheet_copy_selection (NbSheet *self)
{
  g_autofree char *tsv = nb_sheet_dup_selection_tsv (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
}

void
_nb_sheet_paste_clipboard (NbSheet *self)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                 on_paste_ready_cb, g_object_ref (self));
}

void
_nb_sheet_clear_selection (NbSheet *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint *cells = NULL;
  g_autoptr(GArray) editable = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint n = 0;

  cells = nb_sheet_dup_selection (self, &n);
  for (guint i = 0; i < n; i++)
    if (!is_computed (self, cells[i]))
      {
        g_array_append_val (editable, cells[i]);
        g_ptr_array_add (texts, (gpointer)"");
      }
  if (editable->len == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (!nb_report_set_cells_text (self->report, self->table, editable->len,
                                 (guint *)editable->data, (const char * const *)texts->pdata,
                                 &error))
    _nb_sheet_emit_message (self, error->message);
  /* Clearing the cell being typed in drops what was typed, too. */
  if (self->cursor >= 0)
    _nb_sheet_repaint_cell (self, (guint)self->cursor);
}

/* Tab between cells, a newline between rows: what spreadsheets paste. */
char *
nb_sheet_dup_selection_tsv (NbSheet *self)
{
  g_autofree guint *cells = NULL;
  GString *tsv = g_string_new (NULL);
  guint n = 0;
  int row = -1;

  g_return_val_if_fail (NB_IS_SHEET (self), NULL);

  cells = nb_sheet_dup_selection (self, &n);
  for (guint i = 0; i < n; i++)
    {
      const NbLayoutItem *item = item_of (self, cells[i]);
      g_autofree char *text = nb_report_dup_cell_text (self->report, self->table, cells[i]);

      if (row >= 0)
        g_string_append_c (tsv, (int)item->row == row ? '\t' : '\n');
      row = (int)item->row;
      g_string_append (tsv, text);
    }
  if (n > 0)
    g_string_append_c (tsv, '\n');
  return g_string_free (tsv, FALSE);
}

/* Sets the pasted values as one undo step and selects what they cover. */
static gboolean
set_pasted_cells (NbSheet            *self,
                  GArray             *cells,
                  const char * const *texts,
                  GError            **error)
{
  if (!nb_report_set_cells_text (self->report, self->table, cells->len, (guint *)cells->data,
                                 texts, error))
    return FALSE;
  if (cells->len > 0)
    {
      self->anchor = (int)g_array_index (cells, guint, 0);
      self->cursor = (int)g_array_index (cells, guint, cells->len - 1);
      _nb_sheet_update_selection (self);
    }
  return TRUE;
}

/* Where each value of an unlabelled block goes: rows down from @row_start,
 * cells to the right; values on computed totals are skipped.  All or
 * nothing: a block that runs off the table is refused. */
static gboolean
place_pasted_lines (NbSheet    *self,
                    GPtrArray  *lines,
                    int         row_start,
                    GArray     *cells,
                    GPtrArray  *texts,
                    GError    **error)
{
  for (guint i = 0; i < lines->len; i++)
    {
      GStrv fields = g_ptr_array_index (lines, i);
      int cell = row_start;

      if (i > 0)
        {
          row_start = _nb_sheet_find_vertical (self, (guint)row_start, 1, FALSE);
          cell = row_start;
        }
      for (guint j = 0; fields[j] != NULL; j++)
        {
          if (j > 0 && cell >= 0)
            cell = _nb_sheet_find_right (self, (guint)cell, FALSE, FALSE);
          if (cell < 0)
            {
              g_autofree char *label =
                nb_edition_table_dup_cell_label (self->table, (guint)self->cursor);

              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The pasted block (%u rows, %u columns in row %u) does not fit in the "
                             "table from “%s”; nothing was pasted"),
                           lines->len, g_strv_length (fields), i + 1, label);
              return FALSE;
            }
          if (is_computed (self, (guint)cell))
            continue;
          g_array_append_val (cells, cell);
          g_ptr_array_add (texts, g_strdup (fields[j]));
        }
    }
  return TRUE;
}

/**
 * nb_sheet_paste_text:
 *
 * Pastes a block of tab-separated values at the cursor (the selection's top
 * left corner), all or nothing and as one undo step.  A block copied with
 * its row or column labels goes where its labels say.  Values that land on
 * a computed total are skipped: the total follows its parts.
 */
gboolean
nb_sheet_paste_text (NbSheet     *self,
                     const char  *text,
                     GError     **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) mapped = NULL;
  g_auto(GStrv) mapped_texts = NULL;
  g_autofree guint *selection = NULL;
  guint n_selection = 0;
  int row_start;
  gboolean has_labels = FALSE;
  gboolean placed;

  g_return_val_if_fail (NB_IS_SHEET (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->cursor < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Select a cell to paste into"));
      return FALSE;
    }
  selection = nb_sheet_dup_selection (self, &n_selection);
  row_start = n_selection > 0 ? (int)selection[0] : self->cursor;

  /* A block copied with its row or column labels goes where its labels
   * say, whatever the cursor; the rest is pasted at the cursor. */
  if (!nb_import_map_pasted_block (nb_report_get_edition (self->report), self->table, text,
                                   (guint)row_start, &has_labels, &mapped, &mapped_texts, error))
    return FALSE;
  if (has_labels)
    return set_pasted_cells (self, mapped, (const char * const *)mapped_texts, error);

  lines = nb_import_split_pasted_block (text);
  if (lines->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The clipboard holds no values to paste"));
      return FALSE;
    }
  /* Down the block's rows, as Down does: kept to the first column. */
  self->goal_column = (int)item_of (self, (guint)row_start)->column;
  placed = place_pasted_lines (self, lines, row_start, cells, texts, error);
  self->goal_column = -1;
  if (!placed)
    return FALSE;
  g_ptr_array_add (texts, NULL);
  return set_pasted_cells (self, cells, (const char * const *)texts->pdata, error);
}
