/* nb-sheet-navigation.c: where a move from a cell of the sheet goes
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include "nb-sheet-private.h"

/* Whether a run of entry (Tab, Enter) may stop on the cell: computed
 * cells are read and copied with the arrows, but nobody types into them. */
static gboolean
stops_at (NbSheet  *self,
          int       cell,
          gboolean  typable)
{
  return cell >= 0 && (!typable || !is_computed (self, (guint)cell));
}

int
_nb_sheet_find_right (NbSheet  *self,
                      guint     cell,
                      gboolean  wrap,
                      gboolean  typable)
{
  const NbLayoutItem *item = item_of (self, cell);

  for (guint c = item->column + item->column_span; c < self->width; c++)
    if (stops_at (self, map_at (self, item->row, c), typable))
      return map_at (self, item->row, c);
  if (wrap)
    for (guint r = item->row + item->row_span; r < self->height; r++)
      for (guint c = 0; c < self->width; c++)
        if (stops_at (self, map_at (self, r, c), typable))
          return map_at (self, r, c);
  return -1;
}

int
_nb_sheet_find_left (NbSheet  *self,
                     guint     cell,
                     gboolean  wrap,
                     gboolean  typable)
{
  const NbLayoutItem *item = item_of (self, cell);

  for (int c = (int)item->column - 1; c >= 0; c--)
    if (stops_at (self, map_at (self, item->row, (guint)c), typable))
      return map_at (self, item->row, (guint)c);
  if (wrap)
    for (int r = (int)item->row - 1; r >= 0; r--)
      for (int c = (int)self->width - 1; c >= 0; c--)
        if (stops_at (self, map_at (self, (guint)r, (guint)c), typable))
          return map_at (self, (guint)r, (guint)c);
  return -1;
}

int
_nb_sheet_find_vertical (NbSheet  *self,
                         guint     cell,
                         int       direction,
                         gboolean  typable)
{
  const NbLayoutItem *item = item_of (self, cell);
  guint column = self->goal_column >= 0 ? (guint)self->goal_column : item->column;
  int r = direction > 0 ? (int)(item->row + item->row_span) : (int)item->row - 1;

  /* Header rows between blocks (table 2) have no values: step over them;
   * Enter also steps over the totals rows. */
  for (; r >= 0 && r < (int)self->height; r += direction)
    {
      int found = map_at (self, (guint)r, column);

      if (stops_at (self, found, typable))
        return found;
    }
  return -1;
}

int
_nb_sheet_find_row_end (NbSheet  *self,
                        guint     cell,
                        gboolean  last)
{
  const NbLayoutItem *item = item_of (self, cell);
  int found = -1;

  for (guint c = 0; c < self->width; c++)
    {
      int here = map_at (self, item->row, c);

      if (here < 0)
        continue;
      if (!last)
        return here;
      found = here;
    }
  return found;
}

int
_nb_sheet_find_table_end (NbSheet  *self,
                          gboolean  last)
{
  int found = -1;

  for (guint i = 0; i < self->width * self->height; i++)
    if (self->map[i] >= 0)
      {
        if (!last)
          return self->map[i];
        found = self->map[i];
      }
  return found;
}
