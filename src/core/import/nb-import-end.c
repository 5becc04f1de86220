/* nb-import-end.c: where the report ends in a web page, and the footer after it
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-import-map-private.h"

/* How many parts of a page's footer its finding quotes. */
#define MAX_AFTER_END_PARTS 20

/* A block's text on one line: a paragraph's, or a table's cells. */
static char *
block_text (const NbImportBlock *block)
{
  GString *text;

  if (block->kind == NB_IMPORT_BLOCK_PARAGRAPH)
    return g_strstrip (nb_paragraph_dup_text (block->paragraph));
  text = g_string_new (NULL);
  for (guint r = 0; r < block->rows->len; r++)
    {
      NbImportRow *row = g_ptr_array_index (block->rows, r);

      for (guint c = 0; c < row->cells->len; c++)
        if (!_nb_import_is_blank (g_ptr_array_index (row->cells, c)))
          g_string_append_printf (text, "%s%s", text->len ? " " : "",
                                  (const char *)g_ptr_array_index (row->cells, c));
    }
  return g_string_free (text, FALSE);
}

/* A line of the web page around a report, not of the report: the
 * copyright, the site's registration, its sponsor, the print and close
 * buttons, share buttons, the visit counter, links to other articles.
 * Compared in normalized form ("主办：" is "主办:"); never a sentence
 * (ending in "。") or a numbered line, and the weaker words only in a
 * short line. */
static gboolean
is_footer_line (const char *text)
{
  const char * const *strong = (const char * const *)_nb_import_lexicon ()->footer_strong;
  const char * const *weak = (const char * const *)_nb_import_lexicon ()->footer_weak;
  g_autofree char *key = NULL;
  glong length = g_utf8_strlen (text, -1);

  /* A numbered line ("3.网站地图更新") is the report's own. */
  if (g_str_has_suffix (text, "。") || length > 300
      || _nb_import_numbering_level (text) != NB_PARAGRAPH_BODY)
    return FALSE;
  key = nb_import_normalize_label (text);
  for (guint i = 0; strong[i] != NULL; i++)
    if (strstr (key, strong[i]) != NULL)
      return TRUE;
  if (length > 60)
    return FALSE;
  for (guint i = 0; weak[i] != NULL; i++)
    if (strstr (key, weak[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Where the report ends: the first block after the last section heading
 * that is of the page around it (a footer line, or, in a web page, an
 * element of the site's own such as <footer>); the number of blocks when
 * the report runs to the end. */
guint
_nb_import_find_report_end (NbImportMapper *m)
{
  GPtrArray *blocks = m->doc->blocks;
  guint last_heading = G_MAXUINT;

  for (guint b = 0; b < blocks->len; b++)
    {
      NbImportBlock *block = g_ptr_array_index (blocks, b);
      g_autofree char *text = NULL;
      gboolean loose;

      if (block->kind != NB_IMPORT_BLOCK_PARAGRAPH)
        continue;
      text = g_strstrip (nb_paragraph_dup_text (block->paragraph));
      if ((block->heading > 0 || g_utf8_strlen (text, -1) <= 40)
          && _nb_import_match_section (m, text, &loose) != NULL)
        last_heading = b;
    }
  if (last_heading == G_MAXUINT)
    return blocks->len;

  for (guint b = last_heading + 1; b < blocks->len; b++)
    {
      NbImportBlock *block = g_ptr_array_index (blocks, b);
      g_autofree char *text = NULL;

      /* A page that marks all of itself the site's tells nothing. */
      if (block->furniture
          && !((NbImportBlock *)g_ptr_array_index (blocks, last_heading))->furniture)
        return b;
      if (block->kind == NB_IMPORT_BLOCK_TABLE && block->rows->len > 3)
        continue;
      text = block_text (block);
      if (is_footer_line (text))
        return b;
    }
  return blocks->len;
}

void
_nb_import_report_after_end (NbImportMapper      *m,
                             const NbImportBlock *block,
                             NbImportAfterEnd    *after)
{
  g_autofree char *text = block_text (block);
  g_autofree char *short_text = NULL;

  if (_nb_import_is_blank (text))
    return;
  if (after->n_parts++ == 0)
    {
      after->location = _nb_import_block_location (block);
      after->parts = g_string_new (NULL);
    }
  if (after->n_parts > MAX_AFTER_END_PARTS)
    return;
  short_text = _nb_import_excerpt_n (text, 60);
  g_string_append_printf (after->parts, "%s“%s”", after->parts->len ? "、" : "", short_text);
}

void
_nb_import_after_end_finish (NbImportMapper   *m,
                             NbImportAfterEnd *after)
{
  if (after->n_parts == 0)
    return;
  if (after->n_parts > MAX_AFTER_END_PARTS)
    g_string_append (after->parts, "…");
  _nb_import_add_finding (m, NB_SEVERITY_WARNING, "TEXT-AFTER-END", after->location,
                          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "The web page’s footer after the report was not imported (%u part): %s",
                                                        "The web page’s footer after the report was not imported (%u parts): %s",
                                                        after->n_parts),
                                           after->n_parts, after->parts->str));
  g_clear_pointer (&after->location, g_free);
  g_string_free (g_steal_pointer (&after->parts), TRUE);
}
