/* nb-render-walk.c: the laid-out pages walked for every output: each
 * line of text and each rule, in drawing order, handed to a visitor
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <pango/pango.h>

#include "nb-render-private.h"

/* Every output walks the laid-out pages the same way, the cairo one
 * (nb-render-draw.c) and the OFD writer alike: what they draw can only
 * differ in the drawing. */
typedef struct
{
  NbRender            *self;
  const NbPageVisitor *visitor;
  gpointer             user_data;
} Walk;

/* Each line of @layout, its top left at (@x, @y), as
 * pango_renderer_draw_layout() places them. */
static void
walk_layout (Walk                    *walk,
             const cairo_matrix_t    *ctm,
             double                   x,
             double                   y,
             PangoLayout             *layout,
             const cairo_rectangle_t *clip)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  NbFontRole role = _nb_render_layout_get_role (layout);

  do
    {
      PangoRectangle logical;
      double baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = y + FROM_PU (pango_layout_iter_get_baseline (iter));
      /* A line the clip hides whole is not there at all. */
      if (clip != NULL
          && (y + FROM_PU (logical.y) >= clip->y + clip->height - EPSILON
              || y + FROM_PU (logical.y + logical.height) <= clip->y + EPSILON))
        continue;
      walk->visitor->text_line (walk->user_data, ctm, x + FROM_PU (logical.x), baseline,
                                pango_layout_iter_get_line_readonly (iter), role, clip);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
walk_lines (Walk                 *walk,
            const cairo_matrix_t *ctm,
            Item                 *item)
{
  PangoLayoutIter *iter = pango_layout_get_iter (item->layout);
  NbFontRole role = _nb_render_layout_get_role (item->layout);
  int index = 0;

  do
    {
      PangoRectangle logical;
      double top, baseline;

      if (index < item->first_line)
        continue;
      if (index >= item->first_line + item->n_lines)
        break;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      /* Centred on its grid line, whatever the font's ascent. */
      top = item->y + (index - item->first_line) * item->pitch;
      baseline = top + (item->pitch - FROM_PU (logical.height)) / 2
                 + FROM_PU (pango_layout_iter_get_baseline (iter) - logical.y);
      walk->visitor->text_line (walk->user_data, ctm, item->x + FROM_PU (logical.x), baseline,
                                pango_layout_iter_get_line_readonly (iter), role, NULL);
    }
  while (index++, pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static double
row_top (TableLayout *t,
         guint        first,
         guint        row)
{
  return _nb_render_table_rows_height (t, first, row);
}

static void
walk_table (Walk                 *walk,
            const cairo_matrix_t *page_ctm,
            Item                 *item)
{
  TableLayout *t = item->table;
  guint n = nb_edition_table_get_n_layout (t->table);
  double pad = MAX (2.0, t->font_size * 0.25);
  double height = _nb_render_table_rows_height (t, item->first_row, item->end_row);
  cairo_matrix_t ctm;

  cairo_matrix_init_translate (&ctm, item->x, item->y);
  cairo_matrix_multiply (&ctm, &ctm, page_ctm);
  for (guint i = 0; i < n; i++)
    {
      const NbLayoutItem *li = nb_edition_table_get_layout (t->table, i);
      guint first = MAX (li->row, item->first_row);
      guint end = MIN (li->row + li->row_span, item->end_row);
      cairo_rectangle_t cell;

      if (first >= end)
        continue;
      cell.x = t->column_x[li->column];
      cell.width = t->column_x[li->column + li->column_span] - cell.x;
      cell.y = row_top (t, item->first_row, first);
      cell.height = _nb_render_table_rows_height (t, first, end);
      walk->visitor->rectangle (walk->user_data, &ctm, &cell, 0.6);

      /* A label cut by a page break is printed again on the next page. */
      if (t->layouts[i] != NULL)
        {
          double h = _nb_render_layout_height (t->layouts[i]);

          walk_layout (walk, &ctm, cell.x + pad, cell.y + MAX (0, (cell.height - h) / 2),
                       t->layouts[i], &cell);
        }
    }
  /* The frame of the table is heavier than its inner rules. */
  walk->visitor->rectangle (walk->user_data, &ctm,
                            &(cairo_rectangle_t){ 0, 0, t->column_x[t->width], height }, 1.2);
}

/* Printed on both sides: the binding margin (订口) is on the left of odd
 * pages and on the right of even ones, as Word's mirror margins do. */
static double
page_left (const NbRenderOptions *o,
           guint                  page)
{
  if ((page + 1) % 2 == 1)
    return o->margin_left;
  return o->page_width - o->margin_left - o->type_width;
}

/* Made once a page: drawing every page again (the preview) and collecting
 * the glyphs for the PDF share it. */
PangoLayout *
_nb_render_get_page_number_layout (NbRender *self,
                                   guint     page)
{
  Page *p = g_ptr_array_index (self->pages, page);

  if (p->number == NULL)
    {
      g_autofree char *text = g_strdup_printf ("— %u —", page + 1);

      p->number = _nb_render_new_layout (self, NB_FONT_SONG, self->options.page_number_size, text);
    }
  return p->number;
}

static void
walk_page_number (Walk  *walk,
                  guint  page)
{
  NbRender *self = walk->self;
  const NbRenderOptions *o = &self->options;
  PangoLayout *layout = _nb_render_get_page_number_layout (self, page);
  double width = _nb_render_layout_width (layout);
  cairo_matrix_t identity;
  double x;

  /* Odd pages on the right, even pages on the left, one character in from
   * the edge of the type area; 7 mm below it. */
  if ((page + 1) % 2 == 1)
    x = page_left (o, page) + o->type_width - o->page_number_size - width;
  else
    x = page_left (o, page) + o->page_number_size;
  cairo_matrix_init_identity (&identity);
  walk_layout (walk, &identity, x, o->margin_top + o->type_height + NB_MM_TO_POINTS (7), layout,
               NULL);
}

/* Hands everything on @page to @visitor, in drawing order, in points with
 * the sheet's top left corner at the origin. */
void
nb_render_visit_page (NbRender            *self,
                      guint                page,
                      const NbPageVisitor *visitor,
                      gpointer             user_data)
{
  const NbRenderOptions *o;
  Walk walk = { self, visitor, user_data };
  cairo_matrix_t ctm;
  Page *p;

  g_return_if_fail (NB_IS_RENDER (self));
  _nb_render_ensure_paginated (self);
  g_return_if_fail (page < self->pages->len);

  o = &self->options;
  p = g_ptr_array_index (self->pages, page);
  if (p->landscape)
    {
      /* Turned so that the head of the table faces the binding edge; the
       * page number stays where it is on every page (GB/T 9704 clause 8). */
      cairo_matrix_init_rotate (&ctm, -G_PI / 2);
      ctm.x0 = page_left (o, page);
      ctm.y0 = o->margin_top + o->type_height;
    }
  else
    cairo_matrix_init_translate (&ctm, page_left (o, page), o->margin_top);

  for (guint i = 0; i < p->items->len; i++)
    {
      Item *item = &g_array_index (p->items, Item, i);

      switch (item->kind)
        {
        case ITEM_LINES:
          walk_lines (&walk, &ctm, item);
          break;
        case ITEM_LAYOUT:
          walk_layout (&walk, &ctm, item->x, item->y, item->layout, NULL);
          break;
        case ITEM_TABLE:
          walk_table (&walk, &ctm, item);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  walk_page_number (&walk, page);
}

/* Every layout of text the pages draw, once each and in reading order: a
 * paragraph split over two pages is one layout, and so is a table cell
 * however many pages the table spans or repeats its head rows on.  Page
 * numbers are not included. */
void
_nb_render_foreach_text_layout (NbRender *self,
                                GFunc     func,
                                gpointer  user_data)
{
  for (guint page = 0; page < self->pages->len; page++)
    {
      Page *p = g_ptr_array_index (self->pages, page);

      for (guint i = 0; i < p->items->len; i++)
        {
          Item *item = &g_array_index (p->items, Item, i);

          if (item->layout != NULL && (item->kind != ITEM_LINES || item->first_line == 0))
            func (item->layout, user_data);
          if (item->kind == ITEM_TABLE && item->first_row == 0)
            for (guint l = 0; l < nb_edition_table_get_n_layout (item->table->table); l++)
              if (item->table->layouts[l] != NULL)
                func (item->table->layouts[l], user_data);
        }
    }
}
