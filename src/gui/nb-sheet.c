/* nb-sheet.c: one official table as a spreadsheet-like grid
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nb-sheet.h"

#include "nb-import.h"
#include "nb-input.h"

/* The grid is built from the edition's printed layout, spans included, so the
 * screen shows the official table.  The sheet holds no values of its own: it
 * edits through NbReport and repaints on NbReport::cell-changed.
 *
 * The sheet lays its cells out itself, as a GtkGrid would (spans, labels that
 * wrap), and scrolls itself (GtkScrollable): the column header rows at the
 * top and the row label columns at the left keep their place while the value
 * cells scroll under them, like the frozen panes of a spreadsheet. */

struct _NbSheet
{
  GtkWidget             parent_instance;

  NbReport             *report;
  char                 *table_id;
  const NbEditionTable *table;

  GtkWidget           **children;   /* one per layout item */
  GtkWidget           **entries;    /* one per value cell */
  guint                 n_cells;
  int                  *map;        /* grid position -> cell, -1 for no value */
  guint                 width;
  guint                 height;

  int                   cursor;
  int                   anchor;
  int                   goal_column; /* kept across Up/Down, as spreadsheets do */
  int                   tab_column; /* where a run of Tabs began: Enter returns there */
  int                   drag_start;
  double                drag_x;     /* the pointer during a drag, in sheet coordinates */
  double                drag_y;
  guint                 autoscroll_id;   /* tick callback, while held past an edge */
  gint64                autoscroll_time; /* frame time of its last step */
  gboolean              holding_view; /* the cursor moves without scrolling to it */
  gboolean             *selected;
  gint8                *shown_invalid; /* -1 unknown, else what the cell shows */
  gboolean              edit_mode;  /* F2 or a click: arrows move the caret */
  gboolean              moving;     /* focus moves by our own hand */
  gboolean              extending;
  gboolean              repainting;

  /* Layout, in grid units: width columns, height rows. */
  guint                 frozen_rows;    /* the header rows the layout allows to freeze */
  guint                 frozen_columns; /* the label columns, likewise */
  gboolean              rows_frozen;    /* whether this allocation freezes them */
  gboolean              columns_frozen;
  int                   frozen_width;   /* pixels, 0 when not frozen */
  int                   frozen_height;
  int                  *column_min;
  int                  *column_nat;
  int                  *column_size;
  int                  *column_pos;
  int                  *row_min;
  int                  *row_nat;
  int                  *row_size;
  int                  *row_pos;
  int                   reveal;         /* a cell to scroll into view, or -1 */
  gboolean              allocating;

  GtkWidget            *menu;       /* the cell context menu, once shown */
  int                   last_press_cell;  /* for double clicks: the gesture, grouped */
  guint32               last_press_time;  /* with the drag, does not count them */

  AdwFlap              *flap;       /* an ancestor whose folded flap may cover our end */
  int                   end_inset;  /* pixels of our width it covers */
  guint                 inset_idle_id;

  GtkAdjustment        *hadjustment;
  GtkAdjustment        *vadjustment;
  guint                 hscroll_policy : 1;
  guint                 vscroll_policy : 1;
};

static int span_size (const int *sizes,
                      guint      first,
                      guint      span);

G_DEFINE_FINAL_TYPE_WITH_CODE (NbSheet, nb_sheet, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_REPORT,
  PROP_TABLE_ID,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

/* Where a layout item is drawn: scrolling both ways, or kept in place
 * horizontally (row labels), vertically (column headers) or both (the
 * corner).  Also the order of the children: the frozen ones come last, so
 * they are on top for picking. */
enum {
  PANE_BODY   = 0,
  PANE_LEFT   = 1 << 0,
  PANE_TOP    = 1 << 1,
  PANE_CORNER = PANE_LEFT | PANE_TOP,
  N_PANES
};

enum {
  MESSAGE,
  N_SIGNALS
};

/* A cell grows with its value up to this many digits: more than any valid
 * value has (a count has at most 19), so only text that is no number at
 * all (marked, with the reason in its tooltip) can be cut off. */
#define MAX_CELL_WIDTH_CHARS 24

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const NbLayoutItem *
item_of (NbSheet *self,
         guint    cell)
{
  return nb_edition_table_get_cell_layout (self->table, cell);
}

static int
map_at (NbSheet *self,
        guint    row,
        guint    column)
{
  if (row >= self->height || column >= self->width)
    return -1;
  return self->map[row * self->width + column];
}

/* Scrolls the cell into view at the next allocation, clear of the frozen
 * headers and labels. */
static void
reveal_cell (NbSheet *self,
             guint    cell)
{
  /* While a drag scrolls the sheet, the scrolling decides what shows:
   * revealing the cursor cell would pull the view back a row at a time. */
  if (self->holding_view)
    return;
  self->reveal = (int)cell;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
is_computed (NbSheet *self,
             guint    cell)
{
  return nb_edition_table_get_cell (self->table, cell)->computed;
}

static void
repaint_cell (NbSheet *self,
              guint    cell)
{
  GtkWidget *entry = self->entries[cell];
  g_autofree char *text = nb_report_dup_cell_text (self->report, self->table, cell);
  const char *invalid = NULL;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
    {
      self->repainting = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (entry), text);
      self->repainting = FALSE;
      /* A value that changes under the cursor (undo, a paste) is selected
       * again: what is typed next replaces it, as after any move. */
      if ((int)cell == self->cursor && !self->edit_mode)
        gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
    }

  if (nb_report_get_cell (self->report, self->table, cell, NULL, &invalid) != NB_CELL_INVALID
      && self->shown_invalid[cell] == 0)
    return;  /* a valid value stays valid: only the text changed */
  if (nb_report_get_cell (self->report, self->table, cell, NULL, &invalid) == NB_CELL_INVALID)
    {
      g_autoptr(GError) error = NULL;
      gboolean is_empty;
      gint64 ignored;

      nb_report_parse_cell_text (self->report, self->table, cell, invalid, &is_empty, &ignored,
                                 &error);
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, error ? error->message : _("Not a valid value"));
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      self->shown_invalid[cell] = 1;
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, is_computed (self, cell)
                                            ? _("Computed from the cells it adds up")
                                            : NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      self->shown_invalid[cell] = 0;
    }
}

/* The width of a cell, in digits, when its value fits: 5 for counts (up to
 * 99,999 without widening), 9 for money. */
static int
base_width_chars (NbSheet *self,
                  guint    cell)
{
  return nb_edition_table_get_cell (self->table, cell)->kind == NB_VALUE_MONEY ? 9 : 5;
}

/* A value wider than its cell widens the cell, and with it its column, as
 * Calc does for numbers: no digit is ever hidden, also while it is typed.
 * Counted in digit widths, as GtkText sizes itself (a wide character counts
 * two), plus one for the caret; back to the usual width when it fits. */
static void
fit_cell_width (NbSheet *self,
                guint    cell)
{
  GtkEditable *editable = GTK_EDITABLE (self->entries[cell]);
  const char *text = gtk_editable_get_text (editable);
  int need = 1;

  for (const char *p = text; *p != '\0' && need <= MAX_CELL_WIDTH_CHARS; p = g_utf8_next_char (p))
    need += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  need = CLAMP (need, base_width_chars (self, cell), MAX_CELL_WIDTH_CHARS);
  if (gtk_editable_get_width_chars (editable) != need)
    gtk_editable_set_width_chars (editable, need);
}

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

static void
update_selection (NbSheet *self)
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

static gboolean
commit_cell (NbSheet *self,
             guint    cell)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  const char *text;

  if (is_computed (self, cell))
    return TRUE;
  text = gtk_editable_get_text (GTK_EDITABLE (self->entries[cell]));
  current = nb_report_dup_cell_text (self->report, self->table, cell);
  if (g_strcmp0 (text, current) == 0)
    return TRUE;
  /* Invalid text stays in the cell (marked, with the reason) and in the
   * model, so nothing typed is lost; the checks list it. */
  if (!nb_report_set_cell_text (self->report, self->table, cell, text, &error))
    {
      repaint_cell (self, cell);
      return FALSE;
    }
  return TRUE;
}

static void
move_to (NbSheet  *self,
         int       target,
         gboolean  extend)
{
  if (target < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (self->cursor >= 0)
    commit_cell (self, (guint)self->cursor);
  if (!extend || self->anchor < 0)
    self->anchor = target;
  self->moving = TRUE;
  self->extending = extend;
  self->cursor = target;
  self->edit_mode = FALSE;
  reveal_cell (self, (guint)target);
  gtk_widget_grab_focus (self->entries[target]);
  gtk_editable_select_region (GTK_EDITABLE (self->entries[target]), 0, -1);
  self->moving = FALSE;
  self->extending = FALSE;
  update_selection (self);
}

/* Edits the value in place (F2, a double click): the caret at its end, and
 * Left and Right move the caret instead of the cursor. */
static void
start_editing (NbSheet *self)
{
  if (self->cursor < 0)
    return;
  self->edit_mode = TRUE;
  gtk_editable_set_position (GTK_EDITABLE (self->entries[self->cursor]), -1);
}

/* Whether a run of entry (Tab, Enter) may stop on the cell: computed
 * cells are read and copied with the arrows, but nobody types into them. */
static gboolean
stops_at (NbSheet  *self,
          int       cell,
          gboolean  typable)
{
  return cell >= 0 && (!typable || !is_computed (self, (guint)cell));
}

static int
find_right (NbSheet  *self,
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

static int
find_left (NbSheet  *self,
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

static int
find_vertical (NbSheet  *self,
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

static int
find_row_end (NbSheet  *self,
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

static int
find_table_end (NbSheet  *self,
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

/* Selection, clipboard */

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

static char *
unquote (const char *field)
{
  gsize len = strlen (field);

  /* Spreadsheets quote a field that holds a quote or a separator. */
  if (len >= 2 && field[0] == '"' && field[len - 1] == '"')
    {
      g_autofree char *inner = g_strndup (field + 1, len - 2);
      g_auto(GStrv) parts = g_strsplit (inner, "\"\"", -1);

      return g_strjoinv ("\"", parts);
    }
  return g_strdup (field);
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
  g_autofree char *normalized = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *selection = NULL;
  guint n_selection = 0;
  guint n_lines;
  int row_start;
  gboolean ok;

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
  {
    g_autoptr(GArray) mapped = NULL;
    g_auto(GStrv) mapped_texts = NULL;
    gboolean has_labels = FALSE;

    if (!nb_import_map_pasted_block (nb_report_get_edition (self->report), self->table, text,
                                     (guint)row_start, &has_labels, &mapped, &mapped_texts, error))
      return FALSE;
    if (has_labels)
      {
        ok = nb_report_set_cells_text (self->report, self->table, mapped->len,
                                       (guint *)mapped->data,
                                       (const char * const *)mapped_texts, error);
        if (ok && mapped->len > 0)
          {
            self->anchor = (int)g_array_index (mapped, guint, 0);
            self->cursor = (int)g_array_index (mapped, guint, mapped->len - 1);
            update_selection (self);
          }
        return ok;
      }
  }

  {
    g_auto(GStrv) crlf = g_strsplit (text, "\r\n", -1);
    g_autofree char *joined = g_strjoinv ("\n", crlf);
    g_auto(GStrv) cr = g_strsplit (joined, "\r", -1);

    normalized = g_strjoinv ("\n", cr);
  }
  lines = g_strsplit (normalized, "\n", -1);
  n_lines = g_strv_length (lines);
  /* A block copied from a spreadsheet ends with a newline. */
  while (n_lines > 0 && *lines[n_lines - 1] == '\0')
    {
      g_free (lines[n_lines - 1]);
      lines[--n_lines] = NULL;
    }
  if (n_lines == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The clipboard holds no values to paste"));
      return FALSE;
    }

  self->goal_column = (int)item_of (self, (guint)row_start)->column;
  for (guint i = 0; i < n_lines; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      int cell = row_start;

      if (i > 0)
        {
          row_start = find_vertical (self, (guint)row_start, 1, FALSE);
          cell = row_start;
        }
      for (guint j = 0; fields[j] != NULL; j++)
        {
          if (j > 0 && cell >= 0)
            cell = find_right (self, (guint)cell, FALSE, FALSE);
          if (cell < 0)
            {
              g_autofree char *label =
                nb_edition_table_dup_cell_label (self->table, (guint)self->cursor);

              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The pasted block (%u rows, %u columns in row %u) does not fit in the "
                             "table from “%s”; nothing was pasted"),
                           n_lines, g_strv_length (fields), i + 1, label);
              self->goal_column = -1;
              return FALSE;
            }
          if (is_computed (self, (guint)cell))
            continue;
          g_array_append_val (cells, cell);
          g_ptr_array_add (texts, unquote (g_strstrip (fields[j])));
        }
    }
  self->goal_column = -1;
  g_ptr_array_add (texts, NULL);

  ok = nb_report_set_cells_text (self->report, self->table, cells->len, (guint *)cells->data,
                                 (const char * const *)texts->pdata, error);
  if (ok && cells->len > 0)
    {
      guint last = g_array_index (cells, guint, cells->len - 1);

      self->anchor = (int)g_array_index (cells, guint, 0);
      self->cursor = (int)last;
      update_selection (self);
    }
  return ok;
}

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
        g_signal_emit (self, signals[MESSAGE], 0, _("The clipboard holds no text to paste"));
      return;
    }
  if (self->report == NULL)
    return;
  if (!nb_sheet_paste_text (self, text, &error))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static void
copy_selection (NbSheet *self)
{
  g_autofree char *tsv = nb_sheet_dup_selection_tsv (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), tsv);
}

static void
clear_selection (NbSheet *self)
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
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
  /* Clearing the cell being typed in drops what was typed, too. */
  if (self->cursor >= 0)
    repaint_cell (self, (guint)self->cursor);
}

/* Signal callbacks */

static void
on_cell_changed_cb (NbSheet    *self,
                    const char *table_id,
                    guint       cell,
                    NbReport   *report)
{
  if (g_strcmp0 (table_id, self->table_id) == 0 && cell < self->n_cells)
    repaint_cell (self, cell);
}

static int
cell_of_widget (NbSheet   *self,
                GtkWidget *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    {
      gpointer data = g_object_get_data (G_OBJECT (widget), "nb-sheet-cell");

      if (data != NULL)
        return GPOINTER_TO_INT (data) - 1;
    }
  return -1;
}

static int
cell_at (NbSheet *self,
         double   x,
         double   y)
{
  return cell_of_widget (self, gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT));
}

static void
on_entry_enter_cb (GtkEventControllerFocus *controller,
                   NbSheet                 *self)
{
  int cell = cell_of_widget (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  if (cell < 0 || self->moving)
    return;
  /* Focus came from outside the grid (Ctrl+Tab, a screen reader): a fresh
   * start, with nothing kept from the last visit (the column Enter went
   * down) and the value selected, so that typing replaces it. */
  self->cursor = cell;
  self->anchor = cell;
  self->edit_mode = FALSE;
  self->goal_column = -1;
  self->tab_column = -1;
  gtk_editable_select_region (GTK_EDITABLE (self->entries[cell]), 0, -1);
  update_selection (self);
}

static void
on_entry_leave_cb (GtkEventControllerFocus *controller,
                   NbSheet                 *self)
{
  int cell = cell_of_widget (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  if (cell >= 0)
    commit_cell (self, (guint)cell);
}

static void
on_entry_activate_cb (GtkEntry *entry,
                      NbSheet  *self)
{
  int cell = cell_of_widget (self, GTK_WIDGET (entry));

  /* Enter is handled by the key controller; this catches an activation that
   * comes another way (input methods, accessibility). */
  if (cell >= 0)
    commit_cell (self, (guint)cell);
}

static void
on_entry_changed_cb (GtkEditable *entry,
                     NbSheet     *self)
{
  int cell = cell_of_widget (self, GTK_WIDGET (entry));

  if (cell >= 0)
    fit_cell_width (self, (guint)cell);
  /* Text set from outside while nobody types in the cell (a screen reader's
   * "set value", an input method) is a complete edit: commit it now. */
  if (self->repainting
      || (gtk_widget_get_state_flags (GTK_WIDGET (entry)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return;
  if (cell >= 0)
    commit_cell (self, (guint)cell);
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     NbSheet         *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int cell = cell_at (self, x, y);

  if (cell < 0)
    return;
  /* Clicks inside the cell being edited place the caret, as in any text. */
  if (self->edit_mode && cell == self->cursor && n_press == 1)
    return;
  /* Otherwise the sheet takes the click, before the entry can put the caret
   * somewhere in the old value: a click selects the cell, and what is typed
   * next replaces its value ("0", then "12" typed, is 12, not 120).  A
   * double click edits in place, the caret at the end. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->tab_column = -1;
  if ((state & GDK_SHIFT_MASK) && self->cursor >= 0)
    {
      move_to (self, cell, TRUE);
      return;
    }
  self->goal_column = -1;
  if (cell != self->cursor
      || !(gtk_widget_get_state_flags (self->entries[cell]) & GTK_STATE_FLAG_FOCUS_WITHIN))
    move_to (self, cell, FALSE);
  {
    GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
    guint32 time = event != NULL ? gdk_event_get_time (event) : 0;
    int double_click_time = 400;

    g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-double-click-time",
                  &double_click_time, NULL);
    if ((n_press >= 2
         || (cell == self->last_press_cell && time - self->last_press_time <= (guint32)double_click_time))
        && !is_computed (self, (guint)cell))
      {
        start_editing (self);
        self->last_press_cell = -1;
        return;
      }
    self->last_press_cell = cell;
    self->last_press_time = time;
  }
}

/* Closed: the focus goes back to the cell, not left on a hidden menu item. */
static void
on_menu_closed_cb (NbSheet *self)
{
  if (self->cursor < 0 || self->entries == NULL)
    return;
  self->moving = TRUE;
  gtk_widget_grab_focus (self->entries[self->cursor]);
  self->moving = FALSE;
}

/* The cell context menu: the table's commands, not the entry's text ones
 * (no "Insert Emoji" in a grid of numbers). */
static void
popup_menu (NbSheet *self,
            double   x,
            double   y)
{
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) model = g_menu_new ();
      g_autoptr(GMenu) edit = g_menu_new ();
      g_autoptr(GMenu) table = g_menu_new ();

      g_menu_append (edit, _("_Copy"), "sheet.copy");
      g_menu_append (edit, _("_Paste"), "sheet.paste");
      g_menu_append (edit, _("C_lear"), "sheet.clear");
      g_menu_append (table, _("Fill Blank Cells with _0"), "win.fill-blanks-table");
      g_menu_append (table, _("_Undo"), "win.undo");
      g_menu_append_section (model, NULL, G_MENU_MODEL (edit));
      g_menu_append_section (model, NULL, G_MENU_MODEL (table));
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      g_signal_connect_object (self->menu, "closed", G_CALLBACK (on_menu_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle){ (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* For the keyboard (Menu, Shift+F10): at the cursor cell. */
static void
popup_menu_at_cursor (NbSheet *self)
{
  graphene_rect_t bounds;

  if (self->cursor >= 0
      && gtk_widget_compute_bounds (self->entries[self->cursor], GTK_WIDGET (self), &bounds))
    popup_menu (self, bounds.origin.x + bounds.size.width / 2,
                bounds.origin.y + bounds.size.height);
  else
    popup_menu (self, 0, 0);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NbSheet *self = NB_SHEET (widget);

  if (self->cursor < 0)
    return;
  commit_cell (self, (guint)self->cursor);
  copy_selection (self);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_paste_ready_cb,
                                 g_object_ref (widget));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  if (NB_SHEET (widget)->cursor >= 0)
    clear_selection (NB_SHEET (widget));
}

static gboolean
cell_is_selected (NbSheet *self,
                  int      cell)
{
  return cell == self->cursor || (cell >= 0 && self->selected[cell]);
}

static void
on_menu_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    NbSheet         *self)
{
  int cell = cell_at (self, x, y);

  if (cell < 0)
    return;
  /* Taken before the entry shows its text menu; a cell outside the
   * selection becomes the selection, as in spreadsheets. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!cell_is_selected (self, cell))
    {
      self->goal_column = -1;
      self->tab_column = -1;
      move_to (self, cell, FALSE);
    }
  popup_menu (self, x, y);
}

/* Autoscroll pace, in pixels a second: a slow start at the edge, faster the
 * farther past it, up to a pace the eye can still follow. */
#define AUTOSCROLL_BASE  200.0
#define AUTOSCROLL_GAIN   15.0
#define AUTOSCROLL_MAX  2500.0

/* How far the pointer is past the scrolling body along one axis: negative
 * before it (over the frozen band, or beyond the sheet), positive after it,
 * 0 inside. */
static double
past_edge (double position,
           int    frozen,
           int    size)
{
  if (position < frozen)
    return position - frozen;
  if (position >= size)
    return position - size + 1;
  return 0;
}

static void
autoscroll_step (GtkAdjustment *adjustment,
                 double         past,
                 double         seconds)
{
  double speed;

  if (past == 0)
    return;
  speed = MIN (AUTOSCROLL_BASE + AUTOSCROLL_GAIN * ABS (past), AUTOSCROLL_MAX);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                          + (past < 0 ? -speed : speed) * seconds);
}

/* The value cell nearest to the pointer once it is brought inside the
 * scrolling body: the cell along the edge it went past, clear of the frozen
 * bands. */
static int
cell_near (NbSheet *self,
           double   x,
           double   y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double cx = CLAMP (x, self->frozen_width, MAX (width - 1, self->frozen_width))
              + gtk_adjustment_get_value (self->hadjustment);
  double cy = CLAMP (y, self->frozen_height, MAX (height - 1, self->frozen_height))
              + gtk_adjustment_get_value (self->vadjustment);
  double best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 0; i < self->n_cells; i++)
    {
      const NbLayoutItem *item = item_of (self, i);
      double left = self->column_pos[item->column];
      double right = left + span_size (self->column_size, item->column, item->column_span);
      double top = self->row_pos[item->row];
      double bottom = top + span_size (self->row_size, item->row, item->row_span);
      double dx = cx < left ? left - cx : cx >= right ? cx - right + 1 : 0;
      double dy = cy < top ? top - cy : cy >= bottom ? cy - bottom + 1 : 0;

      if (dx * dx + dy * dy < best)
        {
          best = dx * dx + dy * dy;
          found = (int)i;
        }
    }
  return found;
}

/* Extends the range from the cell the drag started on to the cell: scrolled
 * into view, or left where it is while the drag scrolls the sheet itself. */
static void
drag_select_to (NbSheet  *self,
                int       cell,
                gboolean  reveal)
{
  if (cell < 0 || cell == self->cursor)
    return;
  self->anchor = self->drag_start;
  self->holding_view = !reveal;
  move_to (self, cell, TRUE);
  self->holding_view = FALSE;
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  NbSheet *self = NB_SHEET (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double seconds = 0;

  /* By the time between frames, so the pace holds however often they come;
   * a long stall is not made up for with a jump. */
  if (self->autoscroll_time != 0)
    seconds = MIN (now - self->autoscroll_time, 100 * G_TIME_SPAN_MILLISECOND)
              / (double)G_TIME_SPAN_SECOND;
  self->autoscroll_time = now;
  /* A reveal still pending from before the edge was crossed would undo the
   * step at the next allocation. */
  self->reveal = -1;
  autoscroll_step (self->hadjustment,
                   past_edge (self->drag_x, self->frozen_width, gtk_widget_get_width (widget)),
                   seconds);
  autoscroll_step (self->vadjustment,
                   past_edge (self->drag_y, self->frozen_height, gtk_widget_get_height (widget)),
                   seconds);
  drag_select_to (self, cell_near (self, self->drag_x, self->drag_y), FALSE);
  return G_SOURCE_CONTINUE;
}

static void
stop_autoscroll (NbSheet *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
  self->autoscroll_time = 0;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  NbSheet        *self)
{
  self->drag_start = cell_at (self, x, y);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   NbSheet        *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x, y;
  int cell;

  if (self->drag_start < 0)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  self->drag_x = x + dx;
  self->drag_y = y + dy;
  /* A press that became a drag is no click: the next press on the same
   * cell starts afresh instead of counting as the second of a double click. */
  if (gtk_drag_check_threshold (widget, (int)x, (int)y, (int)self->drag_x, (int)self->drag_y))
    self->last_press_cell = -1;

  /* Held past an edge of the body, as spreadsheets do: the sheet scrolls
   * that way, step by step in the tick callback, and the range follows to
   * the cell along that edge. */
  if (past_edge (self->drag_x, self->frozen_width, gtk_widget_get_width (widget)) != 0
      || past_edge (self->drag_y, self->frozen_height, gtk_widget_get_height (widget)) != 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (self->autoscroll_id == 0)
        self->autoscroll_id = gtk_widget_add_tick_callback (widget, autoscroll_tick_cb, NULL, NULL);
      drag_select_to (self, cell_near (self, self->drag_x, self->drag_y), FALSE);
      return;
    }
  stop_autoscroll (self);

  cell = cell_at (self, self->drag_x, self->drag_y);
  if (cell < 0 || (cell == self->drag_start && self->anchor == self->cursor))
    return;
  /* Dragging across cells selects a range instead of text. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  drag_select_to (self, cell, TRUE);
}

/* Released, or taken away by a grab: the scrolling stops, and the cursor
 * cell it left at the edge, partly out of view or under a frozen band, comes
 * fully into view. */
static void
end_drag (NbSheet *self)
{
  if (self->autoscroll_id != 0 && self->cursor >= 0)
    reveal_cell (self, (guint)self->cursor);
  stop_autoscroll (self);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                NbSheet        *self)
{
  end_drag (self);
}

static void
on_drag_cancel_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   NbSheet          *self)
{
  end_drag (self);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   NbSheet               *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  guint cursor;

  /* A click after typing starts afresh: not the second of a double click. */
  self->last_press_cell = -1;
  if (self->cursor < 0)
    return GDK_EVENT_PROPAGATE;
  cursor = (guint)self->cursor;
  if (state & GDK_ALT_MASK)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      {
        int direction = (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) ? -1 : 1;
        int target;

        if (control)
          return GDK_EVENT_PROPAGATE;
        self->tab_column = -1;
        if (self->goal_column < 0)
          self->goal_column = (int)item_of (self, cursor)->column;
        target = find_vertical (self, cursor, direction, FALSE);
        {
          int goal = self->goal_column;

          move_to (self, target, shift);
          self->goal_column = goal;
        }
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (control || (self->edit_mode && !shift))
        return GDK_EVENT_PROPAGATE;
      self->goal_column = -1;
      self->tab_column = -1;
      move_to (self,
               (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
                 ? find_left (self, cursor, FALSE, FALSE)
                 : find_right (self, cursor, FALSE, FALSE),
               shift);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      {
        int target;

        /* After a run of Tabs, Enter goes back to the column the run began
         * in, on the next row, as Calc does: a row typed with Tabs and
         * ended with Enter puts the cursor at the start of the next. */
        if (self->tab_column >= 0)
          self->goal_column = self->tab_column;
        self->tab_column = -1;
        if (self->goal_column < 0)
          self->goal_column = (int)item_of (self, cursor)->column;
        target = find_vertical (self, cursor, shift ? -1 : 1, TRUE);
        if (target < 0)
          {
            /* At the edge: commit and stay. */
            commit_cell (self, cursor);
            self->edit_mode = FALSE;
            gtk_editable_select_region (GTK_EDITABLE (self->entries[cursor]), 0, -1);
            return GDK_EVENT_STOP;
          }
        {
          int goal = self->goal_column;

          move_to (self, target, FALSE);
          self->goal_column = goal;
        }
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      {
        gboolean back = shift || keyval == GDK_KEY_ISO_Left_Tab;
        /* A run of entry stops only where the clerk can type. */
        int target = back ? find_left (self, cursor, TRUE, TRUE)
                          : find_right (self, cursor, TRUE, TRUE);

        if (control)
          return GDK_EVENT_PROPAGATE;
        self->goal_column = -1;
        if (target < 0)
          {
            /* Leaving the table: keep what was typed. */
            commit_cell (self, cursor);
            self->tab_column = -1;
            return GDK_EVENT_PROPAGATE;
          }
        if (self->tab_column < 0)
          self->tab_column = (int)item_of (self, cursor)->column;
        move_to (self, target, FALSE);
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Escape:
      {
        g_autofree char *text = nb_report_dup_cell_text (self->report, self->table, cursor);

        if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->entries[cursor]))) == 0
            && !self->edit_mode)
          return GDK_EVENT_PROPAGATE;
        gtk_editable_set_text (GTK_EDITABLE (self->entries[cursor]), text);
        gtk_editable_select_region (GTK_EDITABLE (self->entries[cursor]), 0, -1);
        self->edit_mode = FALSE;
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (self->edit_mode || control || shift)
        return GDK_EVENT_PROPAGATE;
      clear_selection (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      {
        gboolean end = keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End;

        if (self->edit_mode && !control)
          return GDK_EVENT_PROPAGATE;
        self->goal_column = -1;
        self->tab_column = -1;
        move_to (self, control ? find_table_end (self, end) : find_row_end (self, cursor, end),
                 shift);
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_F2:
      start_editing (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      if (keyval == GDK_KEY_F10 && !(shift && !control))
        return GDK_EVENT_PROPAGATE;
      popup_menu_at_cursor (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_c:
    case GDK_KEY_C:
    case GDK_KEY_x:
    case GDK_KEY_X:
      if (!control || shift)
        return GDK_EVENT_PROPAGATE;
      if (self->edit_mode && self->anchor == self->cursor)
        return GDK_EVENT_PROPAGATE;
      commit_cell (self, cursor);
      copy_selection (self);
      if (keyval == GDK_KEY_x || keyval == GDK_KEY_X)
        clear_selection (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_v:
    case GDK_KEY_V:
      if (!control || shift)
        return GDK_EVENT_PROPAGATE;
      if (self->edit_mode)
        return GDK_EVENT_PROPAGATE;
      gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), NULL,
                                     on_paste_ready_cb, g_object_ref (self));
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Layout */

/* Which header rows and label columns can stay in place: the leading rows of
 * column headers (unless a later block of the table has header rows of its
 * own, as table 2 does: the first block's would stand over the others), and
 * the columns left of the values; each only along a line no merged cell
 * crosses. */
static void
find_frozen (NbSheet *self)
{
  guint n_layout = nb_edition_table_get_n_layout (self->table);
  guint rows = self->height, columns = self->width;

  for (guint i = 0; i < n_layout; i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (self->table, i);

      if (!item->is_header)
        rows = MIN (rows, item->row);
      if (item->role == NB_LAYOUT_VALUE)
        columns = MIN (columns, item->column);
    }
  for (guint i = 0; i < n_layout; i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (self->table, i);

      if ((item->is_header && item->row >= rows)
          || (item->row < rows && item->row + item->row_span > rows))
        rows = 0;
      if (item->column < columns && item->column + item->column_span > columns)
        columns = 0;
    }
  self->frozen_rows = rows < self->height ? rows : 0;
  self->frozen_columns = columns < self->width ? columns : 0;
}

static guint
pane_of (NbSheet            *self,
         const NbLayoutItem *item,
         gboolean            rows_frozen,
         gboolean            columns_frozen)
{
  guint pane = PANE_BODY;

  if (rows_frozen && item->row < self->frozen_rows)
    pane |= PANE_TOP;
  if (columns_frozen && item->column < self->frozen_columns)
    pane |= PANE_LEFT;
  return pane;
}

static int
span_size (const int *sizes,
           guint      first,
           guint      span)
{
  int size = 0;

  for (guint i = 0; i < span; i++)
    size += sizes[first + i];
  return size;
}

/* A merged cell that needs more than its lines give: share out the rest
 * evenly, as GtkGrid does. */
static void
grow_span (int   *sizes,
           guint  first,
           guint  span,
           int    need)
{
  int extra = need - span_size (sizes, first, span);

  for (guint i = 0; extra > 0 && i < span; i++)
    sizes[first + i] += extra / (int)span + ((int)i < extra % (int)span ? 1 : 0);
}

static void
measure_columns (NbSheet *self,
                 int     *minimum,
                 int     *natural)
{
  guint n_layout = nb_edition_table_get_n_layout (self->table);

  memset (self->column_min, 0, self->width * sizeof (int));
  memset (self->column_nat, 0, self->width * sizeof (int));
  /* Single columns first, then ever wider merged cells. */
  for (guint span = 1; span <= self->width; span++)
    for (guint i = 0; i < n_layout; i++)
      {
        const NbLayoutItem *item = nb_edition_table_get_layout (self->table, i);
        int min = 0, nat = 0;

        if (item->column_span != span)
          continue;
        gtk_widget_measure (self->children[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat,
                            NULL, NULL);
        grow_span (self->column_min, item->column, span, min);
        grow_span (self->column_nat, item->column, span, nat);
      }
  *minimum = *natural = 0;
  for (guint c = 0; c < self->width; c++)
    {
      self->column_nat[c] = MAX (self->column_nat[c], self->column_min[c]);
      *minimum += self->column_min[c];
      *natural += self->column_nat[c];
    }
}

/* Column widths for a width to fill (-1: natural): between the minimum,
 * where labels wrap most, and the natural widths.  Returns the total. */
static int
layout_columns (NbSheet *self,
                int      for_width)
{
  int minimum, natural;

  measure_columns (self, &minimum, &natural);
  if (for_width < 0 || for_width >= natural)
    memcpy (self->column_size, self->column_nat, self->width * sizeof (int));
  else if (for_width <= minimum)
    memcpy (self->column_size, self->column_min, self->width * sizeof (int));
  else
    {
      g_autofree GtkRequestedSize *sizes = g_new0 (GtkRequestedSize, self->width);

      for (guint c = 0; c < self->width; c++)
        {
          sizes[c].minimum_size = self->column_min[c];
          sizes[c].natural_size = self->column_nat[c];
        }
      gtk_distribute_natural_allocation (for_width - minimum, self->width, sizes);
      for (guint c = 0; c < self->width; c++)
        self->column_size[c] = sizes[c].minimum_size;
    }
  for (guint c = 0, x = 0; c < self->width; x += (guint)self->column_size[c], c++)
    self->column_pos[c] = (int)x;
  return span_size (self->column_size, 0, self->width);
}

/* Row heights for the column widths of layout_columns().  Returns the total. */
static int
layout_rows (NbSheet *self)
{
  guint n_layout = nb_edition_table_get_n_layout (self->table);

  memset (self->row_min, 0, self->height * sizeof (int));
  memset (self->row_nat, 0, self->height * sizeof (int));
  for (guint span = 1; span <= self->height; span++)
    for (guint i = 0; i < n_layout; i++)
      {
        const NbLayoutItem *item = nb_edition_table_get_layout (self->table, i);
        int min = 0, nat = 0;

        if (item->row_span != span)
          continue;
        gtk_widget_measure (self->children[i], GTK_ORIENTATION_VERTICAL,
                            span_size (self->column_size, item->column, item->column_span),
                            &min, &nat, NULL, NULL);
        grow_span (self->row_min, item->row, span, min);
        grow_span (self->row_nat, item->row, span, nat);
      }
  for (guint r = 0, y = 0; r < self->height; y += (guint)self->row_size[r], r++)
    {
      self->row_size[r] = MAX (self->row_nat[r], self->row_min[r]);
      self->row_pos[r] = (int)y;
    }
  return span_size (self->row_size, 0, self->height);
}

/* The scroll value that shows [position, position + size) in the part of
 * the page the frozen band leaves free, moving as little as possible. */
static double
reveal_value (double value,
              int    position,
              int    size,
              int    frozen,
              int    page)
{
  if (position + size > value + page)
    value = position + size - page;
  if (position < value + frozen)
    value = position - frozen;
  return value;
}

/* A merged label of a frozen pane, partly scrolled away, keeps its text in
 * view: it gets the visible part of its cells, or at least the room its text
 * needs.  (Past the end of the page by a pixel, so that its closing border
 * line does not show there.) */
static void
fit_visible (int *position,
             int *size,
             int  frozen,
             int  page,
             int  need)
{
  int first = *position, last = *position + *size;
  int start = MAX (first, frozen), end = MIN (last, page + 1);

  if (end <= start)
    return;
  if (end - start < need)
    {
      if (end == last)
        start = MAX (first, end - need);
      else
        end = MIN (last, start + need);
    }
  *position = start;
  *size = end - start;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      int            content,
                      int            page,
                      int            frozen)
{
  double upper = MAX (content, page);
  double value = CLAMP (gtk_adjustment_get_value (adjustment), 0, upper - page);
  int body = MAX (page - frozen, 1);

  gtk_adjustment_configure (adjustment, value, 0, upper, body * 0.1, body * 0.9, page);
}

static void
on_adjustment_value_changed_cb (NbSheet *self)
{
  if (!self->allocating)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (NbSheet        *self,
                GtkOrientation  orientation,
                GtkAdjustment  *adjustment)
{
  GtkAdjustment **slot = orientation == GTK_ORIENTATION_HORIZONTAL ? &self->hadjustment
                                                                   : &self->vadjustment;

  if (adjustment != NULL && adjustment == *slot)
    return;
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (on_adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), orientation == GTK_ORIENTATION_HORIZONTAL ? "hadjustment"
                                                                              : "vadjustment");
}

/* How much of the sheet's end a folded flap (the checks panel of a narrow
 * window, which overlays the page) covers; 0 when it covers nothing or so
 * much that the rest would be too narrow to use. */
static int
covered_width (NbSheet *self,
               int      width)
{
  GtkWidget *flap_child;
  graphene_rect_t bounds;
  int start;

  if (self->flap == NULL || !adw_flap_get_folded (self->flap)
      || adw_flap_get_reveal_progress (self->flap) <= 0)
    return 0;
  flap_child = adw_flap_get_flap (self->flap);
  if (flap_child == NULL || !gtk_widget_get_mapped (flap_child)
      || !gtk_widget_compute_bounds (flap_child, GTK_WIDGET (self), &bounds))
    return 0;
  start = MAX ((int)bounds.origin.x, 0);
  if (start >= width || bounds.origin.x + bounds.size.width <= 0 || start < width / 3)
    return 0;
  return width - start;
}

/* The flap and the sheet are allocated in the same pass, in an order the
 * sheet does not know: once it is over, look again with the flap's new
 * place, and lay out again if it covers a different part. */
static gboolean
recheck_inset_cb (gpointer data)
{
  NbSheet *self = data;

  self->inset_idle_id = 0;
  if (covered_width (self, gtk_widget_get_width (GTK_WIDGET (self))) != self->end_inset)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
on_flap_changed_cb (NbSheet *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
nb_sheet_root (GtkWidget *widget)
{
  NbSheet *self = NB_SHEET (widget);
  GtkWidget *flap;

  GTK_WIDGET_CLASS (nb_sheet_parent_class)->root (widget);
  flap = gtk_widget_get_ancestor (widget, ADW_TYPE_FLAP);
  if (flap == NULL)
    return;
  self->flap = ADW_FLAP (flap);
  g_signal_connect_object (flap, "notify::folded", G_CALLBACK (on_flap_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (flap, "notify::reveal-progress", G_CALLBACK (on_flap_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
nb_sheet_unroot (GtkWidget *widget)
{
  NbSheet *self = NB_SHEET (widget);

  if (self->flap != NULL)
    g_signal_handlers_disconnect_by_func (self->flap, on_flap_changed_cb, self);
  self->flap = NULL;
  self->end_inset = 0;
  g_clear_handle_id (&self->inset_idle_id, g_source_remove);
  GTK_WIDGET_CLASS (nb_sheet_parent_class)->unroot (widget);
}

static GtkSizeRequestMode
nb_sheet_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
nb_sheet_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  NbSheet *self = NB_SHEET (widget);

  *minimum = *natural = 0;
  if (self->children == NULL)
    return;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    measure_columns (self, minimum, natural);
  else
    {
      layout_columns (self, for_size);
      /* Rows get their natural height: the sheet scrolls. */
      *minimum = *natural = layout_rows (self);
    }
}

static void
nb_sheet_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  NbSheet *self = NB_SHEET (widget);
  guint n_layout;
  int content_width, content_height, x, y;

  if (self->children == NULL)
    return;
  n_layout = nb_edition_table_get_n_layout (self->table);
  /* What a folded checks panel covers is no place for columns: the sheet
   * lays out and scrolls in the part left of it. */
  self->end_inset = covered_width (self, width);
  width -= self->end_inset;
  if (self->inset_idle_id == 0 && self->flap != NULL)
    self->inset_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, recheck_inset_cb, self, NULL);
  content_width = layout_columns (self, width);
  content_height = layout_rows (self);

  /* A frozen band that takes too much of the page leaves too little to
   * scroll in: then it scrolls too.  The row labels may take up to two
   * thirds (they say which row a number is for), the headers half. */
  self->frozen_width = span_size (self->column_size, 0, self->frozen_columns);
  self->frozen_height = span_size (self->row_size, 0, self->frozen_rows);
  self->columns_frozen = self->frozen_columns > 0 && 3 * self->frozen_width <= 2 * width;
  self->rows_frozen = self->frozen_rows > 0 && 2 * self->frozen_height <= height;
  if (!self->columns_frozen)
    self->frozen_width = 0;
  if (!self->rows_frozen)
    self->frozen_height = 0;

  self->allocating = TRUE;
  configure_adjustment (self->hadjustment, content_width, width, self->frozen_width);
  configure_adjustment (self->vadjustment, content_height, height, self->frozen_height);
  if (self->reveal >= 0 && (guint)self->reveal < self->n_cells)
    {
      const NbLayoutItem *item = item_of (self, (guint)self->reveal);
      guint pane = pane_of (self, item, self->rows_frozen, self->columns_frozen);

      if (!(pane & PANE_LEFT))
        gtk_adjustment_set_value (self->hadjustment,
                                  reveal_value (gtk_adjustment_get_value (self->hadjustment),
                                                self->column_pos[item->column],
                                                span_size (self->column_size, item->column,
                                                           item->column_span),
                                                self->frozen_width, width));
      if (!(pane & PANE_TOP))
        gtk_adjustment_set_value (self->vadjustment,
                                  reveal_value (gtk_adjustment_get_value (self->vadjustment),
                                                self->row_pos[item->row],
                                                span_size (self->row_size, item->row,
                                                           item->row_span),
                                                self->frozen_height, height));
    }
  self->reveal = -1;
  self->allocating = FALSE;

  x = (int)gtk_adjustment_get_value (self->hadjustment);
  y = (int)gtk_adjustment_get_value (self->vadjustment);
  for (guint i = 0; i < n_layout; i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (self->table, i);
      guint pane = pane_of (self, item, self->rows_frozen, self->columns_frozen);
      GtkAllocation allocation = {
        self->column_pos[item->column] - (pane & PANE_LEFT ? 0 : x),
        self->row_pos[item->row] - (pane & PANE_TOP ? 0 : y),
        span_size (self->column_size, item->column, item->column_span),
        span_size (self->row_size, item->row, item->row_span),
      };

      int need = 0;

      if (pane == PANE_LEFT && item->row_span > 1)
        {
          gtk_widget_measure (self->children[i], GTK_ORIENTATION_VERTICAL, allocation.width,
                              &need, NULL, NULL, NULL);
          fit_visible (&allocation.y, &allocation.height, self->frozen_height, height, need);
        }
      else if (pane == PANE_TOP && item->column_span > 1)
        {
          gtk_widget_measure (self->children[i], GTK_ORIENTATION_HORIZONTAL, -1, &need, NULL,
                              NULL, NULL);
          fit_visible (&allocation.x, &allocation.width, self->frozen_width, width, need);
        }
      gtk_widget_size_allocate (self->children[i], &allocation, -1);
    }
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

/* Each pane clipped to its part of the page: the body under the frozen
 * bands, then the row labels, the column headers, the corner. */
static void
nb_sheet_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  NbSheet *self = NB_SHEET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int fw = self->frozen_width, fh = self->frozen_height;
  const graphene_rect_t clips[N_PANES] = {
    [PANE_BODY] = GRAPHENE_RECT_INIT (fw, fh, width - fw, height - fh),
    [PANE_LEFT] = GRAPHENE_RECT_INIT (0, fh, fw, height - fh),
    [PANE_TOP] = GRAPHENE_RECT_INIT (fw, 0, width - fw, fh),
    [PANE_CORNER] = GRAPHENE_RECT_INIT (0, 0, fw, fh),
  };
  guint n_layout;

  if (self->children == NULL)
    return;
  n_layout = nb_edition_table_get_n_layout (self->table);
  for (guint pane = 0; pane < N_PANES; pane++)
    {
      if (clips[pane].size.width <= 0 || clips[pane].size.height <= 0)
        continue;
      gtk_snapshot_push_clip (snapshot, &clips[pane]);
      for (guint i = 0; i < n_layout; i++)
        if (pane_of (self, nb_edition_table_get_layout (self->table, i), self->rows_frozen,
                     self->columns_frozen) == pane)
          gtk_widget_snapshot_child (widget, self->children[i], snapshot);
      gtk_snapshot_pop (snapshot);
    }
}

static void
nb_sheet_unmap (GtkWidget *widget)
{
  /* A drag cut short by the page going away leaves nothing scrolling. */
  stop_autoscroll (NB_SHEET (widget));

  GTK_WIDGET_CLASS (nb_sheet_parent_class)->unmap (widget);
}

static void
nb_sheet_set_focus_child (GtkWidget *widget,
                          GtkWidget *child)
{
  NbSheet *self = NB_SHEET (widget);
  int cell;

  GTK_WIDGET_CLASS (nb_sheet_parent_class)->set_focus_child (widget, child);
  /* However focus came (a click, Tab from outside, a screen reader), the
   * cell is not left under a frozen header. */
  cell = child != NULL ? cell_of_widget (self, child) : -1;
  if (cell >= 0)
    reveal_cell (self, (guint)cell);
}

/* The grid is one stop in the window's Tab chain.  Tab inside it is the
 * key controller's: when a Tab gets here, no cell to type is left that way
 * and the focus leaves the table, instead of landing on a computed total.
 * Coming in, the focus goes to the cell the clerk was in, or the first (last,
 * going back) cell to type. */
static gboolean
nb_sheet_focus (GtkWidget        *widget,
                GtkDirectionType  direction)
{
  NbSheet *self = NB_SHEET (widget);
  int target = self->cursor;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (nb_sheet_parent_class)->focus (widget, direction);
  if (gtk_widget_get_focus_child (widget) != NULL || self->n_cells == 0)
    return FALSE;
  if (target < 0 || (guint)target >= self->n_cells)
    {
      target = find_table_end (self, direction == GTK_DIR_TAB_BACKWARD);
      if (target >= 0 && is_computed (self, (guint)target))
        target = direction == GTK_DIR_TAB_BACKWARD ? find_left (self, (guint)target, TRUE, TRUE)
                                                   : find_right (self, (guint)target, TRUE, TRUE);
    }
  if (target < 0)
    return FALSE;
  return gtk_widget_grab_focus (self->entries[target]);
}

/* Building */

static GtkWidget *
make_label (const NbLayoutItem *item)
{
  GtkWidget *label = gtk_label_new (item->text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "sheet-item");
  switch (item->role)
    {
    case NB_LAYOUT_CORNER:
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_widget_add_css_class (label, "sheet-header");
      break;
    case NB_LAYOUT_HEADER:
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 7);
      gtk_widget_add_css_class (label, "sheet-header");
      break;
    case NB_LAYOUT_BLOCK:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "sheet-block");
      break;
    case NB_LAYOUT_GROUP:
      /* Wide enough that "（三）不予公开" wraps once at most. */
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 7);
      gtk_widget_add_css_class (label, "sheet-group");
      break;
    case NB_LAYOUT_LABEL:
    default:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_LEFT);
      /* Narrow windows: the labels wrap onto more lines before the value
       * columns go out of sight. */
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_add_css_class (label, "sheet-label");
      break;
    }
  return label;
}

static GtkWidget *
make_entry (NbSheet *self,
            guint    cell)
{
  const NbEditionCell *c = nb_edition_table_get_cell (self->table, cell);
  g_autofree char *label = nb_edition_table_dup_cell_label (self->table, cell);
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (entry), "nb-sheet-cell", GINT_TO_POINTER ((int)cell + 1));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), base_width_chars (self, cell));
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  /* Undo is the document's (NbReport), across cells and text. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), c->kind == NB_VALUE_MONEY
                                                    ? GTK_INPUT_PURPOSE_NUMBER
                                                    : GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (entry, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (entry, "sheet-cell");
  if (c->computed)
    {
      gtk_editable_set_editable (GTK_EDITABLE (entry), FALSE);
      gtk_widget_add_css_class (entry, "computed");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, c->computed,
                                  -1);
  g_signal_connect (focus, "enter", G_CALLBACK (on_entry_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  /* A cell keeps what cannot be read as a value, so it is text too. */
  nb_input_guard_editable (GTK_EDITABLE (entry));
  return entry;
}

static void
build (NbSheet *self)
{
  guint n_layout = nb_edition_table_get_n_layout (self->table);

  self->width = nb_edition_table_get_grid_width (self->table);
  self->height = nb_edition_table_get_grid_height (self->table);
  self->n_cells = nb_edition_table_get_n_cells (self->table);
  self->entries = g_new0 (GtkWidget *, MAX (self->n_cells, 1));
  self->selected = g_new0 (gboolean, MAX (self->n_cells, 1));
  self->shown_invalid = g_new (gint8, MAX (self->n_cells, 1));
  memset (self->shown_invalid, -1, MAX (self->n_cells, 1));
  self->map = g_new (int, MAX (self->width * self->height, 1));
  for (guint i = 0; i < self->width * self->height; i++)
    self->map[i] = -1;
  self->column_min = g_new0 (int, MAX (self->width, 1));
  self->column_nat = g_new0 (int, MAX (self->width, 1));
  self->column_size = g_new0 (int, MAX (self->width, 1));
  self->column_pos = g_new0 (int, MAX (self->width, 1));
  self->row_min = g_new0 (int, MAX (self->height, 1));
  self->row_nat = g_new0 (int, MAX (self->height, 1));
  self->row_size = g_new0 (int, MAX (self->height, 1));
  self->row_pos = g_new0 (int, MAX (self->height, 1));
  self->children = g_new0 (GtkWidget *, MAX (n_layout, 1));
  find_frozen (self);

  for (guint i = 0; i < n_layout; i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (self->table, i);
      GtkWidget *child;

      if (item->role == NB_LAYOUT_VALUE && item->cell >= 0 && (guint)item->cell < self->n_cells)
        {
          child = make_entry (self, (guint)item->cell);
          self->entries[item->cell] = child;
          for (guint r = item->row; r < item->row + item->row_span && r < self->height; r++)
            for (guint c = item->column; c < item->column + item->column_span && c < self->width; c++)
              self->map[r * self->width + c] = item->cell;
        }
      else if (item->role == NB_LAYOUT_EMPTY)
        {
          child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          gtk_widget_add_css_class (child, "sheet-item");
        }
      else
        child = make_label (item);
      /* The outer border of the table: the cells draw their right and
       * bottom edges. */
      if (item->row == 0)
        gtk_widget_add_css_class (child, "first-row");
      if (item->column == 0)
        gtk_widget_add_css_class (child, "first-column");
      self->children[i] = child;
    }
  /* The frozen panes last, so that they are on top for the pointer. */
  for (guint pane = 0; pane < N_PANES; pane++)
    for (guint i = 0; i < n_layout; i++)
      if (pane_of (self, nb_edition_table_get_layout (self->table, i), TRUE, TRUE) == pane)
        gtk_widget_set_parent (self->children[i], GTK_WIDGET (self));
  for (guint i = 0; i < self->n_cells; i++)
    {
      if (self->entries[i] == NULL)
        {
          /* Every value cell must be on screen: the layout data is broken. */
          g_critical ("Cell %u of table %s has no place in the layout", i, self->table_id);
          self->entries[i] = gtk_entry_new ();
          continue;
        }
      repaint_cell (self, i);
    }
}

/* GObject */

static void
nb_sheet_constructed (GObject *object)
{
  NbSheet *self = (NbSheet *)object;
  NbEdition *edition;

  G_OBJECT_CLASS (nb_sheet_parent_class)->constructed (object);

  g_assert (self->report != NULL);
  edition = nb_report_get_edition (self->report);
  self->table = nb_edition_find_table (edition, self->table_id);
  g_return_if_fail (self->table != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  nb_edition_table_get_caption (self->table), -1);
  build (self);
  g_signal_connect_object (self->report, "cell-changed", G_CALLBACK (on_cell_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
nb_sheet_dispose (GObject *object)
{
  NbSheet *self = (NbSheet *)object;

  GtkWidget *child;

  stop_autoscroll (self);
  g_clear_handle_id (&self->inset_idle_id, g_source_remove);
  self->menu = NULL; /* unparented with the cells */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->children, g_free);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_sheet_parent_class)->dispose (object);
}

static void
nb_sheet_finalize (GObject *object)
{
  NbSheet *self = (NbSheet *)object;

  g_free (self->entries);
  g_free (self->selected);
  g_free (self->shown_invalid);
  g_free (self->map);
  g_free (self->column_min);
  g_free (self->column_nat);
  g_free (self->column_size);
  g_free (self->column_pos);
  g_free (self->row_min);
  g_free (self->row_nat);
  g_free (self->row_size);
  g_free (self->row_pos);
  g_free (self->table_id);

  G_OBJECT_CLASS (nb_sheet_parent_class)->finalize (object);
}

static void
nb_sheet_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NbSheet *self = NB_SHEET (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_TABLE_ID:
      g_value_set_string (value, self->table_id);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_sheet_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NbSheet *self = NB_SHEET (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_TABLE_ID:
      self->table_id = g_value_dup_string (value);
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, GTK_ORIENTATION_VERTICAL, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint)g_value_get_enum (value))
        {
          self->hscroll_policy = (guint)g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint)g_value_get_enum (value))
        {
          self->vscroll_policy = (guint)g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_sheet_class_init (NbSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_sheet_constructed;
  object_class->dispose = nb_sheet_dispose;
  object_class->finalize = nb_sheet_finalize;
  object_class->get_property = nb_sheet_get_property;
  object_class->set_property = nb_sheet_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TABLE_ID] =
    g_param_spec_string ("table-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  widget_class->get_request_mode = nb_sheet_get_request_mode;
  widget_class->measure = nb_sheet_measure;
  widget_class->size_allocate = nb_sheet_size_allocate;
  widget_class->snapshot = nb_sheet_snapshot;
  widget_class->unmap = nb_sheet_unmap;
  widget_class->root = nb_sheet_root;
  widget_class->unroot = nb_sheet_unroot;
  widget_class->set_focus_child = nb_sheet_set_focus_child;
  widget_class->focus = nb_sheet_focus;

  /**
   * NbSheet::message:
   *
   * Something the user should read: a paste that was refused and why.
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "sheet.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "sheet.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "sheet.clear", NULL, clear_action);

  gtk_widget_class_set_css_name (widget_class, "sheet");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
nb_sheet_init (NbSheet *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *menu = gtk_gesture_click_new ();

  self->cursor = -1;
  self->anchor = -1;
  self->drag_start = -1;
  self->last_press_cell = -1;
  self->goal_column = -1;
  self->tab_column = -1;
  self->reveal = -1;
  set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, NULL);
  set_adjustment (self, GTK_ORIENTATION_VERTICAL, NULL);

  /* Capture: the sheet sees navigation keys before the cell's text does. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (menu), GTK_PHASE_CAPTURE);
  g_signal_connect (menu, "pressed", G_CALLBACK (on_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (menu));

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  /* Grouped: the click claims the press (so the entry never places its
   * caret), and the drag keeps following it to select a range. */
  gtk_gesture_group (GTK_GESTURE (click), GTK_GESTURE (drag));
}

GtkWidget *
nb_sheet_new (NbReport   *report,
              const char *table_id)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  g_return_val_if_fail (table_id != NULL, NULL);

  return g_object_new (NB_TYPE_SHEET, "report", report, "table-id", table_id, NULL);
}

NbReport *
nb_sheet_get_report (NbSheet *self)
{
  g_return_val_if_fail (NB_IS_SHEET (self), NULL);
  return self->report;
}

const NbEditionTable *
nb_sheet_get_table (NbSheet *self)
{
  g_return_val_if_fail (NB_IS_SHEET (self), NULL);
  return self->table;
}

/* The widget that shows a layout item: a header, a label, a value cell. */
GtkWidget *
nb_sheet_get_layout_widget (NbSheet *self,
                            guint    index)
{
  g_return_val_if_fail (NB_IS_SHEET (self), NULL);
  g_return_val_if_fail (self->children != NULL, NULL);
  g_return_val_if_fail (index < nb_edition_table_get_n_layout (self->table), NULL);
  return self->children[index];
}

GtkWidget *
nb_sheet_get_cell_widget (NbSheet *self,
                          guint    cell)
{
  g_return_val_if_fail (NB_IS_SHEET (self), NULL);
  g_return_val_if_fail (cell < self->n_cells, NULL);
  return self->entries[cell];
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
  move_to (self, (int)cell, FALSE);
}

void
nb_sheet_select_range (NbSheet *self,
                       guint    anchor,
                       guint    cursor)
{
  g_return_if_fail (NB_IS_SHEET (self));
  g_return_if_fail (anchor < self->n_cells && cursor < self->n_cells);

  move_to (self, (int)anchor, FALSE);
  move_to (self, (int)cursor, TRUE);
}

/* Commits what is typed in the current cell: before saving, printing, … */
gboolean
nb_sheet_commit (NbSheet *self)
{
  g_return_val_if_fail (NB_IS_SHEET (self), FALSE);

  if (self->cursor < 0)
    return TRUE;
  return commit_cell (self, (guint)self->cursor);
}
