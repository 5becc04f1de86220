/* nb-render.c: the report laid out on pages, for print, preview and PDF
 *
 * One layout, made once in a device-independent Pango context (72 dpi, no
 * hinting of metrics), is drawn unchanged on any cairo surface: the preview,
 * the printer and the PDF show the same line breaks and page breaks.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <math.h>
#include <pango/pango.h>

#include "nb-font-map.h"
#include "nb-font-subsets.h"
#include "nb-fonts.h"
#include "nb-render-private.h"
#include "nb-text-renderer.h"


G_DEFINE_FINAL_TYPE (NbRender, nb_render, G_TYPE_OBJECT)

/* Where the flow of text stands while pages are made. */
typedef struct
{
  NbRender *self;
  Page     *page;
  double    frame_width;
  double    frame_height;
  double    y;
} Flow;

void
nb_render_options_init (NbRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->page_width = NB_MM_TO_POINTS (210);
  options->page_height = NB_MM_TO_POINTS (297);
  options->margin_top = NB_MM_TO_POINTS (37);
  options->margin_left = NB_MM_TO_POINTS (28);
  options->type_width = NB_MM_TO_POINTS (156);
  options->type_height = NB_MM_TO_POINTS (225);
  options->line_pitch = NB_LINE_PITCH_DEFAULT;
  options->body_size = 16;
  options->title_size = 22;
  options->page_number_size = 14;
}

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->items);
  g_clear_object (&page->number);
  g_free (page);
}

static void
table_layout_free (gpointer data)
{
  TableLayout *t = data;
  guint n = nb_edition_table_get_n_layout (t->table);

  for (guint i = 0; i < n; i++)
    g_clear_object (&t->layouts[i]);
  g_free (t->layouts);
  g_free (t->column_x);
  g_free (t->row_height);
  g_free (t->header_row);
  g_free (t->keep_with_next);
  g_free (t);
}

/* Layout helpers ---------------------------------------------------------- */

static GQuark
role_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("nb-render-font-role");
  return quark;
}

static NbFontRole
layout_get_role (PangoLayout *layout)
{
  guint role = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (layout), role_quark ()));

  return role > 0 ? role - 1 : NB_FONT_FANGSONG;
}

/* Noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) are never text, and
 * cairo refuses a whole PDF over one: they print as U+FFFD, the mark of a
 * character that is not there. */
static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

static void
append_drawable (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A line break typed inside a paragraph is no paragraph break. */
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else if (is_noncharacter (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static PangoLayout *
new_layout (NbRender   *self,
            NbFontRole  role,
            double      size,
            const char *text)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = nb_fonts_new_description (role, size);

  /* Outputs that name fonts (OFD) name the role's official face. */
  g_object_set_qdata (G_OBJECT (layout), role_quark (), GUINT_TO_POINTER (role + 1));
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text ? text : "", -1);
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    if (is_noncharacter (g_utf8_get_char (p)))
      {
        g_autoptr(GString) clean = g_string_new (NULL);

        /* Line breaks stay: a title or a cell may have them. */
        for (const char *q = text; *q; q = g_utf8_next_char (q))
          if (is_noncharacter (g_utf8_get_char (q)))
            g_string_append_unichar (clean, 0xFFFD);
          else
            g_string_append_len (clean, q, g_utf8_next_char (q) - q);
        pango_layout_set_text (layout, clean->str, -1);
        break;
      }
  return layout;
}

/* Body paragraphs hold 28 characters a line in the type area (GB/T 9704):
 * 28 × 16 pt is a little wider than 156 mm, so the characters close up by a
 * fraction of a point, as Word's "snap to grid" does. */
static double
body_letter_spacing (NbRender *self,
                     double    width)
{
  double chars = floor (width / self->options.body_size + 0.5);

  if (chars < 1)
    return 0;
  return width / chars - self->options.body_size;
}

static PangoLayout *
paragraph_layout (NbRender          *self,
                  const NbParagraph *paragraph,
                  double             width)
{
  NbFontRole role = NB_FONT_FANGSONG;
  double spacing = body_letter_spacing (self, width);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  PangoLayout *layout;

  switch (paragraph->level)
    {
    case NB_PARAGRAPH_HEADING_1:
      role = NB_FONT_HEI;
      break;
    case NB_PARAGRAPH_HEADING_2:
      role = NB_FONT_KAI;
      break;
    case NB_PARAGRAPH_BODY:
    case NB_PARAGRAPH_HEADING_3:
    case NB_PARAGRAPH_HEADING_4:
    default:
      break;
    }

  for (guint i = 0; paragraph->runs != NULL && i < paragraph->runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (paragraph->runs, i);
      guint start = text->len;

      if (run->text == NULL)
        continue;
      append_drawable (text, run->text);
      if (run->bold)
        {
          PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

          attr->start_index = start;
          attr->end_index = text->len;
          pango_attr_list_insert (attrs, attr);
        }
    }

  if (spacing != 0)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (PU (spacing)));

  layout = new_layout (self, role, self->options.body_size, text->str);
  pango_layout_set_attributes (layout, attrs);
  /* A hair of slack, or rounding pushes the 28th character to the next line. */
  pango_layout_set_width (layout, PU (width + 0.5));
  pango_layout_set_indent (layout, PU (2 * (self->options.body_size + spacing)));
  pango_layout_set_justify (layout, TRUE);
  return layout;
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

static guint
count_value_columns (const NbEditionTable *table)
{
  guint width = nb_edition_table_get_grid_width (table);
  g_autofree gboolean *is_value = g_new0 (gboolean, width);
  guint n = 0;

  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      if (item->role == NB_LAYOUT_VALUE && item->column_span == 1)
        is_value[item->column] = TRUE;
    }
  for (guint c = 0; c < width; c++)
    n += is_value[c];
  return n;
}

/* Bytes of a leading enumerator such as "（三）" or "三、", else 0. */
static gsize
enumerator_length (const char *text)
{
  const char *p = text;

  for (guint i = 0; i < 4 && *p; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFF09 /* ） */ || c == 0x3001 /* 、 */)
        return g_utf8_next_char (p) - text;
    }
  return 0;
}

static char *
item_dup_text (NbRender           *self,
               const NbEditionTable *table,
               const NbLayoutItem *item)
{
  gsize prefix;

  if (item->role == NB_LAYOUT_VALUE && item->cell >= 0)
    return nb_report_dup_cell_text (self->report, table, item->cell);
  if (item->text == NULL)
    return g_strdup ("");
  /* A group label in a narrow column reads better with its number on a
   * line of its own: "（六）" over "其他处理". */
  prefix = item->role == NB_LAYOUT_GROUP ? enumerator_length (item->text) : 0;
  if (prefix > 0 && item->text[prefix] != '\0')
    return g_strdup_printf ("%.*s\n%s", (int)prefix, item->text, item->text + prefix);
  return g_strdup (item->text);
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return FROM_PU (logical.width);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return FROM_PU (logical.height);
}

/* Column widths in the manner of HTML's automatic table layout: each column
 * has a narrowest and a natural width; the frame is shared between them.
 * Value columns are kept equal, as in the official tables.  Returns FALSE
 * when even the narrowest widths do not fit. */
static gboolean
table_set_columns (TableLayout *t,
                   double       frame_width,
                   double       pad)
{
  guint n = nb_edition_table_get_n_layout (t->table);
  double size = t->font_size;
  g_autofree double *min = g_new0 (double, t->width);
  g_autofree double *max = g_new0 (double, t->width);
  g_autofree gboolean *is_value = g_new0 (gboolean, t->width);
  double value_min = 0, value_max = 0, sum_min = 0, sum_max = 0;

  for (guint c = 0; c < t->width; c++)
    min[c] = max[c] = size + 2 * pad;

  for (guint i = 0; i < n; i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (t->table, i);
      PangoLayout *layout = t->layouts[i];
      double natural, narrow, chars;

      if (item->column_span != 1)
        continue;
      if (item->role == NB_LAYOUT_VALUE)
        is_value[item->column] = TRUE;
      if (layout == NULL)
        continue;

      natural = layout_width (layout);
      chars = natural / size;
      switch (item->role)
        {
        case NB_LAYOUT_VALUE:
          narrow = natural; /* a number never wraps */
          break;
        case NB_LAYOUT_GROUP:
          /* A tall group label may stand in a narrow column, a few
           * characters a line. */
          narrow = MIN (natural, 3 * size);
          natural = MAX (narrow, ceil (chars / item->row_span) * size);
          break;
        case NB_LAYOUT_HEADER:
          /* Column heads may take two lines or more. */
          narrow = MIN (natural, 2 * size);
          natural = MAX (narrow, ceil (chars / 2) * size);
          break;
        case NB_LAYOUT_CORNER:
        case NB_LAYOUT_BLOCK:
        case NB_LAYOUT_LABEL:
        case NB_LAYOUT_EMPTY:
        default:
          narrow = MIN (natural, 2 * size);
          break;
        }
      min[item->column] = MAX (min[item->column], narrow + 2 * pad);
      max[item->column] = MAX (max[item->column], natural + 2 * pad);
    }

  for (guint c = 0; c < t->width; c++)
    if (is_value[c])
      {
        value_min = MAX (value_min, min[c]);
        value_max = MAX (value_max, max[c]);
      }
  for (guint c = 0; c < t->width; c++)
    {
      if (is_value[c])
        {
          min[c] = value_min;
          max[c] = value_max;
        }
      sum_min += min[c];
      sum_max += max[c];
    }

  /* Even the narrowest columns are too wide (numbers of many digits at the
   * smallest size): shared in proportion, the numbers wrap in their cells
   * rather than the table leaving the page. */
  if (sum_min > frame_width + EPSILON)
    {
      t->column_x[0] = 0;
      for (guint c = 0; c < t->width; c++)
        t->column_x[c + 1] = t->column_x[c] + min[c] * frame_width / sum_min;
      t->column_x[t->width] = frame_width;
      return FALSE;
    }

  t->column_x[0] = 0;
  for (guint c = 0; c < t->width; c++)
    {
      double w;

      if (sum_max <= frame_width)
        w = max[c] * frame_width / sum_max;
      else
        w = min[c] + (max[c] - min[c]) * (frame_width - sum_min) / (sum_max - sum_min);
      t->column_x[c + 1] = t->column_x[c] + w;
    }
  /* Rounding: the last edge is the frame's edge. */
  t->column_x[t->width] = frame_width;
  return TRUE;
}

/* The column heads of the official tables are words of two characters
 * (结果维持, 社会公益组织): a head that wraps, wraps between them, never
 * "结果维 / 持".  Only heads of an even number of Han characters, which
 * is what those words make; others wrap as Pango wraps them. */
static void
wrap_in_pairs (PangoLayout *layout,
               double       width,
               double       size)
{
  const char *text = pango_layout_get_text (layout);
  glong n = g_utf8_strlen (text, -1);
  guint per_line = (guint)floor (width / size + EPSILON);
  g_autoptr(GString) wrapped = NULL;
  guint i = 0;

  per_line -= per_line % 2;
  if (n % 2 != 0 || per_line < 2 || (glong)per_line >= n)
    return;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) != G_UNICODE_SCRIPT_HAN)
      return;

  wrapped = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p), i++)
    {
      if (i > 0 && i % per_line == 0)
        g_string_append_c (wrapped, '\n');
      g_string_append_unichar (wrapped, g_utf8_get_char (p));
    }
  pango_layout_set_text (layout, wrapped->str, wrapped->len);
}

static double table_rows_height (TableLayout *t,
                                 guint        first,
                                 guint        end);

static TableLayout *
table_layout_new (NbRender             *self,
                  const NbEditionTable *table,
                  double                frame_width,
                  double                frame_height)
{
  TableLayout *t = g_new0 (TableLayout, 1);
  guint n = nb_edition_table_get_n_layout (table);
  double size, pad, vpad, min_height;

  t->table = table;
  t->width = nb_edition_table_get_grid_width (table);
  t->height = nb_edition_table_get_grid_height (table);
  t->column_x = g_new0 (double, t->width + 1);
  t->row_height = g_new0 (double, t->height);
  t->header_row = g_new0 (gboolean, t->height);
  t->keep_with_next = g_new0 (gboolean, t->height);
  t->layouts = g_new0 (PangoLayout *, n);

  /* 小四 for ordinary tables, 五号 for one with many value columns (table 4
   * has 15); smaller still until the narrowest columns fit the frame. */
  for (size = count_value_columns (table) > 8 ? 10.5 : 12; ; size -= 0.5)
    {
      t->font_size = size;
      pad = MAX (2.0, size * 0.25);
      for (guint i = 0; i < n; i++)
        {
          const NbLayoutItem *item = nb_edition_table_get_layout (table, i);
          g_autofree char *text = item_dup_text (self, table, item);

          g_clear_object (&t->layouts[i]);
          if (text[0] == '\0')
            continue;
          t->layouts[i] = new_layout (self, NB_FONT_SONG, size, text);
          if (item->role == NB_LAYOUT_BLOCK)
            {
              g_autoptr(PangoFontDescription) desc = nb_fonts_new_description (NB_FONT_SONG, size);

              pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
              pango_layout_set_font_description (t->layouts[i], desc);
            }
        }
      if (table_set_columns (t, frame_width, pad) || size <= MIN_TABLE_SIZE)
        break;
    }

  /* Wrap each text inside its cell and measure the rows. */
  vpad = size * 0.3;
  min_height = size * 2.0;
  for (guint r = 0; r < t->height; r++)
    t->row_height[r] = min_height;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const NbLayoutItem *item = nb_edition_table_get_layout (table, i);
        PangoLayout *layout = t->layouts[i];
        double width, need, have = 0;

        /* Rows of single-row cells first, then spanning cells grow theirs. */
        if ((pass == 0) != (item->row_span == 1))
          continue;
        if (item->is_header)
          for (guint r = item->row; r < item->row + item->row_span; r++)
            t->header_row[r] = TRUE;
        if (layout == NULL)
          continue;

        width = t->column_x[item->column + item->column_span] - t->column_x[item->column];
        pango_layout_set_width (layout, PU (MAX (1, width - 2 * pad)));
        if (item->role == NB_LAYOUT_HEADER && pango_layout_get_line_count (layout) > 1)
          wrap_in_pairs (layout, width - 2 * pad, size);
        pango_layout_set_alignment (layout, item->role == NB_LAYOUT_LABEL
                                              ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
        need = layout_height (layout) + 2 * vpad;
        for (guint r = item->row; r < item->row + item->row_span; r++)
          have += t->row_height[r];
        if (need > have)
          for (guint r = item->row; r < item->row + item->row_span; r++)
            t->row_height[r] += (need - have) / item->row_span;
      }

  /* A row with a body cell in it is no header row (table 2 repeats the
   * block's own head, table 3 its three head rows). */
  for (guint i = 0; i < n; i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      if (!item->is_header)
        for (guint r = item->row; r < item->row + item->row_span; r++)
          t->header_row[r] = FALSE;
    }

  /* A group label shorter than half a page is not cut by a page break;
   * a longer one is, and is printed again on the next page. */
  for (guint i = 0; i < n; i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      if (item->row_span > 1
          && table_rows_height (t, item->row, item->row + item->row_span) < frame_height / 2)
        for (guint r = item->row; r + 1 < item->row + item->row_span; r++)
          t->keep_with_next[r] = TRUE;
    }

  g_ptr_array_add (self->tables, t);
  return t;
}

static double
table_rows_height (TableLayout *t,
                   guint        first,
                   guint        end)
{
  double h = 0;

  for (guint r = first; r < end; r++)
    h += t->row_height[r];
  return h;
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
      double h = table_rows_height (t, row, end);

      if (row > run_start && flow->y + h > flow->frame_height + EPSILON)
        {
          flow_add_table_rows (flow, t, run_start, row, run_y, FALSE);
          flow_new_page (flow, flow->page->landscape);
          if (!t->header_row[row] && head_end > head_first)
            {
              flow_add_table_rows (flow, t, head_first, head_end, flow->y, TRUE);
              flow->y += table_rows_height (t, head_first, head_end);
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
  g_autoptr(PangoLayout) layout = new_layout (self, NB_FONT_TITLE, self->options.title_size, title);

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
    return TABLE_GAP * pitch + table_rows_height (t, 0, table_start_end (t));
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
  heading_layout = paragraph_layout (self, heading, flow->frame_width);
  if (table != NULL)
    t = table_layout_new (self, table, flow->frame_width, flow->frame_height);

  /* A heading is never the last line of a page: it keeps with what
   * follows, a run of headings with the first line after them, and the
   * heading of a table with the rows the table must start with. */
  layouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    g_ptr_array_add (layouts, paragraph_layout (self, g_ptr_array_index (paragraphs, i),
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
          && flow->y + table_rows_height (t, 0, table_start_end (t)) > flow->frame_height + EPSILON)
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

/* Walking a page ------------------------------------------------------------- */

/* Every output walks the laid-out pages the same way, the cairo one below
 * and the OFD writer alike: what they draw can only differ in the drawing. */
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
  NbFontRole role = layout_get_role (layout);

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
  NbFontRole role = layout_get_role (item->layout);
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
  return table_rows_height (t, first, row);
}

static void
walk_table (Walk                 *walk,
            const cairo_matrix_t *page_ctm,
            Item                 *item)
{
  TableLayout *t = item->table;
  guint n = nb_edition_table_get_n_layout (t->table);
  double pad = MAX (2.0, t->font_size * 0.25);
  double height = table_rows_height (t, item->first_row, item->end_row);
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
      cell.height = table_rows_height (t, first, end);
      walk->visitor->rectangle (walk->user_data, &ctm, &cell, 0.6);

      /* A label cut by a page break is printed again on the next page. */
      if (t->layouts[i] != NULL)
        {
          double h = layout_height (t->layouts[i]);

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

      p->number = new_layout (self, NB_FONT_SONG, self->options.page_number_size, text);
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
  double width = layout_width (layout);
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

/* Drawing ------------------------------------------------------------------- */

typedef struct
{
  NbRender       *self;
  cairo_t        *cr;
  cairo_matrix_t  base; /* the caller's: the preview scales */
} CairoOutput;

static void
cairo_set_walk_matrix (CairoOutput          *out,
                       const cairo_matrix_t *ctm)
{
  cairo_matrix_t m;

  cairo_matrix_multiply (&m, ctm, &out->base);
  cairo_set_matrix (out->cr, &m);
}

static void
cairo_text_line (gpointer                 user_data,
                 const cairo_matrix_t    *ctm,
                 double                   x,
                 double                   y,
                 PangoLayoutLine         *line,
                 NbFontRole               role,
                 const cairo_rectangle_t *clip)
{
  CairoOutput *out = user_data;

  cairo_save (out->cr);
  cairo_set_walk_matrix (out, ctm);
  if (clip != NULL)
    {
      cairo_rectangle (out->cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (out->cr);
    }
  cairo_move_to (out->cr, x, y);
  nb_text_renderer_show_layout_line (out->self->text_renderer, out->cr, line);
  cairo_restore (out->cr);
}

static void
cairo_rule (gpointer                 user_data,
            const cairo_matrix_t    *ctm,
            const cairo_rectangle_t *rect,
            double                   line_width)
{
  CairoOutput *out = user_data;

  cairo_save (out->cr);
  cairo_set_walk_matrix (out, ctm);
  cairo_set_line_width (out->cr, line_width);
  cairo_rectangle (out->cr, rect->x, rect->y, rect->width, rect->height);
  cairo_stroke (out->cr);
  cairo_restore (out->cr);
}

static const NbPageVisitor cairo_visitor = { cairo_text_line, cairo_rule };

/* Draws one page in points, the sheet's top left corner at the origin. */
void
nb_render_draw_page (NbRender *self,
                     cairo_t  *cr,
                     guint     page)
{
  CairoOutput out = { self, cr };

  g_return_if_fail (NB_IS_RENDER (self));
  _nb_render_ensure_paginated (self);
  g_return_if_fail (page < self->pages->len);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_get_matrix (cr, &out.base);
  nb_render_visit_page (self, page, &cairo_visitor, &out);
  cairo_restore (cr);
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

/* The object ----------------------------------------------------------------- */

static void
nb_render_finalize (GObject *object)
{
  NbRender *self = (NbRender *)object;

  g_clear_object (&self->text_renderer);
  g_clear_pointer (&self->subsets, nb_font_subsets_free);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_strfreev);
  g_clear_object (&self->context);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_render_parent_class)->finalize (object);
}

static void
nb_render_class_init (NbRenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nb_render_finalize;
}

static void
nb_render_init (NbRender *self)
{
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->tables = g_ptr_array_new_with_free_func (table_layout_free);
  self->text_renderer = nb_text_renderer_new ();
}

NbRender *
nb_render_new (NbReport              *report,
               const NbRenderOptions *options)
{
  NbRender *self;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  self = g_object_new (NB_TYPE_RENDER, NULL);
  self->report = g_object_ref (report);
  if (options != NULL)
    self->options = *options;
  else
    nb_render_options_init (&self->options);
  if (self->options.line_pitch <= 0)
    self->options.line_pitch = NB_LINE_PITCH_DEFAULT;
  self->sections = options && options->sections ? g_strdupv ((char **)options->sections) : NULL;
  self->options.sections = (const char * const *)self->sections;

  /* Metrics independent of any device: the layout is made once and drawn
   * the same on screen, paper and PDF. */
  self->context = pango_font_map_create_context (nb_font_map_get_default ());
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
  return self;
}

NbReport *
nb_render_get_report (NbRender *self)
{
  g_return_val_if_fail (NB_IS_RENDER (self), NULL);
  return self->report;
}

const NbRenderOptions *
nb_render_get_options (NbRender *self)
{
  g_return_val_if_fail (NB_IS_RENDER (self), NULL);
  return &self->options;
}

guint
nb_render_get_n_pages (NbRender *self)
{
  g_return_val_if_fail (NB_IS_RENDER (self), 0);
  _nb_render_ensure_paginated (self);
  return self->pages->len;
}

gboolean
nb_render_page_is_landscape (NbRender *self,
                             guint     page)
{
  g_return_val_if_fail (NB_IS_RENDER (self), FALSE);
  _nb_render_ensure_paginated (self);
  g_return_val_if_fail (page < self->pages->len, FALSE);
  return ((Page *)g_ptr_array_index (self->pages, page))->landscape;
}
