/* nb-render-flow.c: pagination: the report's title, headings, paragraphs
 * and tables flowed onto pages
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <math.h>
#include <pango/pango.h>

#include "nb-font-subsets.h"
#include "nb-render-private.h"
#include "nb-text-renderer.h"

/* Where the flow of text stands while pages are made. */
typedef struct
{
  NbRender *self;
  Page     *page;
  double    frame_width;
  double    frame_height;
  double    y;
} Flow;

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
}

/* Pages -------------------------------------------------------------------- */

static void
flow_new_page (Flow     *flow,
               gboolean  landscape)
{
  const NbRenderOptions *o = &flow->self->options;
  Page *page = g_new0 (Page, 1);

  page->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (page->items, item_clear);
  page->landscape = landscape;
  g_ptr_array_add (flow->self->pages, page);
  flow->page = page;
  flow->y = 0;
  flow->frame_width = landscape ? o->type_height : o->type_width;
  flow->frame_height = landscape ? o->type_width : o->type_height;
}

static void
flow_ensure_orientation (Flow     *flow,
                         gboolean  landscape)
{
  if (flow->page == NULL || (flow->page->landscape != landscape && flow->page->items->len > 0))
    flow_new_page (flow, landscape);
  else if (flow->page->landscape != landscape)
    {
      g_ptr_array_remove (flow->self->pages, flow->page);
      flow->page = NULL;
      flow_new_page (flow, landscape);
    }
}

static void
flow_add (Flow *flow,
          Item *item)
{
  g_array_append_vals (flow->page->items, item, 1);
}

static guint
flow_slots_per_page (Flow   *flow,
                     double  pitch)
{
  return MAX (1, (guint)floor (flow->frame_height / pitch + EPSILON));
}

/* The next free line of the grid. */
static guint
flow_slot (Flow   *flow,
           double  pitch)
{
  return (guint)ceil (flow->y / pitch - EPSILON);
}

/* Lines of a paragraph, on the line grid, broken across pages as needed. */
static void
flow_add_lines (Flow        *flow,
                PangoLayout *layout,
                double       pitch)
{
  int n_lines = pango_layout_get_line_count (layout);
  int done = 0;

  while (done < n_lines)
    {
      guint slot = flow_slot (flow, pitch);
      guint slots = flow_slots_per_page (flow, pitch);
      int take;
      Item item = { ITEM_LINES };

      if (slot >= slots)
        {
          flow_new_page (flow, flow->page->landscape);
          continue;
        }
      take = MIN ((int)(slots - slot), n_lines - done);
      item.layout = g_object_ref (layout);
      item.first_line = done;
      item.n_lines = take;
      item.pitch = pitch;
      item.x = 0;
      item.y = slot * pitch;
      flow_add (flow, &item);
      done += take;
      flow->y = (slot + take) * pitch;
    }
}

/* Moves to a new page unless @height fits below the next grid line: keeps a
 * heading with what follows it. */
static void
flow_keep_together (Flow   *flow,
                    double  height,
                    double  pitch)
{
  double top = flow_slot (flow, pitch) * pitch;

  if (flow->page->items->len > 0 && top + height > flow->frame_height + EPSILON)
    flow_new_page (flow, flow->page->landscape);
}

/* Tables ------------------------------------------------------------------- */

static gboolean
table_is_wide (const NbEditionTable *table)
{
  return nb_edition_table_get_grid_width (table) >= 8;
}

/* Rows that must stay on one page: head rows with the first row after them. */
static guint
table_unit_end (TableLayout *t,
                guint        row)
{
  guint end = row;

  while (end < t->height && t->header_row[end])
    end++;
  end = MIN (end + 1, t->height);
  while (end < t->height && t->keep_with_next[end - 1])
    end++;
  return end;
}

/* A table starts on a page only with its head and this many body rows
 * under it (all of them, if it has fewer): a reviewer faults a table that
 * begins at the foot of a page with a row or two. */
#define TABLE_START_BODY_ROWS 5

/* The end of the rows a table must start a page with. */
static guint
table_start_end (TableLayout *t)
{
  guint row = 0, body = 0;

  while (row < t->height && body < TABLE_START_BODY_ROWS)
    {
      guint end = table_unit_end (t, row);

      for (guint r = row; r < end; r++)
        body += !t->header_row[r];
      row = end;
    }
  return row;
}

static void
flow_add_table_rows (Flow        *flow,
                     TableLayout *t,
                     guint        first,
                     guint        end,
                     double       y,
                     gboolean     repeated)
{
  Item item = { ITEM_TABLE };

  item.repeated = repeated;
  item.table = t;
  item.first_row = first;
  item.end_row = end;
  item.y = y;
  flow_add (flow, &item);
}

/* Rows never split; a table that goes on repeats the head rows in force. */
static void
flow_add_table (Flow        *flow,
                TableLayout *t)
{
  guint row = 0, run_start = 0, head_first = 0, head_end = 0;
  double run_y = flow->y;

  while (row < t->height)
    {
      guint end = table_unit_end (t, row);
      double h = _nb_render_table_rows_height (t, row, end);

      if (row > run_start && flow->y + h > flow->frame_height + EPSILON)
        {
          flow_add_table_rows (flow, t, run_start, row, run_y, FALSE);
          flow_new_page (flow, flow->page->landscape);
          if (!t->header_row[row] && head_end > head_first)
            {
              flow_add_table_rows (flow, t, head_first, head_end, flow->y, TRUE);
              flow->y += _nb_render_table_rows_height (t, head_first, head_end);
            }
          run_start = row;
          run_y = flow->y;
          continue;
        }
      if (t->header_row[row])
        {
          head_first = head_end = row;
          while (head_end < t->height && t->header_row[head_end])
            head_end++;
        }
      flow->y += h;
      row = end;
    }
  flow_add_table_rows (flow, t, run_start, row, run_y, FALSE);
}

/* Building the pages -------------------------------------------------------- */

static gboolean
section_included (NbRender               *self,
                  const NbEditionSection *section)
{
  if (self->sections == NULL)
    return TRUE;
  return g_strv_contains ((const char * const *)self->sections, section->id);
}

static void
flow_add_title (Flow *flow)
{
  NbRender *self = flow->self;
  g_autofree char *title = nb_report_dup_title (self->report);
  const char *agency = nb_report_get_agency (self->report);
  double pitch = MAX (self->options.line_pitch, self->options.title_size * 1.35);
  g_autoptr(PangoLayout) layout
      = _nb_render_new_layout (self, NB_FONT_TITLE, self->options.title_size, title);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_width (layout, PU (flow->frame_width));
  /* Too long for one line: the agency on the first, the year and the name
   * of the report on the second, rather than a break mid-word. */
  if (pango_layout_get_line_count (layout) > 1 && agency != NULL && agency[0] != '\0'
      && g_str_has_prefix (title, agency))
    {
      g_autofree char *split = g_strconcat (agency, "\n", title + strlen (agency), NULL);

      pango_layout_set_text (layout, split, -1);
    }
  flow_add_lines (flow, layout, pitch);
  /* One empty body line under the title. */
  flow->y += self->options.line_pitch;
}

/* The height that must follow a heading on its page: the first line of
 * the body paragraph after it, or the next heading with what follows that,
 * or the rows a table starts with. */
static double
keep_after (GPtrArray   *paragraphs,
            GPtrArray   *layouts,
            guint        next,
            TableLayout *t,
            double       pitch)
{
  if (next < layouts->len)
    {
      const NbParagraph *paragraph = g_ptr_array_index (paragraphs, next);
      PangoLayout *layout = g_ptr_array_index (layouts, next);

      if (paragraph->level == NB_PARAGRAPH_BODY)
        return pitch;
      return pango_layout_get_line_count (layout) * pitch
             + keep_after (paragraphs, layouts, next + 1, t, pitch);
    }
  if (t != NULL)
    return TABLE_GAP * pitch + _nb_render_table_rows_height (t, 0, table_start_end (t));
  return 0;
}

static void
flow_add_section (Flow                   *flow,
                  const NbEditionSection *section)
{
  NbRender *self = flow->self;
  NbEdition *edition = nb_report_get_edition (self->report);
  const NbEditionTable *table = section->table_id ? nb_edition_find_table (edition, section->table_id)
                                                  : NULL;
  GPtrArray *paragraphs = nb_report_get_paragraphs (self->report, section->id);
  double pitch = self->options.line_pitch;
  gboolean landscape = table != NULL && self->options.landscape_tables && table_is_wide (table);
  g_autoptr(NbParagraph) heading = nb_paragraph_new_text (NB_PARAGRAPH_HEADING_1, section->heading);
  g_autoptr(PangoLayout) heading_layout = NULL;
  g_autoptr(GPtrArray) layouts = NULL;
  TableLayout *t = NULL;
  gboolean heading_on_top;
  double keep;

  flow_ensure_orientation (flow, landscape);
  heading_layout = _nb_render_paragraph_layout (self, heading, flow->frame_width);
  if (table != NULL)
    t = _nb_render_table_layout_new (self, table, flow->frame_width, flow->frame_height);

  /* A heading is never the last line of a page: it keeps with what
   * follows, a run of headings with the first line after them, and the
   * heading of a table with the rows the table must start with. */
  layouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    g_ptr_array_add (layouts, _nb_render_paragraph_layout (self, g_ptr_array_index (paragraphs, i),
                                                           flow->frame_width));
  keep = pango_layout_get_line_count (heading_layout) * pitch
         + keep_after (paragraphs, layouts, 0, t, pitch);
  flow_keep_together (flow, MIN (keep, flow->frame_height), pitch);
  heading_on_top = flow->page->items->len == 0;
  flow_add_lines (flow, heading_layout, pitch);

  for (guint i = 0; i < layouts->len; i++)
    {
      const NbParagraph *paragraph = g_ptr_array_index (paragraphs, i);
      PangoLayout *layout = g_ptr_array_index (layouts, i);

      if (paragraph->level != NB_PARAGRAPH_BODY)
        flow_keep_together (flow, pango_layout_get_line_count (layout) * pitch
                                    + keep_after (paragraphs, layouts, i + 1, t, pitch),
                            pitch);
      flow_add_lines (flow, layout, pitch);
    }

  if (t != NULL)
    {
      flow->y += TABLE_GAP * pitch;
      /* Not when the section's heading stands alone at the top of the page:
       * the rows cannot fit any better on the next. */
      if (flow->page->items->len > (layouts->len == 0 && heading_on_top ? 1 : 0)
          && flow->y + _nb_render_table_rows_height (t, 0, table_start_end (t))
                 > flow->frame_height + EPSILON)
        flow_new_page (flow, flow->page->landscape);
      flow_add_table (flow, t);
      flow->y += TABLE_GAP * pitch;
    }
}

/* Lays the report out on pages; again after the report or options change. */
void
nb_render_paginate (NbRender *self)
{
  NbEdition *edition;
  Flow flow = { self };

  g_return_if_fail (NB_IS_RENDER (self));

  edition = nb_report_get_edition (self->report);
  nb_text_renderer_set_subsets (self->text_renderer, NULL);
  g_clear_pointer (&self->subsets, nb_font_subsets_free);
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->tables, 0);

  flow_new_page (&flow, FALSE);
  flow_add_title (&flow);
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);

      if (section_included (self, section))
        flow_add_section (&flow, section);
    }
  /* A trailing orientation change may leave an empty page. */
  if (self->pages->len > 1 && flow.page->items->len == 0)
    g_ptr_array_remove (self->pages, flow.page);
  self->paginated = TRUE;
}

void
_nb_render_ensure_paginated (NbRender *self)
{
  if (!self->paginated)
    nb_render_paginate (self);
}
