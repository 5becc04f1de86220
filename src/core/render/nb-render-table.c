/* nb-render-table.c: a table measured for a frame: its font size, column
 * widths, the text of every cell wrapped in it, and its row heights
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <math.h>
#include <pango/pango.h>

#include "nb-fonts.h"
#include "nb-render-private.h"

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

      natural = _nb_render_layout_width (layout);
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

TableLayout *
_nb_render_table_layout_new (NbRender             *self,
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
          t->layouts[i] = _nb_render_new_layout (self, NB_FONT_SONG, size, text);
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
        need = _nb_render_layout_height (layout) + 2 * vpad;
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
          && _nb_render_table_rows_height (t, item->row, item->row + item->row_span)
                 < frame_height / 2)
        for (guint r = item->row; r + 1 < item->row + item->row_span; r++)
          t->keep_with_next[r] = TRUE;
    }

  g_ptr_array_add (self->tables, t);
  return t;
}

double
_nb_render_table_rows_height (TableLayout *t,
                              guint        first,
                              guint        end)
{
  double h = 0;

  for (guint r = first; r < end; r++)
    h += t->row_height[r];
  return h;
}
