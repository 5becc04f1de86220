/* test-narrative.c: the narrative read against the tables (TEXT-*) and
 * proofread (PROOF-*): a consistent report stays quiet, each defect alone
 * is found, at its sentence. */
#include "config.h"

#include <locale.h>

#include "nb-checker.h"
#include "nb-file.h"

/* A consistent 2021-format report for 2023: 118 new + 2 carried over =
 * 117 concluded (100 公开, 15 部分公开, 2 不掌握) + 3 carried forward. */
static NbReport *
consistent_report (void)
{
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  NbReport *report = nb_report_new (edition);
  struct { const char *table, *key, *text; } values[] = {
    { "t3", "new/natural", "118" },
    { "t3", "carried_over/natural", "2" },
    { "t3", "granted/natural", "100" },
    { "t3", "partial/natural", "15" },
    { "t3", "unable_not_held/natural", "2" },
    { "t3", "carry_forward/natural", "3" },
    { "t2", "normative_documents/issued", "5" },
    { "t2", "normative_documents/abolished", "2" },
    { "t2", "normative_documents/in_force", "356" },
    { "t2", "regulations/in_force", "4" },
    { "t2", "penalty/decisions", "67" },
    { "t2", "fees/fee_amount", "27.25" },
    { "t4", "cases/review_upheld", "3" },
    { "t4", "cases/review_corrected", "1" },
    { "t4", "cases/review_pending", "1" },
    { "t4", "cases/direct_upheld", "2" },
  };

  nb_report_set_agency (report, "某某市某某局");
  nb_report_set_year (report, 2023);
  nb_report_set_address (report, "某某路1号");
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        if (!nb_edition_table_get_cell (table, c)->computed)
          g_assert_true (nb_report_set_cell_text (report, table, c, "0", NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const NbEditionTable *table = nb_edition_find_table (edition, values[i].table);
      int cell = nb_edition_table_find_cell_by_key (table, values[i].key);

      g_assert_cmpint (cell, >=, 0);
      g_assert_true (nb_report_set_cell_text (report, table, (guint)cell, values[i].text, NULL));
    }
  return report;
}

static void
set_text (NbReport   *report,
          const char *section_id,
          const char *text)
{
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_from_text (text);

  nb_report_set_paragraphs (report, section_id, paragraphs);
}

static void
set_paragraphs (NbReport   *report,
                const char *section_id,
                ...)
{
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
  va_list args;
  int level;

  va_start (args, section_id);
  while ((level = va_arg (args, int)) >= 0)
    g_ptr_array_add (paragraphs,
                     nb_paragraph_new_text ((NbParagraphLevel)level, va_arg (args, const char *)));
  va_end (args);
  nb_report_set_paragraphs (report, section_id, paragraphs);
}

/* The narrative findings (TEXT-*, PROOF-*, FEE-MENTION) of the report. */
static GPtrArray *
text_findings (NbReport *report)
{
  g_autoptr(GPtrArray) all = nb_check_report (report, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_finding_unref);

  for (guint i = 0; i < all->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (all, i);
      g_autofree char *where = nb_finding_dup_location (finding, report);

      if (g_str_has_prefix (finding->rule_id, "TEXT-") || g_str_has_prefix (finding->rule_id, "PROOF-")
          || g_str_equal (finding->rule_id, "FEE-MENTION"))
        {
          g_test_message ("%s %s: %s", finding->rule_id, where, finding->message);
          g_ptr_array_add (out, nb_finding_ref (finding));
        }
    }
  return out;
}

static void
assert_quiet (NbReport   *report,
              const char *section_id,
              const char *text)
{
  g_autoptr(GPtrArray) found = NULL;

  set_text (report, section_id, text);
  found = text_findings (report);
  if (found->len > 0)
    g_error ("“%s” raised %s: %s", text, ((NbFinding *)g_ptr_array_index (found, 0))->rule_id,
             ((NbFinding *)g_ptr_array_index (found, 0))->message);
}

/* Exactly one narrative finding, of the rule, at location, its message
 * holding every one of the NULL-terminated parts. */
static NbFinding *
assert_found (NbReport   *report,
              const char *section_id,
              const char *text,
              const char *rule_id,
              const char *location,
              ...)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *where = NULL;
  NbFinding *finding;
  const char *part;
  va_list args;

  set_text (report, section_id, text);
  found = text_findings (report);
  if (found->len != 1)
    g_error ("“%s”: %u findings, expected one %s", text, found->len, rule_id);
  finding = g_ptr_array_index (found, 0);
  g_assert_cmpstr (finding->rule_id, ==, rule_id);
  g_assert_cmpint (finding->severity, ==, NB_SEVERITY_WARNING);
  where = nb_finding_dup_location (finding, report);
  if (location != NULL)
    g_assert_cmpstr (where, ==, location);
  va_start (args, location);
  while ((part = va_arg (args, const char *)) != NULL)
    if (strstr (finding->message, part) == NULL)
      g_error ("“%s” not in “%s”", part, finding->message);
  va_end (args);
  return nb_finding_ref (finding);
}

#define CONSISTENT                                                                                 \
  "2023年，本机关共收到政府信息公开申请120件，其中新收118件，上年结转2件。"                       \
  "全年办结117件，结转下年度继续办理3件。予以公开及部分公开115件，占98.3%。"                      \
  "现行有效规范性文件356件，本年制发规范性文件5件，废止规范性文件2件，现行有效规章4件。"          \
  "作出行政处罚决定67件，行政事业性收费27.25万元。发生行政复议5件，行政诉讼2件。"

static void
test_consistent_is_quiet (void)
{
  g_autoptr(NbReport) report = consistent_report ();

  assert_quiet (report, "overview", CONSISTENT);
  /* the other reading of 共收到: without the carry-over */
  assert_quiet (report, "overview", "全年共收到政府信息公开申请118件。");
  /* Chinese numerals, full-width digits, separators, money in 元 */
  assert_quiet (report, "overview", "全年共收到政府信息公开申请一百二十件，其中新收一百一十八件。");
  assert_quiet (report, "overview", "全年共收到政府信息公开申请１２０件。");
  assert_quiet (report, "overview", "收取行政事业性收费272500元，即27.3万元。");
  assert_quiet (report, "overview", "行政事业性收费272,500.00元。");
  /* shares of the other totals, rounded or cut off */
  assert_quiet (report, "overview", "予以公开100件，占85.5%；部分公开15件，占比12.8%。");
  assert_quiet (report, "overview", "予以公开100件，占84.7%。"); /* of 118 new */
  /* numbers that are no figure of the tables */
  assert_quiet (report, "overview",
                "与630名群众面对面交流，收集意见建议370多条，收到群众来信12件，"
                "比上年增加20件，政务公开工作要点明确了5项任务。");
  assert_quiet (report, "overview", "全文由总体情况、行政复议、行政诉讼情况等五个部分组成。");
  assert_quiet (report, "overview", "行政复议5件，其中维持3件，纠正1件，尚未审结1件。");
  assert_quiet (report, "overview", "行政诉讼2件，均获维持。");
}

static void
test_received (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(NbFinding) finding = NULL;

  /* neither 118 (新收) nor 120 (新收 + 上年结转): both readings named */
  finding = assert_found (report, "overview", "收到申请情况良好。全年共收到政府信息公开申请121件。",
                          "TEXT-RECEIVED", "section overview p1:10-27", "121件", "118", "120",
                          NULL);
  /* the window selects the sentence; the cells it contradicts are named */
  g_assert_cmpint (finding->paragraph, ==, 0);
  g_assert_cmpuint (finding->offset, ==, 9);
  g_assert_cmpuint (finding->length, ==, 18);
  g_assert_cmpstr (finding->table_id, ==, "t3");
  g_assert_cmpuint (finding->n_cells, ==, 3);
  g_clear_pointer (&finding, nb_finding_unref);
  g_clear_pointer (&finding, nb_finding_unref);
  finding = assert_found (report, "overview", "全年共收到政府信息公开申请一百二十一件。", "TEXT-RECEIVED",
                          NULL, "一百二十一件", NULL);
  g_clear_pointer (&finding, nb_finding_unref);
  finding = assert_found (report, "overview", "其中新收120件。", "TEXT-RECEIVED", NULL, "118", NULL);
  g_clear_pointer (&finding, nb_finding_unref);
  finding = assert_found (report, "overview", "本年度未收到政府信息公开申请。", "TEXT-RECEIVED", NULL,
                          "未收到政府信息公开申请", NULL);
}

static void
test_other_figures (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  struct { const char *text, *rule, *part; } cases[] = {
    { "上年结转3件。", "TEXT-CARRIED-OVER", "2" },
    { "全年办结政府信息公开申请116件。", "TEXT-CONCLUDED", "117" },
    { "结转下年度继续办理4件。", "TEXT-CARRY-FORWARD", "3" },
    { "予以公开及部分公开140件。", "TEXT-RESULT", "115" },
    { "不予公开1件。", "TEXT-RESULT", "0" },
    { "现行有效规范性文件312件。", "TEXT-PROACTIVE", "356" },
    { "本年制发行政规范性文件6件。", "TEXT-PROACTIVE", "5" },
    { "现行有效规章和规范性文件356件。", "TEXT-PROACTIVE", "360" },
    { "作出行政处罚决定60件。", "TEXT-PROACTIVE", "67" },
    { "行政事业性收费28万元。", "TEXT-FEE", "27.25" },
    { "行政事业性收费27.1万元。", "TEXT-FEE", "27.25" },
    { "行政事业性收费272600元。", "TEXT-FEE", "27.25" },
    { "发生行政复议6件。", "TEXT-REVIEW", "5" },
    { "行政诉讼3件。", "TEXT-REVIEW", "2" },
    { "本年度未发生行政复议和行政诉讼案件。", "TEXT-REVIEW", "7" },
    { "行政复议5件，均获维持。", "TEXT-OUTCOME", "3" },
    { "予以公开及部分公开115件，占41.2%。", "TEXT-SHARE", "98.3%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      nb_finding_unref (assert_found (report, "overview", cases[i].text, cases[i].rule, NULL,
                                      cases[i].part, NULL));
    }
}

/* A finding carries its sentence: the second sentence of the second
 * paragraph, characters 9 to 20 counted from 1. */
static void
test_place (void)
{
  g_autoptr(NbReport) report = consistent_report ();

  set_paragraphs (report, "overview", NB_PARAGRAPH_HEADING_2, "（一）依申请公开", NB_PARAGRAPH_BODY,
                  "情况如下：全年，上年结转5件。", -1);
  {
    g_autoptr(GPtrArray) found = text_findings (report);
    g_autofree char *where = NULL;

    g_assert_cmpuint (found->len, ==, 1);
    where = nb_finding_dup_location (g_ptr_array_index (found, 0), report);
    g_assert_cmpstr (where, ==, "section overview p2:1-15");
  }
}

static void
test_enumerations (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(NbFinding) finding = NULL;

  assert_quiet (report, "problems", "一是公开意识不强。二是渠道不宽。三是队伍不强。");
  set_paragraphs (report, "problems", NB_PARAGRAPH_HEADING_2, "（一）存在的问题", NB_PARAGRAPH_BODY,
                  "一是意识不强。二是渠道不宽。", NB_PARAGRAPH_HEADING_2, "（二）改进措施",
                  NB_PARAGRAPH_BODY, "一是加强培训。二是拓宽渠道。", -1);
  {
    g_autoptr(GPtrArray) found = text_findings (report);

    g_assert_cmpuint (found->len, ==, 0);
  }
  finding = assert_found (report, "problems", "一是公开意识不强；三是渠道不宽。",
                          "PROOF-ENUM", "section problems p1:10-11", "三是", "skipped", NULL);
  g_clear_pointer (&finding, nb_finding_unref);
  finding = assert_found (report, "problems", "一是公开意识不强；二是渠道不宽；二是队伍不强。",
                          "PROOF-ENUM", "section problems p1:17-18", "二是", "repeated", NULL);
  g_clear_pointer (&finding, nb_finding_unref);
  set_text (report, "problems", "");
  set_paragraphs (report, "problems", NB_PARAGRAPH_HEADING_2, "（一）存在的问题", NB_PARAGRAPH_BODY,
                  "无。", NB_PARAGRAPH_HEADING_2, "（三）改进措施", NB_PARAGRAPH_BODY, "无。", -1);
  {
    g_autoptr(GPtrArray) found = text_findings (report);

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((NbFinding *)g_ptr_array_index (found, 0))->rule_id, ==, "PROOF-ENUM");
    g_assert_cmpint (((NbFinding *)g_ptr_array_index (found, 0))->paragraph, ==, 2);
  }
  set_paragraphs (report, "problems", NB_PARAGRAPH_BODY, "1.公开意识不强。", NB_PARAGRAPH_BODY,
                  "2.渠道不宽。", NB_PARAGRAPH_BODY, "2.队伍不强。", -1);
  {
    g_autoptr(GPtrArray) found = text_findings (report);

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpint (((NbFinding *)g_ptr_array_index (found, 0))->paragraph, ==, 2);
  }
}

static void
test_duplicates (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(NbFinding) finding = NULL;

  assert_quiet (report, "problems", "看城管、评城管、议城管，加强组织领导，加强培训学习。");
  finding = assert_found (report, "problems", "我局将加强组织领导加强组织领导，确保落实。",
                          "PROOF-DUPLICATE", "section problems p1:4-15", "加强组织领导", NULL);
}

static void
test_slots (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  struct { const char *text, *location; } cases[] = {
    { "全年发布政策解读篇。", "section other p1:1-9" },
    { "联系XX局办公室。", "section other p1:3-4" },
    { "20XX年工作安排。", "section other p1:1-4" },
    { "公开时间：□年□月。", "section other p1:6-6" },
    { "公开政府信息条，印发文件5件。", "section other p1:1-7" },
  };

  assert_quiet (report, "other", "全年发布政策解读5篇，印发文件。开展培训多次，逐条落实，公开各类事项。");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NbFinding) finding =
        assert_found (report, "other", cases[i].text, "PROOF-SLOT", NULL, NULL);
      g_autofree char *where = nb_finding_dup_location (finding, report);

      g_assert_cmpstr (where, ==, cases[i].location);
    }
}

static void
test_years (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(NbFinding) finding = NULL;

  assert_quiet (report, "problems",
                "2023年，我局较2022年增长明显，与2021年相比亦有提高，自2020年以来持续推进。"
                "按照《2022年政务公开工作要点》和2022年9月印发的通知，2024年将继续努力。");
  finding = assert_found (report, "problems", "2022年，我局加强了公开工作。", "PROOF-YEAR",
                          "section problems p1:1-5", "2022年", NULL);
}

static void
test_punctuation (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(NbFinding) finding = NULL;

  assert_quiet (report, "problems", "意识不强，有时不够及时（见附件）。上午9:30开始, Monday (a).");
  finding = assert_found (report, "problems", "意识不强,有时不够及时(见附件)。", "PROOF-PUNCT",
                          "section problems p1:5-5", "3", "“强,有”", NULL);
}

static void
test_fee_mention (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  const NbEditionTable *t3 = nb_edition_find_table (edition, "t3");
  g_autoptr(NbFinding) finding = NULL;

  /* one request ended for an unpaid fee instead of being carried forward */
  g_assert_true (nb_report_set_cell_text (report, t3,
                                          (guint)nb_edition_table_find_cell (t3, "other_unpaid", "natural"),
                                          "1", NULL));
  g_assert_true (nb_report_set_cell_text (report, t3,
                                          (guint)nb_edition_table_find_cell (t3, "carry_forward", "natural"),
                                          "2", NULL));
  finding = assert_found (report, "other", "无", "FEE-MENTION", "section other -", NULL);
  assert_quiet (report, "other", "本年度未收取信息处理费。");
}

/* The sample report deserves only its half-width commas. */
static void
test_sample (void)
{
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  report = nb_file_load_sample (&error);
  g_assert_no_error (error);
  found = text_findings (report);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((NbFinding *)g_ptr_array_index (found, 0))->rule_id, ==, "PROOF-PUNCT");
}

/* One-click fixes (nb-fix.c) */

static char *
section_text (NbReport   *report,
              const char *section_id)
{
  return nb_report_dup_section_text (report, section_id);
}

/* The text's one finding of rule has a fix; applied, it gives fixed, the
 * finding is gone, and one undo brings the text back. */
static void
assert_fixes (NbReport   *report,
              const char *section_id,
              const char *text,
              const char *rule_id,
              const char *fixed)
{
  g_autoptr(NbFinding) finding = assert_found (report, section_id, text, rule_id, NULL, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = section_text (report, section_id);
  g_autofree char *now = NULL;
  g_autofree char *undone = NULL;

  g_assert_true (nb_finding_has_fix (finding));
  g_assert_nonnull (finding->fix_label);
  nb_report_forget_history (report);
  g_assert_true (nb_finding_apply_fix (finding, report, &error));
  g_assert_no_error (error);
  now = section_text (report, section_id);
  g_assert_cmpstr (now, ==, fixed);
  after = text_findings (report);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_true (nb_report_undo (report));
  g_assert_false (nb_report_get_can_undo (report));
  undone = section_text (report, section_id);
  g_assert_cmpstr (undone, ==, before);
  set_text (report, section_id, "");
}

static void
test_fix_text (void)
{
  g_autoptr(NbReport) report = consistent_report ();

  assert_fixes (report, "problems", "我局将加强组织领导加强组织领导，确保落实。", "PROOF-DUPLICATE",
                "我局将加强组织领导，确保落实。");
  assert_fixes (report, "problems", "意识不强,有时不够及时(见附件)。", "PROOF-PUNCT",
                "意识不强，有时不够及时（见附件）。");
  /* a figure with one reading gets the table's number */
  assert_fixes (report, "overview", "作出行政处罚决定60件。", "TEXT-PROACTIVE", "作出行政处罚决定67件。");
  assert_fixes (report, "overview", "结转下年度继续办理四件。", "TEXT-CARRY-FORWARD",
                "结转下年度继续办理3件。");
}

/* Formatting stays where it was: a fix across two runs keeps the bold. */
static void
test_fix_keeps_runs (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
  g_autoptr(GPtrArray) found = NULL;
  NbParagraph *paragraph = nb_paragraph_new (NB_PARAGRAPH_BODY);
  const NbParagraph *fixed;

  nb_paragraph_add_run (paragraph, "意识不强,", TRUE);
  nb_paragraph_add_run (paragraph, "有时不够及时,仍需改进。", FALSE);
  g_ptr_array_add (paragraphs, paragraph);
  nb_report_set_paragraphs (report, "problems", paragraphs);
  found = text_findings (report);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (nb_finding_apply_fix (g_ptr_array_index (found, 0), report, NULL));
  fixed = g_ptr_array_index (nb_report_get_paragraphs (report, "problems"), 0);
  g_assert_cmpuint (fixed->runs->len, ==, 2);
  g_assert_cmpstr (((NbRun *)g_ptr_array_index (fixed->runs, 0))->text, ==, "意识不强，");
  g_assert_true (((NbRun *)g_ptr_array_index (fixed->runs, 0))->bold);
  g_assert_cmpstr (((NbRun *)g_ptr_array_index (fixed->runs, 1))->text, ==, "有时不够及时，仍需改进。");
  g_assert_false (((NbRun *)g_ptr_array_index (fixed->runs, 1))->bold);
}

/* No fix where the right text is the author's call, and none applied
 * once the report has moved on. */
static void
test_fix_refused (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(NbFinding) two_readings = NULL;
  g_autoptr(NbFinding) year = NULL;
  g_autoptr(NbFinding) stale = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  two_readings = assert_found (report, "overview", "全年共收到政府信息公开申请121件。", "TEXT-RECEIVED",
                               NULL, NULL);
  g_assert_false (nb_finding_has_fix (two_readings));
  g_assert_false (nb_finding_apply_fix (two_readings, report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  set_text (report, "overview", "");
  year = assert_found (report, "problems", "2022年，我局加强了公开工作。", "PROOF-YEAR", NULL, NULL);
  g_assert_false (nb_finding_has_fix (year));
  set_text (report, "problems", "");

  stale = assert_found (report, "problems", "我局将加强组织领导加强组织领导。", "PROOF-DUPLICATE", NULL, NULL);
  set_text (report, "problems", "今年我局将加强组织领导加强组织领导。");
  g_assert_false (nb_finding_apply_fix (stale, report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  text = section_text (report, "problems");
  g_assert_cmpstr (text, ==, "今年我局将加强组织领导加强组织领导。");
}

/* Blank cells: 0 in each, as one undo step. */
static void
test_fix_blank_cells (void)
{
  g_autoptr(NbReport) report = consistent_report ();
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  const NbEditionTable *t3 = nb_edition_find_table (edition, "t3");
  g_autoptr(GPtrArray) found = NULL;
  NbFinding *blank = NULL;
  const char *columns[] = { "commercial", "research" };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    nb_report_clear_cell (report, t3, (guint)nb_edition_table_find_cell (t3, "granted", columns[i]));
  found = nb_check_report (report, NULL);
  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (((NbFinding *)g_ptr_array_index (found, i))->rule_id, "CELL-EMPTY"))
      {
        g_assert_null (blank);
        blank = g_ptr_array_index (found, i);
      }
  g_assert_nonnull (blank);
  g_assert_cmpuint (blank->n_cells, ==, 2);
  g_assert_true (nb_finding_has_fix (blank));
  nb_report_forget_history (report);
  g_assert_true (nb_finding_apply_fix (blank, report, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      gint64 value = -1;
      guint cell = (guint)nb_edition_table_find_cell (t3, "granted", columns[i]);

      g_assert_cmpint (nb_report_get_cell (report, t3, cell, &value, NULL), ==, NB_CELL_VALUE);
      g_assert_cmpint (value, ==, 0);
    }
  g_clear_pointer (&found, g_ptr_array_unref);
  found = nb_check_report (report, NULL);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpstr (((NbFinding *)g_ptr_array_index (found, i))->rule_id, !=, "CELL-EMPTY");
  g_assert_true (nb_report_undo (report));
  g_assert_false (nb_report_get_can_undo (report));
  g_assert_cmpint (nb_report_get_cell (report, t3, (guint)nb_edition_table_find_cell (t3, "granted", "research"),
                                       NULL, NULL), ==, NB_CELL_EMPTY);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/narrative/consistent-is-quiet", test_consistent_is_quiet);
  g_test_add_func ("/narrative/received", test_received);
  g_test_add_func ("/narrative/other-figures", test_other_figures);
  g_test_add_func ("/narrative/place", test_place);
  g_test_add_func ("/proofread/enumerations", test_enumerations);
  g_test_add_func ("/proofread/duplicates", test_duplicates);
  g_test_add_func ("/proofread/slots", test_slots);
  g_test_add_func ("/proofread/years", test_years);
  g_test_add_func ("/proofread/punctuation", test_punctuation);
  g_test_add_func ("/proofread/fee-mention", test_fee_mention);
  g_test_add_func ("/proofread/sample", test_sample);
  g_test_add_func ("/fix/text", test_fix_text);
  g_test_add_func ("/fix/keeps-runs", test_fix_keeps_runs);
  g_test_add_func ("/fix/refused", test_fix_refused);
  g_test_add_func ("/fix/blank-cells", test_fix_blank_cells);

  return g_test_run ();
}
