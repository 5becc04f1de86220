/* nb-import-doc.c: the intermediate document every importer fills
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-import-private.h"

/* Work allowed for expanding spans in one table: a hostile table of huge
 * spans must not take minutes. */
#define GRID_BUDGET (4 * 1024 * 1024)

static void
row_free (gpointer data)
{
  NbImportRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

static void
block_free (gpointer data)
{
  NbImportBlock *block = data;

  g_clear_pointer (&block->paragraph, nb_paragraph_free);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

NbImportDoc *
nb_import_doc_new (void)
{
  NbImportDoc *doc = g_new0 (NbImportDoc, 1);

  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->findings = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_import_finding_free);
  doc->discarded = g_ptr_array_new_with_free_func (block_free);
  return doc;
}

void
nb_import_doc_free (NbImportDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->blocks);
  g_ptr_array_unref (doc->findings);
  g_ptr_array_unref (doc->discarded);
  g_free (doc);
}

void
nb_import_doc_add_finding (NbImportDoc *doc,
                           NbSeverity   severity,
                           const char  *code,
                           const char  *location,
                           const char  *message)
{
  NbImportFinding *finding = g_new0 (NbImportFinding, 1);

  finding->severity = severity;
  finding->code = code;
  finding->location = g_strdup (location);
  finding->message = g_strdup (message);
  g_ptr_array_add (doc->findings, finding);
}

static gboolean
too_many_blocks (NbImportDoc *doc)
{
  if (doc->blocks->len < NB_IMPORT_MAX_BLOCKS)
    return FALSE;
  if (!doc->overflow)
    {
      g_autofree char *message =
        g_strdup_printf (_("The document has more than %d paragraphs and tables; the rest was not read"),
                         NB_IMPORT_MAX_BLOCKS);

      nb_import_doc_add_finding (doc, NB_SEVERITY_ERROR, "DOC-TOO-LONG", NULL, message);
      doc->overflow = TRUE;
    }
  return TRUE;
}

void
nb_import_doc_add_paragraph (NbImportDoc *doc,
                             NbParagraph *paragraph,
                             int          heading,
                             guint        line)
{
  g_autoptr(NbParagraph) owned = paragraph;
  g_autofree char *text = NULL;
  NbImportBlock *block;

  if (paragraph == NULL)
    return;
  text = nb_paragraph_dup_text (paragraph);
  if (*g_strstrip (text) == '\0' || too_many_blocks (doc))
    return;

  block = g_new0 (NbImportBlock, 1);
  block->kind = NB_IMPORT_BLOCK_PARAGRAPH;
  block->heading = CLAMP (heading, 0, 6);
  block->paragraph = g_steal_pointer (&owned);
  block->line = line;
  block->index = ++doc->n_paragraphs;
  g_ptr_array_add (doc->blocks, block);
}

NbImportBlock *
nb_import_doc_add_table (NbImportDoc *doc,
                         guint        line)
{
  NbImportBlock *block = g_new0 (NbImportBlock, 1);

  block->kind = NB_IMPORT_BLOCK_TABLE;
  block->rows = g_ptr_array_new_with_free_func (row_free);
  block->line = line;
  if (too_many_blocks (doc))
    {
      /* Still hand out a table, so readers need no special case; it is
       * only not mapped. */
      g_ptr_array_add (doc->discarded, block);
      return block;
    }
  block->index = ++doc->n_tables;
  g_ptr_array_add (doc->blocks, block);
  return block;
}

NbImportRow *
nb_import_block_add_row (NbImportBlock *table,
                         guint          line)
{
  NbImportRow *row = g_new0 (NbImportRow, 1);

  row->cells = g_ptr_array_new_with_free_func (g_free);
  row->line = line;
  g_ptr_array_add (table->rows, row);
  return row;
}

/* Paragraph builder */

void
nb_import_text_init (NbImportText *text,
                     gboolean      fold)
{
  memset (text, 0, sizeof *text);
  text->fold = fold;
}

static void
text_flush_run (NbImportText *text)
{
  if (text->run == NULL || text->run->len == 0)
    return;
  if (text->paragraph == NULL)
    text->paragraph = nb_paragraph_new (NB_PARAGRAPH_BODY);
  nb_paragraph_add_run (text->paragraph, text->run->str, text->bold);
  g_string_truncate (text->run, 0);
}

static gboolean
is_space (gunichar c)
{
  /* U+00A0 (&nbsp;) and U+3000 (ideographic space) included. */
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x3000 || c == 0x200B || c == 0xFEFF;
}

/* A line break between two Chinese characters is an artifact of how the
 * HTML source was wrapped, not a space in the text. */
static gboolean
wants_space (gunichar before,
             gunichar after)
{
  return before < 0x2E80 && after < 0x2E80;
}

void
nb_import_text_append (NbImportText *text,
                       const char   *piece,
                       gboolean      bold)
{
  gboolean started;

  if (piece == NULL)
    return;
  if (text->run == NULL)
    text->run = g_string_new (NULL);
  started = text->run->len > 0 || text->paragraph != NULL;

  for (const char *p = piece; *p;)
    {
      /* Parsers can hand on bytes that are not UTF-8 (libxml2's HTML
       * parser passes a stray byte after "&" through as is): each is shown
       * as U+FFFD, never read as a character it is not. */
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          c = 0xFFFD;
          p++;
        }
      else
        p = g_utf8_next_char (p);

      if (text->fold && is_space (c))
        {
          /* White space before the first text is no space at all, and
           * its line breaks must not join the first words that follow. */
          if (started)
            {
              text->space = TRUE;
              if (c == '\n' || c == '\r')
                text->line_break = TRUE;
            }
          continue;
        }
      if (c == 0xFEFF || c == 0x200B || (c < 0x20 && c != '\t'))
        continue;
      if (!!bold != text->bold && text->run->len > 0)
        text_flush_run (text);
      text->bold = !!bold;
      if (text->space)
        {
          gunichar before = 0;

          if (text->run->len > 0)
            before = g_utf8_get_char (g_utf8_find_prev_char (text->run->str,
                                                             text->run->str + text->run->len));
          else if (text->paragraph != NULL && text->paragraph->runs->len > 0)
            {
              NbRun *last = g_ptr_array_index (text->paragraph->runs,
                                               text->paragraph->runs->len - 1);
              const char *end = last->text + strlen (last->text);

              before = g_utf8_get_char (g_utf8_find_prev_char (last->text, end));
            }
          if (!text->line_break || wants_space (before, c))
            g_string_append_c (text->run, ' ');
          text->space = FALSE;
          text->line_break = FALSE;
        }
      g_string_append_unichar (text->run, c);
      started = TRUE;
    }
}

NbParagraph *
nb_import_text_finish (NbImportText *text)
{
  NbParagraph *paragraph;

  text_flush_run (text);
  paragraph = g_steal_pointer (&text->paragraph);
  text->space = FALSE;
  text->line_break = FALSE;
  text->bold = FALSE;
  if (paragraph != NULL && !text->fold)
    {
      /* Word keeps spaces; only the ends are trimmed. */
      NbRun *first = g_ptr_array_index (paragraph->runs, 0);
      NbRun *last = g_ptr_array_index (paragraph->runs, paragraph->runs->len - 1);

      g_strchug (first->text);
      g_strchomp (last->text);
    }
  return paragraph;
}

void
nb_import_text_clear (NbImportText *text)
{
  g_clear_pointer (&text->paragraph, nb_paragraph_free);
  if (text->run != NULL)
    g_string_free (g_steal_pointer (&text->run), TRUE);
}

/* Grid */

/* Marks a position covered by a span; distinct from every real text. */
static char covered[] = "";

struct _NbImportGrid
{
  GPtrArray *rows;     /* GPtrArray of char * (NULL: free) */
  int        current;  /* index of the current row, -1 before the first */
  guint      budget;
  gboolean   truncated;
};

NbImportGrid *
nb_import_grid_new (void)
{
  NbImportGrid *grid = g_new0 (NbImportGrid, 1);

  grid->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  grid->current = -1;
  grid->budget = GRID_BUDGET;
  return grid;
}

static void
free_cells (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    if (g_ptr_array_index (cells, i) != covered)
      g_free (g_ptr_array_index (cells, i));
}

void
nb_import_grid_free (NbImportGrid *grid)
{
  if (grid == NULL)
    return;
  for (guint r = 0; r < grid->rows->len; r++)
    free_cells (g_ptr_array_index (grid->rows, r));
  g_ptr_array_unref (grid->rows);
  g_free (grid);
}

static GPtrArray *
grid_row (NbImportGrid *grid,
          guint         index)
{
  while (grid->rows->len <= index)
    g_ptr_array_add (grid->rows, g_ptr_array_new ());
  return g_ptr_array_index (grid->rows, index);
}

void
nb_import_grid_next_row (NbImportGrid *grid)
{
  if ((guint)(grid->current + 1) >= NB_IMPORT_MAX_ROWS)
    {
      grid->truncated = TRUE;
      grid->current = NB_IMPORT_MAX_ROWS; /* past the end: cells are dropped */
      return;
    }
  grid->current++;
  grid_row (grid, (guint)grid->current);
}

static gboolean
is_free (GPtrArray *row,
         guint      column)
{
  return column >= row->len || g_ptr_array_index (row, column) == NULL;
}

static void
put (GPtrArray *row,
     guint      column,
     char      *text)
{
  while (row->len <= column)
    g_ptr_array_add (row, NULL);
  g_ptr_array_index (row, column) = text;
}

/* The first free column of the current row, or -1 when the row is full. */
static int
first_free (NbImportGrid *grid,
            GPtrArray    *row)
{
  for (guint c = 0; c < NB_IMPORT_MAX_COLUMNS; c++)
    if (is_free (row, c))
      return (int)c;
  return -1;
}

static void
place (NbImportGrid *grid,
       char         *text,
       guint         row_span,
       guint         column_span)
{
  GPtrArray *row;
  int column;

  if (grid->current < 0)
    nb_import_grid_next_row (grid);
  if ((guint)grid->current >= NB_IMPORT_MAX_ROWS)
    {
      grid->truncated = TRUE;
      if (text != covered)
        g_free (text);
      return;
    }
  row = g_ptr_array_index (grid->rows, grid->current);
  column = first_free (grid, row);
  if (column < 0)
    {
      grid->truncated = TRUE;
      if (text != covered)
        g_free (text);
      return;
    }

  row_span = CLAMP (row_span, 1, NB_IMPORT_MAX_SPAN);
  column_span = CLAMP (column_span, 1, NB_IMPORT_MAX_SPAN);
  if ((guint)column + column_span > NB_IMPORT_MAX_COLUMNS)
    {
      column_span = NB_IMPORT_MAX_COLUMNS - (guint)column;
      grid->truncated = TRUE;
    }
  if ((guint)grid->current + row_span > NB_IMPORT_MAX_ROWS)
    {
      row_span = NB_IMPORT_MAX_ROWS - (guint)grid->current;
      grid->truncated = TRUE;
    }

  put (row, (guint)column, text);
  for (guint r = 0; r < row_span; r++)
    {
      GPtrArray *target = grid_row (grid, (guint)grid->current + r);

      for (guint c = 0; c < column_span; c++)
        {
          if (r == 0 && c == 0)
            continue;
          if (grid->budget == 0)
            {
              grid->truncated = TRUE;
              return;
            }
          grid->budget--;
          if (is_free (target, (guint)column + c))
            put (target, (guint)column + c, covered);
        }
    }
}

void
nb_import_grid_add_cell (NbImportGrid *grid,
                         const char   *text,
                         guint         row_span,
                         guint         column_span)
{
  /* As in nb_import_text_append: bytes that are not UTF-8 become U+FFFD. */
  place (grid, text == NULL ? g_strdup ("") : g_utf8_make_valid (text, -1), row_span, column_span);
}

void
nb_import_grid_skip (NbImportGrid *grid,
                     guint         n)
{
  for (guint i = 0; i < MIN (n, NB_IMPORT_MAX_COLUMNS); i++)
    place (grid, covered, 1, 1);
}

void
nb_import_grid_continue_cell (NbImportGrid *grid,
                              guint         column_span)
{
  place (grid, covered, 1, column_span);
}

void
nb_import_grid_finish (NbImportGrid *grid,
                       NbImportDoc  *doc)
{
  NbImportBlock *table = nb_import_doc_add_table (doc, 0);

  for (guint r = 0; r < grid->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (grid->rows, r);
      NbImportRow *row = nb_import_block_add_row (table, 0);

      for (guint c = 0; c < cells->len; c++)
        {
          char *text = g_ptr_array_index (cells, c);

          g_ptr_array_add (row->cells, (text == NULL || text == covered) ? g_strdup ("") : text);
          g_ptr_array_index (cells, c) = NULL;
        }
    }
  if (grid->truncated)
    {
      g_autofree char *location = g_strdup_printf (_("table %u"), table->index);
      g_autofree char *message =
        g_strdup_printf (_("The table is larger than any report table (more than %d rows, %d columns "
                           "or spans of %d); only its first part was read"),
                         NB_IMPORT_MAX_ROWS, NB_IMPORT_MAX_COLUMNS, NB_IMPORT_MAX_SPAN);

      nb_import_doc_add_finding (doc, NB_SEVERITY_ERROR, "TABLE-TOO-LARGE", location, message);
    }
}
