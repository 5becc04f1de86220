/* nb-export-txt.c: plain text with Markdown-style headings and tab-separated tables
 *
 * The layout of the published sample report, which is also what the TXT
 * importer reads:
 *
 *   # TITLE
 *   ## 一、总体情况          a section heading, as the edition prints it
 *   ### / #### / …          paragraph heading levels 1–4
 *   text **bold** text      one paragraph, blank lines between paragraphs
 *   a⇥b⇥c                   one line per row of the printed grid, exactly one
 *                           field per grid column; a merged cell's text sits
 *                           in its first field, the fields it covers are empty
 *
 * In the title and the narrative "\", "*" and a leading "#" or "|" are
 * backslash-escaped as in CommonMark, so no typed character turns into
 * markup on the way back.  A paragraph is one line, so a line break inside
 * it becomes a space, and so does a tab, which would split a table field.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-txt"

#include "config.h"

#include "nb-export.h"

/* Heading levels 1–4 go below the section headings ("##"): "###" for
 * "一、", "####" for "（一）", as in the sample. */
#define HEADING_DEPTH_OFFSET 2

static void
append_narrative (GString    *out,
                  const char *text,
                  gboolean    at_line_start)
{
  for (const char *p = text; *p; p++)
    {
      switch (*p)
        {
        case '\\':
        case '*':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '#':
        case '|':
          /* At the start of a line, a heading or a Markdown table row. */
          if (at_line_start)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '\t':
        case '\n':
          /* A line is a paragraph and a tab splits a table field. */
          g_string_append_c (out, ' ');
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
      /* A reader strips the line's leading space before it looks. */
      at_line_start = at_line_start && strchr (" \t\n\r", *p) != NULL;
    }
}

static void
append_paragraph (GString           *out,
                  const NbParagraph *paragraph)
{
  g_autoptr(GPtrArray) runs = nb_paragraph_dup_merged_runs (paragraph);
  gboolean heading = paragraph->level != NB_PARAGRAPH_BODY;

  if (runs->len == 0)
    return;
  if (heading)
    {
      for (guint i = 0; i < paragraph->level + HEADING_DEPTH_OFFSET; i++)
        g_string_append_c (out, '#');
      g_string_append_c (out, ' ');
    }
  for (guint i = 0; i < runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (runs, i);
      /* A heading is bold anyway: its markers would only be noise. */
      gboolean bold = run->bold && !heading;

      if (bold)
        g_string_append (out, "**");
      /* Only a body paragraph's first character can read as a heading. */
      append_narrative (out, run->text, !heading && i == 0 && !bold);
      if (bold)
        g_string_append (out, "**");
    }
  g_string_append (out, "\n\n");
}

static void
append_field (GString    *out,
              const char *text)
{
  for (const char *p = text; p != NULL && *p; p++)
    g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
}

static void
append_table (GString              *out,
              NbReport             *report,
              const NbEditionTable *table)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint height = nb_edition_table_get_grid_height (table);
  g_autofree const NbLayoutItem **grid = nb_edition_table_dup_grid (table);

  for (guint r = 0; r < height; r++)
    {
      for (guint c = 0; c < width; c++)
        {
          const NbLayoutItem *item = grid[r * width + c];

          if (c > 0)
            g_string_append_c (out, '\t');
          if (item == NULL || item->row != r || item->column != c)
            continue;
          if (item->role == NB_LAYOUT_VALUE)
            {
              g_autofree char *text = nb_report_dup_cell_text (report, table, item->cell);

              append_field (out, text);
            }
          else
            append_field (out, item->text);
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

GBytes *
nb_export_txt (NbReport  *report,
               GError   **error)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autofree char *title = nb_report_dup_title (report);
  GString *out = g_string_new ("# ");

  /* The title is escaped like a heading. */
  append_narrative (out, title, FALSE);
  g_string_append (out, "\n\n");

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);

      g_string_append_printf (out, "## %s\n\n", section->heading);
      for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
        append_paragraph (out, g_ptr_array_index (paragraphs, i));
      if (section->table_id != NULL)
        append_table (out, report, nb_edition_find_table (edition, section->table_id));
    }

  /* One blank line ends each block; the file ends with one newline. */
  while (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free_to_bytes (out);
}
