/* test-file.c: .nianbao files: exact round trips, every kind of bad file,
 * and saves that fail or are killed half-way never damage the old file */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nb-file.h"
#include "nb-text.h"

static char *tmpdir;

static char *
serialize_string (NbReport *report)
{
  g_autoptr(GBytes) bytes = nb_file_serialize (report);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static NbReport *
load_string (const char  *text,
             GError     **error)
{
  return nb_file_load_data (text, strlen (text), error);
}

static void
test_sample_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  g_autoptr(NbReport) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const NbEditionTable *t2;
  g_autofree char *fee = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (sample), ==, "漯河回族区城市管理局");
  g_assert_cmpint (nb_report_get_year (sample), ==, 2022);
  g_assert_false (nb_report_get_modified (sample));
  g_assert_false (nb_report_get_can_undo (sample));
  t2 = nb_edition_find_table (nb_report_get_edition (sample), "t2");
  fee = nb_report_dup_cell_text (sample, t2, (guint)nb_edition_table_find_cell (t2, "fees", "fee_amount"));
  g_assert_cmpstr (fee, ==, "27.2500");

  first = serialize_string (sample);
  again = load_string (first, &error);
  g_assert_no_error (error);
  second = serialize_string (again);
  g_assert_cmpstr (first, ==, second);
}

/* metadata.published_sha256 names the published version's frozen copy:
 * read back and written as it was, absent while not set, and a value that
 * is not a SHA-256 is refused by name (issue 19). */
static void
test_published_sha256 (void)
{
  const char *digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  const char *bad[] = { "0123", "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
                        "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" };
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(NbReport) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;

  g_assert_no_error (error);
  plain = serialize_string (report);
  g_assert_null (strstr (plain, "published_sha256"));
  nb_report_set_published (report, "2024-01-25");
  nb_report_set_published_sha256 (report, digest);
  text = serialize_string (report);
  g_assert_nonnull (strstr (text, "\"published_sha256\" : \"0123456789abcdef"));
  again = load_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_published_sha256 (again), ==, digest);
  g_assert_cmpstr (nb_report_get_published (again), ==, "2024-01-25");

  for (guint i = 0; i < G_N_ELEMENTS (bad) + 1; i++)
    {
      g_autoptr(GString) broken = g_string_new (text);
      g_autoptr(NbReport) refused = NULL;
      g_autofree char *quoted = i < G_N_ELEMENTS (bad) ? g_strdup_printf ("\"%s\"", bad[i])
                                                       : g_strdup ("64");

      g_string_replace (broken, "\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"",
                        quoted, 1);
      refused = load_string (broken->str, &error);
      g_assert_null (refused);
      g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "metadata.published_sha256"));
      g_clear_error (&error);
    }
}

/* Control characters in a text (an imported cell holding them, found by
 * fuzz-import-txt): json-glib 1.6 writes U+001F raw, which JSON forbids;
 * the file still escapes it and loads again. */
static void
test_control_characters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(NbReport) again = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  nb_report_set_agency (report, "局\x1f名\x01");
  text = serialize_string (report);
  g_assert_nonnull (strstr (text, "\\u001f"));
  g_assert_nonnull (strstr (text, "\\u0001"));
  g_assert_null (strchr (text, '\x1f'));
  again = load_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

/* Random reports, extreme values included, survive save and load exactly. */
static void
test_random_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);
  const char * const *ids = nb_edition_list_ids ();

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(NbEdition) edition = nb_edition_lookup (ids[round % 2], NULL);
      g_autoptr(NbReport) report = nb_report_new (edition);
      g_autoptr(NbReport) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
      NbParagraph *paragraph = nb_paragraph_new (NB_PARAGRAPH_HEADING_2);
      g_autofree char *path = g_build_filename (tmpdir, "round.nianbao", NULL);

      nb_report_set_agency (report, "局\"<&>\\\n\t😀");
      nb_report_set_year (report, 2000 + round);
      nb_report_set_fee_decimals (report, round % 7);
      nb_paragraph_add_run (paragraph, "（一）标题", FALSE);
      nb_paragraph_add_run (paragraph, "加粗", TRUE);
      g_ptr_array_add (paragraphs, paragraph);
      nb_report_set_paragraphs (report, "overview", paragraphs);

      for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
        {
          const NbEditionTable *table = nb_edition_get_table (edition, t);

          for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
            {
              const NbEditionCell *cell = nb_edition_table_get_cell (table, c);
              gint64 value = ((gint64)g_rand_int (rand) << 31) ^ g_rand_int (rand);

              if (cell->kind != NB_VALUE_SIGNED && value < 0)
                value = -(value + 1);
              if (cell->kind == NB_VALUE_MONEY && cell->max_decimals < 6)
                value -= value % 10000;
              switch (g_rand_int_range (rand, 0, 4))
                {
                case 0:
                  break; /* empty */
                case 1:
                  nb_report_set_stated (report, table, c, NB_CELL_INVALID, 0, "12a，x");
                  break;
                case 2:
                  nb_report_set_stated (report, table, c, NB_CELL_VALUE,
                                        cell->kind == NB_VALUE_SIGNED ? G_MININT64 : G_MAXINT64 - (cell->max_decimals < 6 ? 5807 : 0), NULL);
                  break;
                default:
                  nb_report_set_stated (report, table, c, NB_CELL_VALUE, value, NULL);
                }
            }
        }

      g_assert_true (nb_file_save (report, path, &error));
      g_assert_no_error (error);
      g_assert_false (nb_report_get_modified (report));
      back = nb_file_load (path, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (nb_report_get_agency (back), ==, nb_report_get_agency (report));
      g_assert_cmpuint (nb_report_get_fee_decimals (back), ==, nb_report_get_fee_decimals (report));
      for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
        {
          const NbEditionTable *table = nb_edition_get_table (edition, t);

          for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
            {
              gint64 a = 0, b = 0;
              const char *ta = NULL, *tb = NULL;

              g_assert_cmpint (nb_report_get_cell (report, table, c, &a, &ta), ==,
                               nb_report_get_cell (back, table, c, &b, &tb));
              g_assert_cmpint (a, ==, b);
              g_assert_cmpstr (ta, ==, tb);
            }
        }
      g_assert_true (nb_paragraph_equal (g_ptr_array_index (nb_report_get_paragraphs (back, "overview"), 0),
                                         paragraph));
    }
}

typedef struct
{
  const char  *name;
  const char  *text;
  NbFileError  code;
  const char  *message_part;
} BadFile;

#define HEAD "{\"format\":\"nianbao\",\"version\":1,\"edition\":\"2021\","

static void
test_bad_files (void)
{
  static const BadFile cases[] = {
    { "empty", "", NB_FILE_ERROR_TRUNCATED, "empty" },
    { "not json", "Hello, 世界", NB_FILE_ERROR_NOT_JSON, "JSON" },
    { "truncated", HEAD "\"metadata\":{\"agency\":\"某", NB_FILE_ERROR_TRUNCATED, "cut off" },
    { "truncated object", HEAD "\"metadata\":{", NB_FILE_ERROR_TRUNCATED, "cut off" },
    { "root array", "[1,2]", NB_FILE_ERROR_NOT_A_REPORT, NULL },
    { "other json", "{\"name\":\"x\"}", NB_FILE_ERROR_NOT_A_REPORT, "format" },
    { "newer version", "{\"format\":\"nianbao\",\"version\":2,\"edition\":\"2021\"}", NB_FILE_ERROR_TOO_NEW, "version 2" },
    { "bad version", "{\"format\":\"nianbao\",\"version\":\"1\",\"edition\":\"2021\"}", NB_FILE_ERROR_INVALID, "version" },
    { "unknown edition", "{\"format\":\"nianbao\",\"version\":1,\"edition\":\"2018\"}", NB_FILE_ERROR_UNKNOWN_EDITION, "2018" },
    { "year as text", HEAD "\"metadata\":{\"year\":\"2022\"}}", NB_FILE_ERROR_INVALID, "metadata.year" },
    { "year out of range", HEAD "\"metadata\":{\"year\":123456}}", NB_FILE_ERROR_OUT_OF_RANGE, "metadata.year" },
    { "agency not text", HEAD "\"metadata\":{\"agency\":[1]}}", NB_FILE_ERROR_INVALID, "metadata.agency" },
    { "fee decimals", HEAD "\"metadata\":{\"fee_decimals\":9}}", NB_FILE_ERROR_OUT_OF_RANGE, "fee_decimals" },
    { "metadata not object", HEAD "\"metadata\":5}", NB_FILE_ERROR_INVALID, "metadata" },
    /* Each optional metadata member says where it is and what it should be. */
    { "fee decimals as text", HEAD "\"metadata\":{\"fee_decimals\":\"2\"}}", NB_FILE_ERROR_INVALID, "metadata.fee_decimals: expected a whole number, found text" },
    { "level not text", HEAD "\"metadata\":{\"level\":1}}", NB_FILE_ERROR_INVALID, "metadata.level: expected text, found a number" },
    { "unknown level", HEAD "\"metadata\":{\"level\":\"province\"}}", NB_FILE_ERROR_INVALID, "“province” is not an agency level" },
    { "published not text", HEAD "\"metadata\":{\"published\":20230115}}", NB_FILE_ERROR_INVALID, "metadata.published: expected text" },
    { "published not a date", HEAD "\"metadata\":{\"published\":\"2023-02-30\"}}", NB_FILE_ERROR_INVALID, "“2023-02-30” is not a date" },
    { "digest not text", HEAD "\"metadata\":{\"published_sha256\":{}}}", NB_FILE_ERROR_INVALID, "metadata.published_sha256: expected text, found an object" },
    { "sources not a list", HEAD "\"metadata\":{\"sources\":\"a.nianbao\"}}", NB_FILE_ERROR_INVALID, "metadata.sources: expected a list, found text" },
    { "source not text", HEAD "\"metadata\":{\"sources\":[\"a.nianbao\",2]}}", NB_FILE_ERROR_INVALID, "metadata.sources[1]: expected text" },
    { "section not a list", HEAD "\"sections\":{\"overview\":{}}}", NB_FILE_ERROR_INVALID, "sections.overview: expected a list, found an object" },
    { "paragraph not object", HEAD "\"sections\":{\"overview\":[\"text\"]}}", NB_FILE_ERROR_INVALID, "expected an object, found text" },
    { "unknown section", HEAD "\"sections\":{\"seventh\":[]}}", NB_FILE_ERROR_INVALID, "sections.seventh" },
    { "table as section", HEAD "\"sections\":{\"requests\":[]}}", NB_FILE_ERROR_INVALID, "sections.requests" },
    { "bad level", HEAD "\"sections\":{\"overview\":[{\"level\":9,\"runs\":[]}]}}", NB_FILE_ERROR_OUT_OF_RANGE, "overview[0]" },
    { "run without text", HEAD "\"sections\":{\"overview\":[{\"runs\":[{\"bold\":true}]}]}}", NB_FILE_ERROR_INVALID, "overview[0]" },
    { "unknown table", HEAD "\"tables\":{\"t9\":{}}}", NB_FILE_ERROR_INVALID, "tables.t9" },
    { "unknown cell", HEAD "\"tables\":{\"t3\":{\"new/nobody\":1}}}", NB_FILE_ERROR_INVALID, "new/nobody" },
    { "negative count", HEAD "\"tables\":{\"t3\":{\"new/natural\":-1}}}", NB_FILE_ERROR_OUT_OF_RANGE, "tables.t3.new/natural" },
    { "count as float", HEAD "\"tables\":{\"t3\":{\"new/natural\":1.5}}}", NB_FILE_ERROR_INVALID, "whole number" },
    { "count too big", HEAD "\"tables\":{\"t3\":{\"new/natural\":\"99999999999999999999\"}}}", NB_FILE_ERROR_OUT_OF_RANGE, "too large" },
    { "count letters", HEAD "\"tables\":{\"t3\":{\"new/natural\":\"12a\"}}}", NB_FILE_ERROR_INVALID, "12a" },
    { "money as float", HEAD "\"tables\":{\"t2\":{\"fees/fee_amount\":27.25}}}", NB_FILE_ERROR_INVALID, "exact" },
    { "money decimals", HEAD "\"tables\":{\"t2\":{\"fees/fee_amount\":\"1.0000001\"}}}", NB_FILE_ERROR_OUT_OF_RANGE, "decimals" },
    { "money negative", HEAD "\"tables\":{\"t2\":{\"fees/fee_amount\":\"-1\"}}}", NB_FILE_ERROR_OUT_OF_RANGE, "negative" },
    { "invalid not text", HEAD "\"invalid\":{\"t3\":{\"new/natural\":5}}}", NB_FILE_ERROR_INVALID, "invalid.t3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NbReport) report = NULL;

      g_test_message ("bad file: %s", cases[i].name);
      report = load_string (cases[i].text, &error);
      g_assert_null (report);
      g_assert_error (error, NB_FILE_ERROR, (int)cases[i].code);
      g_test_message ("  → %s", error->message);
      if (cases[i].message_part != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

/* A repeated name takes the last value, in a small object and in one of
 * more than eight members (the reader's two ways of finding a repeat), and
 * last year's report is read from its own bytes in the file, with its
 * escapes and its own repeats. */
static void
test_repeated_names (void)
{
  g_autoptr(GString) text = g_string_new (HEAD "\"metadata\":{\"agency\":\"甲\",\"year\":2022,"
                                          "\"agency\":\"乙\"},\"tables\":{\"t3\":{");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  const NbEditionTable *t3 = nb_edition_find_table (edition, "t3");
  NbReport *reference;

  for (guint c = 0; c < nb_edition_table_get_n_cells (t3) && keys->len < 12; c++)
    if (!nb_edition_table_get_cell (t3, c)->computed)
      g_ptr_array_add (keys, (gpointer)nb_edition_table_get_cell (t3, c)->key);
  g_assert_cmpuint (keys->len, ==, 12);
  for (guint k = 0; k < keys->len; k++)
    g_string_append_printf (text, "\"%s\":%u,", (char *)g_ptr_array_index (keys, k), k + 1);
  g_string_append_printf (text, "\"%s\":\"40\"},\"t2\":{}},", (char *)g_ptr_array_index (keys, 3));
  g_string_append (text, "\"reference\": " HEAD "\n  \"metadata\":{\"year\":2020,\"agency\":"
                   "\"\\u4e19\\\"\",\"year\":2021}\n} }");

  report = load_string (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "乙");
  g_assert_cmpint (nb_report_get_year (report), ==, 2022);
  for (guint k = 0; k < keys->len; k++)
    {
      int cell = nb_edition_table_find_cell_by_key (t3, g_ptr_array_index (keys, k));

      g_assert_cmpint (nb_report_get_value (report, t3, (guint)cell), ==, k == 3 ? 40 : k + 1);
    }
  reference = nb_report_get_reference (report);
  g_assert_nonnull (reference);
  g_assert_cmpint (nb_report_get_year (reference), ==, 2021);
  g_assert_cmpstr (nb_report_get_agency (reference), ==, "丙\"");
}

static void
test_not_utf8 (void)
{
  const char data[] = HEAD "\"metadata\":{\"agency\":\"\xb2\xe2\xca\xd4\"}}"; /* GBK */
  g_autoptr(GError) error = NULL;

  g_assert_null (nb_file_load_data (data, sizeof data - 1, &error));
  g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_too_deep (void)
{
  g_autoptr(GString) text = g_string_new (HEAD "\"x\":");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, '[');
  g_assert_null (nb_file_load_data (text->str, text->len, &error));
  g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_DEEP);
}

static void
test_too_large (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "huge.nianbao", NULL);
  g_autoptr(GError) error = NULL;
  FILE *file = fopen (path, "w");

  /* sparse: costs no disk */
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, NB_FILE_MAX_SIZE + 1, SEEK_SET), ==, 0);
  fputc ('}', file);
  fclose (file);
  g_assert_null (nb_file_load (path, &error));
  g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE);
  g_unlink (path);
}

static void
test_missing_and_folder (void)
{
  g_autofree char *missing = g_build_filename (tmpdir, "missing.nianbao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  g_assert_null (nb_file_load (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (nb_file_load (tmpdir, &error2));
  g_assert_error (error2, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
}

static NbReport *
report_with (const char *agency,
             guint       n_paragraphs)
{
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  NbReport *report = nb_report_new (edition);
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();

  nb_report_set_agency (report, agency);
  for (guint i = 0; i < n_paragraphs; i++)
    g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, agency));
  nb_report_set_paragraphs (report, "overview", paragraphs);
  return report;
}

static int
error_code_by_name (const char *name)
{
  static const struct { const char *name; NbFileError code; } codes[] = {
    { "NOT_JSON", NB_FILE_ERROR_NOT_JSON },
    { "TRUNCATED", NB_FILE_ERROR_TRUNCATED },
    { "ENCODING", NB_FILE_ERROR_ENCODING },
    { "TOO_DEEP", NB_FILE_ERROR_TOO_DEEP },
    { "TOO_LARGE", NB_FILE_ERROR_TOO_LARGE },
    { "OUT_OF_RANGE", NB_FILE_ERROR_OUT_OF_RANGE },
    { "INVALID", NB_FILE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (codes[i].name, name))
      return (int)codes[i].code;
  g_error ("unknown error code %s in expected.txt", name);
  return -1;
}

/* The hostile files of tests/data/hostile/ (lone surrogates, integers
 * beyond 64 bits, loose JSON): each refused, with the message it names. */
static void
test_hostile_fixtures (void)
{
  g_autofree char *manifest = g_test_build_filename (G_TEST_DIST, "data", "hostile", "expected.txt",
                                                     NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_cases = 0;

  g_file_get_contents (manifest, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autoptr(NbReport) report = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      path = g_test_build_filename (G_TEST_DIST, "data", "hostile", fields[0], NULL);
      g_test_message ("hostile file: %s", fields[0]);
      report = nb_file_load (path, &load_error);
      if (report != NULL)
        g_error ("%s loaded; it must be refused with %s", fields[0], fields[1]);
      g_test_message ("  → %s", load_error->message);
      g_assert_error (load_error, NB_FILE_ERROR, error_code_by_name (fields[1]));
      if (strstr (load_error->message, fields[2]) == NULL)
        g_error ("%s: the message “%s” does not say “%s”", fields[0], load_error->message,
                 fields[2]);
      g_assert_true (g_utf8_validate (load_error->message, -1, NULL));
      n_cases++;
    }
  g_assert_cmpuint (n_cases, >=, 20);
}

/* Characters that are not text (noncharacters, control characters) are
 * replaced where they are read, each place named in a warning; the largest
 * 64-bit count loads exactly. */
static void
test_noncharacters_replaced (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile",
                                                 "noncharacters.nianbao", NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_full (path, &warnings, &error);
  const NbEditionTable *t3;
  const char *invalid = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "机关\xef\xbf\xbd名\xef\xbf\xbd称\xef\xbf\xbd\xef\xbf\xbd[31m");
  g_assert_cmpint (nb_report_get_year (report), ==, 9999);
  text = nb_report_dup_section_text (report, "overview");
  g_assert_nonnull (strstr (text, "甲\xef\xbf\xbd乙"));
  t3 = nb_edition_find_table (nb_report_get_edition (report), "t3");
  g_assert_cmpint (nb_report_get_value (report, t3, (guint)nb_edition_table_find_cell (t3, "new", "natural")),
                   ==, G_MAXINT64);
  g_assert_cmpint (nb_report_get_cell (report, t3, (guint)nb_edition_table_find_cell (t3, "new", "other"),
                                       NULL, &invalid), ==, NB_CELL_INVALID);
  g_assert_cmpstr (invalid, ==, "12\xef\xbf\xbd");
  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "metadata.agency: 4 characters"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "U+FFFE"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 1), "sections.overview[0]"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 2), "invalid.t3.new/other"));
}

/* What typing and pasting keep (nb-input.c): clean text is left alone (NULL),
 * control characters and noncharacters are left out and counted, line
 * breaks and tabs stay. */
static void
test_drop_disallowed (void)
{
  g_autofree char *kept = NULL;
  guint n = 0;
  gunichar first = 0;

  g_assert_null (nb_text_drop_disallowed ("本机关\t公开\r\n信息", -1, &n, &first));
  g_assert_cmpuint (n, ==, 0);
  kept = nb_text_drop_disallowed ("甲\xef\xbf\xbe乙\x1b[31m丙\xf4\x8f\xbf\xbf\xc2\x85丁\x7f", -1, &n,
                                  &first);
  g_assert_cmpstr (kept, ==, "甲乙[31m丙丁");
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (first, ==, 0xFFFE);
  g_clear_pointer (&kept, g_free);
  /* Only what @length covers. */
  kept = nb_text_drop_disallowed ("\x07" "ab\x07", 2, &n, &first);
  g_assert_cmpstr (kept, ==, "a");
  g_assert_cmpuint (first, ==, 0x07);
}

/* Loads @json, the body of a report of edition 2021 after its header. */
static NbReport *
load_report_json (const char  *json,
                  GError     **error)
{
  g_autofree char *data = g_strconcat ("{\"format\":\"nianbao\",\"version\":1,\"edition\":\"2021\",",
                                       json, "}", NULL);

  return nb_file_load_data (data, strlen (data), error);
}

/* One field, paragraph or cell longer than its limit is refused with a
 * message naming the place and the limit; at the limit it loads.  Before,
 * a 15 MB agency name loaded (and took half a minute to show). */
static void
test_field_limits (void)
{
  static const struct { const char *format; gsize limit; const char *message; } cases[] = {
    { "\"metadata\":{\"agency\":\"%s\"}", NB_FILE_MAX_FIELD_BYTES, "metadata.agency: " },
    { "\"metadata\":{\"address\":\"%s\"}", NB_FILE_MAX_FIELD_BYTES, "metadata.address: " },
    { "\"metadata\":{\"sources\":[\"a\",\"%s\"]}", NB_FILE_MAX_FIELD_BYTES,
      "metadata.sources[1]: " },
    { "\"sections\":{\"overview\":[{\"runs\":[{\"text\":\"%s\"}]}]}",
      NB_FILE_MAX_PARAGRAPH_BYTES, "sections.overview[0]: " },
    { "\"invalid\":{\"t3\":{\"new/other\":\"%s\"}}", NB_FILE_MAX_CELL_BYTES,
      "invalid.t3.new/other: " },
  };
  g_autofree char *limit_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *at_limit = g_strnfill (cases[i].limit, 'x');
      g_autofree char *beyond = g_strnfill (cases[i].limit + 1, 'x');
      g_auto(GStrv) parts = g_strsplit (cases[i].format, "%s", 2);
      g_autofree char *json_ok = g_strconcat (parts[0], at_limit, parts[1], NULL);
      g_autofree char *json_bad = g_strconcat (parts[0], beyond, parts[1], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(NbReport) ok = NULL;
      g_autoptr(NbReport) bad = NULL;

      g_test_message ("limit case %u: %s", i, cases[i].message);
      ok = load_report_json (json_ok, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ok);
      bad = load_report_json (json_bad, &error);
      g_assert_null (bad);
      g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE);
      g_clear_pointer (&limit_text, g_free);
      limit_text = g_strdup_printf ("at most %" G_GSIZE_FORMAT, cases[i].limit);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
      g_assert_nonnull (strstr (error->message, limit_text));
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* A paragraph's runs count together; and the probe's 15 MB agency name
 * (generated here, too large to keep in the tree) is refused. */
static void
test_field_limits_huge (void)
{
  g_autofree char *half = g_strnfill (NB_FILE_MAX_PARAGRAPH_BYTES / 2 + 1, 'x');
  g_autofree char *runs = g_strdup_printf ("\"sections\":{\"overview\":[{\"runs\":[{\"text\":\"ab\"}]},"
                                           "{\"runs\":[{\"text\":\"%s\"},{\"text\":\"%s\",\"bold\":true}]}]}",
                                           half, half);
  g_autofree char *huge = g_strnfill (15 * 1024 * 1024, 'x');
  g_autofree char *agency = g_strdup_printf ("\"metadata\":{\"agency\":\"%s\"}", huge);
  g_autoptr(GError) error = NULL;

  g_assert_null (load_report_json (runs, &error));
  g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "sections.overview[1]: "));
  g_assert_nonnull (strstr (error->message, "65536"));
  g_clear_error (&error);
  g_assert_null (load_report_json (agency, &error));
  g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "metadata.agency: the text is 15728640 bytes"));
}

/* A named pipe is refused at once; before, every reader waited for ever
 * for a writer (the test would time out). */
static void
test_fifo_refused (void)
{
  g_autofree char *fifo = g_build_filename (tmpdir, "pipe.nianbao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (nb_file_load (fifo, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "FIFO"));
  g_clear_error (&error);
  bytes = nb_file_read_regular ("/dev/zero", G_MAXINT64, NULL, &error);
  g_assert_null (bytes);
  g_assert_nonnull (strstr (error->message, "device"));
  g_unlink (fifo);
}

/* A file is read to where it ends, not to the size fstat() gave: one that
 * grew (here a /proc file, whose size reads 0) is read whole, and within
 * the limit.  Mapped, it read as empty; and a mapped file that shrank
 * killed the reader with SIGBUS. */
static void
test_read_to_the_end (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = NULL;
  goffset size = -1;
  struct stat st;

  if (g_stat ("/proc/self/mounts", &st) != 0 || st.st_size != 0)
    {
      g_test_skip ("no /proc file that says it is empty");
      return;
    }
  g_assert_true (g_file_get_contents ("/proc/self/mounts", &expected, NULL, NULL));
  g_assert_cmpuint (strlen (expected), >, 1);
  bytes = nb_file_read_regular ("/proc/self/mounts", 1 << 20, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, strlen (expected));
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = nb_file_read_regular ("/proc/self/mounts", 1, &size, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpint (size, >, 1);
}

/* A report that would be larger than a reader accepts is not written, and
 * the old file stays. */
static void
test_write_limit (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "limit.nianbao", NULL);
  /* Paragraphs each within their own limit, too many together. */
  g_autofree char *long_text = g_strnfill (NB_FILE_MAX_PARAGRAPH_BYTES, 'x');
  g_autoptr(NbReport) small = report_with ("small", 1);
  g_autoptr(NbReport) big = report_with ("big", 0);
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < NB_FILE_MAX_SIZE / NB_FILE_MAX_PARAGRAPH_BYTES + 1; i++)
    g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, long_text));
  nb_report_set_paragraphs (big, "overview", paragraphs);
  g_assert_true (nb_file_save (small, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &before, NULL, NULL);
  g_assert_false (nb_file_save (big, path, &error));
  g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "not written"));
  g_assert_true (nb_report_get_modified (big));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (nb_file_check_size (NB_FILE_MAX_SIZE, NULL));
  g_assert_false (nb_file_check_size (NB_FILE_MAX_SIZE + 1, NULL));
  g_unlink (path);
}

/* A text beyond the loader's limits is not written (it could not be opened
 * again): the message names the place and the limit, the old file stays. */
static void
test_write_text_limits (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "texts.nianbao", NULL);
  g_autofree char *field = g_strnfill (NB_FILE_MAX_FIELD_BYTES + 1, 'x');
  g_autofree char *paragraph = g_strnfill (NB_FILE_MAX_PARAGRAPH_BYTES + 1, 'x');
  g_autofree char *cell = g_strnfill (NB_FILE_MAX_CELL_BYTES + 1, 'x');
  g_autoptr(NbReport) small = report_with ("small", 1);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nb_file_save (small, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &before, NULL, NULL);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(NbReport) report = report_with ("ok", 1);
      g_autofree char *after = NULL;
      const char *expected[] = { "metadata.phone: the text is 4097 bytes long; at most 4096",
                                 "sections.overview[1]: the text is 65537 bytes long; at most 65536",
                                 "invalid.t3.new/other: the text is 1025 bytes long; at most 1024",
                                 "metadata.sources[1]: the text is 4097 bytes long; at most 4096" };

      if (i == 0)
        nb_report_set_phone (report, field);
      else if (i == 3)
        nb_report_set_sources (report, (const char * const[]){ "a.nianbao", field, NULL });
      else if (i == 1)
        {
          g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();

          g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, "a"));
          g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, paragraph));
          nb_report_set_paragraphs (report, "overview", paragraphs);
        }
      else
        {
          const NbEditionTable *t3 = nb_edition_find_table (nb_report_get_edition (report), "t3");

          nb_report_set_stated (report, t3, (guint)nb_edition_table_find_cell (t3, "new", "other"),
                                NB_CELL_INVALID, 0, cell);
        }
      g_assert_false (nb_file_save (report, path, &error));
      g_assert_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "not written"));
      g_assert_nonnull (strstr (error->message, expected[i]));
      g_clear_error (&error);
      g_file_get_contents (path, &after, NULL, NULL);
      g_assert_cmpstr (before, ==, after);
    }
  g_unlink (path);
}

/* NB_FILE_WRITE_NO_CLOBBER never replaces a file, and leaves no temporary
 * file behind when it refuses. */
static void
test_no_clobber (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "noclobber", NULL);
  g_autofree char *path = g_build_filename (dir, "a.nianbao", NULL);
  g_autoptr(NbReport) first = report_with ("first", 1);
  g_autoptr(NbReport) second = report_with ("second", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) loaded = NULL;
  g_autoptr(GDir) gdir = NULL;
  struct stat st;
  guint n_files = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (nb_file_save_full (first, path, NB_FILE_WRITE_NO_CLOBBER, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_false (nb_file_save_full (second, path, NB_FILE_WRITE_NO_CLOBBER, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST);
  loaded = nb_file_load (path, NULL);
  g_assert_cmpstr (nb_report_get_agency (loaded), ==, "first");
  gdir = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (gdir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
  g_unlink (path);
  g_rmdir (dir);
}

/* A save that fails half-way (here: the file size limit is hit while
 * writing) leaves the old file exactly as it was. */
static void
test_failed_save_keeps_old_file (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "keep.nianbao", NULL);
  g_autoptr(NbReport) old = report_with ("旧", 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  pid_t pid;
  int status;

  g_assert_true (nb_file_save (old, path, NULL));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 4096, 4096 };
      NbReport *big = report_with ("新的很长的内容", 2000);
      gboolean saved;

      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
      saved = nb_file_save (big, path, NULL);
      g_object_unref (big);
      /* The parent's locals, freed here too so valgrind sees no leak in
       * the child (which leaves with _exit, past the cleanups). */
      g_clear_object (&old);
      g_clear_pointer (&path, g_free);
      g_clear_pointer (&before, g_free);
      _exit (saved ? 0 : 3);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 3);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  /* a folder that does not exist: an error, no crash */
  g_assert_false (nb_file_save (old, "/nonexistent-folder/x.nianbao", &error));
  g_assert_nonnull (error);
}

/* Killed at random moments while saving, again and again: the file always
 * holds one whole state, the old or the new, never a mix or nothing. */
static void
test_killed_save (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "killed.nianbao", NULL);
  g_autoptr(NbReport) a = report_with ("甲", 300);
  g_autoptr(NbReport) b = report_with ("乙乙", 300);
  g_autofree char *text_a = serialize_string (a);
  g_autofree char *text_b = serialize_string (b);
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  guint seen_a = 0, seen_b = 0;

  gint64 start, save_usec;

  /* Kill within a few save times, measured here, so that both the old and the
   * new state come up however slow the machine (or valgrind) is. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 3; i++)
    g_assert_true (nb_file_save (i % 2 ? b : a, path, NULL));
  save_usec = MAX ((g_get_monotonic_time () - start) / 3, 1000);
  g_assert_true (nb_file_save (a, path, NULL));
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *contents = NULL;
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (guint k = 0;; k++)
            nb_file_save (k % 2 ? a : b, path, NULL);
        }
      g_usleep (g_rand_int_range (rand, 500, (gint32)MIN (save_usec * 8 + 20000, G_MAXINT32)));
      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (g_str_equal (contents, text_a))
        seen_a++;
      else if (g_str_equal (contents, text_b))
        seen_b++;
      else
        g_error ("after kill %u the file holds neither state (%zu bytes)", i, strlen (contents));
    }
  g_test_message ("old/new states seen: %u/%u", seen_a, seen_b);
  g_assert_cmpuint (seen_a + seen_b, ==, 100);
  /* both states were really hit, or the kills came too early to test anything */
  g_assert_cmpuint (seen_b, >, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("nianbao-test-file-XXXXXX", NULL);

  g_test_add_func ("/file/sample-round-trip", test_sample_round_trip);
  g_test_add_func ("/file/random-round-trip", test_random_round_trip);
  g_test_add_func ("/file/control-characters", test_control_characters);
  g_test_add_func ("/file/published-sha256", test_published_sha256);
  g_test_add_func ("/file/bad-files", test_bad_files);
  g_test_add_func ("/file/repeated-names", test_repeated_names);
  g_test_add_func ("/file/not-utf8", test_not_utf8);
  g_test_add_func ("/file/too-deep", test_too_deep);
  g_test_add_func ("/file/too-large", test_too_large);
  g_test_add_func ("/file/missing-and-folder", test_missing_and_folder);
  g_test_add_func ("/file/failed-save-keeps-old-file", test_failed_save_keeps_old_file);
  g_test_add_func ("/file/killed-save", test_killed_save);
  g_test_add_func ("/file/hostile-fixtures", test_hostile_fixtures);
  g_test_add_func ("/file/noncharacters-replaced", test_noncharacters_replaced);
  g_test_add_func ("/file/fifo-refused", test_fifo_refused);
  g_test_add_func ("/file/read-to-the-end", test_read_to_the_end);
  g_test_add_func ("/file/drop-disallowed", test_drop_disallowed);
  g_test_add_func ("/file/field-limits", test_field_limits);
  g_test_add_func ("/file/field-limits-huge", test_field_limits_huge);
  g_test_add_func ("/file/write-limit", test_write_limit);
  g_test_add_func ("/file/write-text-limits", test_write_text_limits);
  g_test_add_func ("/file/no-clobber", test_no_clobber);

  ret = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
