/* test-compare.c: this year's report against last year's
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nb-compare.h"
#include "nb-file.h"

static NbReport *
sample (void)
{
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_file_load_sample (&error);

  g_assert_no_error (error);
  return report;
}

static const NbCompareRow *
find_row (NbCompare  *compare,
          const char *table_id,
          const char *key)
{
  for (guint i = 0; i < nb_compare_get_n_rows (compare); i++)
    {
      const NbCompareRow *row = nb_compare_get_row (compare, i);

      if (g_str_equal (nb_edition_table_get_id (row->table), table_id)
          && g_str_equal (nb_edition_table_get_cell (row->table, row->cell)->key, key))
        return row;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
has_finding (GPtrArray  *findings,
             const char *rule_id)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((NbFinding *)g_ptr_array_index (findings, i))->rule_id, rule_id))
      return TRUE;
  return FALSE;
}

/* Last year's report whose 结转 matches this year's 上年结转 exactly. */
static NbReport *
consistent_previous (NbReport *current)
{
  NbReport *old = sample ();
  const NbEditionTable *t3 = nb_edition_find_table (nb_report_get_edition (old), "t3");
  const NbEditionTable *t2 = nb_edition_find_table (nb_report_get_edition (old), "t2");
  const char *columns[] = { "natural", "commercial", "research", "nonprofit", "legal_services",
                            "other", "total" };
  const char *rows[] = { "regulations", "normative_documents" };

  nb_report_set_year (old, nb_report_get_year (current) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      int from = nb_edition_table_find_cell (t3, "carried_over", columns[i]);
      int to = nb_edition_table_find_cell (t3, "carry_forward", columns[i]);

      nb_report_set_stated (old, t3, (guint)to, NB_CELL_VALUE,
                            nb_report_get_value (current, t3, (guint)from), NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      int in_force = nb_edition_table_find_cell (t2, rows[i], "in_force");
      int issued = nb_edition_table_find_cell (t2, rows[i], "issued");
      int abolished = nb_edition_table_find_cell (t2, rows[i], "abolished");
      gint64 previous = nb_report_get_value (current, t2, (guint)in_force)
                        - nb_report_get_value (current, t2, (guint)issued)
                        + nb_report_get_value (current, t2, (guint)abolished);

      nb_report_set_stated (old, t2, (guint)in_force, NB_CELL_VALUE, previous, NULL);
    }
  return old;
}

static void
test_changes (void)
{
  g_autoptr(NbReport) current = sample ();
  g_autoptr(NbReport) old = consistent_previous (current);
  g_autoptr(NbCompare) compare = NULL;
  const NbEditionTable *t2 = nb_edition_find_table (nb_report_get_edition (old), "t2");
  const NbEditionTable *t3 = nb_edition_find_table (nb_report_get_edition (old), "t3");
  const NbCompareRow *row;
  guint n_largest = 0;
  g_autoptr(GError) error = NULL;

  /* penalty 67 → 20 (−47, 70 %); fee 27.25 → 3.5; licensing blank last year. */
  nb_report_set_value (old, t2, (guint)nb_edition_table_find_cell (t2, "penalty", "decisions"), 20);
  g_assert_true (nb_report_set_cell_text (current, t2,
                                          (guint)nb_edition_table_find_cell (t2, "fees", "fee_amount"),
                                          "3.5", &error));
  g_assert_no_error (error);
  nb_report_clear_cell (old, t2, (guint)nb_edition_table_find_cell (t2, "licensing", "decisions"));
  /* The biggest relative change: 0 → 900 requests withheld as secret. */
  nb_report_set_value (current, t3, (guint)nb_edition_table_find_cell (t3, "withheld_secret", "natural"), 900);

  compare = nb_compare_new (old, current);
  g_assert_cmpuint (nb_compare_get_n_rows (compare), ==,
                    nb_edition_table_get_n_cells (nb_edition_get_table (nb_report_get_edition (current), 0))
                    + nb_edition_table_get_n_cells (t3)
                    + nb_edition_table_get_n_cells (nb_edition_get_table (nb_report_get_edition (current), 2)));

  row = find_row (compare, "t2", "penalty/decisions");
  g_assert_cmpint (row->old_value, ==, 20);
  g_assert_cmpint (row->new_value, ==, 67);
  g_assert_true (row->has_change);
  g_assert_cmpint (row->change, ==, 47);

  row = find_row (compare, "t2", "fees/fee_amount");
  g_assert_cmpint (row->change, ==, -(gint64)23750000); /* −23.75 万元, exactly */

  row = find_row (compare, "t2", "licensing/decisions");
  g_assert_cmpint (row->old_state, ==, NB_CELL_EMPTY);
  g_assert_false (row->has_change);
  g_assert_false (row->largest);

  row = find_row (compare, "t3", "withheld_secret/natural");
  g_assert_cmpint (row->change, ==, 900);
  g_assert_true (row->largest);
  row = find_row (compare, "t3", "new/commercial");
  g_assert_false (row->largest); /* unchanged */

  for (guint i = 0; i < nb_compare_get_n_rows (compare); i++)
    if (nb_compare_get_row (compare, i)->largest)
      n_largest++;
  g_assert_cmpuint (n_largest, <=, NB_COMPARE_N_LARGEST);
  g_assert_cmpuint (n_largest, >=, 3);
}

static void
test_cross_year (void)
{
  g_autoptr(NbReport) current = sample ();
  g_autoptr(NbReport) old = consistent_previous (current);
  g_autoptr(GPtrArray) fresh = nb_paragraphs_from_text ("本年度依申请公开答复时限偏长。");
  g_autoptr(NbCompare) agree = NULL;
  g_autoptr(NbCompare) differ = NULL;
  g_autoptr(NbCompare) with_reference = NULL;
  const NbEditionTable *t3 = nb_edition_find_table (nb_report_get_edition (old), "t3");
  g_autofree char *text = NULL;

  /* Consistent years and a new section 五: no cross-year finding, and the
   * SECTION-LENGTH warning of the report alone is not counted as one. */
  nb_report_set_paragraphs (current, "problems", fresh);
  agree = nb_compare_new (old, current);
  g_assert_cmpuint (nb_compare_get_cross_year (agree)->len, ==, 0);
  g_assert_cmpuint (nb_compare_get_notes (agree)->len, ==, 0);

  nb_report_set_stated (old, t3, (guint)nb_edition_table_find_cell (t3, "carry_forward", "natural"),
                        NB_CELL_VALUE, 999, NULL);
  nb_report_set_year (old, nb_report_get_year (current) - 2);
  differ = nb_compare_new (old, current);
  g_assert_true (has_finding (nb_compare_get_cross_year (differ), "X-CARRY-OVER"));
  g_assert_true (has_finding (nb_compare_get_cross_year (differ), "X-YEAR"));
  g_assert_false (has_finding (nb_compare_get_cross_year (differ), "SECTION-LENGTH"));

  /* A report made with --next-year carries last year's as its reference;
   * the comparison still reports what differs from the file given. */
  nb_report_set_reference (current, old);
  with_reference = nb_compare_new (old, current);
  g_assert_true (has_finding (nb_compare_get_cross_year (with_reference), "X-CARRY-OVER"));

  text = nb_compare_to_text (differ, "old.nianbao", "new.nianbao");
  g_assert_nonnull (strstr (text, "[X-CARRY-OVER] t3 carried_over natural"));
  g_assert_nonnull (strstr (text, "old.nianbao"));
}

static void
test_copied_section (void)
{
  g_autoptr(NbReport) current = sample ();
  g_autoptr(NbReport) old = consistent_previous (current);
  g_autoptr(NbCompare) copied = NULL;
  g_autoptr(NbCompare) rewritten = NULL;
  g_autoptr(GPtrArray) fresh = nb_paragraphs_from_text ("本年度依申请公开答复时限偏长，基层站所人员变动频繁。"
                                                        "明年拟上线电子化流转系统，压缩办理时间。");
  g_autofree char *warning = NULL;
  g_autofree char *none = NULL;
  gboolean found = FALSE;

  copied = nb_compare_new (old, current);
  for (guint i = 0; i < nb_compare_get_n_sections (copied); i++)
    {
      const NbCompareSection *section = nb_compare_get_section (copied, i);

      if (g_str_equal (section->section_id, "problems"))
        {
          g_assert_cmpfloat (section->similarity, ==, 1.0);
          g_assert_true (section->copied);
          found = TRUE;
        }
      else
        g_assert_false (section->copied); /* only section 五 must be new each year */
    }
  g_assert_true (found);
  warning = nb_compare_dup_copied_warning (copied);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "五、"));
  /* The same warning as the checker's, from the import/next-year work. */
  g_assert_true (has_finding (nb_compare_get_cross_year (copied), "X-REPEATED"));

  nb_report_set_paragraphs (current, "problems", fresh);
  rewritten = nb_compare_new (old, current);
  none = nb_compare_dup_copied_warning (rewritten);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compare/changes", test_changes);
  g_test_add_func ("/compare/cross-year", test_cross_year);
  g_test_add_func ("/compare/copied-section", test_copied_section);
  return g_test_run ();
}
