/* nb-sheet-selection.c: the cursor of the sheet and the range selected
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include "nb-sheet-private.h"

static void
selection_rect (NbSheet *self,
                guint   *r0,
                guint   *r1,
                guint   *c0,
                guint   *c1)
{
  const NbLayoutItem *a = item_of (self, (guint)self->anchor);
  const NbLayoutItem *b = item_of (self, (guint)self->cursor);

  *r0 = MIN (a->row, b->row);
  *r1 = MAX (a->row + a->row_span - 1, b->row + b->row_span - 1);
  *c0 = MIN (a->column, b->column);
  *c1 = MAX (a->column + a->column_span - 1, b->column + b->column_span - 1);
}

static gint
compare_position (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  NbSheet *self = user_data;
  const NbLayoutItem *ia = item_of (self, *(const guint *)a);
  const NbLayoutItem *ib = item_of (self, *(const guint *)b);

  if (ia->row != ib->row)
    return ia->row < ib->row ? -1 : 1;
  return ia->column < ib->column ? -1 : ia->column > ib->column;
}

void
_nb_sheet_update_selection (NbSheet *self)
{
  guint r0 = 0, r1 = 0, c0 = 0, c1 = 0;
  gboolean range = self->cursor >= 0 && self->anchor >= 0 && self->anchor != self->cursor;

  if (range)
    selection_rect (self, &r0, &r1, &c0, &c1);
  for (guint i = 0; i < self->n_cells; i++)
    {
      const NbLayoutItem *item = item_of (self, i);
      gboolean selected = range && item->row >= r0 && item->row <= r1 && item->column >= c0
                          && item->column <= c1;

      if (selected == self->selected[i])
        continue;
      self->selected[i] = selected;
      if (selected)
        gtk_widget_add_css_class (self->entries[i], "selected-cell");
      else
        gtk_widget_remove_css_class (self->entries[i], "selected-cell");
    }
}

void
_nb_sheet_move_to (NbSheet  *self,
                   int       target,
                   gboolean  extend)
{
  if (target < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (self->cursor >= 0)
    _nb_sheet_commit_cell (self, (guint)self->cursor);
  if (!extend || self->anchor < 0)
    self->anchor = target;
  self->moving = TRUE;
  self->extending = extend;
  self->cursor = target;
  self->edit_mode = FALSE;
  _nb_sheet_reveal_cell (self, (guint)target);
  gtk_widget_grab_focus (self->entries[target]);
  gtk_editable_select_region (GTK_EDITABLE (self->entries[target]), 0, -1);
  self->moving = FALSE;
  self->extending = FALSE;
  _nb_sheet_update_selection (self);
}

gboolean
_nb_sheet_cell_is_selected (NbSheet *self,
                            int      cell)
{
  return cell == self->cursor || (cell >= 0 && self->selected[cell]);
}

/**
 * nb_sheet_dup_selection:
 *
 * The selected cells in reading order (rows, then columns); the cursor cell
 * alone when nothing wider is selected.
 */
guint *
nb_sheet_dup_selection (NbSheet *self,
                        guint   *n_cells)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (NB_IS_SHEET (self), NULL);

  if (self->cursor >= 0)
    {
      guint r0, r1, c0, c1;

      if (self->anchor < 0)
        self->anchor = self->cursor;
      selection_rect (self, &r0, &r1, &c0, &c1);
      for (guint i = 0; i < self->n_cells; i++)
        {
          const NbLayoutItem *item = item_of (self, i);

          if (item->row >= r0 && item->row <= r1 && item->column >= c0 && item->column <= c1)
            g_array_append_val (cells, i);
        }
      g_array_sort_with_data (cells, compare_position, self);
    }
  *n_cells = cells->len;
  return (guint *)g_array_free (g_steal_pointer (&cells), FALSE);
}

int
nb_sheet_get_cursor (NbSheet *self)
{
  g_return_val_if_fail (NB_IS_SHEET (self), -1);
  return self->cursor;
}

void
nb_sheet_focus_cell (NbSheet *self,
                     guint    cell)
{
  g_return_if_fail (NB_IS_SHEET (self));
  g_return_if_fail (cell < self->n_cells);

  self->goal_column = -1;
  self->tab_column = -1;
  self->last_press_cell = -1;
  _nb_sheet_move_to (self, (int)cell, FALSE);
}

void
nb_sheet_select_range (NbSheet *self,
                       guint    anchor,
                       guint    cursor)
{
  g_return_if_fail (NB_IS_SHEET (self));
  g_return_if_fail (anchor < self->n_cells && cursor < self->n_cells);

  _nb_sheet_move_to (self, (int)anchor, FALSE);
  _nb_sheet_move_to (self, (int)cursor, TRUE);
}
