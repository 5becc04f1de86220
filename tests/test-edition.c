/* test-edition.c: the editions' data against the official format text
 *
 * tests/data/format.md is a snapshot of the specification; every heading and
 * table label of the editions must match it character for character.
 */
#include "config.h"

#include "nb-edition.h"

static char *format_text;

/* The lines of the ``` block that follows the first line containing MARKER,
 * with their indentation removed. */
static GPtrArray *
spec_block (const char *marker)
{
  const char *start = strstr (format_text, marker);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) split = NULL;
  gboolean inside = FALSE;

  g_assert_nonnull (start);
  start = strstr (start, "```");
  g_assert_nonnull (start);
  split = g_strsplit (start + 3, "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      if (g_str_has_prefix (split[i], "```"))
        break;
      if (!inside)
        {
          inside = TRUE; /* the rest of the opening fence line */
          continue;
        }
      g_strstrip (split[i]);
      if (*split[i] != '\0')
        g_ptr_array_add (lines, g_strdup (split[i]));
    }
  return lines;
}

static NbEdition *
edition (const char *id)
{
  g_autoptr(GError) error = NULL;
  NbEdition *e = nb_edition_lookup (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (e);
  return e;
}

static void
test_ids (void)
{
  const char * const *ids = nb_edition_list_ids ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (ids[0], ==, "2021");
  g_assert_cmpstr (ids[1], ==, "2019");
  g_assert_null (ids[2]);
  g_assert_cmpstr (nb_edition_default_id (), ==, "2021");
  g_assert_cmpstr (nb_edition_id_for_year (2019), ==, "2019");
  g_assert_cmpstr (nb_edition_id_for_year (2020), ==, "2019");
  g_assert_cmpstr (nb_edition_id_for_year (2021), ==, "2021");
  g_assert_cmpstr (nb_edition_id_for_year (2030), ==, "2021");
  g_assert_null (nb_edition_lookup ("2018", &error));
  g_assert_error (error, NB_EDITION_ERROR, NB_EDITION_ERROR_UNKNOWN);
}

static void
test_sections (void)
{
  const char *ids[] = { "2021", "2019" };
  g_autoptr(GPtrArray) spec = spec_block ("## Sections");

  g_assert_cmpuint (spec->len, ==, 6);
  for (guint e = 0; e < G_N_ELEMENTS (ids); e++)
    {
      g_autoptr(NbEdition) ed = edition (ids[e]);

      g_assert_cmpuint (nb_edition_get_n_sections (ed), ==, 6);
      for (guint i = 0; i < 6; i++)
        {
          const NbEditionSection *section = nb_edition_get_section (ed, i);
          g_auto(GStrv) words = g_strsplit (g_ptr_array_index (spec, i), " ", 2);

          g_assert_cmpstr (section->heading, ==, words[0]);
          g_assert_true (g_str_has_prefix (section->heading, section->number));
          g_assert_true (g_str_has_suffix (section->heading, section->title));
          /* Table sections are marked "(table N)" in the spec. */
          g_assert_cmpint (section->table_id != NULL, ==,
                           strstr (g_ptr_array_index (spec, i), "(table") != NULL);
        }
    }
}

/* What the format says of the report as a whole is data too: the section
 * that must not repeat last year's (五, "不得与往年内容简单重复") and the
 * report's title. */
static void
test_report_knowledge (void)
{
  const char *ids[] = { "2021", "2019" };

  for (guint e = 0; e < G_N_ELEMENTS (ids); e++)
    {
      g_autoptr(NbEdition) ed = edition (ids[e]);
      g_autofree char *title = nb_edition_dup_report_title (ed, "某某局", 2022);
      g_autofree char *untitled = nb_edition_dup_report_title (ed, NULL, 0);
      guint n_must_differ = 0;

      for (guint i = 0; i < nb_edition_get_n_sections (ed); i++)
        {
          const NbEditionSection *section = nb_edition_get_section (ed, i);

          if (section->must_differ)
            {
              g_assert_cmpstr (section->number, ==, "五");
              n_must_differ++;
            }
        }
      g_assert_cmpuint (n_must_differ, ==, 1);
      g_assert_cmpstr (title, ==, "某某局2022年政府信息公开工作年度报告");
      g_assert_cmpstr (untitled, ==, "政府信息公开工作年度报告");
    }
}

/* The label column of table 3, top to bottom: group labels and row labels. */
static GPtrArray *
t3_labels (NbEdition *ed)
{
  const NbEditionTable *t3 = nb_edition_find_table (ed, "t3");
  GPtrArray *labels = g_ptr_array_new ();

  for (guint i = 0; i < nb_edition_table_get_n_layout (t3); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (t3, i);

      if (item->role == NB_LAYOUT_GROUP || item->role == NB_LAYOUT_LABEL)
        g_ptr_array_add (labels, (gpointer)item->text);
    }
  return labels;
}

static void
test_t3_rows (void)
{
  g_autoptr(GPtrArray) spec = spec_block ("Rows (edition 2021");
  g_autoptr(NbEdition) e2021 = edition ("2021");
  g_autoptr(NbEdition) e2019 = edition ("2019");
  g_autoptr(GPtrArray) labels = t3_labels (e2021);
  g_autoptr(GPtrArray) labels_2019 = t3_labels (e2019);
  guint j = 0;

  g_assert_cmpuint (labels->len, ==, spec->len);
  for (guint i = 0; i < spec->len; i++)
    g_assert_cmpstr (g_ptr_array_index (labels, i), ==, g_ptr_array_index (spec, i));
  g_assert_cmpuint (nb_edition_table_get_n_rows (nb_edition_find_table (e2021, "t3")), ==, 25);

  /* 2019 differs only in （六）其他处理: one value row, no sub-items. */
  g_assert_cmpuint (nb_edition_table_get_n_rows (nb_edition_find_table (e2019, "t3")), ==, 23);
  for (guint i = 0; i < spec->len; i++)
    {
      const char *line = g_ptr_array_index (spec, i);

      if (i > 0 && g_str_has_prefix (g_ptr_array_index (spec, i - 1), "（六）")
          && g_ascii_isdigit (line[0]))
        {
          /* skip the three 2021 sub-items */
          while (i < spec->len && g_ascii_isdigit (((char *)g_ptr_array_index (spec, i))[0]))
            i++;
          line = g_ptr_array_index (spec, i);
        }
      g_assert_cmpstr (g_ptr_array_index (labels_2019, j), ==, line);
      j++;
    }
  g_assert_cmpuint (j, ==, labels_2019->len);
}

static void
test_t3_header (void)
{
  g_autoptr(NbEdition) ed = edition ("2021");
  const NbEditionTable *t3 = nb_edition_find_table (ed, "t3");
  const char *line = strstr (format_text, "Value columns, in order: ");
  g_autofree char *columns_line = NULL;
  g_auto(GStrv) columns = NULL;
  const NbLayoutItem *corner = nb_edition_table_get_layout (t3, 0);

  g_assert_nonnull (line);
  columns_line = g_strndup (line + strlen ("Value columns, in order: "),
                            strchr (line, '.') - line - strlen ("Value columns, in order: "));
  columns = g_strsplit (columns_line, " · ", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, nb_edition_table_get_n_columns (t3));
  for (guint i = 0; columns[i] != NULL; i++)
    g_assert_cmpstr (nb_edition_table_get_column (t3, i)->label, ==, columns[i]);

  /* [corner 3 cols × 3 rows] [申请人情况 7 cols] / [自然人 2 rows] [法人或其他组织 5 cols] [总计 2 rows] */
  g_assert_cmpint (corner->role, ==, NB_LAYOUT_CORNER);
  g_assert_cmpuint (corner->row_span, ==, 3);
  g_assert_cmpuint (corner->column_span, ==, 3);
  g_assert_nonnull (strstr (format_text, corner->text));
  g_assert_true (g_str_has_prefix (corner->text, "（本列数据的勾稽关系为："));
  for (guint i = 1; i < nb_edition_table_get_n_layout (t3); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (t3, i);

      if (g_strcmp0 (item->text, "申请人情况") == 0)
        g_assert_cmpuint (item->column_span, ==, 7);
      else if (g_strcmp0 (item->text, "法人或其他组织") == 0)
        g_assert_cmpuint (item->column_span, ==, 5);
      else if (item->is_header && (g_strcmp0 (item->text, "自然人") == 0
                                   || g_strcmp0 (item->text, "总计") == 0))
        g_assert_cmpuint (item->row_span, ==, 2);
      else if (g_strcmp0 (item->text, "三、本年度办理结果") == 0)
        {
          g_assert_cmpint (item->role, ==, NB_LAYOUT_GROUP);
          g_assert_cmpuint (item->row_span, ==, 22);
        }
      else if (g_strcmp0 (item->text, "（三）不予公开") == 0)
        g_assert_cmpuint (item->row_span, ==, 8);
      else if (g_strcmp0 (item->text, "一、本年新收政府信息公开申请数量") == 0)
        g_assert_cmpuint (item->column_span, ==, 3);
      else if (g_strcmp0 (item->text, "（七）总计") == 0)
        g_assert_cmpuint (item->column_span, ==, 2);
    }
  g_assert_cmpuint (nb_edition_table_get_grid_width (t3), ==, 10);
  g_assert_cmpuint (nb_edition_table_get_grid_height (t3), ==, 3 + 25);
}

/* "第二十条第（一）项   信息内容 | 本年制发件数 | …" and the row labels after it. */
static void
check_t2 (const char *edition_id,
          const char *marker,
          guint       n_blocks)
{
  g_autoptr(GPtrArray) spec = spec_block (marker);
  g_autoptr(NbEdition) ed = edition (edition_id);
  const NbEditionTable *t2 = nb_edition_find_table (ed, "t2");
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = g_ptr_array_new ();

  for (guint i = 0; i < spec->len; i++)
    {
      const char *line = g_ptr_array_index (spec, i);

      if (g_str_has_prefix (line, "第二十条"))
        {
          g_auto(GStrv) parts = g_regex_split_simple ("\\s{2,}|\\s*\\|\\s*", line, 0, 0);

          for (guint p = 0; parts[p] != NULL; p++)
            if (*parts[p] != '\0')
              g_ptr_array_add (expected, g_strdup (parts[p]));
        }
      else
        g_ptr_array_add (expected, g_strdup (line));
    }
  for (guint i = 0; i < nb_edition_table_get_n_layout (t2); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (t2, i);

      if (item->text != NULL)
        g_ptr_array_add (actual, (gpointer)item->text);
      /* (五)(六)(八) hold one value spanning the value columns */
      if (item->role == NB_LAYOUT_VALUE && item->column_span > 1)
        g_assert_cmpuint (item->column + item->column_span, ==, 4);
    }
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (nb_edition_table_get_n_blocks (t2), ==, n_blocks);
  /* 行政许可 has one value, spanning the three value columns */
  g_assert_cmpuint (nb_edition_table_get_cell_layout (t2, (guint)nb_edition_table_find_cell (t2, "licensing", "decisions"))->column_span,
                    ==, g_str_equal (edition_id, "2021") ? 3 : 1);
}

static void
test_t2 (void)
{
  check_t2 ("2021", "Edition 2021 (four blocks", 4);
  check_t2 ("2019", "Edition 2019 (five blocks", 5);
}

static void
test_t2_kinds (void)
{
  g_autoptr(NbEdition) e2021 = edition ("2021");
  g_autoptr(NbEdition) e2019 = edition ("2019");
  const NbEditionTable *t = nb_edition_find_table (e2021, "t2");
  int fee = nb_edition_table_find_cell (t, "fees", "fee_amount");

  g_assert_cmpint (fee, >=, 0);
  g_assert_cmpint (nb_edition_table_get_cell (t, (guint)fee)->kind, ==, NB_VALUE_MONEY);
  g_assert_cmpuint (nb_edition_table_get_cell (t, (guint)fee)->max_decimals, ==, 6);

  t = nb_edition_find_table (e2019, "t2");
  g_assert_cmpint (nb_edition_table_get_cell (t, (guint)nb_edition_table_find_cell (t, "licensing", "change"))->kind,
                   ==, NB_VALUE_SIGNED);
  g_assert_cmpint (nb_edition_table_get_cell (t, (guint)nb_edition_table_find_cell (t, "procurement", "procurement_amount"))->kind,
                   ==, NB_VALUE_MONEY);
  g_assert_cmpuint (nb_edition_table_get_cell (t, (guint)nb_edition_table_find_cell (t, "procurement", "procurement_amount"))->max_decimals,
                    ==, 2);
}

static void
test_t4 (void)
{
  const char *ids[] = { "2021", "2019" };

  for (guint e = 0; e < G_N_ELEMENTS (ids); e++)
    {
      g_autoptr(NbEdition) ed = edition (ids[e]);
      const NbEditionTable *t4 = nb_edition_find_table (ed, "t4");
      guint n_values = 0, n_computed = 0;

      g_assert_cmpuint (nb_edition_table_get_n_cells (t4), ==, 15);
      g_assert_cmpuint (nb_edition_table_get_grid_width (t4), ==, 15);
      g_assert_cmpuint (nb_edition_table_get_grid_height (t4), ==, 4);
      for (guint i = 0; i < nb_edition_table_get_n_layout (t4); i++)
        {
          const NbLayoutItem *item = nb_edition_table_get_layout (t4, i);

          if (item->role == NB_LAYOUT_VALUE)
            {
              g_assert_cmpuint (item->row, ==, 3);
              n_values++;
            }
          else if (g_strcmp0 (item->text, "行政复议") == 0)
            g_assert_cmpuint (item->column_span, ==, 5);
          else if (g_strcmp0 (item->text, "行政诉讼") == 0)
            g_assert_cmpuint (item->column_span, ==, 10);
          else if (g_strcmp0 (item->text, "未经复议直接起诉") == 0 || g_strcmp0 (item->text, "复议后起诉") == 0)
            g_assert_cmpuint (item->column_span, ==, 5);
          else if (item->row == 1)
            g_assert_cmpuint (item->row_span, ==, 2); /* the review results, 2 rows tall */
        }
      g_assert_cmpuint (n_values, ==, 15);
      for (guint c = 0; c < 15; c++)
        {
          const NbEditionColumn *column =
            nb_edition_table_get_column (t4, nb_edition_table_get_cell (t4, c)->column);

          n_computed += nb_edition_table_get_cell (t4, c)->computed;
          g_assert_cmpint (nb_edition_table_get_cell (t4, c)->computed, ==,
                           g_str_equal (column->label, "总计"));
        }
      g_assert_cmpuint (n_computed, ==, 3);
    }
}

static void
test_computed_and_rules (void)
{
  g_autoptr(NbEdition) ed = edition ("2021");
  const NbEditionTable *t3 = nb_edition_find_table (ed, "t3");
  gboolean seen_balance = FALSE;

  for (guint c = 0; c < nb_edition_table_get_n_cells (t3); c++)
    {
      const NbEditionCell *cell = nb_edition_table_get_cell (t3, c);
      const char *row = nb_edition_table_get_row (t3, cell->row)->id;
      const char *col = nb_edition_table_get_column (t3, cell->column)->id;

      g_assert_cmpint (cell->computed, ==, g_str_equal (col, "total") || g_str_equal (row, "results_total"));
    }
  for (guint i = 0; i < nb_edition_table_get_n_instances (t3); i++)
    {
      const NbRuleInstance *instance = nb_edition_table_get_instance (t3, i);

      if (g_str_equal (instance->rule->id, "T3-BALANCE"))
        {
          seen_balance = TRUE;
          g_assert_false (instance->rule->derived);
          g_assert_cmpuint (instance->n_terms, ==, 4);
        }
      if (g_str_equal (instance->rule->id, "T3-RESULTS-TOTAL"))
        g_assert_cmpuint (instance->n_terms, ==, 1 + 2 + 8 + 3 + 5 + 3);
    }
  g_assert_true (seen_balance);
}

/* The layout covers the grid exactly once, for every table of every edition. */
static void
test_grid_coverage (void)
{
  const char * const *ids = nb_edition_list_ids ();

  for (guint e = 0; ids[e] != NULL; e++)
    {
      g_autoptr(NbEdition) ed = edition (ids[e]);

      for (guint t = 0; t < nb_edition_get_n_tables (ed); t++)
        {
          const NbEditionTable *table = nb_edition_get_table (ed, t);
          guint w = nb_edition_table_get_grid_width (table);
          guint h = nb_edition_table_get_grid_height (table);
          g_autofree guint *count = g_new0 (guint, w * h);
          g_autofree guint *cell_seen = g_new0 (guint, nb_edition_table_get_n_cells (table) + 1);

          for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
            {
              const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

              for (guint r = item->row; r < item->row + item->row_span; r++)
                for (guint c = item->column; c < item->column + item->column_span; c++)
                  count[r * w + c]++;
              if (item->role == NB_LAYOUT_VALUE)
                {
                  cell_seen[item->cell]++;
                  g_assert_true (nb_edition_table_get_cell_layout (table, (guint)item->cell) == item);
                }
            }
          for (guint i = 0; i < w * h; i++)
            g_assert_cmpuint (count[i], ==, 1);
          for (guint i = 0; i < nb_edition_table_get_n_cells (table); i++)
            g_assert_cmpuint (cell_seen[i], ==, 1);
        }
    }
}

static void
test_cell_labels (void)
{
  g_autoptr(NbEdition) ed = edition ("2021");
  const NbEditionTable *t3 = nb_edition_find_table (ed, "t3");
  const NbEditionTable *t4 = nb_edition_find_table (ed, "t4");
  g_autofree char *label = NULL;
  g_autofree char *label4 = NULL;

  label = nb_edition_table_dup_cell_label (t3, (guint)nb_edition_table_find_cell (t3, "withheld_secret", "commercial"));
  g_assert_cmpstr (label, ==, "三、本年度办理结果 （三）不予公开 1.属于国家秘密, 申请人情况 法人或其他组织 商业企业");
  label4 = nb_edition_table_dup_cell_label (t4, (guint)nb_edition_table_find_cell (t4, "cases", "after_review_upheld"));
  g_assert_cmpstr (label4, ==, "行政诉讼 复议后起诉 结果维持");
}

static void
test_bad_data (void)
{
  const char *cases[] = {
    "[]",
    "{\"id\": \"x\"}",
    "{\"id\":\"x\",\"title\":\"t\",\"report_title\":\"{agency}{year}R\",\"report_title_year\":\"{year}\",\"sections\":[],\"tables\":[{\"id\":\"t\",\"section\":\"s\",\"caption\":\"c\",\"label_columns\":1,\"value_columns\":1,\"columns\":[{\"id\":\"a\",\"label\":\"A\"}],\"blocks\":[{\"columns\":[\"zz\"],\"rows\":[]}]}]}",
    "{\"id\":\"x\",\"title\":\"t\",\"report_title\":\"{agency}{year}R\",\"report_title_year\":\"{year}\",\"sections\":[{\"id\":\"s\",\"number\":\"一\",\"title\":\"T\",\"heading\":\"一、T\",\"table\":\"t\"}],\"tables\":[{\"id\":\"t\",\"section\":\"s\",\"caption\":\"c\",\"label_columns\":1,\"value_columns\":1,\"columns\":[{\"id\":\"a\",\"label\":\"A\"}],\"blocks\":[{\"header\":[[{\"text\":\"h\",\"colspan\":5}]],\"columns\":[\"a\"],\"rows\":[{\"id\":\"r\",\"label\":\"R\"}]}]}]}",
    "{\"id\":\"x\",\"title\":\"t\",\"report_title\":\"{agency}{year}R\",\"report_title_year\":\"{year}\",\"sections\":[{\"id\":\"s\",\"number\":\"一\",\"title\":\"T\",\"heading\":\"一、T\",\"table\":\"t\"}],\"tables\":[{\"id\":\"t\",\"section\":\"s\",\"caption\":\"c\",\"label_columns\":1,\"value_columns\":1,\"columns\":[{\"id\":\"a\",\"label\":\"A\"}],\"blocks\":[{\"columns\":[\"a\"],\"rows\":[{\"id\":\"r\",\"label\":\"R\"}]}]}],\"rules\":[{\"id\":\"R\",\"table\":\"t\",\"severity\":\"error\",\"for_each\":\"row\",\"lhs\":[\"a\"],\"rhs\":[\"typo\"]}]}",
  };
  const char *expect[] = { "root", "missing", "unknown column", "does not fit", "unknown column “typo”" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i], strlen (cases[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(NbEdition) ed = nb_edition_new_from_bytes (bytes, &error);

      g_assert_null (ed);
      g_assert_error (error, NB_EDITION_ERROR, NB_EDITION_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, expect[i]));
    }
}

#define SUMMARY_BASE \
  "{\"id\":\"x\",\"title\":\"t\",\"report_title\":\"{agency}{year}R\",\"report_title_year\":\"{year}\",\"sections\":[{\"id\":\"s\",\"number\":\"一\",\"title\":\"T\"," \
  "\"heading\":\"一、T\",\"table\":\"t\"}],\"tables\":[{\"id\":\"t\",\"section\":\"s\"," \
  "\"caption\":\"c\",\"label_columns\":1,\"value_columns\":1,\"columns\":[{\"id\":\"a\"," \
  "\"label\":\"A\"}],\"blocks\":[{\"columns\":[\"a\"],\"rows\":[{\"id\":\"r\",\"label\":\"R\"}]}]}]," \
  "\"labels\":{\"published\":\"P{year}\"},\"summary\":[{\"heading\":\"H\",\"kind\":"

/* The picture summary and the output labels are edition data (issue 19):
 * loaded, and refused with a clear message when they name what is not
 * there. */
static void
test_summary_data (void)
{
  const char *good = SUMMARY_BASE "\"bars\",\"items\":[{\"label\":\"L\",\"cells\":[\"t:r/a\"]}]}]}";
  const char *bad[] = {
    SUMMARY_BASE "\"bars\",\"items\":[{\"label\":\"L\",\"cells\":[\"t:r/zz\"]}]}]}",
    SUMMARY_BASE "\"pie\",\"items\":[]}]}",
    SUMMARY_BASE "\"bars\",\"items\":[{\"label\":\"L\",\"cells\":[]}]}]}",
    SUMMARY_BASE "\"bars\",\"items\":[{\"label\":\"L\",\"cells\":[\"r/a\"]}]}]}",
  };
  const char *expect[] = { "unknown cell “t:r/zz”", "unknown kind “pie”", "names no cell",
                           "is not TABLE:ROW/COLUMN" };
  g_autoptr(GBytes) bytes = g_bytes_new_static (good, strlen (good));
  g_autoptr(GError) error = NULL;
  g_autoptr(NbEdition) ed = nb_edition_new_from_bytes (bytes, &error);
  g_autoptr(NbEdition) real = nb_edition_lookup ("2021", NULL);
  const NbSummaryGroup *group;

  g_assert_no_error (error);
  g_assert_cmpstr (nb_edition_get_label (ed, "published"), ==, "P{year}");
  g_assert_null (nb_edition_get_label (ed, "nothing"));
  g_assert_cmpuint (nb_edition_get_n_summary_groups (ed), ==, 1);
  group = nb_edition_get_summary_group (ed, 0);
  g_assert_cmpstr (group->heading, ==, "H");
  g_assert_cmpint (group->kind, ==, NB_SUMMARY_BARS);
  g_assert_cmpuint (group->n_items, ==, 1);
  g_assert_cmpstr (group->items[0].cells[0], ==, "t:r/a");
  g_assert_null (group->items[0].cells[1]);
  /* The built-in editions have the words the outputs need. */
  g_assert_nonnull (nb_edition_get_label (real, "published"));
  g_assert_nonnull (nb_edition_get_label (real, "summary_title"));
  g_assert_cmpuint (nb_edition_get_n_summary_groups (real), >=, 5);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) b = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) e = NULL;
      g_autoptr(NbEdition) none = nb_edition_new_from_bytes (b, &e);

      g_assert_null (none);
      g_assert_error (e, NB_EDITION_ERROR, NB_EDITION_ERROR_INVALID);
      g_test_message ("%s", e->message);
      g_assert_nonnull (strstr (e->message, expect[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The project's own copy of the format specification: a change to the
   * format is a change to this file, with the editions to match. */
  path = g_test_build_filename (G_TEST_DIST, "data", "format.md", NULL);
  g_assert_true (g_file_get_contents (path, &format_text, NULL, NULL));

  g_test_add_func ("/edition/ids", test_ids);
  g_test_add_func ("/edition/sections", test_sections);
  g_test_add_func ("/edition/report-knowledge", test_report_knowledge);
  g_test_add_func ("/edition/t2", test_t2);
  g_test_add_func ("/edition/t2-kinds", test_t2_kinds);
  g_test_add_func ("/edition/t3-rows", test_t3_rows);
  g_test_add_func ("/edition/t3-header", test_t3_header);
  g_test_add_func ("/edition/t4", test_t4);
  g_test_add_func ("/edition/computed-and-rules", test_computed_and_rules);
  g_test_add_func ("/edition/grid-coverage", test_grid_coverage);
  g_test_add_func ("/edition/cell-labels", test_cell_labels);
  g_test_add_func ("/edition/bad-data", test_bad_data);
  g_test_add_func ("/edition/summary-data", test_summary_data);

  return g_test_run ();
}
