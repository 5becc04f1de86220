/* test-autosave.c: NbAutosave against a real file system: the throttle,
 * drafts, conflicts, deleted files, read-only folders, a full disk, flushes,
 * the version history */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "nb-autosave.h"
#include "nb-autosave-private.h"
#include "nb-drafts.h"
#include "nb-file.h"
#include "nb-history.h"

static char *tmpdir;

static NbReport *
sample (void)
{
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_file_load_sample (&error);

  g_assert_no_error (error);
  return report;
}

static char *
new_path (const char *name)
{
  static guint counter;
  g_autofree char *dir = g_strdup_printf ("%s/case-%u", tmpdir, ++counter);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static NbReport *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_file_load (path, &error);

  g_assert_no_error (error);
  return report;
}

/* The report saved at @path has this agency. */
static void
assert_saved_agency (const char *path,
                     const char *agency)
{
  g_autoptr(NbReport) saved = load (path);

  g_assert_cmpstr (nb_report_get_agency (saved), ==, agency);
}

/* The report saved at @path has this address. */
static void
assert_saved_address (const char *path,
                      const char *address)
{
  g_autoptr(NbReport) saved = load (path);

  g_assert_cmpstr (nb_report_get_address (saved), ==, address);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs what is ready to run now, without waiting for anything. */
static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_test_monitor_changed_cb (GFileMonitor      *monitor,
                            GFile             *file,
                            GFile             *other_file,
                            GFileMonitorEvent  event,
                            gpointer           user_data)
{
  if (event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_MOVED_IN
      || event == G_FILE_MONITOR_EVENT_RENAMED || event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    *(gboolean *)user_data = TRUE;
}

/* A monitor of the test's own on @path, to know when the file's change has
 * reached this process: the autosave's monitor sees the same events. */
static GFileMonitor *
watch_path (const char *path,
            gboolean   *seen)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GFileMonitor *monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);

  g_assert_nonnull (monitor);
  g_signal_connect (monitor, "changed", G_CALLBACK (on_test_monitor_changed_cb), seen);
  return monitor;
}

/* Until the change @watch_path saw has been delivered, and everything it
 * made ready (the autosave's own handler) has run. */
static void
wait_file_event (gboolean *seen)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timed_out_cb, &timed_out);

  while (!*seen && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (*seen);
  drain_main_context ();
}

/* Runs the main loop until the autosave reaches a state (or a generous
 * minute passes: a loaded machine makes this slower, not red). */
static void
wait_for_state (NbAutosave      *autosave,
                NbAutosaveState  state)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timed_out_cb, &timed_out);

  while (!timed_out && (nb_autosave_get_state (autosave) != state
                        || nb_autosave_get_busy (autosave)))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, state);
}

typedef struct
{
  gboolean  done;
  gboolean  success;
  GError   *error;
} Result;

static void
flush_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Result *r = user_data;

  r->success = nb_autosave_flush_finish (NB_AUTOSAVE (source), result, &r->error);
  r->done = TRUE;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Result *r = user_data;

  r->success = nb_autosave_save_finish (NB_AUTOSAVE (source), result, &r->error);
  r->done = TRUE;
}

static void
wait_result (Result *r)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timed_out_cb, &timed_out);

  while (!r->done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (r->done);
}

static gboolean
flush (NbAutosave *autosave,
       GError    **error)
{
  Result r = { FALSE, };

  nb_autosave_flush_async (autosave, NULL, flush_done_cb, &r);
  wait_result (&r);
  if (r.error)
    g_propagate_error (error, r.error);
  return r.success;
}

static gboolean
save (NbAutosave *autosave,
      GError    **error)
{
  Result r = { FALSE, };

  nb_autosave_save_async (autosave, NULL, save_done_cb, &r);
  wait_result (&r);
  if (r.error)
    g_propagate_error (error, r.error);
  return r.success;
}

/* A report saved to a fresh file and its autosave, quick for tests. */
static NbAutosave *
autosave_for_new_file (const char *path,
                       NbReport  **report_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  NbReport *report = sample ();
  NbAutosave *autosave;

  g_assert_true (nb_file_save (report, path, &error));
  g_assert_no_error (error);
  autosave = nb_autosave_new (report, file);
  nb_autosave_set_delay (autosave, 20);
  g_object_set (autosave, "history-interval", 0, NULL);
  *report_out = report;
  return autosave;
}

static void
on_saved_cb (NbAutosave *autosave,
             guint      *count)
{
  (*count)++;
}

static void
on_saved_at_cb (NbAutosave *autosave,
                gint64     *when)
{
  if (*when == 0)
    *when = g_get_monotonic_time ();
}

static void
test_saves_after_delay (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(GPtrArray) versions = NULL;
  gint64 edited_at, saved_at = 0;

  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_SAVED);
  g_assert_true (nb_autosave_get_report (autosave) == report);
  nb_autosave_set_delay (autosave, 1000);
  g_signal_connect (autosave, "saved", G_CALLBACK (on_saved_at_cb), &saved_at);
  edited_at = g_get_monotonic_time ();
  nb_report_set_agency (report, "自动保存局");
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_PENDING);
  g_assert_true (nb_report_get_modified (report));
  assert_saved_agency (path, "漯河回族区城市管理局");

  /* Not before the delay, however fast or slow the machine. */
  wait_for_state (autosave, NB_AUTOSAVE_SAVED);
  g_assert_cmpint (saved_at, >=, edited_at + 1000 * G_TIME_SPAN_MILLISECOND);
  assert_saved_agency (path, "自动保存局");
  g_assert_false (nb_report_get_modified (report));
  g_assert_null (nb_autosave_get_message (autosave));

  versions = nb_history_list (nb_autosave_get_history_key (autosave));
  g_assert_cmpuint (versions->len, ==, 1);
}

static gboolean
edit_cb (gpointer user_data)
{
  NbReport *report = user_data;
  g_autofree char *phone = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());

  nb_report_set_phone (report, phone);
  return G_SOURCE_CONTINUE;
}

/* Steady typing still saves: a throttle, not a debounce. */
static void
test_throttle (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  guint saves = 0;
  gboolean timed_out = FALSE;
  guint edit_id, timeout_id;
  gint64 start;

  nb_autosave_set_delay (autosave, 100);
  g_signal_connect (autosave, "saved", G_CALLBACK (on_saved_cb), &saves);
  /* An edit every 10 ms, ten for each delay: a debounce would never save
   * while they come.  Typed until three saves, however long that takes. */
  start = g_get_monotonic_time ();
  edit_id = g_timeout_add (10, edit_cb, report);
  timeout_id = g_timeout_add_seconds (60, timed_out_cb, &timed_out);
  while (!timed_out && saves < 3)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (edit_id);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  /* … and no more than one save per delay: a throttle, not a save per edit. */
  g_assert_cmpint (saves, <=, (g_get_monotonic_time () - start) / (100 * G_TIME_SPAN_MILLISECOND) + 1);
  g_assert_true (flush (autosave, NULL));
  g_assert_false (nb_report_get_modified (report));
}

static void
test_untitled_draft (void)
{
  g_autoptr(NbReport) report = sample ();
  g_autoptr(NbAutosave) autosave = nb_autosave_new (report, NULL);
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  g_autofree char *path = new_path ("saved-as.nianbao");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;

  nb_autosave_set_delay (autosave, 20);
  g_assert_true (g_str_has_prefix (draft_path, g_get_user_data_dir ()));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  nb_report_set_agency (report, "草稿局");
  wait_for_state (autosave, NB_AUTOSAVE_SAVED);
  assert_saved_agency (draft_path, "草稿局");
  /* Only a draft: the report is still unsaved for the user. */
  g_assert_true (nb_report_get_modified (report));

  /* Our own session is alive: nothing to recover. */
  orphans = nb_drafts_list_orphans ();
  for (guint i = 0; i < orphans->len; i++)
    g_assert_cmpstr (((NbDraftInfo *)g_ptr_array_index (orphans, i))->id, !=,
                     nb_autosave_get_draft_id (autosave));

  /* Save As: the file gets the report, the draft goes, the versions stay. */
  nb_autosave_set_file (autosave, file);
  g_assert_true (flush (autosave, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) versions = nb_history_list (nb_autosave_get_history_key (autosave));
    g_autofree char *file_key = nb_history_key_for_file (file);

    g_assert_cmpstr (nb_autosave_get_history_key (autosave), ==, file_key);
    g_assert_cmpuint (versions->len, >=, 1);
  }
  assert_saved_agency (path, "草稿局");
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  g_assert_false (nb_report_get_modified (report));
}

/* Save As while the draft is being written: the draft write must not pass
 * for a write of the new file. */
static void
test_save_as_during_write (void)
{
  g_autoptr(NbReport) report = sample ();
  g_autoptr(NbAutosave) autosave = nb_autosave_new (report, NULL);
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  g_autofree char *path = new_path ("saved-as.nianbao");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) back = NULL;
  g_autoptr(GError) error = NULL;
  Result r = { FALSE, };

  nb_report_set_agency (report, "另存为");
  nb_autosave_flush_async (autosave, NULL, flush_done_cb, &r);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_SAVING);
  nb_autosave_set_file (autosave, file);
  wait_result (&r);
  g_assert_true (r.success);
  g_assert_true (flush (autosave, &error));
  g_assert_no_error (error);
  assert_saved_agency (path, "另存为");
  g_assert_false (nb_report_get_modified (report));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));

  /* And the file is watched from now on. */
  back = sample ();
  nb_report_set_agency (back, "别人写的");
  g_assert_true (nb_file_save (back, path, &error));
  nb_report_set_agency (report, "我写的");
  g_assert_false (flush (autosave, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
}

/* Temporary files of killed writes go once they are old; nothing else does. */
static void
test_stale_temporaries (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autofree char *stale = g_strconcat (path, ".AbC123", NULL);
  g_autofree char *fresh = g_strconcat (path, ".XyZ789", NULL);
  g_autofree char *backup = g_strconcat (path, ".bak", NULL);
  g_autofree char *other = g_strconcat (path, "x.AbC123", NULL);
  struct utimbuf old = { time (NULL) - 3600, time (NULL) - 3600 };

  g_assert_true (g_file_set_contents (stale, "{", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "{", -1, NULL));
  g_assert_true (g_file_set_contents (backup, "{", -1, NULL));
  g_assert_true (g_file_set_contents (other, "{", -1, NULL));
  g_assert_cmpint (g_utime (stale, &old), ==, 0);
  g_assert_cmpint (g_utime (backup, &old), ==, 0);
  g_assert_cmpint (g_utime (other, &old), ==, 0);

  nb_report_set_agency (report, "清理");
  g_assert_true (flush (autosave, NULL));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_history_prune (void)
{
  g_autofree char *old_dir = g_build_filename (nb_drafts_get_data_dir (), "history", "old-report",
                                               NULL);
  g_autofree char *new_dir = g_build_filename (nb_drafts_get_data_dir (), "history", "new-report",
                                               NULL);
  gint64 long_ago = g_get_real_time () - 100 * G_TIME_SPAN_DAY;
  g_autofree char *old_name = g_strdup_printf ("%" G_GINT64_FORMAT ".nianbao", long_ago);
  g_autofree char *new_name = g_strdup_printf ("%" G_GINT64_FORMAT ".nianbao", g_get_real_time ());
  g_autofree char *old_path = g_build_filename (old_dir, old_name, NULL);
  g_autofree char *new_path_ = g_build_filename (new_dir, new_name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (old_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (new_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old_path, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (new_path_, "{}", -1, NULL));
  nb_history_prune (90);
  g_assert_false (g_file_test (old_dir, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_path_, G_FILE_TEST_EXISTS));
}

static void
test_discard_draft (void)
{
  g_autoptr(NbReport) report = sample ();
  g_autoptr(NbAutosave) autosave = nb_autosave_new (report, NULL);
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));

  nb_autosave_set_delay (autosave, 10000);
  nb_report_set_agency (report, "丢弃局");
  g_assert_true (flush (autosave, NULL));
  g_assert_true (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  nb_autosave_discard_draft (autosave);
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  g_assert_false (nb_autosave_get_busy (autosave));
}

/* Flushing writes at once, without waiting for the delay. */
static void
test_flush (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  gint64 start;

  nb_autosave_set_delay (autosave, 60000);
  nb_report_set_agency (report, "冲刷局");
  start = g_get_monotonic_time ();
  g_assert_true (flush (autosave, NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  assert_saved_agency (path, "冲刷局");
  /* Nothing pending: a flush returns at once. */
  g_assert_true (flush (autosave, NULL));
}

static void
on_conflict_cb (NbAutosave *autosave,
                guint      *count)
{
  (*count)++;
}

static void
test_conflict (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(NbReport) other = sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  guint conflicts = 0;

  g_signal_connect (autosave, "conflict", G_CALLBACK (on_conflict_cb), &conflicts);

  /* A colleague's copy lands on the file (a sync tool renames it over). */
  nb_report_set_agency (other, "同事的版本");
  g_assert_true (nb_file_save (other, path, &error));
  theirs = read_file (path);

  nb_report_set_agency (report, "我的版本");
  wait_for_state (autosave, NB_AUTOSAVE_CONFLICT);
  g_assert_cmpuint (conflicts, ==, 1);
  g_assert_nonnull (nb_autosave_get_message (autosave));
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, theirs);
  g_clear_pointer (&on_disk, g_free);
  /* The work is in the draft. */
  assert_saved_agency (draft_path, "我的版本");

  /* More typing: still not written over theirs, still kept. */
  nb_report_set_address (report, "我的地址");
  g_assert_false (flush (autosave, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, theirs);
  g_clear_pointer (&on_disk, g_free);
  assert_saved_address (draft_path, "我的地址");
  g_assert_cmpuint (conflicts, ==, 1);

  /* The user keeps theirs: written, and the draft is no longer needed. */
  g_assert_true (save (autosave, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_SAVED);
  assert_saved_agency (path, "我的版本");
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
}

typedef struct
{
  const char *theirs;
  gboolean    swapped;
} Swap;

/* In the writing thread, right after our write: their copy lands on the
 * file, once. */
static void
swap_in_theirs_cb (const char *path,
                   gpointer    user_data)
{
  Swap *swap = user_data;

  if (swap->swapped)
    return;
  swap->swapped = TRUE;
  g_assert_cmpint (g_rename (swap->theirs, path), ==, 0);
}

/* Another program's file renamed over ours the moment after we wrote it is
 * still theirs: the next save finds the conflict and keeps the work in the
 * draft, instead of taking their file for what we wrote and writing over it
 * (seen once in the stress run, in the app, under load). */
static void
test_conflict_right_after_write (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *theirs_path = new_path ("theirs.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(NbReport) other = sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  Swap swap = { 0 };

  nb_report_set_agency (other, "同事的版本");
  g_assert_true (nb_file_save (other, theirs_path, &error));
  g_assert_no_error (error);
  theirs = read_file (theirs_path);
  swap.theirs = theirs_path;

  nb_autosave_set_written_func (swap_in_theirs_cb, &swap);
  nb_report_set_agency (report, "我的版本");
  g_assert_true (flush (autosave, &error));
  g_assert_no_error (error);
  nb_autosave_set_written_func (NULL, NULL);
  g_assert_true (swap.swapped);

  nb_report_set_address (report, "我的地址");
  wait_for_state (autosave, NB_AUTOSAVE_CONFLICT);
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, theirs);
  assert_saved_address (draft_path, "我的地址");
}

/* "Reload": their version comes in as one undoable change, nothing is
 * written over theirs, and autosave follows the file again. */
static void
test_conflict_reload (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(NbReport) other = sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));

  nb_report_set_agency (other, "同事的版本");
  g_assert_true (nb_file_save (other, path, &error));
  theirs = read_file (path);
  nb_report_set_agency (report, "我的版本");
  wait_for_state (autosave, NB_AUTOSAVE_CONFLICT);
  g_assert_true (g_file_test (draft_path, G_FILE_TEST_EXISTS));

  g_assert_true (nb_autosave_reload (autosave, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_SAVED);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "同事的版本");
  g_assert_false (nb_report_get_modified (report));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, theirs);

  /* Undo brings mine back, and that is saved over theirs like any edit. */
  g_assert_true (nb_report_undo (report));
  g_assert_cmpstr (nb_report_get_agency (report), ==, "我的版本");
  g_assert_true (flush (autosave, &error));
  g_assert_no_error (error);
  assert_saved_agency (path, "我的版本");
}

/* Another program writes the file while nothing waits to be saved: the
 * conflict shows at once, before the user types over a stale copy. */
static void
test_conflict_without_edits (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(NbReport) other = sample ();
  g_autoptr(GError) error = NULL;
  guint conflicts = 0;

  g_signal_connect (autosave, "conflict", G_CALLBACK (on_conflict_cb), &conflicts);
  nb_report_set_agency (other, "同事的版本");
  g_assert_true (nb_file_save (other, path, &error));
  wait_for_state (autosave, NB_AUTOSAVE_CONFLICT);
  g_assert_cmpuint (conflicts, ==, 1);
  g_assert_false (nb_report_get_modified (report));
}

/* A sync tool rewriting the same bytes (or a touch) is no conflict. */
static void
test_same_content_is_no_conflict (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seen = FALSE;

  nb_report_set_agency (report, "同步前");
  g_assert_true (flush (autosave, &error));
  content = read_file (path);
  monitor = watch_path (path, &seen);
  /* A new inode and times, the same bytes. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (g_file_set_contents (path, content, -1, &error));
  wait_file_event (&seen);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_SAVED);

  nb_report_set_agency (report, "同步后");
  g_assert_true (flush (autosave, &error));
  g_assert_no_error (error);
  assert_saved_agency (path, "同步后");
}

/* Our own writes never pass for another program's. */
static void
test_no_false_conflict (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *agency = g_strdup_printf ("局 %d", i);

      nb_report_set_agency (report, agency);
      g_assert_true (flush (autosave, NULL));
      g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_SAVED);
    }
}

static void
test_deleted_file (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (path), ==, 0);
  nb_report_set_agency (report, "删除后");
  wait_for_state (autosave, NB_AUTOSAVE_FAILED);
  g_assert_cmpstr (nb_autosave_get_message (autosave), ==, "The file was deleted or moved");
  /* Not silently brought back; the work is in the draft. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_saved_agency (draft_path, "删除后");
  g_assert_true (nb_report_get_modified (report));

  /* Retry writes it again. */
  g_assert_true (save (autosave, &error));
  g_assert_no_error (error);
  assert_saved_agency (path, "删除后");
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
}

static gboolean
run (const char *command)
{
  int status = system (command);

  return status == 0;
}

static char *
mount_tmpfs (const char *options)
{
  g_autofree char *dir = new_path ("mnt");
  g_autofree char *command = NULL;

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  command = g_strdup_printf ("mount -t tmpfs -o %s tmpfs '%s' 2>/dev/null", options, dir);
  if (!run (command))
    {
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

static void
unmount (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("umount '%s'", dir);

  g_assert_true (run (command));
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *command = NULL;
  gboolean mounted = FALSE;

  /* Root writes through permissions: a read-only mount then, else chmod. */
  if (geteuid () == 0)
    {
      dir = mount_tmpfs ("size=1m");
      if (dir == NULL)
        {
          g_test_skip ("root, but cannot mount a tmpfs to make read-only");
          return;
        }
      mounted = TRUE;
    }
  else
    {
      g_autofree char *p = new_path ("ro");

      dir = g_path_get_dirname (p);
    }
  path = g_build_filename (dir, "report.nianbao", NULL);
  autosave = autosave_for_new_file (path, &report);
  draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  before = read_file (path);
  if (mounted)
    command = g_strdup_printf ("mount -o remount,ro '%s'", dir);
  if (mounted)
    g_assert_true (run (command));
  else
    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  nb_report_set_agency (report, "只读");
  wait_for_state (autosave, NB_AUTOSAVE_FAILED);
  g_assert_cmpstr (nb_autosave_get_message (autosave), ==,
                   mounted ? "The folder is read-only"
                           : "You are not allowed to write in this folder");
  after = read_file (path);
  g_assert_cmpstr (before, ==, after);
  assert_saved_agency (draft_path, "只读");
  g_assert_true (nb_report_get_modified (report));

  g_object_unref (g_steal_pointer (&autosave));
  if (mounted)
    unmount (dir);
  else
    g_chmod (dir, 0755);
}

/* Without the right to mount: a process whose files may not grow past
 * 4 KiB (RLIMIT_FSIZE), so the write fails half-way as on a full disk. */
static void
test_disk_full_fsize (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *helper = g_build_filename (g_getenv ("NB_BUILD_DIR"), "tests", "autosave",
                                              "autosave-helper", NULL);
  g_autoptr(NbReport) report = sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = g_strdup_printf ("state %u\n", NB_AUTOSAVE_FAILED);
  const char *argv[] = { helper, "fsize", path, NULL };
  int status;

  g_assert_true (nb_file_save (report, path, &error));
  before = read_file (path);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_nonnull (strstr (out, "modified 1"));
  g_assert_nonnull (strstr (out, "message The file is larger than this disk or account allows"));
  after = read_file (path);
  g_assert_cmpstr (before, ==, after);
}

/* A small tmpfs, filled up: the write fails with ENOSPC half-way. */
static void
test_disk_full (void)
{
  g_autofree char *dir = mount_tmpfs ("size=128k");
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leftovers = NULL;
  g_autoptr(GDir) gdir = NULL;
  char block[4096] = { 0, };
  FILE *f;

  if (dir == NULL)
    {
      /* /autosave/disk-full-fsize covers this case without root. */
      g_test_skip ("cannot mount a small tmpfs here (not root?)");
      return;
    }
  path = g_build_filename (dir, "report.nianbao", NULL);
  autosave = autosave_for_new_file (path, &report);
  draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  before = read_file (path);

  /* Leave less room than one more copy of the report needs. */
  filler = g_build_filename (dir, "filler", NULL);
  f = fopen (filler, "w");
  g_assert_nonnull (f);
  while (fwrite (block, 1, sizeof block, f) == sizeof block && fflush (f) == 0)
    ;
  fclose (f);

  nb_report_set_agency (report, "磁盘已满");
  wait_for_state (autosave, NB_AUTOSAVE_FAILED);
  g_assert_cmpstr (nb_autosave_get_message (autosave), ==, "The disk is full");
  after = read_file (path);
  g_assert_cmpstr (before, ==, after);
  assert_saved_agency (draft_path, "磁盘已满");
  g_assert_true (nb_autosave_get_draft_kept (autosave));
  /* No temporary file left behind to fill the disk further. */
  gdir = g_dir_open (dir, 0, NULL);
  leftovers = g_ptr_array_new_with_free_func (g_free);
  for (const char *name; (name = g_dir_read_name (gdir)) != NULL;)
    g_ptr_array_add (leftovers, g_strdup (name));
  g_assert_cmpuint (leftovers->len, ==, 2);
  g_clear_pointer (&gdir, g_dir_close);

  /* Room again: Retry saves. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (save (autosave, &error));
  g_assert_no_error (error);
  assert_saved_agency (path, "磁盘已满");

  g_object_unref (g_steal_pointer (&autosave));
  unmount (dir);
}

static void
fill (const char *dir)
{
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  char block[4096] = { 0, };
  FILE *f = fopen (filler, "w");

  g_assert_nonnull (f);
  while (fwrite (block, 1, sizeof block, f) == sizeof block && fflush (f) == 0)
    ;
  fclose (f);
}

/* The report's folder and the drafts' folder both full: the work is in
 * no draft, and the autosave says so (the window then offers Save As
 * instead of promising a draft; before, it promised one with drafts/
 * empty). */
static void
test_disk_and_drafts_full (void)
{
  g_autofree char *dir = mount_tmpfs ("size=128k");
  g_autofree char *path = NULL;
  g_autofree char *drafts = NULL;
  g_autofree char *command = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (dir == NULL)
    {
      g_test_skip ("cannot mount a small tmpfs here (not root?)");
      return;
    }
  path = g_build_filename (dir, "report.nianbao", NULL);
  autosave = autosave_for_new_file (path, &report);
  draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  drafts = g_path_get_dirname (draft_path);
  g_assert_cmpint (g_mkdir_with_parents (drafts, 0700), ==, 0);
  command = g_strdup_printf ("mount -t tmpfs -o size=64k tmpfs '%s'", drafts);
  g_assert_true (run (command));
  before = read_file (path);
  fill (dir);
  fill (drafts);

  nb_report_set_agency (report, "两处都满");
  wait_for_state (autosave, NB_AUTOSAVE_FAILED);
  g_test_message ("%s", nb_autosave_get_message (autosave));
  g_assert_nonnull (strstr (nb_autosave_get_message (autosave), "the backup copy failed too"));
  g_assert_false (nb_autosave_get_draft_kept (autosave));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  after = read_file (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (nb_report_get_modified (report));

  g_object_unref (g_steal_pointer (&autosave));
  unmount (drafts);
  unmount (dir);
}

/* A report grown past what a reader accepts is not autosaved (file and
 * draft alike), with a message; the old file stays as it was. */
static void
test_too_large_not_written (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  /* Paragraphs each within their own limit, too many together. */
  g_autofree char *long_text = g_strnfill (NB_FILE_MAX_PARAGRAPH_BYTES, 'x');
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  g_autofree char *before = read_file (path);
  g_autofree char *after = NULL;

  for (guint i = 0; i < NB_FILE_MAX_SIZE / NB_FILE_MAX_PARAGRAPH_BYTES + 1; i++)
    g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, long_text));
  nb_report_set_paragraphs (report, "overview", paragraphs);
  wait_for_state (autosave, NB_AUTOSAVE_FAILED);
  g_assert_nonnull (strstr (nb_autosave_get_message (autosave), "not written"));
  g_assert_false (nb_autosave_get_draft_kept (autosave));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  after = read_file (path);
  g_assert_cmpstr (before, ==, after);
  nb_autosave_discard_draft (autosave);
}

/* A text beyond the loader's limit for one field is not autosaved either:
 * the file could not be opened again. */
static void
test_long_field_not_written (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *field = g_strnfill (NB_FILE_MAX_FIELD_BYTES + 1, 'x');
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autofree char *draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  g_autofree char *before = read_file (path);
  g_autofree char *after = NULL;

  nb_report_set_address (report, field);
  wait_for_state (autosave, NB_AUTOSAVE_FAILED);
  g_assert_nonnull (strstr (nb_autosave_get_message (autosave),
                            "metadata.address: the text is 4097 bytes long; at most 4096"));
  g_assert_false (nb_autosave_get_draft_kept (autosave));
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  after = read_file (path);
  g_assert_cmpstr (before, ==, after);
  nb_autosave_discard_draft (autosave);
}

static void
test_history_limit (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(NbReport) newest = NULL;
  g_autoptr(NbReport) oldest = NULL;

  g_object_set (autosave, "history-limit", 3, NULL);
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *agency = g_strdup_printf ("版本 %d", i);

      nb_report_set_agency (report, agency);
      g_assert_true (flush (autosave, NULL));
    }
  versions = nb_history_list (nb_autosave_get_history_key (autosave));
  g_assert_cmpuint (versions->len, ==, 3);
  oldest = load (((NbHistoryEntry *)g_ptr_array_index (versions, 0))->path);
  newest = load (((NbHistoryEntry *)g_ptr_array_index (versions, 2))->path);
  g_assert_cmpstr (nb_report_get_agency (oldest), ==, "版本 3");
  g_assert_cmpstr (nb_report_get_agency (newest), ==, "版本 5");
  g_assert_true (g_date_time_compare (((NbHistoryEntry *)g_ptr_array_index (versions, 0))->time,
                                      ((NbHistoryEntry *)g_ptr_array_index (versions, 2))->time)
                 < 0);
}

/* Steady typing keeps versions spaced: the newest is replaced until it is
 * far enough from the one before. */
static void
test_history_interval (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(NbReport) newest = NULL;

  g_object_set (autosave, "history-interval", 3600, NULL);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *agency = g_strdup_printf ("间隔 %d", i);

      nb_report_set_agency (report, agency);
      g_assert_true (flush (autosave, NULL));
    }
  versions = nb_history_list (nb_autosave_get_history_key (autosave));
  g_assert_cmpuint (versions->len, ==, 2);
  newest = load (((NbHistoryEntry *)g_ptr_array_index (versions, 1))->path);
  g_assert_cmpstr (nb_report_get_agency (newest), ==, "间隔 4");
}

static char *
serialize_string (NbReport *report)
{
  g_autoptr(GBytes) bytes = nb_file_serialize (report);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Restoring a version: the report becomes that version exactly, as one
 * undoable change, and Undo gives back what was there. */
static void
test_history_restore (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(NbReport) version = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  g_autofree char *undone = NULL;
  NbEdition *edition = nb_report_get_edition (report);
  const NbEditionTable *table = nb_edition_get_table (edition, 1);
  guint cell = 0;
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_from_text ("旧的段落。");

  while (nb_edition_table_get_cell (table, cell)->computed)
    cell++;

  nb_report_begin_user_action (report);
  nb_report_set_agency (report, "旧名称");
  nb_report_set_value (report, table, cell, 12345);
  nb_report_set_paragraphs (report, "overview", paragraphs);
  nb_report_end_user_action (report);
  g_assert_true (flush (autosave, NULL));

  nb_report_begin_user_action (report);
  nb_report_set_agency (report, "新名称");
  nb_report_clear_cell (report, table, cell);
  nb_report_set_phone (report, "110");
  nb_report_end_user_action (report);
  g_assert_true (flush (autosave, NULL));

  versions = nb_history_list (nb_autosave_get_history_key (autosave));
  g_assert_cmpuint (versions->len, ==, 2);
  version = load (((NbHistoryEntry *)g_ptr_array_index (versions, 0))->path);
  wanted = serialize_string (version);
  before = serialize_string (report);
  g_assert_cmpstr (wanted, !=, before);

  /* Agency, phone and the cell; the overview is the same in both. */
  g_assert_cmpuint (nb_history_count_differences (report, version), ==, 3);
  g_assert_true (nb_history_restore (report, version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nb_history_count_differences (report, version), ==, 0);
  now = serialize_string (report);
  g_assert_cmpstr (now, ==, wanted);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_PENDING);

  g_assert_true (nb_report_undo (report));
  undone = serialize_string (report);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (nb_report_redo (report));
  g_clear_pointer (&now, g_free);
  now = serialize_string (report);
  g_assert_cmpstr (now, ==, wanted);
}

static void
test_history_restore_other_edition (void)
{
  const char * const *ids = nb_edition_list_ids ();
  g_autoptr(NbEdition) e0 = nb_edition_lookup (ids[0], NULL);
  g_autoptr(NbEdition) e1 = nb_edition_lookup (ids[1], NULL);
  g_autoptr(NbReport) report = nb_report_new (e0);
  g_autoptr(NbReport) version = nb_report_new (e1);
  g_autoptr(GError) error = NULL;
  guint64 revision = nb_report_get_revision (report);

  nb_report_set_agency (version, "别的版式");
  g_assert_false (nb_history_restore (report, version, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (nb_report_get_revision (report), ==, revision);
}

/* Crash recovery of a report with a file (issue 4): the draft says which
 * version of the file its work was based on, and restoring it writes the
 * file only if the file is still that version. */

static char *
draft_info_value (const char *id,
                  const char *key)
{
  g_autofree char *name = g_strconcat (id, ".ini", NULL);
  g_autofree char *path = g_build_filename (nb_drafts_get_data_dir (), "drafts", name, NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, NULL));
  return g_key_file_get_string (keyfile, "Draft", key, NULL);
}

static NbDraftInfo *
find_orphan (const char *id)
{
  g_autoptr(GPtrArray) drafts = nb_drafts_list_orphans ();

  for (guint i = 0; i < drafts->len; i++)
    {
      NbDraftInfo *info = g_ptr_array_index (drafts, i);

      if (g_str_equal (info->id, id))
        return nb_draft_info_copy (info);
    }
  return NULL;
}

/* A session with the report in path stopped writing it (another program
 * wrote it: a conflict) and kept the work (agency 我的版本) in a draft, then
 * "crashed" (its session ended without removing the draft).  The file is
 * left as it was when the session loaded it, whose bytes are returned. */
static NbDraftInfo *
make_titled_orphan (const char  *path,
                    char       **original_out)
{
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(NbReport) other = sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *original = read_file (path);
  g_autofree char *id = g_strdup (nb_autosave_get_draft_id (autosave));
  NbDraftInfo *info;

  nb_report_set_agency (other, "别的程序");
  g_assert_true (nb_file_save (other, path, &error));
  nb_report_set_agency (report, "我的版本");
  wait_for_state (autosave, NB_AUTOSAVE_CONFLICT);
  g_assert_false (flush (autosave, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_object (&autosave);
  /* The crash: the session's marker goes, its draft stays. */
  nb_drafts_end_session ();
  g_assert_true (g_file_set_contents (path, original, -1, NULL));

  info = find_orphan (id);
  g_assert_nonnull (info);
  *original_out = g_steal_pointer (&original);
  return info;
}

/* What the recovery dialog does: a window with the draft's report. */
static NbAutosave *
restore_draft (NbDraftInfo  *info,
               NbReport    **report_out)
{
  g_autoptr(GFile) file = g_file_new_for_path (info->file_path);
  NbReport *report = load (info->path);
  NbAutosave *autosave;

  g_assert_true (nb_drafts_adopt (info->id, NULL));
  nb_report_set_modified (report, TRUE);
  autosave = nb_autosave_new (report, file);
  nb_autosave_set_delay (autosave, 20);
  nb_autosave_recover (autosave, info->id, info->base);
  *report_out = report;
  return autosave;
}

static void
test_recover_draft_records_base (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *original = NULL;
  g_autoptr(NbDraftInfo) info = make_titled_orphan (path, &original);
  g_autofree char *base = g_compute_checksum_for_string (G_CHECKSUM_SHA256, original, -1);
  g_autoptr(NbReport) back = load (info->path);

  g_assert_cmpstr (info->file_path, ==, path);
  /* The file as the session loaded it, not as the other program left it. */
  g_assert_cmpstr (info->base, ==, base);
  g_assert_cmpstr (nb_report_get_agency (back), ==, "我的版本");
  nb_drafts_remove (info->id);
}

static void
test_recover_changed_file (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *original = NULL;
  g_autoptr(NbDraftInfo) info = make_titled_orphan (path, &original);
  g_autoptr(NbReport) colleague = sample ();
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *kept_base = NULL;
  gboolean flushed;

  /* After the crash, a colleague's copy lands on the file. */
  nb_report_set_agency (colleague, "同事改过");
  g_assert_true (nb_file_save (colleague, path, &error));
  theirs = read_file (path);

  autosave = restore_draft (info, &report);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "我的版本");

  /* Autosave runs, and more typing: the file stays theirs, byte for byte;
   * the work is in the new draft, still based on the old version. */
  flushed = flush (autosave, &error);
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, theirs);
  g_clear_pointer (&on_disk, g_free);
  g_assert_false (flushed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_CONFLICT);
  g_assert_cmpstr (nb_autosave_get_message (autosave), ==,
                   "The file is not the version the recovered work was based on");
  nb_report_set_address (report, "恢复后又改");
  drain_main_context ();
  g_assert_false (flush (autosave, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_CONFLICT);
  /* The message stays the recovery's, not a generic one. */
  g_assert_cmpstr (nb_autosave_get_message (autosave), ==,
                   "The file is not the version the recovered work was based on");
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, theirs);
  draft_path = g_file_get_path (nb_autosave_get_draft_file (autosave));
  assert_saved_address (draft_path, "恢复后又改");
  kept_base = draft_info_value (nb_autosave_get_draft_id (autosave), "base");
  g_assert_cmpstr (kept_base, ==, info->base);
  /* The new draft holds the work: the recovered one went. */
  g_assert_false (g_file_test (info->path, G_FILE_TEST_EXISTS));

  /* Reload: theirs, undoably; still nothing written. */
  g_assert_true (nb_autosave_reload (autosave, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "同事改过");
  g_clear_pointer (&on_disk, g_free);
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, theirs);
  g_assert_true (nb_report_undo (report));
  g_assert_cmpstr (nb_report_get_agency (report), ==, "我的版本");
}

/* Keep mine: the user chooses to write the recovered work over theirs. */
static void
test_recover_changed_file_keep_mine (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *original = NULL;
  g_autoptr(NbDraftInfo) info = make_titled_orphan (path, &original);
  g_autoptr(NbReport) colleague = sample ();
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;

  nb_report_set_agency (colleague, "同事改过");
  g_assert_true (nb_file_save (colleague, path, &error));
  autosave = restore_draft (info, &report);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_CONFLICT);
  g_assert_true (save (autosave, &error));
  g_assert_no_error (error);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_SAVED);
  assert_saved_agency (path, "我的版本");
  g_assert_false (g_file_test (info->path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (g_file_peek_path (nb_autosave_get_draft_file (autosave)),
                               G_FILE_TEST_EXISTS));
}

/* The file as the draft's work left it: restored as before. */
static void
test_recover_unchanged_file (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *original = NULL;
  g_autoptr(NbDraftInfo) info = make_titled_orphan (path, &original);
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;

  autosave = restore_draft (info, &report);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_PENDING);
  g_assert_true (flush (autosave, &error));
  g_assert_no_error (error);
  assert_saved_agency (path, "我的版本");
  g_assert_false (nb_report_get_modified (report));
  g_assert_false (g_file_test (info->path, G_FILE_TEST_EXISTS));
}

/* The file is gone: nothing is created until the user says so. */
static void
test_recover_deleted_file (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *original = NULL;
  g_autoptr(NbDraftInfo) info = make_titled_orphan (path, &original);
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (path), ==, 0);
  autosave = restore_draft (info, &report);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_FAILED);
  g_assert_cmpstr (nb_autosave_get_message (autosave), ==, "The file was deleted or moved");
  g_assert_false (flush (autosave, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_saved_agency (g_file_peek_path (nb_autosave_get_draft_file (autosave)), "我的版本");
  g_assert_false (g_file_test (info->path, G_FILE_TEST_EXISTS));

  /* Retry: the user asks for the file. */
  g_assert_true (save (autosave, &error));
  g_assert_no_error (error);
  assert_saved_agency (path, "我的版本");
}

/* Something that cannot be read where the file was (here a folder, so that
 * it holds for root too): not overwritten, the user chooses. */
static void
test_recover_unreadable_file (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *original = NULL;
  g_autoptr(NbDraftInfo) info = make_titled_orphan (path, &original);
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  autosave = restore_draft (info, &report);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_CONFLICT);
  g_assert_cmpstr (nb_autosave_get_message (autosave), ==,
                   "The file could not be read to compare it with the recovered work");
  g_assert_false (flush (autosave, &error));
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* A draft written before drafts recorded their base: still listed and
 * restored, but the file is not written until the user chooses. */
static void
test_recover_old_draft (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *original = NULL;
  g_autoptr(NbDraftInfo) made = make_titled_orphan (path, &original);
  g_autoptr(NbDraftInfo) info = NULL;
  g_autofree char *ini_name = g_strconcat (made->id, ".ini", NULL);
  g_autofree char *ini_path = g_build_filename (nb_drafts_get_data_dir (), "drafts", ini_name,
                                                NULL);
  g_autofree char *old_ini = g_strdup_printf ("[Draft]\nsession=%s\nfile=%s\ntitle=旧草稿\n",
                                              "00000000-0000-4000-8000-000000000000", path);
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;

  g_assert_true (g_file_set_contents (ini_path, old_ini, -1, NULL));
  info = find_orphan (made->id);
  g_assert_nonnull (info);
  g_assert_null (info->base);
  g_assert_cmpstr (info->file_path, ==, path);
  g_assert_cmpstr (info->title, ==, "旧草稿");

  autosave = restore_draft (info, &report);
  g_assert_cmpint (nb_autosave_get_state (autosave), ==, NB_AUTOSAVE_CONFLICT);
  g_assert_false (flush (autosave, &error));
  g_clear_error (&error);
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, original);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "我的版本");
}

/* Save As: the draft kept while the new file is not written yet says
 * nothing about the old file. */
static void
test_save_as_forgets_base (void)
{
  g_autofree char *path = new_path ("report.nianbao");
  g_autofree char *dir = new_path ("gone");
  g_autofree char *other_path = g_build_filename (dir, "copy.nianbao", NULL);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbAutosave) autosave = autosave_for_new_file (path, &report);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  nb_report_set_agency (report, "另存为");
  g_assert_true (flush (autosave, NULL));
  /* The new file's folder does not exist: the write fails, the draft keeps it. */
  nb_autosave_set_file (autosave, other_file);
  g_assert_false (flush (autosave, &error));
  g_clear_error (&error);
  base = draft_info_value (nb_autosave_get_draft_id (autosave), "base");
  g_assert_null (base);
  nb_autosave_discard_draft (autosave);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  tmpdir = g_dir_make_tmp ("nb-autosave-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/autosave/saves-after-delay", test_saves_after_delay);
  g_test_add_func ("/autosave/throttle", test_throttle);
  g_test_add_func ("/autosave/untitled-draft", test_untitled_draft);
  g_test_add_func ("/autosave/save-as-during-write", test_save_as_during_write);
  g_test_add_func ("/autosave/discard-draft", test_discard_draft);
  g_test_add_func ("/autosave/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/autosave/flush", test_flush);
  g_test_add_func ("/autosave/conflict", test_conflict);
  g_test_add_func ("/autosave/conflict-right-after-write", test_conflict_right_after_write);
  g_test_add_func ("/autosave/conflict-reload", test_conflict_reload);
  g_test_add_func ("/autosave/conflict-without-edits", test_conflict_without_edits);
  g_test_add_func ("/autosave/same-content-is-no-conflict", test_same_content_is_no_conflict);
  g_test_add_func ("/autosave/no-false-conflict", test_no_false_conflict);
  g_test_add_func ("/autosave/deleted-file", test_deleted_file);
  g_test_add_func ("/autosave/read-only-folder", test_read_only_folder);
  g_test_add_func ("/autosave/disk-full", test_disk_full);
  g_test_add_func ("/autosave/disk-and-drafts-full", test_disk_and_drafts_full);
  g_test_add_func ("/autosave/too-large-not-written", test_too_large_not_written);
  g_test_add_func ("/autosave/long-field-not-written", test_long_field_not_written);
  g_test_add_func ("/autosave/disk-full-fsize", test_disk_full_fsize);
  g_test_add_func ("/autosave/history-limit", test_history_limit);
  g_test_add_func ("/autosave/history-interval", test_history_interval);
  g_test_add_func ("/autosave/history-restore", test_history_restore);
  g_test_add_func ("/autosave/history-prune", test_history_prune);
  g_test_add_func ("/autosave/history-restore-other-edition", test_history_restore_other_edition);
  /* These end the session (a crash) to make orphans: last. */
  g_test_add_func ("/autosave/recover-draft-records-base", test_recover_draft_records_base);
  g_test_add_func ("/autosave/recover-changed-file", test_recover_changed_file);
  g_test_add_func ("/autosave/recover-changed-file-keep-mine", test_recover_changed_file_keep_mine);
  g_test_add_func ("/autosave/recover-unchanged-file", test_recover_unchanged_file);
  g_test_add_func ("/autosave/recover-deleted-file", test_recover_deleted_file);
  g_test_add_func ("/autosave/recover-unreadable-file", test_recover_unreadable_file);
  g_test_add_func ("/autosave/recover-old-draft", test_recover_old_draft);
  g_test_add_func ("/autosave/save-as-forgets-base", test_save_as_forgets_base);

  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

      run (command);
    }
  return status;
}
