/* nb-paragraph.c: narrative text: paragraphs with a heading level, made of runs
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-report"

#include "config.h"

#include "nb-paragraph.h"

static void
run_free (gpointer data)
{
  NbRun *run = data;

  g_free (run->text);
  g_free (run);
}

NbParagraph *
nb_paragraph_new (NbParagraphLevel level)
{
  NbParagraph *paragraph = g_new0 (NbParagraph, 1);

  paragraph->level = level;
  paragraph->runs = g_ptr_array_new_with_free_func (run_free);
  return paragraph;
}

NbParagraph *
nb_paragraph_new_text (NbParagraphLevel  level,
                       const char       *text)
{
  NbParagraph *paragraph = nb_paragraph_new (level);

  if (text != NULL && *text != '\0')
    nb_paragraph_add_run (paragraph, text, FALSE);
  return paragraph;
}

void
nb_paragraph_add_run (NbParagraph *paragraph,
                      const char  *text,
                      gboolean     bold)
{
  NbRun *run;

  g_return_if_fail (paragraph != NULL);

  if (text == NULL || *text == '\0')
    return;
  /* Adjacent runs of the same weight are one run. */
  if (paragraph->runs->len > 0)
    {
      NbRun *last = g_ptr_array_index (paragraph->runs, paragraph->runs->len - 1);

      if (last->bold == !!bold)
        {
          char *joined = g_strconcat (last->text, text, NULL);

          g_free (last->text);
          last->text = joined;
          return;
        }
    }
  run = g_new0 (NbRun, 1);
  run->text = g_strdup (text);
  run->bold = !!bold;
  g_ptr_array_add (paragraph->runs, run);
}

NbParagraph *
nb_paragraph_copy (const NbParagraph *paragraph)
{
  NbParagraph *copy;

  g_return_val_if_fail (paragraph != NULL, NULL);

  copy = nb_paragraph_new (paragraph->level);
  for (guint i = 0; i < paragraph->runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (paragraph->runs, i);

      nb_paragraph_add_run (copy, run->text, run->bold);
    }
  return copy;
}

void
nb_paragraph_free (NbParagraph *paragraph)
{
  if (paragraph == NULL)
    return;
  g_ptr_array_unref (paragraph->runs);
  g_free (paragraph);
}

G_DEFINE_BOXED_TYPE (NbParagraph, nb_paragraph, nb_paragraph_copy, nb_paragraph_free)

char *
nb_paragraph_dup_text (const NbParagraph *paragraph)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < paragraph->runs->len; i++)
    g_string_append (text, ((NbRun *)g_ptr_array_index (paragraph->runs, i))->text);
  return g_string_free (text, FALSE);
}

/* The runs with neighbours of the same weight joined and empty runs
 * dropped, so no exporter writes "**a****b**" or an empty <strong>. */
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

gboolean
nb_paragraph_equal (const NbParagraph *a,
                    const NbParagraph *b)
{
  if (a->level != b->level || a->runs->len != b->runs->len)
    return FALSE;
  for (guint i = 0; i < a->runs->len; i++)
    {
      const NbRun *ra = g_ptr_array_index (a->runs, i);
      const NbRun *rb = g_ptr_array_index (b->runs, i);

      if (ra->bold != rb->bold || g_strcmp0 (ra->text, rb->text) != 0)
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
nb_paragraphs_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)nb_paragraph_free);
}

GPtrArray *
nb_paragraphs_copy (GPtrArray *paragraphs)
{
  GPtrArray *copy = nb_paragraphs_new ();

  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    g_ptr_array_add (copy, nb_paragraph_copy (g_ptr_array_index (paragraphs, i)));
  return copy;
}

/* Plain text: one body paragraph per non-empty line. */
GPtrArray *
nb_paragraphs_from_text (const char *text)
{
  GPtrArray *paragraphs = nb_paragraphs_new ();
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, lines[i]));
    }
  return paragraphs;
}
