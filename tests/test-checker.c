/* test-checker.c: every rule fires when it should, and only then */
#include "config.h"

#include "nb-checker.h"
#include "nb-file.h"

static NbReport *
complete_report (const char *edition_id,
                 int         year)
{
  g_autoptr(NbEdition) edition = nb_edition_lookup (edition_id, NULL);
  NbReport *report = nb_report_new (edition);
  const char *sections[] = { "overview", "problems", "other" };

  nb_report_set_agency (report, "某某市某某局");
  nb_report_set_year (report, year);
  nb_report_set_address (report, "某某路1号");
  nb_report_set_postcode (report, "471000");
  nb_report_set_phone (report, "0379-12345678");
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autoptr(GPtrArray) paragraphs = nb_paragraphs_from_text ("无");

      nb_report_set_paragraphs (report, sections[i], paragraphs);
    }
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        if (!nb_edition_table_get_cell (table, c)->computed)
          g_assert_true (nb_report_set_cell_text (report, table, c, "0", NULL));
    }
  return report;
}

static const NbEditionTable *
table (NbReport   *report,
       const char *id)
{
  return nb_edition_find_table (nb_report_get_edition (report), id);
}

static guint
cell (const NbEditionTable *t,
      const char           *row,
      const char           *column)
{
  int index = nb_edition_table_find_cell (t, row, column);

  g_assert_cmpint (index, >=, 0);
  return (guint)index;
}

static void
set (NbReport   *report,
     const char *table_id,
     const char *row,
     const char *column,
     const char *text)
{
  const NbEditionTable *t = table (report, table_id);

  g_assert_true (nb_report_set_cell_text (report, t, cell (t, row, column), text, NULL));
}

static void
state (NbReport   *report,
       const char *table_id,
       const char *row,
       const char *column,
       gint64      value)
{
  const NbEditionTable *t = table (report, table_id);

  nb_report_set_stated (report, t, cell (t, row, column), NB_CELL_VALUE, value, NULL);
}

/* The findings of one rule, as "location|message" lines. */
static GPtrArray *
findings_of (NbReport   *report,
             NbReport   *previous,
             const char *rule_id)
{
  g_autoptr(GPtrArray) all = nb_check_report (report, previous);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_finding_unref);

  for (guint i = 0; i < all->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (all, i);

      if (g_str_equal (finding->rule_id, rule_id))
        g_ptr_array_add (out, nb_finding_ref (finding));
    }
  return out;
}

/* Exactly n findings of the rule; the first at location. */
static void
assert_n (NbReport   *report,
          NbReport   *previous,
          const char *rule_id,
          guint       n,
          NbSeverity  severity,
          const char *location,
          const char *message_part)
{
  g_autoptr(GPtrArray) found = findings_of (report, previous, rule_id);
  NbFinding *finding;
  g_autofree char *where = NULL;

  g_assert_cmpuint (found->len, ==, n);
  finding = g_ptr_array_index (found, 0);
  where = nb_finding_dup_location (finding, report);
  g_test_message ("%s %s: %s", rule_id, where, finding->message);
  g_assert_cmpint (finding->severity, ==, severity);
  g_assert_cmpstr (where, ==, location);
  if (message_part != NULL)
    g_assert_nonnull (strstr (finding->message, message_part));
}

#define assert_one(r, p, id, sev, loc, msg) assert_n (r, p, id, 1, sev, loc, msg)

static void
assert_none (NbReport   *report,
             NbReport   *previous,
             const char *rule_id)
{
  g_autoptr(GPtrArray) found = findings_of (report, previous, rule_id);

  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_clean_report (void)
{
  const char *editions[] = { "2021", "2019" };
  int years[] = { 2023, 2020 };

  for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
    {
      g_autoptr(NbReport) report = complete_report (editions[e], years[e]);
      g_autoptr(GPtrArray) findings = nb_check_report (report, NULL);

      for (guint i = 0; i < findings->len; i++)
        g_test_message ("unexpected: %s", ((NbFinding *)g_ptr_array_index (findings, i))->message);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

static void
test_balance (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);

  set (report, "t3", "new", "natural", "10");
  set (report, "t3", "carried_over", "natural", "2");
  set (report, "t3", "granted", "natural", "9");
  set (report, "t3", "carry_forward", "natural", "2");
  /* 10 + 2 ≠ 9 + 2, in the 自然人 column and so in the 总计 column */
  {
    g_autoptr(GPtrArray) found = findings_of (report, NULL, "T3-BALANCE");
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    g_assert_cmpuint (found->len, ==, 2);
    first = nb_finding_dup_location (g_ptr_array_index (found, 0), report);
    second = nb_finding_dup_location (g_ptr_array_index (found, 1), report);
    g_assert_cmpstr (first, ==, "t3 new natural");
    g_assert_cmpstr (second, ==, "t3 new total");
    g_assert_nonnull (strstr (((NbFinding *)g_ptr_array_index (found, 0))->message, "12"));
    g_assert_nonnull (strstr (((NbFinding *)g_ptr_array_index (found, 0))->message, "11"));
    g_assert_cmpuint (((NbFinding *)g_ptr_array_index (found, 0))->n_cells, ==, 4);
  }
  set (report, "t3", "unable_not_held", "natural", "1");
  assert_none (report, NULL, "T3-BALANCE");
  /* the typed totals follow, so the derived rules stay quiet */
  assert_none (report, NULL, "T3-ROW-TOTAL");
  assert_none (report, NULL, "T3-RESULTS-TOTAL");
}

static void
test_stated_totals (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);

  /* what an imported report may say: a wrong row total, a wrong （七）总计 */
  state (report, "t3", "granted", "natural", 3);
  state (report, "t3", "granted", "total", 4);
  assert_one (report, NULL, "T3-ROW-TOTAL", NB_SEVERITY_ERROR, "t3 granted total", "3");
  state (report, "t3", "granted", "total", 3);
  assert_none (report, NULL, "T3-ROW-TOTAL");
  /* （七）总计 still says 0 in the natural column and in total */
  {
    g_autoptr(GPtrArray) found = findings_of (report, NULL, "T3-RESULTS-TOTAL");

    g_assert_cmpuint (found->len, ==, 2);
  }

  state (report, "t4", "cases", "direct_upheld", 2);
  assert_one (report, NULL, "T4-DIRECT-TOTAL", NB_SEVERITY_ERROR, "t4 cases direct_total", "2");
  assert_none (report, NULL, "T4-REVIEW-TOTAL");
}

static void
test_blank_cells (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);
  const NbEditionTable *t2 = table (report, "t2");
  const NbEditionTable *t3 = table (report, "t3");
  g_autoptr(GPtrArray) found = NULL;

  nb_report_clear_cell (report, t2, cell (t2, "licensing", "decisions"));
  assert_one (report, NULL, "CELL-EMPTY", NB_SEVERITY_WARNING, "t2 licensing decisions", "行政许可");

  /* a table nobody started: one error, not one warning per cell, and it
   * points at a cell to go to */
  for (guint c = 0; c < nb_edition_table_get_n_cells (t2); c++)
    nb_report_clear_cell (report, t2, c);
  assert_one (report, NULL, "TABLE-EMPTY", NB_SEVERITY_ERROR, "t2 - -", "二");
  found = findings_of (report, NULL, "TABLE-EMPTY");
  g_assert_nonnull (strstr (((NbFinding *)g_ptr_array_index (found, 0))->message, "主动公开政府信息情况"));
  g_assert_cmpuint (((NbFinding *)g_ptr_array_index (found, 0))->n_cells, >, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = findings_of (report, NULL, "CELL-EMPTY");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* table 三 after its first typed value: one finding per column (7 of
   * them, fewer than its rows), each pointing at its first blank cell */
  for (guint c = 0; c < nb_edition_table_get_n_cells (t3); c++)
    nb_report_clear_cell (report, t3, c);
  set (report, "t3", "new", "natural", "5");
  found = findings_of (report, NULL, "CELL-EMPTY");
  g_assert_cmpuint (found->len, ==, 6);
  for (guint i = 0; i < found->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (found, i);

      g_assert_cmpstr (finding->table_id, ==, "t3");
      g_assert_cmpint (finding->cell, >=, 0);
      g_assert_cmpuint (finding->n_cells, >, 1);
      g_assert_cmpuint (finding->cells[0], ==, (guint)finding->cell);
      for (guint k = 0; k < finding->n_cells; k++)
        g_assert_cmpuint (nb_edition_table_get_cell (t3, finding->cells[k])->column, ==,
                          nb_edition_table_get_cell (t3, (guint)finding->cell)->column);
    }
  g_assert_nonnull (strstr (((NbFinding *)g_ptr_array_index (found, 0))->message, "自然人"));
  g_assert_nonnull (strstr (((NbFinding *)g_ptr_array_index (found, 0))->message, "23"));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* a table filled but for one row: one finding for that row */
  nb_report_fill_blanks (report, t3);
  for (guint c = 0; c < nb_edition_table_get_n_cells (t3); c++)
    if (nb_edition_table_get_cell (t3, c)->row == (guint)nb_edition_table_find_row (t3, "granted"))
      nb_report_clear_cell (report, t3, c);
  assert_one (report, NULL, "CELL-EMPTY", NB_SEVERITY_WARNING, "t3 granted natural", "予以公开");
  found = findings_of (report, NULL, "CELL-EMPTY");
  g_assert_cmpuint (((NbFinding *)g_ptr_array_index (found, 0))->n_cells, ==, 6);
}

static void
test_plausibility (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);
  g_autoptr(NbReport) last = complete_report ("2021", 2022);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);

  /* what a held-down key gives: never accepted silently */
  set (report, "t3", "new", "natural", "99999999999");
  assert_one (report, NULL, "CELL-IMPLAUSIBLE", NB_SEVERITY_WARNING, "t3 new natural", "99999999999");
  set (report, "t3", "new", "natural", "10000000");
  assert_none (report, NULL, "CELL-IMPLAUSIBLE");

  /* far beyond every other number of the report */
  set (report, "t3", "new", "natural", "12");
  set (report, "t2", "licensing", "decisions", "670");
  assert_none (report, NULL, "CELL-IMPLAUSIBLE");
  set (report, "t2", "licensing", "decisions", "670000");
  assert_one (report, NULL, "CELL-IMPLAUSIBLE", NB_SEVERITY_WARNING, "t2 licensing decisions", "670000");
  set (report, "t2", "licensing", "decisions", "67000");
  assert_none (report, NULL, "CELL-IMPLAUSIBLE");

  /* ten times last year's, once the number is more than a handful */
  set (last, "t2", "licensing", "decisions", "670");
  assert_n (report, last, "X-GROWTH", 1, NB_SEVERITY_WARNING, "t2 licensing decisions", "67000");
  set (report, "t2", "licensing", "decisions", "670");
  assert_none (report, last, "X-GROWTH");
  set (report, "t2", "licensing", "decisions", "6700");
  assert_one (report, last, "X-GROWTH", NB_SEVERITY_WARNING, "t2 licensing decisions", "670");
  assert_none (report, NULL, "X-GROWTH");
  set (report, "t2", "licensing", "decisions", "6699");
  assert_none (report, last, "X-GROWTH");
  set (last, "t3", "new", "natural", "1");
  assert_none (report, last, "X-GROWTH");

  /* no false alarm on a real report */
  g_assert_no_error (error);
  assert_none (sample, NULL, "CELL-IMPLAUSIBLE");
  assert_none (sample, NULL, "X-GROWTH");
  assert_none (sample, sample, "X-GROWTH");
}

static void
test_invalid_cell (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);
  const NbEditionTable *t3 = table (report, "t3");

  g_assert_false (nb_report_set_cell_text (report, t3, cell (t3, "partial", "legal_services"), "十", NULL));
  assert_one (report, NULL, "CELL-INVALID", NB_SEVERITY_ERROR, "t3 partial legal_services", "十");
}

static void
test_fee_precision (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);

  state (report, "t2", "fees", "fee_amount", 27250001); /* 27.250001 */
  assert_one (report, NULL, "FEE-PRECISION", NB_SEVERITY_WARNING, "t2 fees fee_amount", "4");
  nb_report_set_fee_decimals (report, 6);
  assert_none (report, NULL, "FEE-PRECISION");
}

static void
test_sections (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);
  g_autoptr(GPtrArray) empty = nb_paragraphs_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) long_text = NULL;
  g_autoptr(GPtrArray) limit_text = NULL;

  nb_report_set_paragraphs (report, "problems", empty);
  assert_one (report, NULL, "SECTION-EMPTY", NB_SEVERITY_ERROR, "section problems -",
              "五、存在的主要问题及改进情况");

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "字");
  limit_text = nb_paragraphs_from_text (text->str);
  nb_report_set_paragraphs (report, "overview", limit_text);
  assert_none (report, NULL, "SECTION-LENGTH");
  g_string_append (text, "\n多");
  long_text = nb_paragraphs_from_text (text->str);
  nb_report_set_paragraphs (report, "overview", long_text);
  /* the place: the 1001st character, first of paragraph 2 */
  assert_one (report, NULL, "SECTION-LENGTH", NB_SEVERITY_WARNING, "section overview p2:1", "1001");
}

static NbFinding *
only_finding (NbReport   *report,
              NbReport   *previous,
              const char *rule_id)
{
  g_autoptr(GPtrArray) found = findings_of (report, previous, rule_id);

  g_assert_cmpuint (found->len, ==, 1);
  return nb_finding_ref (g_ptr_array_index (found, 0));
}

/* Paragraphs from (level, text) pairs, up to END. */
#define END (-1)

static GPtrArray *
paragraphs_of (int level,
               ...)
{
  GPtrArray *paragraphs = nb_paragraphs_new ();
  va_list args;

  va_start (args, level);
  for (; level != END; level = va_arg (args, int))
    g_ptr_array_add (paragraphs,
                     nb_paragraph_new_text ((NbParagraphLevel)level, va_arg (args, const char *)));
  va_end (args);
  return paragraphs;
}

/* A finding about a section says where in it: the place of SECTION-LENGTH
 * is the first character past the guidance, white space not counted. */
static void
test_section_length_place (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_autoptr(NbFinding) finding = NULL;

  for (guint i = 0; i < 996; i++)
    g_string_append (text, "字");
  g_string_append (text, " 甲乙丙");
  /* 3 + 996 + 3 = 1002 characters: the 1001st is 乙, at 998 in paragraph 1. */
  paragraphs = paragraphs_of (NB_PARAGRAPH_BODY, "一 二 三", NB_PARAGRAPH_BODY, text->str, END);
  nb_report_set_paragraphs (report, "overview", paragraphs);
  finding = only_finding (report, NULL, "SECTION-LENGTH");
  g_assert_cmpint (finding->paragraph, ==, 1);
  g_assert_cmpuint (finding->offset, ==, 998);
  g_assert_cmpuint (finding->length, ==, 0);
  g_clear_pointer (&finding, nb_finding_unref);

  /* Other findings have no place in a text. */
  g_clear_pointer (&paragraphs, g_ptr_array_unref);
  paragraphs = nb_paragraphs_new ();
  nb_report_set_paragraphs (report, "problems", paragraphs);
  finding = only_finding (report, NULL, "SECTION-EMPTY");
  g_assert_cmpint (finding->paragraph, ==, -1);
  g_clear_pointer (&finding, nb_finding_unref);
  {
    const NbEditionTable *t3 = table (report, "t3");

    g_assert_false (nb_report_set_cell_text (report, t3, cell (t3, "new", "natural"), "x", NULL));
  }
  finding = only_finding (report, NULL, "CELL-INVALID");
  g_assert_cmpint (finding->paragraph, ==, -1);
}

/* The place of X-REPEATED is the first body paragraph kept from last year,
 * whole; a heading that comes back every year is not it. */
static void
test_repeated_place (void)
{
  g_autoptr(NbReport) last = complete_report ("2021", 2022);
  g_autoptr(NbReport) report = complete_report ("2021", 2023);
  const char *heading = "（一）存在的主要问题";
  const char *a = "本年度政府信息公开工作存在的主要问题是公开内容不够全面，部分栏目更新不及时，"
                  "政策解读材料的质量有待进一步提高，依申请公开答复的规范性还需加强。";
  const char *b = "下一步，我局将加强业务培训，完善工作制度，严格落实政府信息公开保密审查机制，"
                  "持续提升政府信息公开的质量和实效，更好地服务人民群众。";
  g_autoptr(GPtrArray) old_text = paragraphs_of (NB_PARAGRAPH_HEADING_2, heading,
                                                 NB_PARAGRAPH_BODY, a, NB_PARAGRAPH_BODY, b, END);
  g_autoptr(GPtrArray) new_text = paragraphs_of (NB_PARAGRAPH_HEADING_2, heading,
                                                 NB_PARAGRAPH_BODY, "今年另有新情况。",
                                                 NB_PARAGRAPH_BODY, b, NB_PARAGRAPH_BODY, a, END);
  g_autoptr(NbFinding) finding = NULL;

  nb_report_set_paragraphs (last, "problems", old_text);
  nb_report_set_paragraphs (report, "problems", new_text);
  finding = only_finding (report, last, "X-REPEATED");
  g_assert_cmpint (finding->paragraph, ==, 2);
  g_assert_cmpuint (finding->offset, ==, 0);
  g_assert_cmpuint (finding->length, ==, g_utf8_strlen (b, -1));
}

static void
test_metadata (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);
  g_autoptr(NbReport) old = complete_report ("2019", 2022);
  g_autoptr(NbReport) early = complete_report ("2021", 2020);

  nb_report_set_agency (report, "  ");
  assert_one (report, NULL, "META-AGENCY", NB_SEVERITY_ERROR, "meta agency -", NULL);
  nb_report_set_year (report, 0);
  assert_one (report, NULL, "META-YEAR", NB_SEVERITY_ERROR, "meta year -", NULL);
  nb_report_set_year (report, 1999);
  assert_one (report, NULL, "META-YEAR", NB_SEVERITY_ERROR, "meta year -", "1999");

  /* the 2019 rows used in a report for 2022 */
  assert_one (old, NULL, "EDITION-YEAR", NB_SEVERITY_ERROR, "meta edition -", "2021");
  assert_one (early, NULL, "EDITION-YEAR", NB_SEVERITY_WARNING, "meta edition -", "2019");

  nb_report_set_postcode (report, "47100");
  assert_one (report, NULL, "META-POSTCODE", NB_SEVERITY_WARNING, "meta postcode -", "47100");
  nb_report_set_address (report, "");
  assert_none (report, NULL, "META-CONTACT");
  nb_report_set_phone (report, NULL);
  assert_one (report, NULL, "META-CONTACT", NB_SEVERITY_WARNING, "meta address -", NULL);
}

static void
test_cross_year (void)
{
  g_autoptr(NbReport) last = complete_report ("2021", 2022);
  g_autoptr(NbReport) report = complete_report ("2021", 2023);
  g_autoptr(NbReport) last_2019 = complete_report ("2019", 2020);
  g_autoptr(NbReport) first_2021 = complete_report ("2021", 2021);

  set (last, "t3", "new", "research", "3");
  set (last, "t3", "granted", "research", "1");
  set (last, "t3", "carry_forward", "research", "2");
  /* carried over 0 this year, but last year carried 2 forward */
  assert_n (report, last, "X-CARRY-OVER", 2, NB_SEVERITY_WARNING, "t3 carried_over research", "2");
  assert_none (report, NULL, "X-CARRY-OVER");
  set (report, "t3", "carried_over", "research", "2");
  set (report, "t3", "granted", "research", "2");
  assert_none (report, last, "X-CARRY-OVER");

  set (last, "t2", "regulations", "in_force", "10");
  set (report, "t2", "regulations", "issued", "2");
  set (report, "t2", "regulations", "abolished", "1");
  set (report, "t2", "regulations", "in_force", "12");
  assert_one (report, last, "X-IN-FORCE", NB_SEVERITY_WARNING, "t2 regulations in_force", "11");
  set (report, "t2", "regulations", "in_force", "11");
  assert_none (report, last, "X-IN-FORCE");
  assert_none (report, last, "X-YEAR");

  /* last year's report may be of the older edition: the ids carry over */
  set (last_2019, "t3", "carry_forward", "natural", "4");
  assert_n (first_2021, last_2019, "X-CARRY-OVER", 2, NB_SEVERITY_WARNING, "t3 carried_over natural", "4");
  /* a previous report of the wrong year is named */
  assert_one (report, last_2019, "X-YEAR", NB_SEVERITY_WARNING, "meta year -", "2020");
}

static void
test_overflow_is_caught (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2023);

  state (report, "t4", "cases", "review_upheld", G_MAXINT64);
  state (report, "t4", "cases", "review_corrected", G_MAXINT64);
  state (report, "t4", "cases", "review_total", G_MAXINT64);
  assert_one (report, NULL, "T4-REVIEW-TOTAL", NB_SEVERITY_ERROR, "t4 cases review_total", NULL);
}

static guint
count_rule (GPtrArray  *findings,
            const char *rule_id)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += g_str_equal (((NbFinding *)g_ptr_array_index (findings, i))->rule_id, rule_id);
  return n;
}

/* A folder check reads the clock once and passes the day: the year is
 * judged against that day, not against the clock. */
static void
test_checked_on (void)
{
  g_autoptr(NbReport) report = complete_report ("2021", 2040);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) during = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 31, G_DATE_DECEMBER, 2038);
  before = nb_check_report_on (report, NULL, &day);
  g_assert_cmpuint (count_rule (before, "META-YEAR"), ==, 1);
  g_date_set_dmy (&day, 1, G_DATE_JANUARY, 2039);
  during = nb_check_report_on (report, NULL, &day);
  g_assert_cmpuint (count_rule (during, "META-YEAR"), ==, 0);
  g_assert_cmpuint (during->len, ==, before->len - 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checker/clean-report", test_clean_report);
  g_test_add_func ("/checker/balance", test_balance);
  g_test_add_func ("/checker/stated-totals", test_stated_totals);
  g_test_add_func ("/checker/blank-cells", test_blank_cells);
  g_test_add_func ("/checker/invalid-cell", test_invalid_cell);
  g_test_add_func ("/checker/plausibility", test_plausibility);
  g_test_add_func ("/checker/fee-precision", test_fee_precision);
  g_test_add_func ("/checker/sections", test_sections);
  g_test_add_func ("/checker/section-length-place", test_section_length_place);
  g_test_add_func ("/checker/repeated-place", test_repeated_place);
  g_test_add_func ("/checker/metadata", test_metadata);
  g_test_add_func ("/checker/cross-year", test_cross_year);
  g_test_add_func ("/checker/overflow-is-caught", test_overflow_is_caught);
  g_test_add_func ("/checker/checked-on", test_checked_on);

  return g_test_run ();
}
