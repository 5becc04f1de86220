/* nb-sheet-layout.c: the frozen-pane layout of the sheet, and its scrolling
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include "nb-sheet-private.h"

/* The sheet lays its cells out itself, as a GtkGrid would (spans, labels that
 * wrap), and scrolls itself (GtkScrollable): the column header rows at the
 * top and the row label columns at the left keep their place while the value
 * cells scroll under them, like the frozen panes of a spreadsheet. */

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

/* The sheet is laid out again at the start of the next frame, in its
 * update phase, never at once: the focus and the adjustments that ask for
 * it can change in the middle of another widget's allocation.  GTK 4.8
 * then marks the sheet and its parents up to the widget being allocated,
 * which unmarks itself when its allocation ends, so no layout comes and the
 * sheet is drawn without one ("Trying to snapshot NbSheet without a current
 * allocation"; a core of the stress run showed the table page's parents
 * marked up to the stack and the checks flap around it not).  The frame
 * lays out after its update phase, so nothing waits longer. */
static gboolean
relayout_cb (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       data)
{
  NB_SHEET (widget)->relayout_id = 0;
  gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

void
_nb_sheet_queue_relayout (NbSheet *self)
{
  if (self->relayout_id == 0)
    self->relayout_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), relayout_cb, NULL, NULL);
}

void
_nb_sheet_cancel_relayout (NbSheet *self)
{
  if (self->relayout_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->relayout_id);
  self->relayout_id = 0;
}

static void
on_adjustment_value_changed_cb (NbSheet *self)
{
  if (!self->allocating)
    _nb_sheet_queue_relayout (self);
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

void
_nb_sheet_class_layout_init (NbSheetClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = nb_sheet_get_request_mode;
  widget_class->measure = nb_sheet_measure;
  widget_class->size_allocate = nb_sheet_size_allocate;
  widget_class->snapshot = nb_sheet_snapshot;
}

/* Which rows and columns can freeze; then the children, the frozen panes
 * last, so that they are on top for the pointer. */
void
_nb_sheet_parent_children (NbSheet *self)
{
  guint n_layout = nb_edition_table_get_n_layout (self->table);

  find_frozen (self);
  for (guint pane = 0; pane < N_PANES; pane++)
    for (guint i = 0; i < n_layout; i++)
      if (pane_of (self, nb_edition_table_get_layout (self->table, i), TRUE, TRUE) == pane)
        gtk_widget_set_parent (self->children[i], GTK_WIDGET (self));
}

/* Scrolls the cell into view at the next allocation, clear of the frozen
 * headers and labels. */
void
_nb_sheet_reveal_cell (NbSheet *self,
                       guint    cell)
{
  /* While a drag scrolls the sheet, the scrolling decides what shows:
   * revealing the cursor cell would pull the view back a row at a time. */
  if (self->holding_view)
    return;
  self->reveal = (int)cell;
  _nb_sheet_queue_relayout (self);
}

/* The value cell nearest to the pointer once it is brought inside the
 * scrolling body: the cell along the edge it went past, clear of the frozen
 * bands. */
int
_nb_sheet_cell_near (NbSheet *self,
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

void
_nb_sheet_set_adjustment (NbSheet        *self,
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

void
_nb_sheet_clear_adjustments (NbSheet *self)
{
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
}
