/* test-merge.c: 汇总, the cell-by-cell sum of many reports, and its refusals
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nb-checker.h"
#include "nb-file.h"
#include "nb-merge.h"

static NbReport *
sample_as (const char *agency)
{
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_file_load_sample (&error);

  g_assert_no_error (error);
  nb_report_set_agency (report, agency);
  return report;
}

static const NbEditionTable *
table (NbReport   *report,
       const char *id)
{
  return nb_edition_find_table (nb_report_get_edition (report), id);
}

static guint
cell (NbReport   *report,
      const char *table_id,
      const char *key)
{
  int index = nb_edition_table_find_cell_by_key (table (report, table_id), key);

  g_assert_cmpint (index, >=, 0);
  return (guint)index;
}

static guint
count_table_findings (NbReport *report)
{
  g_autoptr(GPtrArray) findings = nb_check_report (report, NULL);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (((NbFinding *)g_ptr_array_index (findings, i))->table_id != NULL)
      n++;
  return n;
}

/* Every cell of the summary is the sum of the sources; money stays exact. */
static void
test_sums (void)
{
  g_autoptr(NbReport) a = sample_as ("甲局");
  g_autoptr(NbReport) b = sample_as ("乙局");
  g_autoptr(NbReport) c = sample_as ("丙局");
  g_autoptr(NbMerge) merge = nb_merge_new (FALSE);
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(GError) error = NULL;
  const NbEditionTable *t2 = table (a, "t2");
  guint fee = cell (a, "t2", "fees/fee_amount");
  NbEdition *edition = nb_report_get_edition (a);
  const char * const *sources;

  /* 0.1 + 0.2 in 万元: exact, not 0.30000000000000004. */
  g_assert_true (nb_report_set_cell_text (a, t2, fee, "0.1", &error));
  g_assert_true (nb_report_set_cell_text (b, t2, fee, "0.2", &error));
  g_assert_true (nb_report_set_cell_text (c, t2, fee, "1234567.0001", &error));
  g_assert_no_error (error);
  nb_report_set_fee_decimals (c, 4);
  nb_report_set_fee_decimals (a, 1);

  g_assert_true (nb_merge_add (merge, a, "/x/a.nianbao", &error));
  g_assert_true (nb_merge_add (merge, b, "/x/b.nianbao", &error));
  g_assert_true (nb_merge_add (merge, c, "c.nianbao", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nb_merge_get_n_sources (merge), ==, 3);
  summary = nb_merge_finish (merge, "某县人民政府", &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  g_assert_cmpstr (nb_report_get_agency (summary), ==, "某县人民政府");
  g_assert_cmpint (nb_report_get_year (summary), ==, nb_report_get_year (a));
  g_assert_cmpuint (nb_report_get_fee_decimals (summary), ==, 4);
  g_assert_cmpint (nb_report_get_value (summary, t2, fee), ==,
                   (gint64)1234567 * NB_MONEY_SCALE + 100 + 300000);

  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *each = nb_edition_get_table (edition, t);

      for (guint i = 0; i < nb_edition_table_get_n_cells (each); i++)
        {
          if (each == t2 && i == fee)
            continue;
          g_assert_cmpint (nb_report_get_cell (summary, each, i, NULL, NULL), ==, NB_CELL_VALUE);
          g_assert_cmpint (nb_report_get_value (summary, each, i), ==,
                           nb_report_get_value (a, each, i) + nb_report_get_value (b, each, i)
                             + nb_report_get_value (c, each, i));
        }
    }

  /* The summary passes the table checks its sources pass; its text is left
   * to the author. */
  g_assert_cmpuint (count_table_findings (a), ==, 0);
  g_assert_cmpuint (count_table_findings (summary), ==, 0);
  g_assert_cmpuint (nb_report_count_section_chars (summary, "overview"), ==, 0);
  g_assert_false (nb_report_get_can_undo (summary));

  sources = nb_report_get_sources (summary);
  g_assert_nonnull (sources);
  g_assert_cmpuint (g_strv_length ((char **)sources), ==, 3);
  g_assert_cmpstr (sources[0], ==, "甲局 (a.nianbao)");
  g_assert_cmpstr (sources[2], ==, "丙局 (c.nianbao)");
}

/* The list of sources survives a save and load; the loader is strict. */
static void
test_sources_in_file (void)
{
  g_autoptr(NbReport) report = sample_as ("甲局");
  const char *sources[] = { "甲局 (a.nianbao)", "乙局 (b, \"x\".nianbao)", NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NbReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *bad[] = {
    "{\"format\":\"nianbao\",\"version\":1,\"edition\":\"2021\",\"metadata\":{\"sources\":\"a\"}}",
    "{\"format\":\"nianbao\",\"version\":1,\"edition\":\"2021\",\"metadata\":{\"sources\":[\"a\",3]}}",
    "{\"format\":\"nianbao\",\"version\":1,\"edition\":\"2021\",\"metadata\":{\"sources\":[null]}}",
  };
  const char *where[] = { "metadata.sources", "metadata.sources[1]", "metadata.sources[0]" };

  /* A plain report writes no list. */
  bytes = nb_file_serialize (report);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_null (strstr (text, "\"sources\""));
  g_clear_pointer (&bytes, g_bytes_unref);

  nb_report_set_sources (report, sources);
  bytes = nb_file_serialize (report);
  again = nb_file_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (nb_report_get_sources (again), sources);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(NbReport) none = nb_file_load_data (bad[i], strlen (bad[i]), &bad_error);

      g_assert_null (none);
      g_assert_error (bad_error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (bad_error->message, where[i]));
    }
}

static void
test_refuses_mixed (void)
{
  g_autoptr(NbReport) a = sample_as ("甲局");
  g_autoptr(NbReport) b = sample_as ("乙局");
  g_autoptr(NbReport) c = NULL;
  g_autoptr(NbEdition) edition2019 = nb_edition_lookup ("2019", NULL);
  g_autoptr(NbMerge) merge = nb_merge_new (TRUE);
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nb_merge_add (merge, a, "a.nianbao", &error));
  nb_report_set_year (b, nb_report_get_year (a) - 1);
  /* --force does not mix years: the sum would mean nothing. */
  g_assert_false (nb_merge_add (merge, b, "b.nianbao", &error));
  g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_MIXED);
  g_assert_nonnull (strstr (error->message, "b.nianbao"));
  g_assert_nonnull (strstr (error->message, "a.nianbao"));
  g_clear_error (&error);

  g_assert_nonnull (edition2019);
  c = nb_report_new (edition2019);
  nb_report_set_agency (c, "丙局");
  nb_report_set_year (c, nb_report_get_year (a));
  g_assert_false (nb_merge_add (merge, c, "c.nianbao", &error));
  g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_MIXED);
  g_assert_nonnull (strstr (error->message, "2019"));
  g_clear_error (&error);

  g_assert_cmpuint (nb_merge_get_n_refused (merge), ==, 2);
  summary = nb_merge_finish (merge, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_REFUSED);
}

static void
test_duplicates_and_errors (void)
{
  for (guint force = 0; force < 2; force++)
    {
      g_autoptr(NbReport) a = sample_as ("甲局");
      g_autoptr(NbReport) twin = sample_as (" 甲局 ");
      g_autoptr(NbReport) broken = sample_as ("乙局");
      g_autoptr(NbMerge) merge = nb_merge_new (force);
      g_autoptr(NbReport) summary = NULL;
      g_autoptr(GError) error = NULL;
      const NbEditionTable *t3 = table (broken, "t3");
      guint new_natural = cell (broken, "t3", "new/natural");

      /* One more new request, the totals kept: only the balance breaks. */
      nb_report_set_value (broken, t3, new_natural, nb_report_get_value (broken, t3, new_natural) + 1);

      g_assert_true (nb_merge_add (merge, a, "a.nianbao", &error));
      g_assert_cmpint (nb_merge_add (merge, twin, "twin.nianbao", &error), ==, force);
      if (!force)
        {
          g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_DUPLICATE);
          g_assert_nonnull (strstr (error->message, "a.nianbao"));
          g_assert_nonnull (strstr (error->message, "twin.nianbao"));
          g_clear_error (&error);
        }
      g_assert_cmpint (nb_merge_add (merge, broken, "broken.nianbao", &error), ==, force);
      if (!force)
        {
          g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_SOURCE);
          g_assert_nonnull (strstr (error->message, "broken.nianbao"));
          g_assert_nonnull (strstr (error->message, "T3-BALANCE"));
          g_clear_error (&error);
        }
      g_assert_no_error (error);

      summary = nb_merge_finish (merge, NULL, &error);
      if (!force)
        {
          g_assert_null (summary);
          g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_REFUSED);
          g_assert_cmpuint (nb_merge_get_warnings (merge)->len, ==, 0);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (nb_merge_get_warnings (merge)->len, ==, 2);
          g_assert_cmpuint (nb_merge_get_n_sources (merge), ==, 3);
          g_assert_cmpint (nb_report_get_value (summary, t3, new_natural), ==,
                           3 * nb_report_get_value (a, t3, new_natural) + 1);
        }
    }
}

/* A sum beyond 64 bits is refused, never wrapped. */
static void
test_overflow (void)
{
  g_autoptr(NbReport) a = sample_as ("甲局");
  g_autoptr(NbReport) b = sample_as ("乙局");
  g_autoptr(NbMerge) merge = nb_merge_new (TRUE);
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(GError) error = NULL;
  const NbEditionTable *t2 = table (a, "t2");
  guint penalty = cell (a, "t2", "penalty/decisions");

  nb_report_set_value (a, t2, penalty, G_MAXINT64 - 5);
  nb_report_set_value (b, t2, penalty, 6);
  g_assert_true (nb_merge_add (merge, a, "a.nianbao", &error));
  g_assert_false (nb_merge_add (merge, b, "b.nianbao", &error));
  g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_OVERFLOW);
  g_assert_nonnull (strstr (error->message, "b.nianbao"));
  g_clear_error (&error);
  summary = nb_merge_finish (merge, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_REFUSED);
}

/* Same edition id, another instance (loaded from the data file): summed by
 * table id, not by pointer. */
static void
test_edition_instances (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_SOURCE_DIR"), "data", "editions",
                                            "2021.json", NULL);
  g_autofree char *json = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NbEdition) other = NULL;
  g_autoptr(NbReport) a = sample_as ("甲局");
  g_autoptr(NbReport) b = NULL;
  g_autoptr(NbMerge) merge = nb_merge_new (TRUE);
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(GError) error = NULL;
  const NbEditionTable *t2 = table (a, "t2");
  const NbEditionTable *other_t2;
  guint penalty = cell (a, "t2", "penalty/decisions");

  g_assert_true (g_file_get_contents (path, &json, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&json), length);
  other = nb_edition_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_true (other != nb_report_get_edition (a));
  b = nb_report_new (other);
  nb_report_set_agency (b, "乙局");
  nb_report_set_year (b, nb_report_get_year (a));
  other_t2 = nb_edition_find_table (other, "t2");
  nb_report_set_value (b, other_t2, penalty, 5);

  g_assert_true (nb_merge_add (merge, a, "a.nianbao", &error));
  g_assert_true (nb_merge_add (merge, b, "b.nianbao", &error)); /* forced: b has errors */
  g_assert_no_error (error);
  summary = nb_merge_finish (merge, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nb_report_get_value (summary, t2, penalty), ==,
                   nb_report_get_value (a, t2, penalty) + 5);
}

static void
test_nothing_and_unreadable (void)
{
  g_autoptr(NbMerge) merge = nb_merge_new (FALSE);
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = nb_merge_finish (merge, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_NO_SOURCES);
  g_clear_error (&error);

  g_assert_false (nb_merge_add_file (merge, "/nonexistent/x.nianbao", &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/x.nianbao: "));
  g_assert_cmpuint (nb_merge_get_n_refused (merge), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/sums", test_sums);
  g_test_add_func ("/merge/sources-in-file", test_sources_in_file);
  g_test_add_func ("/merge/refuses-mixed", test_refuses_mixed);
  g_test_add_func ("/merge/duplicates-and-errors", test_duplicates_and_errors);
  g_test_add_func ("/merge/overflow", test_overflow);
  g_test_add_func ("/merge/edition-instances", test_edition_instances);
  g_test_add_func ("/merge/nothing-and-unreadable", test_nothing_and_unreadable);
  return g_test_run ();
}
