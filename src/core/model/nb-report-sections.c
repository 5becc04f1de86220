/* nb-report-sections.c: a report's narrative sections
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-report"

#include "config.h"

#include "nb-report-private.h"

static gboolean
paragraphs_equal (GPtrArray *a,
                  GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!nb_paragraph_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

GPtrArray *
nb_report_get_paragraphs (NbReport   *self,
                          const char *section_id)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return g_hash_table_lookup (self->sections, section_id);
}

void
_nb_report_store_paragraphs (NbReport   *self,
                             const char *section_id,
                             GPtrArray  *paragraphs)
{
  g_hash_table_replace (self->sections, g_strdup (section_id), nb_paragraphs_copy (paragraphs));
  if (!self->quiet)
    g_signal_emit (self, _nb_report_signals[SECTION_CHANGED], 0, section_id);
}

void
nb_report_set_paragraphs (NbReport   *self,
                          const char *section_id,
                          GPtrArray  *paragraphs)
{
  GPtrArray *current;
  Change *change;

  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (paragraphs != NULL);

  current = g_hash_table_lookup (self->sections, section_id);
  if (current == NULL)
    {
      g_critical ("Section “%s” is not a narrative section of edition %s", section_id,
                  nb_edition_get_id (self->edition));
      return;
    }
  if (paragraphs_equal (current, paragraphs))
    return;

  change = g_new0 (Change, 1);
  change->kind = CHANGE_PARAGRAPHS;
  change->section_id = g_strdup (section_id);
  change->paragraphs_before = g_ptr_array_ref (current);
  change->paragraphs_after = nb_paragraphs_copy (paragraphs);
  _nb_report_begin_change (self);
  _nb_report_store_paragraphs (self, section_id, paragraphs);
  _nb_report_record (self, change);
  _nb_report_end_change (self);
}

char *
nb_report_dup_section_text (NbReport   *self,
                            const char *section_id)
{
  GPtrArray *paragraphs = nb_report_get_paragraphs (self, section_id);
  GString *text = g_string_new (NULL);

  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    {
      g_autofree char *line = nb_paragraph_dup_text (g_ptr_array_index (paragraphs, i));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

/* Characters as an office counts them ("字数"): no white space. */
guint
nb_report_count_section_chars (NbReport   *self,
                               const char *section_id)
{
  g_autofree char *text = nb_report_dup_section_text (self, section_id);
  guint n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}
