/* test-file.c: .nianbao files: exact round trips, every kind of bad file,
 * and saves that fail or are killed half-way never damage the old file */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nb-file.h"

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
  g_test_add_func ("/file/bad-files", test_bad_files);
  g_test_add_func ("/file/not-utf8", test_not_utf8);
  g_test_add_func ("/file/too-deep", test_too_deep);
  g_test_add_func ("/file/too-large", test_too_large);
  g_test_add_func ("/file/missing-and-folder", test_missing_and_folder);
  g_test_add_func ("/file/failed-save-keeps-old-file", test_failed_save_keeps_old_file);
  g_test_add_func ("/file/killed-save", test_killed_save);

  ret = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  return ret;
}
