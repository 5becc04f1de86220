/* nb-fix.c: the one-click fixes of findings whose fix is unambiguous
 *
 * A finding carries its fix as data (a text written over a range of its
 * paragraph, or into its cells), so the checks decide what is unambiguous
 * and the window only offers it.  A fix is applied as one undo step, and
 * only while the finding still holds: a list a change has made stale never
 * writes over the wrong characters.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-fix"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker-private.h"

void
nb_finding_set_fix (NbFinding  *finding,
                    guint       offset,
                    guint       length,
                    const char *text,
                    char       *label)
{
  g_free (finding->fix_text);
  g_free (finding->fix_label);
  finding->fix_text = g_strdup (text);
  finding->fix_offset = offset;
  finding->fix_length = length;
  finding->fix_label = label;
}

gboolean
nb_finding_has_fix (NbFinding *finding)
{
  g_return_val_if_fail (finding != NULL, FALSE);
  return finding->fix_text != NULL;
}

static gboolean
same_finding (NbFinding *a,
              NbFinding *b)
{
  return g_strcmp0 (a->rule_id, b->rule_id) == 0 && g_strcmp0 (a->section_id, b->section_id) == 0
         && g_strcmp0 (a->table_id, b->table_id) == 0 && a->paragraph == b->paragraph
         && a->n_cells == b->n_cells
         && (a->n_cells == 0 || memcmp (a->cells, b->cells, a->n_cells * sizeof (guint)) == 0)
         && g_strcmp0 (a->fix_text, b->fix_text) == 0 && a->fix_offset == b->fix_offset
         && a->fix_length == b->fix_length;
}

/* The paragraph with characters [offset, offset + length) replaced by text.
 * A text as long as the range replaces it character by character, so each
 * keeps its run's formatting (a bold comma stays bold); otherwise the text
 * takes the formatting of the run the range starts in. */
static NbParagraph *
paragraph_replace (const NbParagraph *paragraph,
                   guint              offset,
                   guint              length,
                   const char        *text)
{
  NbParagraph *result = nb_paragraph_new (paragraph->level);
  gboolean same_length = (guint)g_utf8_strlen (text, -1) == length;
  const char *next = text; /* the replacement's next character, when same_length */
  gboolean inserted = FALSE;
  guint at = 0;

  for (guint r = 0; r < paragraph->runs->len; r++)
    {
      const NbRun *run = g_ptr_array_index (paragraph->runs, r);
      g_autoptr(GString) kept = g_string_new (NULL);
      const char *p = run->text;

      for (; *p != '\0'; p = g_utf8_next_char (p), at++)
        {
          gboolean inside = at >= offset && at < offset + length;

          if (inside && same_length)
            {
              g_string_append_unichar (kept, g_utf8_get_char (next));
              next = g_utf8_next_char (next);
              continue;
            }
          if (at == offset && !inserted)
            {
              g_string_append (kept, text);
              inserted = TRUE;
            }
          if (!inside)
            g_string_append_unichar (kept, g_utf8_get_char (p));
        }
      if (kept->len > 0)
        nb_paragraph_add_run (result, kept->str, run->bold);
    }
  /* A range at the very end (an insertion after the last character). */
  if (!same_length && !inserted && text[0] != '\0')
    nb_paragraph_add_run (result, text, FALSE);
  return result;
}

static void
apply_text_fix (NbFinding *finding,
                NbReport  *report)
{
  GPtrArray *paragraphs = nb_report_get_paragraphs (report, finding->section_id);
  g_autoptr(GPtrArray) copy = nb_paragraphs_copy (paragraphs);
  guint index = (guint)finding->paragraph;

  /* The checks just found it there, so the paragraph exists. */
  g_ptr_array_remove_index (copy, index);
  g_ptr_array_insert (copy, (int)index,
                      paragraph_replace (g_ptr_array_index (paragraphs, index), finding->fix_offset,
                                         finding->fix_length, finding->fix_text));
  nb_report_set_paragraphs (report, finding->section_id, copy);
}

/**
 * nb_finding_apply_fix:
 *
 * Applies the finding's fix to the report as one undo step.  Refused when
 * the finding has no fix, or no longer holds for the report as it is now.
 */
gboolean
nb_finding_apply_fix (NbFinding  *finding,
                      NbReport   *report,
                      GError    **error)
{
  g_autoptr(GPtrArray) current = NULL;
  gboolean holds = FALSE;

  g_return_val_if_fail (finding != NULL, FALSE);
  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (finding->fix_text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This finding has no fix that is certain; correct it by hand"));
      return FALSE;
    }
  current = nb_check_report (report, NULL);
  for (guint i = 0; i < current->len && !holds; i++)
    holds = same_finding (finding, g_ptr_array_index (current, i));
  if (!holds)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The report has changed since this finding; it was not fixed"));
      return FALSE;
    }

  nb_report_begin_user_action (report);
  if (finding->section_id != NULL && finding->paragraph >= 0)
    apply_text_fix (finding, report);
  else if (finding->table_id != NULL && finding->n_cells > 0)
    {
      const NbEditionTable *table =
        nb_edition_find_table (nb_report_get_edition (report), finding->table_id);
      g_autofree const char **texts = g_new (const char *, finding->n_cells);

      for (guint c = 0; c < finding->n_cells; c++)
        texts[c] = finding->fix_text;
      if (!nb_report_set_cells_text (report, table, finding->n_cells, finding->cells,
                                     (const char * const *)texts, error))
        {
          nb_report_end_user_action (report);
          return FALSE;
        }
    }
  nb_report_end_user_action (report);
  return TRUE;
}
