/* autosave-helper.c: a real process that edits a report and autosaves it,
 * for tests that kill it with SIGKILL.  No GTK: it runs NbAutosave exactly
 * as the window does (serialise on the main loop, write in a worker).
 *
 *   autosave-helper edit FILE   edit FILE's report every millisecond, for ever
 *   autosave-helper draft       an untitled report: edit, autosave to a
 *                               draft, print "saved", wait to be killed
 *   autosave-helper clean       the same, then quit cleanly
 *   autosave-helper titled FILE FILE's report: another program writes FILE
 *                               (agency 别的程序), the edits go to a draft
 *                               (a conflict); print "saved ID", wait to be
 *                               killed.  The draft's base is FILE as it was.
 *   autosave-helper bench DIR   time autosaves of the sample report in DIR
 *   autosave-helper fsize FILE  edit FILE's report with RLIMIT_FSIZE below its
 *                               size (a full disk without root), print the outcome
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "kill-edit.h"
#include "nb-autosave.h"
#include "nb-drafts.h"
#include "nb-file.h"

typedef struct
{
  NbReport *report;
  NbReport *base;
  int       n;
  gboolean  started;
} Editor;

static gboolean
edit_cb (gpointer user_data)
{
  Editor *editor = user_data;

  kill_edit_apply (editor->report, editor->base, ++editor->n);
  /* The test kills from now on: start-up is not what it is about. */
  if (!editor->started)
    {
      editor->started = TRUE;
      printf ("editing\n");
      fflush (stdout);
    }
  return G_SOURCE_CONTINUE;
}

static void
flush_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!nb_autosave_flush_finish (NB_AUTOSAVE (source), result, &error))
    g_error ("flush: %s", error->message);
  *(gboolean *)user_data = TRUE;
}

static void
fsize_flush_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* Failing is the point here. */
  nb_autosave_flush_finish (NB_AUTOSAVE (source), result, NULL);
  *(gboolean *)user_data = TRUE;
}

static void
flush (NbAutosave *autosave)
{
  gboolean done = FALSE;

  nb_autosave_flush_async (autosave, NULL, flush_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!nb_autosave_save_finish (NB_AUTOSAVE (source), result, &error))
    g_error ("save: %s", error->message);
  *(gint64 *)user_data = g_get_monotonic_time ();
}

/* CPU time of this thread: what the main thread spends, whatever else the
 * machine is doing (wall-clock figures suffer on a loaded machine). */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
print_figures (const char *what,
               GArray     *ms)
{
  double sum = 0;

  g_array_sort (ms, compare_doubles);
  for (guint i = 0; i < ms->len; i++)
    sum += g_array_index (ms, double, i);
  printf ("%-44s median %.3f ms  p95 %.3f ms  max %.3f ms  mean %.3f ms  (n=%u)\n", what,
          g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, ms->len * 95 / 100),
          g_array_index (ms, double, ms->len - 1), sum / ms->len, ms->len);
}

/* The main thread's share of an autosave is serialising plus starting the
 * worker (all of nb_autosave_save_async) and the completion callback; the
 * total is from the request to the callback, the file written and flushed. */
static int
bench (const char *dir,
       NbReport   *base)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "bench.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(NbAutosave) autosave = NULL;
  g_autoptr(GArray) serialize = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_part = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  const guint rounds = 200;

  if (!nb_file_save (report, path, &error))
    g_error ("%s", error->message);
  autosave = nb_autosave_new (report, file);
  nb_autosave_set_delay (autosave, 60000);
  for (guint i = 0; i < rounds + 5; i++)
    {
      gint64 t0, t1, done = 0;
      double ms, cpu0, cpu1;

      kill_edit_apply (report, base, (int)i + 1);
      t0 = g_get_monotonic_time ();
      g_bytes_unref (nb_file_serialize (report));
      t1 = g_get_monotonic_time ();
      ms = (t1 - t0) / 1000.0;
      if (i >= 5)
        g_array_append_val (serialize, ms);

      cpu0 = thread_cpu_ms ();
      t0 = g_get_monotonic_time ();
      nb_autosave_save_async (autosave, NULL, save_done_cb, &done);
      t1 = g_get_monotonic_time ();
      while (done == 0)
        g_main_context_iteration (NULL, TRUE);
      /* Everything the main thread did for this save, callback included. */
      cpu1 = thread_cpu_ms ();
      ms = cpu1 - cpu0;
      if (i >= 5)
        g_array_append_val (main_cpu, ms);
      ms = (t1 - t0) / 1000.0;
      if (i >= 5)
        g_array_append_val (main_part, ms);
      ms = (done - t0) / 1000.0;
      if (i >= 5)
        g_array_append_val (total, ms);
    }
  printf ("sample report: %" G_GSIZE_FORMAT " bytes serialised\n",
          g_bytes_get_size (nb_file_serialize (report)));
  print_figures ("serialisation (main thread)", serialize);
  print_figures ("autosave start: serialise + hand-off (main)", main_part);
  print_figures ("main thread CPU per autosave (all of it)", main_cpu);
  print_figures ("total save: request to written + fsynced", total);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) base = nb_file_load_sample (&error);
  g_autoptr(NbAutosave) autosave = NULL;

  if (base == NULL)
    g_error ("%s", error->message);

  if (argc == 3 && g_str_equal (argv[1], "edit"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[2]);
      g_autoptr(NbReport) report = nb_file_load (argv[2], &error);
      Editor editor;

      if (report == NULL)
        g_error ("%s", error->message);
      autosave = nb_autosave_new (report, file);
      nb_autosave_set_delay (autosave, 2);
      editor.report = report;
      editor.base = base;
      editor.n = kill_edit_number (report);
      editor.started = FALSE;
      g_timeout_add (1, edit_cb, &editor);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }
  else if (argc == 2 && (g_str_equal (argv[1], "draft") || g_str_equal (argv[1], "clean")))
    {
      g_autoptr(NbReport) report = nb_file_load_sample (&error);

      autosave = nb_autosave_new (report, NULL);
      kill_edit_apply (report, base, 4711);
      flush (autosave);
      if (g_str_equal (argv[1], "clean"))
        {
          /* What the window does on a clean close of a report the user
           * chose not to keep, then the application on quit. */
          nb_autosave_discard_draft (autosave);
          g_clear_object (&autosave);
          nb_drafts_end_session ();
          return 0;
        }
      printf ("saved %s\n", nb_autosave_get_draft_id (autosave));
      fflush (stdout);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }
  else if (argc == 3 && g_str_equal (argv[1], "titled"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[2]);
      g_autoptr(NbReport) report = nb_file_load (argv[2], &error);
      g_autoptr(NbReport) other = NULL;
      gboolean done = FALSE;

      if (report == NULL)
        g_error ("%s", error->message);
      autosave = nb_autosave_new (report, file);
      other = nb_file_load (argv[2], &error);
      nb_report_set_agency (other, "别的程序");
      if (!nb_file_save (other, argv[2], &error))
        g_error ("%s", error->message);
      kill_edit_apply (report, base, 4711);
      /* Fails (a conflict): the work goes to the draft, the file is theirs. */
      nb_autosave_flush_async (autosave, NULL, fsize_flush_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      if (nb_autosave_get_state (autosave) != NB_AUTOSAVE_CONFLICT)
        g_error ("expected a conflict, the state is %u", nb_autosave_get_state (autosave));
      printf ("saved %s\n", nb_autosave_get_draft_id (autosave));
      fflush (stdout);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }
  else if (argc == 3 && g_str_equal (argv[1], "fsize"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[2]);
      g_autoptr(NbReport) report = nb_file_load (argv[2], &error);
      struct rlimit limit = { 4096, 4096 };
      gboolean done = FALSE;

      if (report == NULL)
        g_error ("%s", error->message);
      /* Writes past 4 KiB fail with EFBIG instead of killing us. */
      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        g_error ("setrlimit failed");
      autosave = nb_autosave_new (report, file);
      kill_edit_apply (report, base, 1);
      nb_autosave_flush_async (autosave, NULL, fsize_flush_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      printf ("state %u\nmessage %s\nmodified %d\n", nb_autosave_get_state (autosave),
              nb_autosave_get_message (autosave), nb_report_get_modified (report));
      return 0;
    }
  else if (argc == 3 && g_str_equal (argv[1], "bench"))
    return bench (argv[2], base);
  g_printerr ("usage: autosave-helper edit FILE | draft | clean | titled FILE | bench DIR\n");
  return 2;
}
