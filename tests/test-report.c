/* test-report.c: the report model: values, totals, invalid input, undo */
#include "config.h"

#include "nb-report.h"

static NbReport *
new_report (const char *edition_id)
{
  g_autoptr(NbEdition) edition = nb_edition_lookup (edition_id, NULL);

  g_assert_nonnull (edition);
  return nb_report_new (edition);
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

static gint64
value_of (NbReport             *report,
          const NbEditionTable *t,
          const char           *row,
          const char           *column,
          NbCellState           expect)
{
  gint64 value = -1;

  g_assert_cmpint (nb_report_get_cell (report, t, cell (t, row, column), &value, NULL), ==, expect);
  return value;
}

static void
test_empty_is_not_zero (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t3 = table (report, "t3");
  g_autofree char *text = NULL;

  value_of (report, t3, "new", "natural", NB_CELL_EMPTY);
  g_assert_true (nb_report_set_cell_text (report, t3, cell (t3, "new", "natural"), "0", NULL));
  g_assert_cmpint (value_of (report, t3, "new", "natural", NB_CELL_VALUE), ==, 0);
  text = nb_report_dup_cell_text (report, t3, cell (t3, "new", "natural"));
  g_assert_cmpstr (text, ==, "0");
}

static void
test_totals_follow_edits (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t3 = table (report, "t3");
  const NbEditionTable *t4 = table (report, "t4");

  g_assert_true (nb_report_set_cell_text (report, t3, cell (t3, "granted", "natural"), "5", NULL));
  g_assert_true (nb_report_set_cell_text (report, t3, cell (t3, "granted", "commercial"), "２", NULL));
  g_assert_true (nb_report_set_cell_text (report, t3, cell (t3, "withheld_secret", "natural"), "1", NULL));
  /* row total, column total and the grand total all follow */
  g_assert_cmpint (value_of (report, t3, "granted", "total", NB_CELL_VALUE), ==, 7);
  g_assert_cmpint (value_of (report, t3, "results_total", "natural", NB_CELL_VALUE), ==, 6);
  g_assert_cmpint (value_of (report, t3, "results_total", "commercial", NB_CELL_VALUE), ==, 2);
  g_assert_cmpint (value_of (report, t3, "results_total", "total", NB_CELL_VALUE), ==, 8);
  /* untouched columns stay blank, not 0 */
  value_of (report, t3, "results_total", "research", NB_CELL_EMPTY);

  nb_report_clear_cell (report, t3, cell (t3, "granted", "commercial"));
  g_assert_cmpint (value_of (report, t3, "granted", "total", NB_CELL_VALUE), ==, 5);
  value_of (report, t3, "results_total", "commercial", NB_CELL_EMPTY);
  g_assert_cmpint (value_of (report, t3, "results_total", "total", NB_CELL_VALUE), ==, 6);

  g_assert_true (nb_report_set_cell_text (report, t4, cell (t4, "cases", "review_upheld"), "3", NULL));
  g_assert_true (nb_report_set_cell_text (report, t4, cell (t4, "cases", "review_pending"), "1", NULL));
  g_assert_cmpint (value_of (report, t4, "cases", "review_total", NB_CELL_VALUE), ==, 4);
  value_of (report, t4, "cases", "direct_total", NB_CELL_EMPTY);
}

static void
test_computed_cells_refuse_typing (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t3 = table (report, "t3");
  g_autoptr(GError) error = NULL;

  g_assert_false (nb_report_set_cell_text (report, t3, cell (t3, "new", "total"), "5", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "computed"));
  value_of (report, t3, "new", "total", NB_CELL_EMPTY);
}

static void
test_invalid_text_is_kept (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t3 = table (report, "t3");
  g_autoptr(GError) error = NULL;
  const char *kept = NULL;

  g_assert_true (nb_report_set_cell_text (report, t3, cell (t3, "new", "natural"), "4", NULL));
  g_assert_false (nb_report_set_cell_text (report, t3, cell (t3, "new", "commercial"), "12a", &error));
  g_assert_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_INVALID);
  /* the message names the cell */
  g_assert_nonnull (strstr (error->message, "一、本年新收政府信息公开申请数量"));
  g_assert_cmpint (nb_report_get_cell (report, t3, cell (t3, "new", "commercial"), NULL, &kept),
                   ==, NB_CELL_INVALID);
  g_assert_cmpstr (kept, ==, "12a");
  /* an invalid part does not count in the total */
  g_assert_cmpint (value_of (report, t3, "new", "total", NB_CELL_VALUE), ==, 4);
}

static void
test_paste_all_or_nothing (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t3 = table (report, "t3");
  guint cells[] = { cell (t3, "new", "natural"), cell (t3, "new", "commercial"),
                    cell (t3, "new", "research") };
  const char *good[] = { "1", "1,000", "３" };
  const char *bad[] = { "7", "-2", "8" };
  g_autoptr(GError) error = NULL;
  guint64 revision;

  g_assert_true (nb_report_set_cells_text (report, t3, 3, cells, good, NULL));
  g_assert_cmpint (value_of (report, t3, "new", "total", NB_CELL_VALUE), ==, 1004);
  revision = nb_report_get_revision (report);

  g_assert_false (nb_report_set_cells_text (report, t3, 3, cells, bad, &error));
  g_assert_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_NEGATIVE);
  g_assert_nonnull (strstr (error->message, "商业企业"));
  /* nothing changed at all */
  g_assert_cmpuint (nb_report_get_revision (report), ==, revision);
  g_assert_cmpint (value_of (report, t3, "new", "natural", NB_CELL_VALUE), ==, 1);
  g_assert_cmpint (value_of (report, t3, "new", "commercial", NB_CELL_VALUE), ==, 1000);

  /* the good paste was one undo step */
  g_assert_true (nb_report_undo (report));
  value_of (report, t3, "new", "natural", NB_CELL_EMPTY);
  value_of (report, t3, "new", "research", NB_CELL_EMPTY);
  value_of (report, t3, "new", "total", NB_CELL_EMPTY);
  g_assert_false (nb_report_get_can_undo (report));
  g_assert_true (nb_report_redo (report));
  g_assert_cmpint (value_of (report, t3, "new", "total", NB_CELL_VALUE), ==, 1004);
}

static void
test_money_precision (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t2 = table (report, "t2");
  guint fee = cell (t2, "fees", "fee_amount");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text6 = NULL;

  g_assert_cmpuint (nb_report_get_fee_decimals (report), ==, 4);
  g_assert_true (nb_report_set_cell_text (report, t2, fee, "27.25", NULL));
  text = nb_report_dup_cell_text (report, t2, fee);
  g_assert_cmpstr (text, ==, "27.2500");
  g_assert_false (nb_report_set_cell_text (report, t2, fee, "1.23456", &error));
  g_assert_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_TOO_MANY_DECIMALS);
  nb_report_set_fee_decimals (report, 6);
  g_assert_true (nb_report_set_cell_text (report, t2, fee, "1.234567", NULL));
  g_assert_cmpint (value_of (report, t2, "fees", "fee_amount", NB_CELL_VALUE), ==, 1234567);
  text6 = nb_report_dup_cell_text (report, t2, fee);
  g_assert_cmpstr (text6, ==, "1.234567");
}

static void
test_undo_across_kinds (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t2 = table (report, "t2");
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
  g_autofree char *text = NULL;
  NbParagraph *paragraph;

  nb_report_set_agency (report, "某某局");
  g_assert_true (nb_report_set_cell_text (report, t2, cell (t2, "penalty", "decisions"), "67", NULL));
  paragraph = nb_paragraph_new (NB_PARAGRAPH_BODY);
  nb_paragraph_add_run (paragraph, "一是加强组织领导。", TRUE);
  nb_paragraph_add_run (paragraph, "根据……", FALSE);
  g_ptr_array_add (paragraphs, paragraph);
  nb_report_set_paragraphs (report, "overview", paragraphs);
  text = nb_report_dup_section_text (report, "overview");
  g_assert_cmpstr (text, ==, "一是加强组织领导。根据……");
  g_assert_cmpuint (nb_report_count_section_chars (report, "overview"), ==, 13);

  g_assert_true (nb_report_undo (report));
  g_assert_cmpuint (nb_report_get_paragraphs (report, "overview")->len, ==, 0);
  g_assert_true (nb_report_undo (report));
  value_of (report, t2, "penalty", "decisions", NB_CELL_EMPTY);
  g_assert_true (nb_report_undo (report));
  g_assert_null (nb_report_get_agency (report));
  g_assert_false (nb_report_undo (report));

  g_assert_true (nb_report_redo (report));
  g_assert_cmpstr (nb_report_get_agency (report), ==, "某某局");
  g_assert_true (nb_report_redo (report));
  g_assert_true (nb_report_redo (report));
  g_assert_cmpuint (nb_report_get_paragraphs (report, "overview")->len, ==, 1);
  g_assert_true (((NbRun *)g_ptr_array_index (((NbParagraph *)g_ptr_array_index (nb_report_get_paragraphs (report, "overview"), 0))->runs, 0))->bold);

  /* a new edit clears what could be redone */
  g_assert_true (nb_report_undo (report));
  nb_report_set_year (report, 2024);
  g_assert_false (nb_report_get_can_redo (report));
}

static void
test_typing_coalesces (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const char *steps[] = { "一", "一是", "一是加强" };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GPtrArray) paragraphs = nb_paragraphs_from_text (steps[i]);

      nb_report_set_paragraphs (report, "problems", paragraphs);
    }
  g_assert_true (nb_report_undo (report));
  g_assert_cmpuint (nb_report_get_paragraphs (report, "problems")->len, ==, 0);
  g_assert_false (nb_report_get_can_undo (report));
}

static void
on_changed (NbReport *report,
            guint    *count)
{
  (*count)++;
}

static void
on_cell_changed (NbReport   *report,
                 const char *table_id,
                 guint       cell_index,
                 GString    *log)
{
  g_string_append_printf (log, "%s:%u ", table_id, cell_index);
}

static void
test_signals (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t4 = table (report, "t4");
  g_autoptr(GString) log = g_string_new (NULL);
  guint changed = 0;

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &changed);
  g_signal_connect (report, "cell-changed", G_CALLBACK (on_cell_changed), log);
  g_assert_false (nb_report_get_modified (report));
  g_assert_true (nb_report_set_cell_text (report, t4, cell (t4, "cases", "review_upheld"), "2", NULL));
  /* one edit, one "changed", however many cells followed */
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (log->str, ==, "t4:0 t4:4 ");
  g_assert_true (nb_report_get_modified (report));
  nb_report_set_modified (report, FALSE);
  g_assert_true (nb_report_undo (report));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (nb_report_get_modified (report));
  /* setting the same value again is no change */
  nb_report_set_year (report, 0);
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_recompute_totals (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t3 = table (report, "t3");

  /* an imported report states a wrong total */
  nb_report_set_stated (report, t3, cell (t3, "new", "natural"), NB_CELL_VALUE, 3, NULL);
  nb_report_set_stated (report, t3, cell (t3, "new", "total"), NB_CELL_VALUE, 5, NULL);
  g_assert_cmpint (value_of (report, t3, "new", "total", NB_CELL_VALUE), ==, 5);
  nb_report_recompute_totals (report);
  g_assert_cmpint (value_of (report, t3, "new", "total", NB_CELL_VALUE), ==, 3);
  g_assert_true (nb_report_undo (report));
  g_assert_cmpint (value_of (report, t3, "new", "total", NB_CELL_VALUE), ==, 5);
}

static void
test_history_disabled (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t4 = table (report, "t4");
  guint changed = 0;

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &changed);
  nb_report_set_history_enabled (report, FALSE);
  nb_report_set_stated (report, t4, cell (t4, "cases", "review_upheld"), NB_CELL_VALUE, 2, NULL);
  /* still announced, but nothing to undo */
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (nb_report_get_can_undo (report));
  nb_report_set_history_enabled (report, TRUE);
  nb_report_set_stated (report, t4, cell (t4, "cases", "review_upheld"), NB_CELL_VALUE, 3, NULL);
  g_assert_true (nb_report_undo (report));
  g_assert_cmpint (value_of (report, t4, "cases", "review_upheld", NB_CELL_VALUE), ==, 2);
}

static void
on_notify (NbReport   *report,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

/* A loader's report is built quietly: the changes land, nothing is
 * announced; once it speaks again, changes are announced as before. */
static void
test_quiet (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  const NbEditionTable *t4 = table (report, "t4");
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_from_text ("无");
  guint changed = 0, notified = 0;

  g_signal_connect (report, "changed", G_CALLBACK (on_changed), &changed);
  g_signal_connect (report, "cell-changed", G_CALLBACK (on_cell_changed), log);
  g_signal_connect (report, "notify", G_CALLBACK (on_notify), &notified);
  nb_report_set_history_enabled (report, FALSE);
  nb_report_set_quiet (report, TRUE);
  nb_report_set_stated (report, t4, cell (t4, "cases", "review_upheld"), NB_CELL_VALUE, 2, NULL);
  nb_report_set_agency (report, "某某局");
  nb_report_set_paragraphs (report, "problems", paragraphs);
  nb_report_set_history_enabled (report, TRUE);
  nb_report_forget_history (report);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpstr (log->str, ==, "");
  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpint (value_of (report, t4, "cases", "review_upheld", NB_CELL_VALUE), ==, 2);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "某某局");
  g_assert_cmpuint (nb_report_get_paragraphs (report, "problems")->len, ==, 1);
  g_assert_false (nb_report_get_modified (report));

  nb_report_set_quiet (report, FALSE);
  nb_report_set_stated (report, t4, cell (t4, "cases", "review_upheld"), NB_CELL_VALUE, 3, NULL);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (log->str, !=, "");
  g_assert_cmpuint (notified, >, 0);
}

static void
test_title (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  g_autofree char *title = NULL;

  nb_report_set_agency (report, "漯河回族区城市管理局");
  nb_report_set_year (report, 2022);
  title = nb_report_dup_title (report);
  g_assert_cmpstr (title, ==, "漯河回族区城市管理局2022年政府信息公开工作年度报告");
}

static guint
count_blank_inputs (NbReport             *report,
                    const NbEditionTable *t)
{
  guint n = 0;

  for (guint c = 0; c < nb_edition_table_get_n_cells (t); c++)
    if (!nb_edition_table_get_cell (t, c)->computed
        && nb_report_get_cell (report, t, c, NULL, NULL) == NB_CELL_EMPTY)
      n++;
  return n;
}

static void
test_fill_blanks (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  NbEdition *edition = nb_report_get_edition (report);
  const NbEditionTable *t2 = table (report, "t2");
  const NbEditionTable *t3 = table (report, "t3");
  const NbEditionTable *t4 = table (report, "t4");
  guint t3_blanks, all_blanks = 0;

  g_assert_true (nb_report_set_cell_text (report, t3, cell (t3, "new", "natural"), "5", NULL));
  g_assert_false (nb_report_set_cell_text (report, t3, cell (t3, "partial", "research"), "五", NULL));
  t3_blanks = count_blank_inputs (report, t3);
  g_assert_cmpuint (t3_blanks, >, 100);

  /* one table: its blanks become 0, typed and invalid text stay, the
   * totals follow, the other tables are left alone */
  g_assert_cmpuint (nb_report_fill_blanks (report, t3), ==, t3_blanks);
  g_assert_cmpuint (count_blank_inputs (report, t3), ==, 0);
  g_assert_cmpint (value_of (report, t3, "new", "natural", NB_CELL_VALUE), ==, 5);
  value_of (report, t3, "partial", "research", NB_CELL_INVALID);
  g_assert_cmpint (value_of (report, t3, "new", "commercial", NB_CELL_VALUE), ==, 0);
  g_assert_cmpint (value_of (report, t3, "new", "total", NB_CELL_VALUE), ==, 5);
  g_assert_cmpuint (count_blank_inputs (report, t2), >, 0);

  /* one undo step brings every blank back */
  g_assert_true (nb_report_undo (report));
  g_assert_cmpuint (count_blank_inputs (report, t3), ==, t3_blanks);
  g_assert_cmpint (value_of (report, t3, "new", "natural", NB_CELL_VALUE), ==, 5);
  g_assert_true (nb_report_redo (report));
  g_assert_cmpuint (count_blank_inputs (report, t3), ==, 0);

  /* the whole report, then nothing left to fill */
  all_blanks = count_blank_inputs (report, t2) + count_blank_inputs (report, t4);
  g_assert_cmpuint (nb_report_fill_blanks (report, NULL), ==, all_blanks);
  for (guint i = 0; i < nb_edition_get_n_tables (edition); i++)
    g_assert_cmpuint (count_blank_inputs (report, nb_edition_get_table (edition, i)), ==, 0);
  g_assert_cmpint (value_of (report, t4, "cases", "review_total", NB_CELL_VALUE), ==, 0);
  g_assert_true (nb_report_undo (report));
  g_assert_cmpuint (count_blank_inputs (report, t4), >, 0);
  g_assert_cmpuint (count_blank_inputs (report, t3), ==, 0);
  g_assert_true (nb_report_redo (report));
  g_assert_cmpuint (nb_report_fill_blanks (report, NULL), ==, 0);
}

/* A unit written in a money cell: converted exactly to the column's unit. */
static void
test_money_units (void)
{
  g_autoptr(NbReport) report = new_report ("2021");
  g_autoptr(NbReport) old = new_report ("2019");
  const NbEditionTable *t2 = nb_edition_find_table (nb_report_get_edition (report), "t2");
  const NbEditionTable *old_t2 = nb_edition_find_table (nb_report_get_edition (old), "t2");
  guint fee = (guint)nb_edition_table_find_cell (t2, "fees", "fee_amount");
  guint amount = (guint)nb_edition_table_find_cell (old_t2, "procurement", "procurement_amount");
  struct { const char *text; gint64 value; } fees[] = {
    { "8123456.78元", G_GINT64_CONSTANT (812345678) },  /* 812.345678 万元 */
    { "25.1万元", G_GINT64_CONSTANT (25100000) },
    { " 25.1 万元 ", G_GINT64_CONSTANT (25100000) },
    { "３０千元", G_GINT64_CONSTANT (3000000) },         /* full-width digits */
    { "272,500元", G_GINT64_CONSTANT (27250000) },
    { "27.25", G_GINT64_CONSTANT (27250000) },          /* no unit: the column's */
  };
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fees); i++)
    {
      g_assert_true (nb_report_set_cell_text (report, t2, fee, fees[i].text, NULL));
      g_assert_cmpint (nb_report_get_cell (report, t2, fee, &value, NULL), ==, NB_CELL_VALUE);
      g_assert_cmpint (value, ==, fees[i].value);
    }
  /* 0.01 元 is 0.000001 万元, the finest the model keeps; 0.001 元 is not */
  g_assert_true (nb_report_set_cell_text (report, t2, fee, "0.01元", NULL));
  g_assert_false (nb_report_set_cell_text (report, t2, fee, "0.001元", &error));
  g_assert_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_TOO_MANY_DECIMALS);
  g_clear_error (&error);
  g_assert_false (nb_report_set_cell_text (report, t2, fee, "25.1美元", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* the 2019 procurement amount is in 元 */
  g_assert_true (nb_report_set_cell_text (old, old_t2, amount, "25.1万元", NULL));
  g_assert_cmpint (nb_report_get_value (old, old_t2, amount), ==, G_GINT64_CONSTANT (251000) * 1000000);
  g_assert_true (nb_report_set_cell_text (old, old_t2, amount, "8123456.78元", NULL));
  g_assert_cmpint (nb_report_get_value (old, old_t2, amount), ==, G_GINT64_CONSTANT (812345678) * 10000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/empty-is-not-zero", test_empty_is_not_zero);
  g_test_add_func ("/report/totals-follow-edits", test_totals_follow_edits);
  g_test_add_func ("/report/computed-cells-refuse-typing", test_computed_cells_refuse_typing);
  g_test_add_func ("/report/invalid-text-is-kept", test_invalid_text_is_kept);
  g_test_add_func ("/report/paste-all-or-nothing", test_paste_all_or_nothing);
  g_test_add_func ("/report/money-precision", test_money_precision);
  g_test_add_func ("/report/undo-across-kinds", test_undo_across_kinds);
  g_test_add_func ("/report/typing-coalesces", test_typing_coalesces);
  g_test_add_func ("/report/signals", test_signals);
  g_test_add_func ("/report/recompute-totals", test_recompute_totals);
  g_test_add_func ("/report/history-disabled", test_history_disabled);
  g_test_add_func ("/report/quiet", test_quiet);
  g_test_add_func ("/report/title", test_title);
  g_test_add_func ("/report/fill-blanks", test_fill_blanks);
  g_test_add_func ("/report/money-units", test_money_units);

  return g_test_run ();
}
