/* test-import.c: bringing reports in (issue 7)
 *
 * The sample text as published, exports of every kind read back, HTML and
 * DOCX in the shapes real sites and Word produce, and malformed inputs.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include "export-test-util.h"
#include "nb-checker.h"
#include "nb-export.h"
#include "nb-file.h"
#include "nb-import.h"
#include "nb-package.h"

/* A real report as an agency published it, as plain text. */
static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "samples", "2022-urban-management-bureau.txt",
                                NULL);
}

static gint64
cell_value (NbReport   *report,
            const char *table_id,
            const char *row,
            const char *column)
{
  const NbEditionTable *table = nb_edition_find_table (nb_report_get_edition (report), table_id);
  int cell;
  gint64 value = -1;

  g_assert_nonnull (table);
  cell = nb_edition_table_find_cell (table, row, column);
  g_assert_cmpint (cell, >=, 0);
  g_assert_cmpint (nb_report_get_cell (report, table, (guint)cell, &value, NULL), ==, NB_CELL_VALUE);
  return value;
}

static guint
count_code (GPtrArray  *findings,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((NbImportFinding *)g_ptr_array_index (findings, i))->code, code))
      n++;
  return n;
}

static NbImportFinding *
find_code (GPtrArray  *findings,
           const char *code)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((NbImportFinding *)g_ptr_array_index (findings, i))->code, code))
      return g_ptr_array_index (findings, i);
  return NULL;
}

static void
dump_findings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      g_autofree char *line = nb_import_finding_to_string (g_ptr_array_index (findings, i));

      g_test_message ("%s", line);
    }
}

/* Every cell's state and value, and every section's paragraphs. */
static void
assert_same_report (NbReport *a,
                    NbReport *b,
                    gboolean  text_too)
{
  NbEdition *edition = nb_report_get_edition (a);

  g_assert_cmpstr (nb_edition_get_id (edition), ==, nb_edition_get_id (nb_report_get_edition (b)));
  g_assert_cmpint (nb_report_get_year (a), ==, nb_report_get_year (b));
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          gint64 va = 0, vb = 0;
          NbCellState sa = nb_report_get_cell (a, table, c, &va, NULL);
          NbCellState sb = nb_report_get_cell (b, table, c, &vb, NULL);
          g_autofree char *label = nb_edition_table_dup_cell_label (table, c);

          if (sa != sb || va != vb)
            g_test_message ("cell %s: %d/%" G_GINT64_FORMAT " vs %d/%" G_GINT64_FORMAT, label,
                            sa, va, sb, vb);
          /* An invalid text comes back as text, maybe re-read as invalid. */
          if (sa == NB_CELL_INVALID || sb == NB_CELL_INVALID)
            continue;
          g_assert_cmpint (sa, ==, sb);
          g_assert_cmpint (va, ==, vb);
        }
    }
  if (!text_too)
    return;
  g_assert_cmpstr (nb_report_get_agency (a), ==, nb_report_get_agency (b));
  g_assert_cmpstr (nb_report_get_address (a), ==, nb_report_get_address (b));
  g_assert_cmpstr (nb_report_get_postcode (a), ==, nb_report_get_postcode (b));
  g_assert_cmpstr (nb_report_get_phone (a), ==, nb_report_get_phone (b));
  g_assert_cmpuint (nb_report_get_fee_decimals (a), ==, nb_report_get_fee_decimals (b));
  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *pa, *pb;

      if (section->table_id != NULL)
        continue;
      pa = nb_report_get_paragraphs (a, section->id);
      pb = nb_report_get_paragraphs (b, section->id);
      g_assert_cmpuint (pa->len, ==, pb->len);
      for (guint i = 0; i < pa->len; i++)
        g_assert_true (nb_paragraph_equal (g_ptr_array_index (pa, i), g_ptr_array_index (pb, i)));
    }
}

static void
test_normalize (void)
{
  const char *pairs[][2] = {
    { "(七) 总计", "（七）总计" },
    { "1、属于国家秘密", "1.属于国家秘密" },
    { "3.危及\"三安全一稳定\"", "3.危及“三安全一稳定”" },
    { "（二）部分公开(区分处理的，只计这一情形，不计其他情形)",
      "(二) 部分公开（区分处理的,只计这一情形,不计其他情形）" },
    { "规章：", "规章" },
    { "\u3000行政\u00a0许可 ", "行政许可" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *a = nb_import_normalize_label (pairs[i][0]);
      g_autofree char *b = nb_import_normalize_label (pairs[i][1]);

      g_assert_cmpstr (a, ==, b);
    }
  {
    g_autofree char *a = nb_import_normalize_label ("行政处罚");
    g_autofree char *b = nb_import_normalize_label ("行政强制");

    g_assert_cmpstr (a, !=, b);
  }
}

/* The published report: everything read, the three defects named. */
static void
test_sample_text (void)
{
  g_autofree char *path = sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) sample = NULL;
  NbImportFinding *finding;
  guint n_extra = 0;

  report = nb_import_file (path, &findings, &summary, &error);
  g_assert_no_error (error);
  sample = nb_file_load_sample (&error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  dump_findings (findings);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "漯河回族区城市管理局");
  g_assert_cmpint (nb_report_get_year (report), ==, 2022);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (report)), ==, "2021");
  g_assert_cmpuint (nb_report_get_fee_decimals (report), ==, 4);
  g_assert_cmpint (cell_value (report, "t2", "fees", "fee_amount"), ==, 27250000);
  g_assert_cmpint (cell_value (report, "t2", "penalty", "decisions"), ==, 67);
  g_assert_cmpstr (nb_report_get_postcode (report), ==, "471000");
  g_assert_nonnull (strstr (summary, "2021"));

  /* Exactly the three rows with a cell too many, each at its line. */
  for (guint i = 0; i < findings->len; i++)
    {
      finding = g_ptr_array_index (findings, i);
      if (g_str_equal (finding->code, "ROW-EXTRA-VALUES"))
        {
          n_extra++;
          g_assert_nonnull (finding->location);
          g_assert_true (g_str_has_prefix (finding->location, "line "));
        }
    }
  g_assert_cmpuint (n_extra, ==, 3);
  g_assert_cmpuint (findings->len, ==, 3);
  finding = g_ptr_array_index (findings, 0);
  g_assert_nonnull (strstr (finding->message, "（七）总计"));
  g_assert_cmpstr (finding->location, ==, "line 70");
  finding = g_ptr_array_index (findings, 1);
  g_assert_nonnull (strstr (finding->message, "四、结转下年度继续办理"));
  finding = g_ptr_array_index (findings, 2);
  g_assert_nonnull (strstr (finding->message, "16"));
  g_assert_nonnull (strstr (finding->message, "15"));

  /* The same report Nianbao ships as its sample, text included. */
  g_assert_no_error (error);
  assert_same_report (report, sample, TRUE);
}

static void
round_trip (NbReport   *report,
            const char *format,
            gboolean    text_too)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = nb_export_to_bytes (report, format, &error);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) back = NULL;
  NbImportFormat import_format = g_str_equal (format, "txt") ? NB_IMPORT_FORMAT_TEXT
                                 : g_str_equal (format, "html") ? NB_IMPORT_FORMAT_HTML
                                                                : NB_IMPORT_FORMAT_DOCX;
  gsize length;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  back = nb_import_data (data, length, import_format, &findings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  dump_findings (findings);
  assert_same_report (back, report, text_too);
  if (text_too)
    g_assert_cmpuint (findings->len, ==, 0);
  /* Nothing the source says may go missing unannounced. */
  g_assert_cmpuint (count_code (findings, "ROW-UNKNOWN") + count_code (findings, "ROW-MISSING")
                      + count_code (findings, "TABLE-MISSING") + count_code (findings, "ROW-EXTRA-VALUES"),
                    ==, 0);
}

static void
test_round_trip_sample (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);

  g_assert_no_error (error);
  round_trip (sample, data, TRUE);
}

/* Random values of every kind (huge, negative, money with six decimals,
 * blank cells) in both editions survive export and import. */
static void
test_round_trip_random (gconstpointer data)
{
  const char * const editions[] = { "2021", "2019" };

  for (guint seed = 1; seed <= 12; seed++)
    for (guint e = 0; e < G_N_ELEMENTS (editions); e++)
      {
        g_autoptr(NbReport) report = export_test_generate_report (seed, editions[e]);

        g_test_message ("seed %u edition %s format %s", seed, editions[e], (const char *)data);
        round_trip (report, data, FALSE);
      }
}

static NbReport *
import_string (const char      *text,
               NbImportFormat   format,
               GPtrArray      **findings)
{
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_import_data (text, strlen (text), format, findings, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  dump_findings (*findings);
  return report;
}

/* A saved government web page: a layout table around everything, <p><span>
 * wrappers, &nbsp;, group labels spanning rows, the single value of a block
 * spanning three columns, full-width digits and spaces in numbers. */
static const char html_page[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年报</title>"
  "<style>p{margin:0}</style><script>var x = '<table>';</script></head><body>"
  "<table width=\"100%\"><tr><td><div class=\"nav\">首页 &gt; 政务公开</div></td></tr><tr><td>"
  "<h1 style=\"text-align:center\">示范县市场监督管理局2023年政府信息公开工作年度报告</h1>"
  "<p><span style=\"font-family:仿宋\"><strong>一、总体情况</strong></span></p>"
  "<p><span>本机关认真贯彻落实《条例》。</span><span>&nbsp;联系地址：示范县人民路1号，邮编：123456，联系电话：0123-4567890。</span></p>"
  "<p><span style=\"font-weight:bold\">（一）主动公开</span></p>"
  "<p><b>一是</b>公开及时。</p>"
  "<p><strong>二、主动公开政府信息情况</strong></p>"
  "<table border=\"1\">"
  "<tr><td colspan=\"4\">第二十条第（一）项</td></tr>"
  "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
  "<tr><td>规章</td><td>１</td><td>0</td><td>1 234</td></tr>"
  "<tr><td>行政规范性文件</td><td>&nbsp;3&nbsp;</td><td>1</td><td>20</td></tr>"
  "<tr><td colspan=\"4\">第二十条第（五）项</td></tr>"
  "<tr><td>信息内容</td><td colspan=\"3\">本年处理决定数量</td></tr>"
  "<tr><td>行政许可</td><td colspan=\"3\">1,234</td></tr>"
  "<tr><td colspan=\"4\">第二十条第（六）项</td></tr>"
  "<tr><td>信息内容</td><td colspan=\"3\">本年处理决定数量</td></tr>"
  "<tr><td>行政处罚</td><td colspan=\"3\"><p><span>５６</span></p></td></tr>"
  "<tr><td>行政强制</td><td colspan=\"3\">0</td></tr>"
  "<tr><td colspan=\"4\">第二十条第（八）项</td></tr>"
  "<tr><td>信息内容</td><td colspan=\"3\">本年收费金额（单位：万元）</td></tr>"
  "<tr><td>行政事业性收费</td><td colspan=\"3\">0.5</td></tr>"
  "</table>"
  "<p>三、收到和处理政府信息公开申请情况</p>"
  "<table border=\"1\"><tbody>"
  "<tr><td rowspan=\"3\" colspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>"
  "<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr>"
  "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
  "<tr><td colspan=\"3\">一、本年新收政府信息公开申请数量</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>"
  "<tr><td colspan=\"3\">二、上年结转政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
  "<tr><td rowspan=\"22\">三、本年度办理结果</td><td colspan=\"2\">（一）予以公开</td><td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>"
  "<tr><td colspan=\"2\">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
  "<tr><td rowspan=\"8\">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>2.其他法律行政法规禁止公开</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>3.危及\"三安全一稳定\"</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>4.保护第三方合法权益</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>5.属于三类内部事务信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>6.属于四类过程性信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>7.属于行政执法案卷</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>8.属于行政查询事项</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td rowspan=\"3\">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
  "<tr><td>2.没有现成信息需要另行制作</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>3.补正后申请内容仍不明确</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td rowspan=\"5\">（五）不予处理</td><td>1.信访举报投诉类申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>2.重复申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>3.要求提供公开出版物</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>4.无正当理由大量反复申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>5.要求行政机关确认或重新出具已获取信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td rowspan=\"3\">（六）其他处理</td><td>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td>3.其他</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "<tr><td colspan=\"2\">(七) 总计</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>"
  "<tr><td colspan=\"3\">四、结转下年度继续办理</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>"
  "</tbody></table>"
  "<p>四、政府信息公开行政复议、行政诉讼情况</p>"
  "<table><tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>"
  "<tr><td rowspan=\"2\">结果维持</td><td rowspan=\"2\">结果纠正</td><td rowspan=\"2\">其他结果</td><td rowspan=\"2\">尚未审结</td><td rowspan=\"2\">总计</td><td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>"
  "<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>"
  "<tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>"
  "</table>"
  "<table class=\"frame\"><tr><td><p><strong>五、政府信息公开工作存在的主要问题及改进情况</strong></p>"
  "<p>一是公开内容还不够全面。二是下一步将加强培训。</p></td></tr></table>"
  "<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>"
  "</td></tr></table></body></html>";

static void
test_html_page (void)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = import_string (html_page, NB_IMPORT_FORMAT_HTML, &findings);
  GPtrArray *overview;

  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (report)), ==, "2021");
  g_assert_cmpstr (nb_report_get_agency (report), ==, "示范县市场监督管理局");
  g_assert_cmpint (nb_report_get_year (report), ==, 2023);
  g_assert_cmpstr (nb_report_get_postcode (report), ==, "123456");
  g_assert_cmpstr (nb_report_get_phone (report), ==, "0123-4567890");
  g_assert_cmpstr (nb_report_get_address (report), ==, "示范县人民路1号");
  g_assert_cmpint (cell_value (report, "t2", "regulations", "issued"), ==, 1);
  g_assert_cmpint (cell_value (report, "t2", "regulations", "in_force"), ==, 1234);
  g_assert_cmpint (cell_value (report, "t2", "normative_documents", "issued"), ==, 3);
  g_assert_cmpint (cell_value (report, "t2", "licensing", "decisions"), ==, 1234);
  g_assert_cmpint (cell_value (report, "t2", "penalty", "decisions"), ==, 56);
  g_assert_cmpint (cell_value (report, "t2", "fees", "fee_amount"), ==, 500000);
  g_assert_cmpint (cell_value (report, "t3", "new", "natural"), ==, 5);
  g_assert_cmpint (cell_value (report, "t3", "granted", "total"), ==, 4);
  g_assert_cmpint (cell_value (report, "t3", "withheld_secret", "natural"), ==, 0);
  g_assert_cmpint (cell_value (report, "t3", "unable_not_held", "natural"), ==, 1);
  g_assert_cmpint (cell_value (report, "t3", "other_other", "total"), ==, 0);
  g_assert_cmpint (cell_value (report, "t3", "results_total", "total"), ==, 6);
  g_assert_cmpint (cell_value (report, "t3", "carry_forward", "natural"), ==, 1);
  g_assert_cmpint (cell_value (report, "t4", "cases", "review_upheld"), ==, 1);
  g_assert_cmpint (cell_value (report, "t4", "cases", "review_total"), ==, 1);

  /* The variant heading of section 五 is read as 五, and reported with
   * both wordings (issue 17: a defect is not normalised away); the
   * site's navigation before the title is named, not imported. */
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_nonnull (strstr (find_code (findings, "HEADING-VARIANT")->message,
                            "五、存在的主要问题及改进情况"));
  g_assert_nonnull (strstr (find_code (findings, "TEXT-BEFORE-TITLE")->message, "首页"));
  overview = nb_report_get_paragraphs (report, "overview");
  g_assert_cmpuint (overview->len, ==, 3);
  g_assert_cmpint (((NbParagraph *)g_ptr_array_index (overview, 1))->level, ==, NB_PARAGRAPH_HEADING_2);
  g_assert_true (((NbRun *)g_ptr_array_index (((NbParagraph *)g_ptr_array_index (overview, 2))->runs, 0))->bold);
  g_assert_cmpuint (nb_report_get_paragraphs (report, "problems")->len, ==, 1);
}

/* Defects of published reports become findings, each at its place. */
static void
test_html_defects (void)
{
  g_autoptr(GString) page = g_string_new (html_page);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  NbImportFinding *finding;

  /* A row total that disagrees with its parts, an unknown row, a blank
   * cell, a value that is no number, and section 六 missing. */
  g_string_replace (page, "<td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td>",
                    "<td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>9</td>", 1);
  g_string_replace (page, "<tr><td>行政强制</td>", "<tr><td>行政征收</td><td colspan=\"3\">7</td></tr><tr><td>行政强制</td>", 1);
  g_string_replace (page, "<td>2.重复申请</td><td>0</td>", "<td>2.重复申请</td><td></td>", 1);
  g_string_replace (page, "<td>3.其他</td><td>0</td>", "<td>3.其他</td><td>无</td>", 1);
  g_string_replace (page, "<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>", "", 1);
  g_string_replace (page, "本年收费金额（单位：万元）", "本年收费金额（单位：元）", 1);

  report = import_string (page->str, NB_IMPORT_FORMAT_HTML, &findings);
  g_assert_cmpuint (count_code (findings, "T3-ROW-TOTAL"), ==, 1);
  g_assert_nonnull (find_code (findings, "T3-ROW-TOTAL")->location); /* placed at its row */
  finding = find_code (findings, "ROW-UNKNOWN");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->message, "行政征收"));
  g_assert_cmpint (finding->severity, ==, NB_SEVERITY_ERROR);
  g_assert_cmpuint (count_code (findings, "CELL-EMPTY"), ==, 1);
  g_assert_cmpuint (count_code (findings, "MONEY-UNIT"), ==, 1);
  finding = find_code (findings, "SECTION-MISSING");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->message, "六、其他需要报告的事项"));
  /* "无" is a label-like text in a value position: the row is one value
   * short and says so. */
  g_assert_cmpuint (count_code (findings, "ROW-MISSING-VALUES") + count_code (findings, "CELL-INVALID"),
                    >=, 1);
}

/* Edition 2019: one （六）其他处理 row and the old table 2 columns. */
static void
test_edition_2019 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = export_test_generate_report (7, "2019");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) back = NULL;
  g_autofree char *summary = NULL;

  nb_report_set_agency (report, "示范局");
  bytes = nb_export_to_bytes (report, "txt", &error);
  g_assert_no_error (error);
  back = nb_import_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                         NB_IMPORT_FORMAT_TEXT, &findings, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (back)), ==, "2019");
  g_assert_nonnull (strstr (summary, "from the table labels"));
}

/* The 2019 （六）其他处理 row in a report that is otherwise 2021. */
static void
test_2019_row_in_2021 (void)
{
  g_autoptr(GString) page = g_string_new (html_page);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  const char *start = strstr (page->str, "<tr><td rowspan=\"3\">（六）其他处理</td>");
  const char *end = strstr (page->str, "<tr><td colspan=\"2\">(七) 总计</td>");

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  g_string_erase (page, start - page->str, end - start);
  g_string_insert (page, start - page->str,
                   "<tr><td colspan=\"2\">（六）其他处理</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>");
  report = import_string (page->str, NB_IMPORT_FORMAT_HTML, &findings);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (report)), ==, "2021");
  g_assert_nonnull (find_code (findings, "ROW-IS-GROUP"));
  g_assert_nonnull (find_code (findings, "ROW-MISSING"));
}

/* A 2021 table 二 printing the row in 2019's words ("规范性文件"): its
 * values land in 行政规范性文件, with a warning naming both. */
static void
test_other_edition_label (void)
{
  g_autoptr(GString) page = g_string_new (html_page);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  const NbImportFinding *finding;

  g_assert_cmpuint (g_string_replace (page, "<tr><td>行政规范性文件</td>", "<tr><td>规范性文件</td>", 1),
                    ==, 1);
  report = import_string (page->str, NB_IMPORT_FORMAT_HTML, &findings);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (report)), ==, "2021");
  g_assert_cmpint (cell_value (report, "t2", "normative_documents", "issued"), ==, 3);
  g_assert_cmpint (cell_value (report, "t2", "normative_documents", "abolished"), ==, 1);
  g_assert_cmpint (cell_value (report, "t2", "normative_documents", "in_force"), ==, 20);
  g_assert_null (find_code (findings, "ROW-UNKNOWN"));
  g_assert_cmpuint (count_code (findings, "LABEL-VARIANT"), ==, 1);
  finding = find_code (findings, "LABEL-VARIANT");
  g_assert_cmpint (finding->severity, ==, NB_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "“规范性文件”"));
  g_assert_nonnull (strstr (finding->message, "行政规范性文件"));
  g_assert_nonnull (finding->location);
}

/* The title line split into agency and year: the name as published (inner
 * spaces, Latin words, full-width brackets kept), only the ends trimmed and
 * runs of white space folded to one space. */
static void
test_title_agency (void)
{
  const struct
  {
    const char *title;
    const char *agency;
    int         year;
  } cases[] = {
    { "# 漯河回族区 城市管理局2022年政府信息公开工作年度报告", "漯河回族区 城市管理局", 2022 },
    { "# 示范市 Smart City 建设管理中心2023年政府信息公开工作年度报告", "示范市 Smart City 建设管理中心", 2023 },
    { "# 中国（上海）自由贸易试验区管理委员会2022年政府信息公开工作年度报告",
      "中国（上海）自由贸易试验区管理委员会", 2022 },
    { "\u3000**示范县\u3000\u3000人民政府  办公室**２０２３年政府信息公开工作年度报告", "示范县 人民政府 办公室", 2023 },
    { "示范县 交通运输局 2022 年政府信息公开工作年度报告", "示范县 交通运输局", 2022 },
    { "《示范县\u00a0Data 局2022年政府信息公开工作年度报告》", "示范县 Data 局", 2022 },
    { "2022年度示范县 IT 中心政府信息公开工作年度报告", "示范县 IT 中心", 2022 },
    { "示范县统计局政府信息公开工作2024年度报告", "示范县统计局", 2024 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (cases[i].title, "\n## 一、总体情况\n本机关认真落实。\n", NULL);
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(NbReport) report = NULL;

      g_test_message ("title: %s", cases[i].title);
      report = import_string (text, NB_IMPORT_FORMAT_TEXT, &findings);
      g_assert_cmpstr (nb_report_get_agency (report), ==, cases[i].agency);
      g_assert_cmpint (nb_report_get_year (report), ==, cases[i].year);
      g_assert_null (find_code (findings, "META-AGENCY"));
      g_assert_null (find_code (findings, "META-YEAR"));
    }

  /* The same on a web page, whose white space the browser folds. */
  {
    static const char page[] =
      "<html><body><h1>\n  示范市 Smart&nbsp;City \t 建设管理中心2023年政府信息公开工作年度报告</h1>"
      "<h2>一、总体情况</h2><p>本机关认真落实。</p></body></html>";
    g_autoptr(GPtrArray) findings = NULL;
    g_autoptr(NbReport) report = import_string (page, NB_IMPORT_FORMAT_HTML, &findings);

    g_assert_cmpstr (nb_report_get_agency (report), ==, "示范市 Smart City 建设管理中心");
  }
}

static NbCellState
cell_state (NbReport    *report,
            const char  *table_id,
            const char  *row,
            const char  *column,
            const char **text)
{
  const NbEditionTable *table = nb_edition_find_table (nb_report_get_edition (report), table_id);
  int cell = nb_edition_table_find_cell (table, row, column);
  gint64 value = 0;

  g_assert_cmpint (cell, >=, 0);
  return nb_report_get_cell (report, table, (guint)cell, &value, text);
}

/* The sample exported as text, with the value row of table 四 replaced. */
static char *
sample_text_with_t4_row (const char *row,
                         guint      *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  gboolean in_t4 = FALSE, done = FALSE;

  g_assert_no_error (error);
  bytes = nb_export_to_bytes (sample, "txt", &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    lines = g_strsplit (text, "\n", -1);
  }
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "## 四、"))
        in_t4 = TRUE;
      if (in_t4 && !done && g_ascii_isdigit (lines[i][0]) && strchr (lines[i], '\t') != NULL)
        {
          g_string_append_printf (out, "%s\n", row);
          *line = i + 1;
          done = TRUE;
          continue;
        }
      g_string_append_printf (out, "%s%s", lines[i], lines[i + 1] != NULL ? "\n" : "");
    }
  g_assert_true (done);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The one row of table 四 has no label: a row whose first field is text
 * (a label cell, or "无" / a dash in the first value cell) is still that
 * row, and the text a bad value of its cell, as in tables 二 and 三. */
static void
test_t4_text_first (void)
{
  g_autofree char *zeros14 = NULL;
  const struct
  {
    const char *first;      /* before 14 zeros */
    const char *invalid;    /* review_upheld's text, or NULL: a value 0 */
    gboolean    blank;      /* review_upheld left blank */
    const char *code;       /* one finding expected at the row, or NULL */
  } cases[] = {
    { "无\t", "无", FALSE, "CELL-INVALID" },
    { "—\t", "—", FALSE, "CELL-INVALID" },
    { "-\t", "-", FALSE, "CELL-INVALID" },
    { "／\t", "／", FALSE, "CELL-INVALID" },
    { "\t", NULL, TRUE, "CELL-EMPTY" },
    { "数量\t0\t", NULL, FALSE, "ROW-LOOSE-MATCH" },
    { "本机关\t无\t", "无", FALSE, "CELL-INVALID" },
    { "件数\t\t0\t", NULL, FALSE, "ROW-LOOSE-MATCH" },
  };
  g_autoptr(GString) zeros = g_string_new ("0");

  for (guint i = 1; i < 14; i++)
    g_string_append (zeros, "\t0");
  zeros14 = g_strdup (zeros->str);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *row = g_strconcat (cases[i].first, zeros14, NULL);
      g_autofree char *where = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(NbReport) report = NULL;
      g_autofree char *text = NULL;
      const char *invalid = NULL;
      NbImportFinding *finding;
      guint line = 0;

      g_test_message ("row: %s", row);
      text = sample_text_with_t4_row (row, &line);
      where = g_strdup_printf ("line %u", line);
      report = import_string (text, NB_IMPORT_FORMAT_TEXT, &findings);
      g_assert_null (find_code (findings, "ROW-UNKNOWN"));
      g_assert_null (find_code (findings, "ROW-MISSING"));
      g_assert_null (find_code (findings, "TABLE-EMPTY"));
      g_assert_null (find_code (findings, "ROW-EXTRA-VALUES"));
      g_assert_null (find_code (findings, "ROW-MISSING-VALUES"));
      if (cases[i].invalid != NULL)
        {
          g_assert_cmpint (cell_state (report, "t4", "cases", "review_upheld", &invalid), ==, NB_CELL_INVALID);
          g_assert_cmpstr (invalid, ==, cases[i].invalid);
        }
      else if (cases[i].blank)
        g_assert_cmpint (cell_state (report, "t4", "cases", "review_upheld", NULL), ==, NB_CELL_EMPTY);
      else
        g_assert_cmpint (cell_value (report, "t4", "cases", "review_upheld"), ==, 0);
      g_assert_cmpint (cell_value (report, "t4", "cases", "review_corrected"), ==, 0);
      g_assert_cmpint (cell_value (report, "t4", "cases", "after_review_total"), ==, 0);
      finding = find_code (findings, cases[i].code);
      g_assert_nonnull (finding);
      g_assert_cmpstr (finding->location, ==, where);
      if (g_str_equal (cases[i].code, "ROW-LOOSE-MATCH"))
        g_assert_cmpint (finding->severity, ==, NB_SEVERITY_WARNING);
    }

  /* "无" with the row's 15 values after it: a value too many, named, not
   * an unknown row. */
  {
    g_autofree char *row = g_strconcat ("无\t0\t", zeros14, NULL);
    g_autoptr(GPtrArray) findings = NULL;
    g_autoptr(NbReport) report = NULL;
    g_autofree char *text = NULL;
    guint line = 0;

    text = sample_text_with_t4_row (row, &line);
    report = import_string (text, NB_IMPORT_FORMAT_TEXT, &findings);
    g_assert_null (find_code (findings, "ROW-UNKNOWN"));
    g_assert_nonnull (find_code (findings, "ROW-EXTRA-VALUES"));
    g_assert_cmpint (cell_state (report, "t4", "cases", "review_upheld", NULL), ==, NB_CELL_INVALID);
  }

  /* A web page: "无" in the first cell, or a label cell before the values. */
  {
    const char *html_row = "<tr><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td>";
    const char *replacements[] = { "<tr><td>无</td><td>0</td><td>0</td><td>0</td><td>1</td>",
                                   "<tr><td>本机关</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td>" };

    for (guint i = 0; i < G_N_ELEMENTS (replacements); i++)
      {
        g_autoptr(GString) page = g_string_new (html_page);
        g_autoptr(GPtrArray) findings = NULL;
        g_autoptr(NbReport) report = NULL;

        g_assert_nonnull (strstr (page->str, html_row));
        g_string_replace (page, html_row, replacements[i], 1);
        report = import_string (page->str, NB_IMPORT_FORMAT_HTML, &findings);
        g_assert_null (find_code (findings, "ROW-UNKNOWN"));
        g_assert_null (find_code (findings, "ROW-MISSING"));
        g_assert_cmpint (cell_value (report, "t4", "cases", "review_total"), ==, 1);
        if (i == 0)
          g_assert_nonnull (find_code (findings, "CELL-INVALID"));
        else
          {
            g_assert_cmpint (cell_value (report, "t4", "cases", "review_upheld"), ==, 1);
            g_assert_nonnull (strstr (find_code (findings, "ROW-LOOSE-MATCH")->message, "本机关"));
          }
      }
  }
}

/* All the messages of one code, one a line. */
static char *
messages_of (GPtrArray  *findings,
             const char *code)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      NbImportFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->code, code))
        g_string_append_printf (out, "%s\n", finding->message);
    }
  return g_string_free (out, FALSE);
}

/* What a government site puts after the article: print and close buttons,
 * share buttons, links to the next article, and the site's footer with
 * its copyright, sponsor, site code, ICP number, address and counter. */
static const char page_footer[] =
  "<div class=\"article-tools\">【<a href=\"#\">打印本页</a>】【<a href=\"javascript:window.close()\">关闭窗口</a>】</div>"
  "<div class=\"bdsharebuttonbox\"><span>分享到：</span><a class=\"bds_weixin\">微信</a><a class=\"bds_tsina\">微博</a></div>"
  "<p>上一篇：示范县市场监督管理局2022年政府信息公开工作年度报告</p>"
  "</td></tr></table>"
  "<div id=\"footer\"><p>版权所有：示范县人民政府　主办单位：示范县人民政府办公室</p>"
  "<p>网站标识码：1234000001　豫ICP备12345678号-1　<a>豫公网安备 41000002000001号</a></p>"
  "<p>地址：示范县政府路9号　邮编：999999　联系电话：0123-9999999</p>"
  "<p><a>联系我们</a> | <a>网站地图</a> | <a>使用帮助</a></p>"
  "<table><tr><td>技术支持：某某科技有限公司</td><td>您是本站第 123456 位访客</td></tr></table></div>"
  "<footer><p>示范县人民政府门户网站</p></footer>"
  "</body></html>";

/* The report ends where the report ends: the site's footer after section
 * 六 is not its text, and each line left out is named. */
static void
test_html_footer (void)
{
  const char *fragments[] = { "打印本页", "分享到", "上一篇", "版权所有", "网站标识码", "邮编：999999",
                              "网站地图", "技术支持", "示范县人民政府门户网站" };
  g_autoptr(GString) page = g_string_new (html_page);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autofree char *dropped = NULL;
  GPtrArray *other;
  const char *end = strstr (page->str, "</td></tr></table></body></html>");

  g_assert_nonnull (end);
  g_string_truncate (page, end - page->str);
  g_string_append (page, "<p>如对本报告有疑问，可通过本网站“联系我们”栏目反映。</p><p>2.网站地图更新</p>"
                         "<p>示范县市场监督管理局</p><p>2024年1月20日</p>");
  g_string_append (page, page_footer);

  report = import_string (page->str, NB_IMPORT_FORMAT_HTML, &findings);
  other = nb_report_get_paragraphs (report, "other");
  g_assert_cmpuint (other->len, ==, 5);
  {
    g_autofree char *last = nb_paragraph_dup_text (g_ptr_array_index (other, 4));

    g_assert_cmpstr (last, ==, "2024年1月20日");
  }
  /* The site's contact details are not the agency's. */
  g_assert_cmpstr (nb_report_get_phone (report), ==, "0123-4567890");

  /* Nothing silently dropped: the left-out parts are named in one warning,
   * at the first of them; nothing else is new. */
  dropped = messages_of (findings, "TEXT-AFTER-END");
  g_test_message ("%s", dropped);
  for (guint i = 0; i < G_N_ELEMENTS (fragments); i++)
    g_assert_nonnull (strstr (dropped, fragments[i]));
  for (guint i = 0; i < findings->len; i++)
    {
      NbImportFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->code, "TEXT-AFTER-END"))
        {
          g_assert_cmpint (finding->severity, ==, NB_SEVERITY_WARNING);
          g_assert_nonnull (finding->location);
        }
      else if (!g_str_equal (finding->code, "HEADING-VARIANT"))
        g_assert_cmpstr (finding->code, ==, "TEXT-BEFORE-TITLE");
    }
  /* the page's variant heading of 五, reported once */
  g_assert_cmpuint (count_code (findings, "HEADING-VARIANT"), ==, 1);
  g_assert_cmpuint (count_code (findings, "TEXT-AFTER-END"), ==, 1);
  g_assert_cmpuint (findings->len, ==, 3);

  /* Without contact details in the report, the footer's are not taken. */
  {
    g_autoptr(GPtrArray) bare_findings = NULL;
    g_autoptr(NbReport) bare = NULL;

    g_string_replace (page, "联系地址：示范县人民路1号，邮编：123456，联系电话：0123-4567890。", "", 1);
    bare = import_string (page->str, NB_IMPORT_FORMAT_HTML, &bare_findings);
    g_assert_cmpstr (nb_report_get_postcode (bare) ?: "", ==, "");
    g_assert_cmpstr (nb_report_get_phone (bare) ?: "", ==, "");
    g_assert_cmpuint (nb_report_get_paragraphs (bare, "other")->len, ==, 5);
  }
}

/* The same footer copied with the text of a page into a .txt file. */
/* Headings as agencies write them: read by their number and wording, the
 * section's text kept, each reported once with both texts. */
static void
test_heading_variants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  const char *rewordings[][2] = {
    { "一、总体情况", "一总体情况" },
    { "四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议与行政诉讼情况" },
    { "五、存在的主要问题及改进情况", "五、存在的主要问题及改进措施" },
    { "六、其他需要报告的事项", "六、需要说明的其他事项" },
  };

  g_assert_no_error (error);
  text = export_test_text (sample, rewordings, G_N_ELEMENTS (rewordings));
  report = import_string (text->str, NB_IMPORT_FORMAT_TEXT, &findings);
  assert_same_report (report, sample, TRUE);
  g_assert_cmpuint (count_code (findings, "HEADING-VARIANT"), ==, G_N_ELEMENTS (rewordings));
  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (rewordings));
  {
    g_autofree char *messages = messages_of (findings, "HEADING-VARIANT");

    for (guint i = 0; i < G_N_ELEMENTS (rewordings); i++)
      {
        g_assert_nonnull (strstr (messages, rewordings[i][0]));
        g_assert_nonnull (strstr (messages, rewordings[i][1]));
      }
  }
}

/* Headings recognised by what follows them: a wrong number, no number or
 * other words before a section's table, or a wrong number before a later
 * section's whole title.  Each section gets its own text and table, and
 * each heading is reported once with both texts. */
static void
test_heading_by_what_follows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  const char *rewordings[][2] = {
    /* the number of 三, the words of 二, table 二 after it */
    { "## 二、主动公开政府信息情况", "## 三、主动公开政府信息情况" },
    /* no number, other words, bold: a note, then table 三 */
    { "## 三、收到和处理政府信息公开申请情况", "**依申请公开办理情况**" },
    /* the right number, words too far off to match alone, table 四 after it */
    { "## 四、政府信息公开行政复议、行政诉讼情况", "## 四、复议诉讼" },
    /* the number of 六 before the whole title of 五 */
    { "## 五、存在的主要问题及改进情况", "## 六、存在的主要问题及改进情况" },
  };

  g_assert_no_error (error);
  text = export_test_text (sample, rewordings, G_N_ELEMENTS (rewordings));
  report = import_string (text->str, NB_IMPORT_FORMAT_TEXT, &findings);
  dump_findings (findings);
  assert_same_report (report, sample, TRUE);
  g_assert_cmpuint (count_code (findings, "HEADING-VARIANT"), ==, G_N_ELEMENTS (rewordings));
  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (rewordings));
  {
    g_autofree char *messages = messages_of (findings, "HEADING-VARIANT");

    g_assert_nonnull (strstr (messages, "“三、主动公开政府信息情况” was read as “二、主动公开政府信息情况”: the table"));
    g_assert_nonnull (strstr (messages, "“依申请公开办理情况” was read as “三、收到和处理政府信息公开申请情况”"));
    g_assert_nonnull (strstr (messages, "“四、复议诉讼” was read as “四、"));
    g_assert_nonnull (strstr (messages, "“六、存在的主要问题及改进情况” was read as “五、存在的主要问题及改进情况”"));
  }
}

/* A short bold line inside a section, before a table of that same
 * section, stays text of the section: no heading is made of it. */
static void
test_heading_not_from_own_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;

  g_assert_no_error (error);
  text = export_test_text (sample, NULL, 0);
  /* the bold line sits in 二, before 二's own table */
  g_assert_cmpuint (g_string_replace (text, "## 二、主动公开政府信息情况\n",
                                      "## 二、主动公开政府信息情况\n\n**主动公开情况**\n", 1), ==, 1);
  report = import_string (text->str, NB_IMPORT_FORMAT_TEXT, &findings);
  dump_findings (findings);
  g_assert_cmpuint (count_code (findings, "HEADING-VARIANT"), ==, 0);
  g_assert_cmpuint (count_code (findings, "TABLE-MISPLACED"), ==, 0);
  g_assert_cmpuint (count_code (findings, "SECTION-MISSING"), ==, 0);
}

static void
test_text_footer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autofree char *dropped = NULL;
  guint n_lines = 0;

  g_assert_no_error (error);
  text = export_test_text (sample, NULL, 0);
  for (const char *p = text->str; *p; p++)
    n_lines += *p == '\n';
  g_string_append (text, "\n【打印本页】　【关闭窗口】\n\n版权所有 © 2023 漯河市回族区人民政府\n"
                         "网站标识码：4103040001　豫ICP备05012345号\n联系我们　网站地图\n");
  report = import_string (text->str, NB_IMPORT_FORMAT_TEXT, &findings);
  assert_same_report (report, sample, TRUE);
  /* one finding for the four lines of the footer, not four */
  g_assert_cmpuint (count_code (findings, "TEXT-AFTER-END"), ==, 1);
  g_assert_cmpuint (findings->len, ==, 1);
  dropped = messages_of (findings, "TEXT-AFTER-END");
  g_assert_nonnull (strstr (dropped, "(4 parts)"));
  g_assert_nonnull (strstr (dropped, "版权所有 © 2023 漯河市回族区人民政府"));
  g_assert_nonnull (strstr (dropped, "网站地图"));
  {
    g_autofree char *where = g_strdup_printf ("line %u", n_lines + 2);

    g_assert_cmpstr (find_code (findings, "TEXT-AFTER-END")->location, ==, where);
  }
}

/* A minimal DOCX, built the way Word stores one. */
static GBytes *
make_docx (const char *body,
           gboolean    with_document,
           gboolean    with_styles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbPackage) zip = nb_package_new (&error);
  g_autofree char *document = g_strconcat (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    body, "<w:sectPr/></w:body></w:document>", NULL);
  const char *types =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
  const char *styles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/></w:style>"
    "</w:styles>";

  g_assert_no_error (error);
  g_assert_true (nb_package_add (zip, "[Content_Types].xml", types, strlen (types), &error));
  if (with_document)
    g_assert_true (nb_package_add (zip, "word/document.xml", document, strlen (document), &error));
  if (with_styles)
    g_assert_true (nb_package_add (zip, "word/styles.xml", styles, strlen (styles), &error));
  return nb_package_finish (zip, &error);
}

#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define H(level, text) "<w:p><w:pPr><w:pStyle w:val=\"" level "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(text) "<w:tc><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"
#define TCS(span, text) "<w:tc><w:tcPr><w:gridSpan w:val=\"" span "\"/></w:tcPr><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"
#define TCR(text) "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"
#define TCC "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
#define V7(a) TC (a) TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC (a)

static const char docx_body[] =
  "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>示范区教育局</w:t></w:r>"
  "<w:r><w:rPr><w:b/></w:rPr><w:t>2024年度政府信息公开工作年度报告</w:t></w:r></w:p>"
  H ("1", "一、总体情况")
  "<w:p><w:r><w:rPr><w:b w:val=\"1\"/></w:rPr><w:t>一是</w:t></w:r><w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>规范公开。</w:t></w:r>"
  "<w:hyperlink><w:r><w:t>详见网站。</w:t></w:r></w:hyperlink></w:p>"
  H ("2", "（一）主动公开")
  P ("本年主动公开信息。")
  H ("1", "二、主动公开政府信息情况")
  "<w:tbl><w:tblGrid/>"
  "<w:tr>" TCS ("4", "第二十条第（一）项") "</w:tr>"
  "<w:tr>" TC ("信息内容") TC ("本年制发件数") TC ("本年废止件数") TC ("现行有效件数") "</w:tr>"
  "<w:tr>" TC ("规章") TC ("0") TC ("0") TC ("0") "</w:tr>"
  "<w:tr>" TC ("行政规范性文件") TC ("2") TC ("0") TC ("9") "</w:tr>"
  "<w:tr>" TCS ("4", "第二十条第（五）项") "</w:tr>"
  "<w:tr>" TC ("信息内容") TCS ("3", "本年处理决定数量") "</w:tr>"
  "<w:tr>" TC ("行政许可") TCS ("3", "11") "</w:tr>"
  "<w:tr>" TCS ("4", "第二十条第（六）项") "</w:tr>"
  "<w:tr>" TC ("信息内容") TCS ("3", "本年处理决定数量") "</w:tr>"
  "<w:tr>" TC ("行政处罚") TCS ("3", "8") "</w:tr>"
  "<w:tr>" TC ("行政强制") TCS ("3", "0") "</w:tr>"
  "<w:tr>" TCS ("4", "第二十条第（八）项") "</w:tr>"
  "<w:tr>" TC ("信息内容") TCS ("3", "本年收费金额（单位：万元）") "</w:tr>"
  "<w:tr>" TC ("行政事业性收费") TCS ("3", "1.2345") "</w:tr>"
  "</w:tbl>"
  H ("1", "三、收到和处理政府信息公开申请情况")
  "<w:tbl>"
  "<w:tr>" TCS ("3", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") TCS ("7", "申请人情况") "</w:tr>"
  "<w:tr>" TCS ("3", "") TC ("自然人") TCS ("5", "法人或其他组织") TC ("总计") "</w:tr>"
  "<w:tr>" TCS ("3", "") TC ("") TC ("商业企业") TC ("科研机构") TC ("社会公益组织") TC ("法律服务机构") TC ("其他") TC ("") "</w:tr>"
  "<w:tr>" TCS ("3", "一、本年新收政府信息公开申请数量") V7 ("2") "</w:tr>"
  "<w:tr>" TCS ("3", "二、上年结转政府信息公开申请数量") V7 ("0") "</w:tr>"
  "<w:tr>" TCR ("三、本年度办理结果") TCS ("2", "（一）予以公开") V7 ("2") "</w:tr>"
  "<w:tr>" TCC TCS ("2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCR ("（三）不予公开") TC ("1.属于国家秘密") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("2.其他法律行政法规禁止公开") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("3.危及“三安全一稳定”") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("4.保护第三方合法权益") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("5.属于三类内部事务信息") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("6.属于四类过程性信息") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("7.属于行政执法案卷") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("8.属于行政查询事项") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCR ("（四）无法提供") TC ("1.本机关不掌握相关政府信息") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("2.没有现成信息需要另行制作") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("3.补正后申请内容仍不明确") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCR ("（五）不予处理") TC ("1.信访举报投诉类申请") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("2.重复申请") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("3.要求提供公开出版物") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("4.无正当理由大量反复申请") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("5.要求行政机关确认或重新出具已获取信息") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCR ("（六）其他处理") TC ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCC TC ("3.其他") V7 ("0") "</w:tr>"
  "<w:tr>" TCC TCS ("2", "（七）总计") V7 ("2") "</w:tr>"
  "<w:tr>" TCS ("3", "四、结转下年度继续办理") V7 ("0") "</w:tr>"
  "</w:tbl>"
  H ("1", "四、政府信息公开行政复议、行政诉讼情况")
  "<w:tbl>"
  "<w:tr>" TCS ("5", "行政复议") TCS ("10", "行政诉讼") "</w:tr>"
  "<w:tr>" TCR ("结果维持") TCR ("结果纠正") TCR ("其他结果") TCR ("尚未审结") TCR ("总计") TCS ("5", "未经复议直接起诉") TCS ("5", "复议后起诉") "</w:tr>"
  "<w:tr>" TCC TCC TCC TCC TCC TC ("结果维持") TC ("结果纠正") TC ("其他结果") TC ("尚未审结") TC ("总计") TC ("结果维持") TC ("结果纠正") TC ("其他结果") TC ("尚未审结") TC ("总计") "</w:tr>"
  "<w:tr>" TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") TC ("0") "</w:tr>"
  "</w:tbl>"
  H ("1", "五、存在的主要问题及改进情况")
  P ("一是队伍建设有待加强。")
  H ("1", "六、其他需要报告的事项")
  P ("无。");

static void
test_docx (void)
{
  g_autoptr(GBytes) bytes = make_docx (docx_body, TRUE, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = nb_import_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                               NB_IMPORT_FORMAT_DOCX, &findings, NULL, &error);
  GPtrArray *overview;
  NbParagraph *first;

  g_assert_no_error (error);
  dump_findings (findings);
  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "示范区教育局");
  g_assert_cmpint (nb_report_get_year (report), ==, 2024);
  g_assert_cmpint (cell_value (report, "t2", "normative_documents", "in_force"), ==, 9);
  g_assert_cmpint (cell_value (report, "t2", "licensing", "decisions"), ==, 11);
  g_assert_cmpint (cell_value (report, "t2", "fees", "fee_amount"), ==, 1234500);
  g_assert_cmpint (cell_value (report, "t3", "new", "natural"), ==, 2);
  g_assert_cmpint (cell_value (report, "t3", "withheld_query", "natural"), ==, 0);
  g_assert_cmpint (cell_value (report, "t3", "results_total", "total"), ==, 2);

  overview = nb_report_get_paragraphs (report, "overview");
  g_assert_cmpuint (overview->len, ==, 3);
  first = g_ptr_array_index (overview, 0);
  g_assert_cmpuint (first->runs->len, ==, 2);
  g_assert_true (((NbRun *)g_ptr_array_index (first->runs, 0))->bold);
  g_assert_false (((NbRun *)g_ptr_array_index (first->runs, 1))->bold);
  g_assert_cmpstr (((NbRun *)g_ptr_array_index (first->runs, 1))->text, ==, "规范公开。详见网站。");
  g_assert_cmpint (((NbParagraph *)g_ptr_array_index (overview, 1))->level, ==, NB_PARAGRAPH_HEADING_2);
}

static void
assert_import_fails (const char     *data,
                     gsize           length,
                     NbImportFormat  format,
                     int             code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = nb_import_data (data, length, format, &findings, NULL, &error);

  g_assert_null (report);
  g_assert_null (findings);
  g_assert_error (error, NB_IMPORT_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("%s", error->message);
}

static void
test_malformed_docx (void)
{
  g_autoptr(GBytes) no_document = make_docx ("", FALSE, TRUE);
  g_autoptr(GBytes) good = make_docx (docx_body, TRUE, FALSE);
  g_autoptr(GBytes) broken_xml = make_docx ("<w:p><w:r><w:t>未闭合", TRUE, FALSE);
  gsize length;
  const char *data = g_bytes_get_data (good, &length);

  /* A ZIP that is no DOCX, a DOCX without its document, cut-off files,
   * and bytes that are no ZIP at all. */
  assert_import_fails (g_bytes_get_data (no_document, NULL), g_bytes_get_size (no_document),
                       NB_IMPORT_FORMAT_DOCX, NB_IMPORT_ERROR_DAMAGED);
  {
    static const char not_zip[] = "PK\003\004 not really";
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    assert_import_fails (not_zip, sizeof not_zip - 1, NB_IMPORT_FORMAT_DOCX, NB_IMPORT_ERROR_DAMAGED);
    assert_import_fails (png, sizeof png - 1, NB_IMPORT_FORMAT_DOCX, NB_IMPORT_ERROR_DAMAGED);
  }
  for (gsize cut = 1; cut < length; cut += length / 17 + 1)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(NbReport) report = nb_import_data (data, cut, NB_IMPORT_FORMAT_DOCX, &findings, NULL, &error);

      /* Either a clear error or (the central directory aside) a partial
       * read; never a crash. */
      g_assert_true ((report == NULL) != (error == NULL));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    g_autoptr(NbReport) report = nb_import_data (g_bytes_get_data (broken_xml, NULL),
                                                 g_bytes_get_size (broken_xml),
                                                 NB_IMPORT_FORMAT_DOCX, &findings, NULL, &error);

    g_assert_null (report);
    g_assert_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_DAMAGED);
  }
}

static void
test_malformed_text (void)
{
  static const char junk[] = "\x00\x01\x02\xff\xfe\x80\x81 binary \x00 junk";
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;

  assert_import_fails (junk, sizeof junk - 1, NB_IMPORT_FORMAT_TEXT, NB_IMPORT_ERROR_ENCODING);
  assert_import_fails (junk, sizeof junk - 1, NB_IMPORT_FORMAT_HTML, NB_IMPORT_ERROR_DAMAGED);
  assert_import_fails ("", 0, NB_IMPORT_FORMAT_TEXT, NB_IMPORT_ERROR_NOT_A_REPORT);
  assert_import_fails ("\n\n  \n", 5, NB_IMPORT_FORMAT_TEXT, NB_IMPORT_ERROR_NOT_A_REPORT);

  /* Broken markup still gives a report, with the missing parts named. */
  report = import_string ("<html><body><p>一、总体情况<p>很好<table><tr><td>规章<td>1<td>2<<td>x</tr>"
                          "<tr><td colspan=\"99999\" rowspan=\"-3\">行政处罚<td>4</table></span></div></b>",
                          NB_IMPORT_FORMAT_HTML, &findings);
  g_assert_nonnull (find_code (findings, "TABLE-MISSING"));
  g_assert_nonnull (find_code (findings, "META-YEAR"));
  g_assert_cmpint (cell_value (report, "t2", "regulations", "issued"), ==, 1);
}

/* GB 18030 text, as Chinese Windows saves it. */
static void
test_gb18030 (void)
{
  g_autofree char *path = sample_path ();
  g_autofree char *utf8 = NULL;
  g_autofree char *gb = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  gsize length, gb_length;

  g_assert_true (g_file_get_contents (path, &utf8, &length, &error));
  gb = g_convert (utf8, (gssize)length, "GB18030", "UTF-8", NULL, &gb_length, &error);
  g_assert_no_error (error);
  report = nb_import_data (gb, gb_length, NB_IMPORT_FORMAT_TEXT, &findings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "漯河回族区城市管理局");
  g_assert_nonnull (find_code (findings, "ENCODING"));
}

/* Enormous tables are cut at a bound, named, and read quickly. */
static void
test_enormous (void)
{
  g_autoptr(GString) text = g_string_new ("三、收到和处理政府信息公开申请情况\n");
  g_autoptr(GString) html = g_string_new ("<table>");
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) html_findings = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) html_report = NULL;
  gint64 start = g_get_monotonic_time ();

  /* More rows than a table may have, within the 2 MiB limit of a text file. */
  for (guint r = 0; r < 4200; r++)
    {
      g_string_append (text, "一、本年新收政府信息公开申请数量");
      for (guint c = 0; c < 100; c++)
        g_string_append (text, "\t1");
      g_string_append_c (text, '\n');
    }
  report = import_string (text->str, NB_IMPORT_FORMAT_TEXT, &findings);
  g_assert_nonnull (find_code (findings, "TABLE-TOO-LARGE"));
  g_assert_nonnull (find_code (findings, "ROW-DUPLICATE"));

  for (guint r = 0; r < 2000; r++)
    g_string_append (html, "<tr><td rowspan=\"65534\" colspan=\"1000\">x</td><td>1</td></tr>");
  g_string_append (html, "</table>");
  html_report = import_string (html->str, NB_IMPORT_FORMAT_HTML, &html_findings);
  g_assert_nonnull (find_code (html_findings, "TABLE-TOO-LARGE"));
  /* How long it takes is no test's business (a loaded machine under ASan
   * took 37 s); the test's own timeout catches a runaway. */
  g_test_message ("enormous inputs refused in %.1f s",
                  (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);
}

/* Each kind of input has a size limit, refused before it is parsed, with
 * a message naming the limit; before, a 6 MB text took seconds and wrote a
 * report too large to open again. */
static void
test_size_limits (void)
{
  static const struct { NbImportFormat format; gsize limit; const char *fill; } cases[] = {
    { NB_IMPORT_FORMAT_TEXT, NB_IMPORT_MAX_TEXT_SIZE, "一、总体情况\n" },
    { NB_IMPORT_FORMAT_HTML, NB_IMPORT_MAX_HTML_SIZE, "<p>一、总体情况</p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) data = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *limit = g_strdup_printf ("at most %" G_GSIZE_FORMAT ")", cases[i].limit);
      gint64 start = g_get_monotonic_time ();

      while (data->len <= cases[i].limit)
        g_string_append (data, cases[i].fill);
      g_assert_null (nb_import_data (data->str, data->len, cases[i].format, NULL, NULL, &error));
      g_assert_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, limit));
      /* Refused before parsing: far below the seconds a parse takes. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
    }
}

/* One paragraph longer than the loader takes is refused with a message
 * naming the place and the limit; before, the import wrote a file that
 * would not open. */
static void
test_paragraph_limit (void)
{
  g_autoptr(GString) data = g_string_new ("某某局2023年政府信息公开工作年度报告\n一、总体情况\n");
  g_autoptr(GError) error = NULL;

  while (data->len < 80 * 1024)
    g_string_append (data, "本机关认真贯彻落实政府信息公开条例");
  g_string_append (data, "。\n");
  g_assert_null (nb_import_data (data->str, data->len, NB_IMPORT_FORMAT_TEXT, NULL, NULL, &error));
  g_assert_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "sections.overview["));
  g_assert_nonnull (strstr (error->message, "at most 65536"));
}

/* Characters that are not text (a byte-swapped BOM pasted into the source,
 * control characters) are replaced on import, each place a finding. */
static void
test_not_text_replaced (void)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autofree char *overview = NULL;
  NbImportFinding *finding;

  report = import_string ("某某局2023年政府信息公开工作年度报告\n一、总体情况\n甲\xef\xbf\xbe乙\x1b[31m丙\n",
                          NB_IMPORT_FORMAT_TEXT, &findings);
  overview = nb_report_dup_section_text (report, "overview");
  g_assert_nonnull (strstr (overview, "甲\xef\xbf\xbd乙\xef\xbf\xbd[31m丙"));
  finding = find_code (findings, "TEXT-NOT-PRINTABLE");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, NB_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "U+FFFE"));
}

/* Plain text without Markdown, Markdown pipe tables, Word's automatic
 * numbering (headings without "一、"), and a GB 2312 web page. */
static void
test_other_shapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) plain_findings = NULL;
  g_autoptr(GPtrArray) pipe_findings = NULL;
  g_autoptr(GPtrArray) gb_findings = NULL;
  g_autoptr(NbReport) plain = NULL;
  g_autoptr(NbReport) pipes = NULL;
  g_autoptr(NbReport) gb_report = NULL;
  g_autofree char *gb_page = NULL;
  g_autofree char *page = NULL;
  gsize gb_length;

  g_assert_no_error (error);

  /* No "#" and no "**", a heading without its number. */
  text = export_test_text (sample, NULL, 0);
  g_string_replace (text, "#### ", "", 0);
  g_string_replace (text, "## ", "", 0);
  g_string_replace (text, "# ", "", 0);
  g_string_replace (text, "**", "", 0);
  g_string_replace (text, "\n五、存在的主要问题及改进情况\n", "\n存在的主要问题及改进情况\n", 1);
  plain = import_string (text->str, NB_IMPORT_FORMAT_TEXT, &plain_findings);
  assert_same_report (plain, sample, FALSE);
  g_assert_cmpstr (nb_report_get_agency (plain), ==, "漯河回族区城市管理局");
  g_assert_cmpuint (nb_report_get_paragraphs (plain, "problems")->len, ==, 3);
  g_assert_cmpint (((NbParagraph *)g_ptr_array_index (nb_report_get_paragraphs (plain, "overview"), 2))->level,
                   ==, NB_PARAGRAPH_HEADING_2);
  g_assert_cmpuint (plain_findings->len, ==, 1);
  g_assert_nonnull (find_code (plain_findings, "HEADING-VARIANT"));

  /* Markdown pipe tables instead of tabs. */
  g_string_assign (text, "# 示范局2023年政府信息公开工作年度报告\n\n## 二、主动公开政府信息情况\n\n"
                         "| 第二十条第（一）项 | | | |\n|---|---|---|---|\n"
                         "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
                         "| 规章 | 1 | 0 | 4 |\n| 行政规范性文件 | 2 | 1 | 9 |\n");
  pipes = import_string (text->str, NB_IMPORT_FORMAT_TEXT, &pipe_findings);
  g_assert_cmpint (cell_value (pipes, "t2", "normative_documents", "in_force"), ==, 9);
  g_assert_cmpint (cell_value (pipes, "t2", "regulations", "in_force"), ==, 4);
  g_assert_cmpuint (count_code (pipe_findings, "ROW-MISSING"), ==, 1); /* 行政许可 etc. */

  /* An indented paragraph and a stray tab are text, not tables. */
  {
    g_autoptr(GPtrArray) tab_findings = NULL;
    g_autoptr(NbReport) tabs = import_string ("# 示范局2023年政府信息公开工作年度报告\n## 一、总体情况\n"
                                              "\t本年度工作有序推进。\n联系电话：\t0123-4567890\n",
                                              NB_IMPORT_FORMAT_TEXT, &tab_findings);
    GPtrArray *overview = nb_report_get_paragraphs (tabs, "overview");
    g_autofree char *first = NULL;

    g_assert_cmpuint (overview->len, ==, 2);
    first = nb_paragraph_dup_text (g_ptr_array_index (overview, 0));
    g_assert_cmpstr (first, ==, "本年度工作有序推进。");
    g_assert_cmpstr (nb_report_get_phone (tabs), ==, "0123-4567890");
    g_assert_null (find_code (tab_findings, "TABLE-UNKNOWN"));
  }

  /* A page in GB 2312 that says so. */
  page = g_strdup (html_page);
  {
    g_autoptr(GString) declared = g_string_new (page);

    g_string_replace (declared, "charset=\"utf-8\"", "charset=\"gb2312\"", 1);
    gb_page = g_convert (declared->str, -1, "GB18030", "UTF-8", NULL, &gb_length, &error);
  }
  g_assert_no_error (error);
  gb_report = nb_import_data (gb_page, gb_length, NB_IMPORT_FORMAT_HTML, &gb_findings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (gb_report), ==, "示范县市场监督管理局");
  g_assert_cmpint (cell_value (gb_report, "t2", "penalty", "decisions"), ==, 56);
}

/* A stray byte after "&" in a page that says it is UTF-8: libxml2 would
 * pass it on as is and read the rest as Latin-1.  The report holds UTF-8
 * text, the stray bytes shown as U+FFFD and the rest as written, says so,
 * and saves and loads again (found by fuzz-import-html). */
static void
test_html_stray_byte (void)
{
  g_autoptr(GString) page = g_string_new (html_page);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  GPtrArray *overview;

  g_assert_cmpuint (g_string_replace (page, "本机关认真", "本机关&\xb4\xa3认真", 1), ==, 1);
  report = nb_import_data (page->str, page->len, NB_IMPORT_FORMAT_HTML, &findings, NULL, &error);
  g_assert_no_error (error);
  overview = nb_report_get_paragraphs (report, "overview");
  g_assert_nonnull (overview);
  g_assert_cmpuint (overview->len, >, 0);
  text = nb_paragraph_dup_text (g_ptr_array_index (overview, 0));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "&\uFFFD"));
  /* Only the stray bytes are lost: what follows is read as UTF-8 still. */
  g_assert_nonnull (strstr (text, "认真贯彻落实《条例》。"));
  g_assert_nonnull (find_code (findings, "DOC-ENCODING"));

  bytes = nb_file_serialize (report);
  g_assert_true (g_utf8_validate (g_bytes_get_data (bytes, NULL), (gssize)g_bytes_get_size (bytes), NULL));
  again = nb_file_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static void
test_format_for_path (void)
{
  g_assert_cmpint (nb_import_format_for_path ("a/年报.TXT"), ==, NB_IMPORT_FORMAT_TEXT);
  g_assert_cmpint (nb_import_format_for_path ("x.md"), ==, NB_IMPORT_FORMAT_TEXT);
  g_assert_cmpint (nb_import_format_for_path ("x.htm"), ==, NB_IMPORT_FORMAT_HTML);
  g_assert_cmpint (nb_import_format_for_path ("x.html"), ==, NB_IMPORT_FORMAT_HTML);
  g_assert_cmpint (nb_import_format_for_path ("x.docx"), ==, NB_IMPORT_FORMAT_DOCX);
  g_assert_cmpint (nb_import_format_for_path ("x.pdf"), ==, NB_IMPORT_FORMAT_UNKNOWN);
  g_assert_cmpint (nb_import_format_guess ("PK\003\004", 4), ==, NB_IMPORT_FORMAT_DOCX);
  g_assert_cmpint (nb_import_format_guess ("<!DOCTYPE html>", 15), ==, NB_IMPORT_FORMAT_HTML);
  g_assert_cmpint (nb_import_format_guess ("# 年报", 8), ==, NB_IMPORT_FORMAT_TEXT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/normalize", test_normalize);
  g_test_add_func ("/import/format-for-path", test_format_for_path);
  g_test_add_func ("/import/sample-text", test_sample_text);
  g_test_add_data_func ("/import/round-trip/sample/txt", "txt", test_round_trip_sample);
  g_test_add_data_func ("/import/round-trip/sample/html", "html", test_round_trip_sample);
  g_test_add_data_func ("/import/round-trip/sample/docx", "docx", test_round_trip_sample);
  g_test_add_data_func ("/import/round-trip/random/txt", "txt", test_round_trip_random);
  g_test_add_data_func ("/import/round-trip/random/html", "html", test_round_trip_random);
  g_test_add_data_func ("/import/round-trip/random/docx", "docx", test_round_trip_random);
  g_test_add_func ("/import/html/page", test_html_page);
  g_test_add_func ("/import/html/defects", test_html_defects);
  g_test_add_func ("/import/html/stray-byte", test_html_stray_byte);
  g_test_add_func ("/import/title/agency", test_title_agency);
  g_test_add_func ("/import/t4/text-first", test_t4_text_first);
  g_test_add_func ("/import/html/footer", test_html_footer);
  g_test_add_func ("/import/text/footer", test_text_footer);
  g_test_add_func ("/import/text/heading-variants", test_heading_variants);
  g_test_add_func ("/import/text/heading-by-what-follows", test_heading_by_what_follows);
  g_test_add_func ("/import/text/heading-not-from-own-table", test_heading_not_from_own_table);
  g_test_add_func ("/import/edition/2019", test_edition_2019);
  g_test_add_func ("/import/edition/2019-row-in-2021", test_2019_row_in_2021);
  g_test_add_func ("/import/edition/other-edition-label", test_other_edition_label);
  g_test_add_func ("/import/docx/tables", test_docx);
  g_test_add_func ("/import/malformed/docx", test_malformed_docx);
  g_test_add_func ("/import/malformed/text", test_malformed_text);
  g_test_add_func ("/import/gb18030", test_gb18030);
  g_test_add_func ("/import/enormous", test_enormous);
  g_test_add_func ("/import/size-limits", test_size_limits);
  g_test_add_func ("/import/paragraph-limit", test_paragraph_limit);
  g_test_add_func ("/import/not-text-replaced", test_not_text_replaced);
  g_test_add_func ("/import/other-shapes", test_other_shapes);
  return g_test_run ();
}
