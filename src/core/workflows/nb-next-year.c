/* nb-next-year.c: next year's report, started from this year's
 *
 * The new report keeps who and where (agency, contact, fee precision),
 * moves to the year after and to the edition for that year, and starts
 * every narrative section empty.  What the cross-year rules of the edition
 * copy one to one (二、上年结转 from 四、结转下年度继续办理) is filled in; a
 * snapshot of last year's report goes along as the new report's reference,
 * so the cross-year checks (X-CARRY-OVER, X-IN-FORCE) and the warning on a
 * repeated section 五 work without the old file, and last year's text can
 * be shown alongside.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-next-year"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-file.h"
#include "nb-next-year.h"

G_DEFINE_QUARK (nb-next-year-error-quark, nb_next_year_error)

/* Last year's report as it is now: the window may go on editing it. */
static NbReport *
snapshot (NbReport  *report,
          GError   **error)
{
  g_autoptr(GBytes) bytes = nb_file_serialize (report);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  NbReport *copy = nb_file_load_data (data, length, error);

  if (copy != NULL)
    nb_report_set_reference (copy, NULL); /* one year back is enough */
  return copy;
}

/* A cross-year rule instance of the form "cell = last year's cell" is a
 * value to carry over. */
static void
carry_over (NbReport *report,
            NbReport *previous)
{
  NbEdition *edition = nb_report_get_edition (report);
  NbEdition *old_edition = nb_report_get_edition (previous);

  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);
      const NbEditionTable *old_table =
        nb_edition_find_table (old_edition, nb_edition_table_get_id (table));

      if (old_table == NULL)
        continue;
      for (guint i = 0; i < nb_edition_table_get_n_instances (table); i++)
        {
          const NbRuleInstance *instance = nb_edition_table_get_instance (table, i);
          const NbRuleTerm *target = NULL, *source = NULL;
          gboolean simple = instance->rule->cross_year && instance->n_terms == 2;
          gint64 value;
          int old_cell;

          for (guint k = 0; simple && k < instance->n_terms; k++)
            {
              const NbRuleTerm *term = &instance->terms[k];

              if (term->lhs && !term->previous && term->sign > 0)
                target = term;
              else if (!term->lhs && term->previous && term->sign > 0)
                source = term;
            }
          if (target == NULL || source == NULL)
            continue;
          old_cell = nb_edition_table_find_cell_by_key (old_table, source->key);
          if (old_cell < 0
              || nb_report_get_cell (previous, old_table, (guint)old_cell, &value, NULL) != NB_CELL_VALUE)
            continue;
          nb_report_set_stated (report, table, (guint)target->cell, NB_CELL_VALUE, value, NULL);
        }
    }
}

/**
 * nb_next_year_new:
 * @previous: this year's report
 *
 * Returns: (transfer full): the report for the year after, or NULL
 */
NbReport *
nb_next_year_new (NbReport  *previous,
                  GError   **error)
{
  g_autoptr(NbEdition) edition = NULL;
  g_autoptr(NbReport) reference = NULL;
  NbReport *report;
  int year;

  g_return_val_if_fail (NB_IS_REPORT (previous), NULL);

  year = nb_report_get_year (previous);
  if (year <= 0 || year >= 9999)
    {
      g_set_error_literal (error, NB_NEXT_YEAR_ERROR, NB_NEXT_YEAR_ERROR_NO_YEAR,
                           _("The report has no year, so there is no “next year” to start; set its year first"));
      return NULL;
    }
  edition = nb_edition_lookup (nb_edition_id_for_year (year + 1), error);
  if (edition == NULL)
    return NULL;
  reference = snapshot (previous, error);
  if (reference == NULL)
    return NULL;

  report = nb_report_new (edition);
  nb_report_set_year (report, year + 1);
  nb_report_set_agency (report, nb_report_get_agency (previous));
  nb_report_set_address (report, nb_report_get_address (previous));
  nb_report_set_postcode (report, nb_report_get_postcode (previous));
  nb_report_set_phone (report, nb_report_get_phone (previous));
  nb_report_set_level (report, nb_report_get_level (previous));
  nb_report_set_fee_decimals (report, nb_report_get_fee_decimals (previous));
  carry_over (report, reference);
  nb_report_set_reference (report, reference);
  nb_report_forget_history (report);
  nb_report_set_modified (report, TRUE);
  return report;
}
