/* nb-import-txt.c: plain text and Markdown, tables as tab-separated lines
 *
 * The layout of a report copied out of Word or a web page: "#" headings,
 * "**bold**" runs, one paragraph per line, and table rows whose cells are
 * separated by tabs (or Markdown "| a | b |" rows).
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-import-private.h"

#define ESCAPABLE "\\`*_{}[]()#+-.!|"

/* Where the next "**" that is not escaped starts, or NULL. */
static const char *
find_marker (const char *p)
{
  for (; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0' && strchr (ESCAPABLE, p[1]) != NULL)
        p++;
      else if (p[0] == '*' && p[1] == '*')
        return p;
    }
  return NULL;
}

/* "**一是…。**其余": bold runs between pairs of "**"; an unpaired "**"
 * stays as text.  Markdown escapes ("\*", "\#") written by exporters are
 * resolved here, after the markers are found, so an escaped star typed by
 * the user never turns into bold. */
static NbParagraph *
parse_runs (const char *line)
{
  NbParagraph *paragraph = nb_paragraph_new (NB_PARAGRAPH_BODY);
  g_autoptr(GString) run = g_string_new (NULL);
  gboolean bold = FALSE;
  const char *p = line;

  while (*p)
    {
      if (*p == '\\' && p[1] != '\0' && strchr (ESCAPABLE, p[1]) != NULL)
        {
          g_string_append_c (run, p[1]);
          p += 2;
        }
      else if (p[0] == '*' && p[1] == '*' && (bold || find_marker (p + 2) != NULL))
        {
          nb_paragraph_add_run (paragraph, run->str, bold);
          g_string_truncate (run, 0);
          bold = !bold;
          p += 2;
        }
      else
        g_string_append_c (run, *p++);
    }
  nb_paragraph_add_run (paragraph, run->str, bold);
  return paragraph;
}

/* Markdown escapes ("\*", "\#") written by exporters. */
static char *
unescape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0' && strchr (ESCAPABLE, p[1]) != NULL)
        p++;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_pipe_row (const char *line)
{
  g_autofree char *copy = g_strstrip (g_strdup (line));
  gsize length = strlen (copy);

  return length >= 2 && copy[0] == '|' && copy[length - 1] == '|';
}

/* "|---|:--:|" */
static gboolean
is_pipe_rule (const char *line)
{
  gboolean dash = FALSE;

  for (const char *p = line; *p; p++)
    {
      if (*p == '-')
        dash = TRUE;
      else if (!strchr ("|: \t", *p))
        return FALSE;
    }
  return dash;
}

static void
add_row (NbImportBlock *table,
         const char    *line,
         guint          number,
         gboolean       pipes)
{
  NbImportRow *row = nb_import_block_add_row (table, number);
  g_auto(GStrv) cells = NULL;
  guint first = 0, last;

  if (pipes)
    {
      g_autofree char *copy = g_strstrip (g_strdup (line));

      cells = g_strsplit (copy, "|", NB_IMPORT_MAX_COLUMNS + 2);
      last = g_strv_length (cells);
      /* The outer pipes leave an empty first and last field. */
      first = 1;
      last = last >= 2 ? last - 1 : last;
    }
  else
    {
      cells = g_strsplit (line, "\t", NB_IMPORT_MAX_COLUMNS + 1);
      last = g_strv_length (cells);
    }
  for (guint i = first; i < last && row->cells->len < NB_IMPORT_MAX_COLUMNS; i++)
    {
      char *text = pipes ? unescape (cells[i]) : g_strdup (cells[i]);

      g_ptr_array_add (row->cells, g_strstrip (text));
    }
}

gboolean
nb_import_read_text (const char   *data,
                     gsize         length,
                     NbImportDoc  *doc,
                     GError      **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  NbImportBlock *table = NULL;
  gboolean table_pipes = FALSE;
  gboolean truncated = FALSE;

  /* The caller made sure this is UTF-8 without a byte order mark. */
  text = g_strndup (data, length);
  /* Windows and old Mac line ends. */
  for (char *p = text; *p; p++)
    if (*p == '\r')
      *p = p[1] == '\n' ? ' ' : '\n';
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      guint number = i + 1;
      gboolean pipes;

      /* Trailing tabs are empty cells ("第二十条第（一）项\t\t\t"): a
       * row, not a paragraph. */
      pipes = is_pipe_row (line);
      /* An indented paragraph ("\t本年度…") is no table row: only a tab
       * after the first text separates cells. */
      if (strchr (line + strspn (line, " \t"), '\t') != NULL || pipes)
        {
          if (pipes && is_pipe_rule (line))
            continue;
          if (table == NULL || table_pipes != pipes)
            {
              table = nb_import_doc_add_table (doc, number);
              table_pipes = pipes;
            }
          if (table->rows->len < NB_IMPORT_MAX_ROWS)
            add_row (table, line, number, pipes);
          else
            truncated = TRUE;
          continue;
        }

      table = NULL;
      g_strstrip (line);
      if (*line == '\0')
        continue;

      if (line[0] == '#')
        {
          int depth = 0;
          g_autofree char *plain = NULL;

          while (line[depth] == '#')
            depth++;
          if (depth <= 6 && (line[depth] == ' ' || line[depth] == '\0'))
            {
              gsize n;

              plain = g_strdup (line + depth);
              g_strstrip (plain);
              /* The closing "##" of a closed ATX heading: a run of "#" after
               * a space (an escaped "\#" is text). */
              n = strlen (plain);
              while (n > 0 && plain[n - 1] == '#')
                n--;
              if (n < strlen (plain) && (n == 0 || plain[n - 1] == ' '))
                {
                  plain[n] = '\0';
                  g_strchomp (plain);
                }
              nb_import_doc_add_paragraph (doc, parse_runs (plain), depth, number);
              continue;
            }
        }
      nb_import_doc_add_paragraph (doc, parse_runs (line), 0, number);
    }

  if (truncated)
    nb_import_doc_add_finding (doc, NB_SEVERITY_ERROR, "TABLE-TOO-LARGE", NULL,
                               _("A table has more rows than any report table; only its first part was read"));
  return TRUE;
}
