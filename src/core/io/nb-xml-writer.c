/* nb-xml-writer.c: escaped text and layout helpers shared by the HTML and DOCX exports
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-xml-writer"

#include "config.h"

#include "nb-xml-writer.h"

/* XML 1.0 allows no C0 control but tab and line feed (carriage returns are
 * normalised away anyway); C1 controls, DEL and the noncharacters are
 * allowed or tolerated but never meant as text, and HTML flags them as
 * parse errors.  Everything else, emoji and bidi marks included, is kept. */
gboolean
nb_xml_char_is_allowed (gunichar c)
{
  if (c == '\t' || c == '\n')
    return TRUE;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
    return FALSE;
  if (c >= 0xfdd0 && c <= 0xfdef)
    return FALSE;
  if ((c & 0xfffe) == 0xfffe)
    return FALSE;
  if (c >= 0xd800 && c <= 0xdfff)
    return FALSE;
  return c <= 0x10ffff;
}

void
nb_xml_append_escaped (GString    *out,
                       const char *text,
                       gssize      length)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (text == NULL)
    return;
  if (length < 0)
    length = strlen (text);
  /* Text from a file is valid UTF-8 already; this guards the rare caller
   * handing over something else, which then shows U+FFFD instead of
   * breaking the document. */
  if (!g_utf8_validate (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }
  end = text + length;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        default:
          if (nb_xml_char_is_allowed (c))
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

const NbLayoutItem **
nb_layout_grid_new (const NbEditionTable *table)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint height = nb_edition_table_get_grid_height (table);
  const NbLayoutItem **grid = g_new0 (const NbLayoutItem *, (gsize)width * height);

  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      for (guint r = item->row; r < item->row + item->row_span && r < height; r++)
        for (guint c = item->column; c < item->column + item->column_span && c < width; c++)
          grid[r * width + c] = item;
    }
  return grid;
}

guint
nb_layout_first_value_column (const NbEditionTable *table)
{
  guint first = nb_edition_table_get_grid_width (table);

  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      if (item->role == NB_LAYOUT_VALUE)
        first = MIN (first, item->column);
    }
  return first;
}

static void
run_free (gpointer data)
{
  NbRun *run = data;

  g_free (run->text);
  g_free (run);
}

GPtrArray *
nb_paragraph_dup_merged_runs (const NbParagraph *paragraph)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (run_free);
  GString *text = NULL;
  gboolean bold = FALSE;

  for (guint i = 0; paragraph->runs != NULL && i < paragraph->runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (paragraph->runs, i);

      if (run->text == NULL || run->text[0] == '\0')
        continue;
      if (text != NULL && run->bold != bold)
        {
          NbRun *merged = g_new0 (NbRun, 1);

          merged->bold = bold;
          merged->text = g_string_free (text, FALSE);
          g_ptr_array_add (runs, merged);
          text = NULL;
        }
      if (text == NULL)
        {
          text = g_string_new (NULL);
          bold = run->bold;
        }
      g_string_append (text, run->text);
    }
  if (text != NULL)
    {
      NbRun *merged = g_new0 (NbRun, 1);

      merged->bold = bold;
      merged->text = g_string_free (text, FALSE);
      g_ptr_array_add (runs, merged);
    }
  return runs;
}
