/* test-next-year.c: next year's report from this one, and its reference
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-next-year"

#include "config.h"

#include "nb-checker.h"
#include "nb-file.h"
#include "nb-next-year.h"

static const NbEditionTable *
table_of (NbReport   *report,
          const char *id)
{
  const NbEditionTable *table = nb_edition_find_table (nb_report_get_edition (report), id);

  g_assert_nonnull (table);
  return table;
}

static guint
cell_of (NbReport   *report,
         const char *table_id,
         const char *row,
         const char *column)
{
  int cell = nb_edition_table_find_cell (table_of (report, table_id), row, column);

  g_assert_cmpint (cell, >=, 0);
  return (guint)cell;
}

static void
set (NbReport   *report,
     const char *row,
     const char *column,
     gint64      value)
{
  nb_report_set_stated (report, table_of (report, "t3"), cell_of (report, "t3", row, column),
                        NB_CELL_VALUE, value, NULL);
}

static gint64
get (NbReport   *report,
     const char *row,
     const char *column,
     NbCellState expected)
{
  gint64 value = -1;

  g_assert_cmpint (nb_report_get_cell (report, table_of (report, "t3"),
                                       cell_of (report, "t3", row, column), &value, NULL),
                   ==, expected);
  return value;
}

static guint
count_rule (GPtrArray  *findings,
            const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((NbFinding *)g_ptr_array_index (findings, i))->rule_id, rule))
      n++;
  return n;
}

static NbReport *
sample_with_carry_forward (void)
{
  g_autoptr(GError) error = NULL;
  NbReport *sample = nb_file_load_sample (&error);

  g_assert_no_error (error);
  set (sample, "carry_forward", "natural", 5);
  set (sample, "carry_forward", "commercial", 2);
  set (sample, "carry_forward", "total", 7);
  return sample;
}

static void
test_new (void)
{
  g_autoptr(NbReport) previous = sample_with_carry_forward ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_next_year_new (previous, &error);
  NbReport *reference;

  g_assert_no_error (error);
  g_assert_cmpint (nb_report_get_year (report), ==, 2023);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (report)), ==,
                   nb_edition_id_for_year (2023));
  g_assert_cmpstr (nb_report_get_agency (report), ==, nb_report_get_agency (previous));
  g_assert_cmpstr (nb_report_get_address (report), ==, nb_report_get_address (previous));
  g_assert_cmpstr (nb_report_get_phone (report), ==, nb_report_get_phone (previous));
  g_assert_cmpstr (nb_report_get_postcode (report), ==, nb_report_get_postcode (previous));
  g_assert_cmpuint (nb_report_get_fee_decimals (report), ==, 4);

  /* 二、上年结转 from last year's 四; nothing else filled in. */
  g_assert_cmpint (get (report, "carried_over", "natural", NB_CELL_VALUE), ==, 5);
  g_assert_cmpint (get (report, "carried_over", "commercial", NB_CELL_VALUE), ==, 2);
  g_assert_cmpint (get (report, "carried_over", "total", NB_CELL_VALUE), ==, 7);
  get (report, "new", "natural", NB_CELL_EMPTY);
  g_assert_cmpuint (nb_report_get_paragraphs (report, "overview")->len, ==, 0);
  g_assert_cmpuint (nb_report_get_paragraphs (report, "problems")->len, ==, 0);

  /* Last year's report goes along, as it was. */
  reference = nb_report_get_reference (report);
  g_assert_nonnull (reference);
  g_assert_true (reference != previous);
  g_assert_cmpint (nb_report_get_year (reference), ==, 2022);
  g_assert_cmpuint (nb_report_get_paragraphs (reference, "problems")->len, ==, 3);
  set (previous, "carry_forward", "natural", 99); /* later edits do not reach it */
  g_assert_cmpint (get (reference, "carry_forward", "natural", NB_CELL_VALUE), ==, 5);
}

static void
test_reference_in_file (void)
{
  g_autoptr(NbReport) previous = sample_with_carry_forward ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_next_year_new (previous, &error);
  g_autoptr(GBytes) bytes = nb_file_serialize (report);
  g_autoptr(NbReport) loaded = nb_file_load_data (g_bytes_get_data (bytes, NULL),
                                                  g_bytes_get_size (bytes), &error);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(NbReport) bad = NULL;
  g_autofree char *text = NULL;
  NbReport *reference;

  g_assert_no_error (error);
  reference = nb_report_get_reference (loaded);
  g_assert_nonnull (reference);
  g_assert_cmpint (nb_report_get_year (reference), ==, 2022);
  g_assert_cmpint (get (reference, "carry_forward", "natural", NB_CELL_VALUE), ==, 5);
  text = nb_report_dup_section_text (reference, "problems");
  g_assert_nonnull (strstr (text, "信息公开意识有待提升"));
  /* Saving again gives the same bytes. */
  again = nb_file_serialize (loaded);
  g_assert_true (g_bytes_equal (bytes, again));
  /* A reference that is no report is a clear error. */
  bad = nb_file_load_data ("{\"format\":\"nianbao\",\"version\":1,\"edition\":\"2021\","
                           "\"reference\":{\"format\":\"nianbao\",\"version\":1,\"edition\":\"1999\"}}",
                           strlen ("{\"format\":\"nianbao\",\"version\":1,\"edition\":\"2021\","
                                   "\"reference\":{\"format\":\"nianbao\",\"version\":1,\"edition\":\"1999\"}}"),
                           &error);
  g_assert_null (bad);
  g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "reference"));
}

/* The checks use the reference when no previous report is given. */
static void
test_cross_year_checks (void)
{
  g_autoptr(NbReport) previous = sample_with_carry_forward ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_next_year_new (previous, &error);
  g_autoptr(GPtrArray) clean = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) without = NULL;

  g_assert_no_error (error);
  clean = nb_check_report (report, NULL);
  g_assert_cmpuint (count_rule (clean, "X-CARRY-OVER"), ==, 0);

  set (report, "carried_over", "natural", 6);
  changed = nb_check_report (report, NULL);
  g_assert_cmpuint (count_rule (changed, "X-CARRY-OVER"), ==, 1);

  /* 现行有效件数: last year's, plus issued, minus abolished. */
  {
    const NbEditionTable *t2 = table_of (report, "t2");
    g_autoptr(GPtrArray) right = NULL;
    g_autoptr(GPtrArray) wrong = NULL;
    NbReport *reference = nb_report_get_reference (report);
    const NbEditionTable *old_t2 = table_of (reference, "t2");

    nb_report_set_stated (reference, old_t2, cell_of (reference, "t2", "regulations", "in_force"),
                          NB_CELL_VALUE, 10, NULL);
    nb_report_set_stated (report, t2, cell_of (report, "t2", "regulations", "issued"),
                          NB_CELL_VALUE, 2, NULL);
    nb_report_set_stated (report, t2, cell_of (report, "t2", "regulations", "abolished"),
                          NB_CELL_VALUE, 1, NULL);
    nb_report_set_stated (report, t2, cell_of (report, "t2", "regulations", "in_force"),
                          NB_CELL_VALUE, 11, NULL);
    right = nb_check_report (report, NULL);
    g_assert_cmpuint (count_rule (right, "X-IN-FORCE"), ==, 0);
    nb_report_set_stated (report, t2, cell_of (report, "t2", "regulations", "in_force"),
                          NB_CELL_VALUE, 12, NULL);
    wrong = nb_check_report (report, NULL);
    g_assert_cmpuint (count_rule (wrong, "X-IN-FORCE"), ==, 1);
  }

  nb_report_set_reference (report, NULL);
  without = nb_check_report (report, NULL);
  g_assert_cmpuint (count_rule (without, "X-CARRY-OVER"), ==, 0);
  g_assert_cmpuint (count_rule (without, "X-IN-FORCE"), ==, 0);
}

/* Section 五 must not repeat last year's. */
static void
test_repeated_problems (void)
{
  g_autoptr(NbReport) previous = sample_with_carry_forward ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_next_year_new (previous, &error);
  g_autoptr(GPtrArray) copied_findings = NULL;
  g_autoptr(GPtrArray) new_findings = NULL;
  g_autoptr(GPtrArray) lightly_edited = NULL;
  GPtrArray *old = nb_report_get_paragraphs (previous, "problems");
  g_autoptr(GPtrArray) edited = nb_paragraphs_copy (old);
  g_autoptr(GPtrArray) fresh = nb_paragraphs_from_text (
    "一是依申请公开答复时限把握不够严格，个别申请临近法定期限才办结。下一步将建立台账，逐件跟踪督办。\n"
    "二是政策解读形式单一，图解、视频解读占比偏低。下一步将联合宣传部门制作系列短视频。");

  g_assert_no_error (error);
  nb_report_set_paragraphs (report, "problems", old);
  copied_findings = nb_check_report (report, NULL);
  g_assert_cmpuint (count_rule (copied_findings, "X-REPEATED"), ==, 1);

  /* Changing the year or a few words is still a repeat. */
  nb_paragraph_add_run (g_ptr_array_index (edited, 0), "2023年继续加强。", FALSE);
  nb_report_set_paragraphs (report, "problems", edited);
  lightly_edited = nb_check_report (report, NULL);
  g_assert_cmpuint (count_rule (lightly_edited, "X-REPEATED"), ==, 1);

  nb_report_set_paragraphs (report, "problems", fresh);
  new_findings = nb_check_report (report, NULL);
  g_assert_cmpuint (count_rule (new_findings, "X-REPEATED"), ==, 0);
}

static void
test_from_2019 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2019", &error);
  g_autoptr(NbReport) previous = nb_report_new (edition);
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) no_year = nb_report_new (edition);
  g_autoptr(NbReport) failed = NULL;

  nb_report_set_year (previous, 2020);
  nb_report_set_agency (previous, "示范局");
  set (previous, "carry_forward", "natural", 3);
  report = nb_next_year_new (previous, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nb_report_get_year (report), ==, 2021);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (report)), ==, "2021");
  g_assert_cmpint (get (report, "carried_over", "natural", NB_CELL_VALUE), ==, 3);

  failed = nb_next_year_new (no_year, &error);
  g_assert_null (failed);
  g_assert_error (error, NB_NEXT_YEAR_ERROR, NB_NEXT_YEAR_ERROR_NO_YEAR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/next-year/new", test_new);
  g_test_add_func ("/next-year/reference-in-file", test_reference_in_file);
  g_test_add_func ("/next-year/cross-year-checks", test_cross_year_checks);
  g_test_add_func ("/next-year/repeated-problems", test_repeated_problems);
  g_test_add_func ("/next-year/from-2019", test_from_2019);
  return g_test_run ();
}
