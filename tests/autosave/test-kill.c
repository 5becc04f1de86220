/* test-kill.c: a process editing and autosaving a report is killed with
 * SIGKILL at random moments, 200 times; after every kill the file loads,
 * is exactly the state after some edit (never a mix, never empty), never
 * goes back, and gives the same check findings as that state.  Then crash
 * recovery: a killed session's draft is offered, a clean quit's is not. */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>

#include "kill-edit.h"
#include "nb-autosave.h"
#include "nb-checker.h"
#include "nb-drafts.h"
#include "nb-file.h"

#define N_KILLS 200

static char *tmpdir;
static char *helper;

static char *
findings_signature (NbReport *report)
{
  g_autoptr(GPtrArray) findings = nb_check_report (report, NULL);
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (signature, "%s:%s:%d;", finding->rule_id,
                              finding->table_id ? finding->table_id : "", finding->cell);
    }
  return g_string_free (signature, FALSE);
}

static GSubprocess *
spawn (GSubprocessFlags   flags,
       GError           **error,
       ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *arg;

  g_ptr_array_add (args, helper);
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, error);
}

static void
test_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) base = nb_file_load_sample (&error);
  g_autofree char *path = g_build_filename (tmpdir, "killed.nianbao", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  g_autofree char *base_findings = NULL;
  int last = 0;
  guint advanced = 0;
  guint leftovers = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (nb_file_save (base, path, &error));
  base_findings = findings_signature (base);

  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "edit", path,
                                              NULL);
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *line = NULL;
      g_autoptr(NbReport) loaded = NULL;
      g_autoptr(NbReport) expected = NULL;
      g_autoptr(GBytes) expected_bytes = NULL;
      g_autofree char *on_disk = NULL;
      g_autofree char *loaded_findings = NULL;
      g_autofree char *expected_findings = NULL;
      gsize length;
      int n;

      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
      line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (line, ==, "editing");
      /* A save takes some 20-40 ms (two flushes) and starts 2 ms after an
       * edit: kills land before, during and after writes. */
      g_usleep ((gulong)g_rand_int_range (rand, 0, 80000));
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

      g_assert_true (g_file_get_contents (path, &on_disk, &length, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 0);
      loaded = nb_file_load_data (on_disk, length, &error);
      g_assert_no_error (error);
      n = kill_edit_number (loaded);
      g_assert_cmpint (n, >=, last);
      if (n > last)
        advanced++;
      last = n;

      /* Exactly the state after edit n: byte for byte. */
      expected = nb_file_load_sample (&error);
      g_assert_no_error (error);
      if (n > 0)
        kill_edit_apply (expected, base, n);
      expected_bytes = nb_file_serialize (expected);
      g_assert_cmpmem (on_disk, length, g_bytes_get_data (expected_bytes, NULL),
                       g_bytes_get_size (expected_bytes));

      loaded_findings = findings_signature (loaded);
      expected_findings = findings_signature (expected);
      g_assert_cmpstr (loaded_findings, ==, expected_findings);
    }

  /* A killed write can leave its temporary file; never the report half-written. */
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "killed.nianbao."))
        leftovers++;
  }
  g_test_message ("%u kills in %.1f s; the file advanced in %u of them, to edit %d; "
                  "%u kills cut a write short (their temporary files are left)", N_KILLS,
                  (g_get_monotonic_time () - start) / 1e6, advanced, last, leftovers);
  /* Otherwise the kills all came before the first save and proved nothing. */
  g_assert_cmpuint (advanced, >=, N_KILLS / 5);
}

static gboolean
has_draft (GPtrArray  *drafts,
           const char *id)
{
  for (guint i = 0; i < drafts->len; i++)
    if (g_str_equal (((NbDraftInfo *)g_ptr_array_index (drafts, i))->id, id))
      return TRUE;
  return FALSE;
}

static void
test_recovery_after_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "draft", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(NbReport) restored = NULL;
  const char *id;
  NbDraftInfo *info = NULL;

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "saved "));
  id = line + strlen ("saved ");

  /* Still running: its draft is its own, not something to recover. */
  drafts = nb_drafts_list_orphans ();
  g_assert_false (has_draft (drafts, id));
  g_clear_pointer (&drafts, g_ptr_array_unref);

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  drafts = nb_drafts_list_orphans ();
  g_assert_true (has_draft (drafts, id));
  for (guint i = 0; i < drafts->len; i++)
    if (g_str_equal (((NbDraftInfo *)g_ptr_array_index (drafts, i))->id, id))
      info = g_ptr_array_index (drafts, i);
  g_assert_null (info->file_path);
  g_assert_cmpstr (info->title, !=, "");
  restored = nb_file_load (info->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kill_edit_number (restored), ==, 4711);

  /* Discarded after recovery: offered no more. */
  nb_drafts_remove (id);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = nb_drafts_list_orphans ();
  g_assert_false (has_draft (drafts, id));
}

static void
test_clean_quit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_NONE, &error, "clean", NULL);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *sessions = g_build_filename (nb_drafts_get_data_dir (), "sessions", NULL);
  g_autoptr(GDir) dir = NULL;
  guint markers = 0;

  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  drafts = nb_drafts_list_orphans ();
  g_assert_cmpuint (drafts->len, ==, 0);
  /* Its session marker went with it. */
  dir = g_dir_open (sessions, 0, NULL);
  for (const char *name; dir != NULL && (name = g_dir_read_name (dir)) != NULL;)
    markers++;
  g_assert_cmpuint (markers, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  tmpdir = g_dir_make_tmp ("nb-kill-XXXXXX", NULL);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  helper = g_build_filename (g_getenv ("NB_BUILD_DIR"), "tests", "autosave", "autosave-helper",
                             NULL);

  g_test_add_func ("/autosave/kill", test_kill);
  g_test_add_func ("/autosave/recovery-after-kill", test_recovery_after_kill);
  g_test_add_func ("/autosave/clean-quit", test_clean_quit);

  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

      if (system (command) != 0)
        g_printerr ("could not remove %s\n", tmpdir);
    }
  return status;
}
