/* test-autosave-ui.c: the 历史版本 dialog restores a version as one
 * undoable change; after a killed session the app offers its draft at
 * start and restoring it opens the edits in a window. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kill-edit.h"
#include "nb-application.h"
#include "nb-autosave.h"
#include "nb-drafts.h"
#include "nb-file.h"
#include "nb-history-dialog.h"
#include "nb-history.h"
#include "nb-recovery-dialog.h"
#include "nb-test-wait.h"
#include "nb-window.h"

static char *tmpdir;
static NbApplication *app;

static NbApplication *
get_app (void)
{
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return app;
  app = nb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN
                                                | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  return app;
}

/* Destroys a window the test opened and asserts that nothing kept it. */
static void
close_window (gpointer window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  nb_test_assert_finalize (window);
}

static void
flush_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_assert_true (nb_autosave_flush_finish (NB_AUTOSAVE (source), result, NULL));
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

static char *
serialize_string (NbReport *report)
{
  g_autoptr(GBytes) bytes = nb_file_serialize (report);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_history_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) base = nb_file_load_sample (&error);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autofree char *path = g_build_filename (tmpdir, "history.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbAutosave) autosave = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *now = NULL;
  GtkWidget *dialog;

  g_assert_true (nb_file_save (report, path, &error));
  autosave = nb_autosave_new (report, file);
  g_object_set (autosave, "history-interval", 0, NULL);
  for (int i = 1; i <= 3; i++)
    {
      kill_edit_apply (report, base, i);
      flush (autosave);
      if (i == 1)
        first = serialize_string (report);
    }
  last = serialize_string (report);

  dialog = nb_history_dialog_new (NULL, report, nb_autosave_get_history_key (autosave));
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  nb_test_wait_drawn (dialog);
  g_assert_cmpuint (nb_history_dialog_get_n_versions (NB_HISTORY_DIALOG (dialog)), ==, 3);

  /* Newest first: the oldest is the third. */
  g_assert_true (nb_history_dialog_restore (NB_HISTORY_DIALOG (dialog), 2, &error));
  g_assert_no_error (error);
  now = serialize_string (report);
  g_assert_cmpstr (now, ==, first);
  g_assert_true (nb_report_undo (report));
  g_clear_pointer (&now, g_free);
  now = serialize_string (report);
  g_assert_cmpstr (now, ==, last);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
test_history_dialog_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  GtkWidget *dialog = nb_history_dialog_new (NULL, report, "never-saved");

  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  nb_test_wait_drawn (dialog);
  g_assert_cmpuint (nb_history_dialog_get_n_versions (NB_HISTORY_DIALOG (dialog)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

/* A session killed with an untitled report: at the next start the app
 * offers its draft, and restoring it opens those edits. */
static void
test_recovery_at_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = g_build_filename (g_getenv ("NB_BUILD_DIR"), "tests", "autosave",
                                              "autosave-helper", NULL);
  const char *argv[] = { helper, "draft", NULL };
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *draft_path = NULL;
  NbRecoveryDialog *dialog;
  GtkWindow *window = NULL;
  NbReport *report;
  GList *windows;
  NbAutosave *autosave;

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "saved "));
  draft_path = nb_drafts_get_draft_path (line + strlen ("saved "));
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);

  get_app ();
  dialog = NB_RECOVERY_DIALOG (nb_test_wait_window (NB_TYPE_RECOVERY_DIALOG, NULL,
                                                    "the app's offer of the draft at start"));
  g_assert_cmpuint (nb_recovery_dialog_get_n_drafts (dialog), ==, 1);
  g_assert_true (nb_recovery_dialog_restore (dialog, 0, &error));
  g_assert_no_error (error);
  /* The last draft handled: the dialog goes. */
  nb_test_wait_until (nb_test_find_window (NB_TYPE_RECOVERY_DIALOG, NULL) == NULL,
                      "the recovery dialog went once its last draft was restored");

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    if (NB_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);
  report = nb_window_get_report (NB_WINDOW (window));
  g_assert_cmpint (kill_edit_number (report), ==, 4711);
  g_assert_null (nb_window_get_file (NB_WINDOW (window)));

  /* The old draft goes once the new window's autosave has the work; with
   * no autosave it stays, to be offered again rather than lost. */
  autosave = nb_window_get_autosave (NB_WINDOW (window));
  if (autosave != NULL)
    {
      g_autoptr(GPtrArray) versions = nb_history_list (nb_autosave_get_history_key (autosave));

      /* The helper's version came along. */
      g_assert_cmpuint (versions->len, >=, 1);

      nb_test_wait_until (!g_file_test (draft_path, G_FILE_TEST_EXISTS),
                          "the recovered draft %s was removed once the window's autosave had the work",
                          draft_path);
      g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_test (g_file_peek_path (nb_autosave_get_draft_file (autosave)),
                                  G_FILE_TEST_EXISTS));
    }
  else
    {
      g_test_message ("the window has no autosave yet: the recovered draft is kept");
      g_assert_true (g_file_test (draft_path, G_FILE_TEST_EXISTS));
    }

  /* The restored draft is not offered again while this session runs. */
  {
    g_autoptr(GPtrArray) drafts = nb_drafts_list_orphans ();

    for (guint i = 0; i < drafts->len; i++)
      g_assert_cmpstr (((NbDraftInfo *)g_ptr_array_index (drafts, i))->path, !=, draft_path);
  }

  close_window (window);
}

/* Discard: the draft goes for good, and the dialog with it. */
static void
test_recovery_discard (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = g_build_filename (g_getenv ("NB_BUILD_DIR"), "tests", "autosave",
                                              "autosave-helper", NULL);
  const char *argv[] = { helper, "draft", NULL };
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *draft_path = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  GtkWidget *dialog;
  guint n = G_MAXUINT;

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  draft_path = nb_drafts_get_draft_path (line + strlen ("saved "));
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);

  drafts = nb_drafts_list_orphans ();
  for (guint i = 0; i < drafts->len; i++)
    if (g_str_equal (((NbDraftInfo *)g_ptr_array_index (drafts, i))->path, draft_path))
      n = i;
  g_assert_cmpuint (n, !=, G_MAXUINT);

  dialog = nb_recovery_dialog_new (GTK_APPLICATION (get_app ()), NULL, drafts);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  nb_test_wait_drawn (dialog);
  g_assert_cmpuint (nb_recovery_dialog_get_n_drafts (NB_RECOVERY_DIALOG (dialog)), ==, drafts->len);
  nb_recovery_dialog_discard (NB_RECOVERY_DIALOG (dialog), n);
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (nb_recovery_dialog_get_n_drafts (NB_RECOVERY_DIALOG (dialog)), ==,
                    drafts->len - 1);
  if (drafts->len == 1)
    g_assert_false (gtk_widget_get_visible (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  nb_test_assert_finalize (dialog);
}

static void
wait_state (NbAutosave      *autosave,
            NbAutosaveState  state)
{
  nb_test_wait_until (nb_autosave_get_state (autosave) == state && !nb_autosave_get_busy (autosave),
                      "the autosave reached state %d, not busy (it is in %d%s)", state,
                      nb_autosave_get_state (autosave),
                      nb_autosave_get_busy (autosave) ? ", busy" : "");
}

static gboolean
shown_button (GtkWidget  *widget,
              const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    {
      GtkWidget *revealer = gtk_widget_get_ancestor (widget, GTK_TYPE_REVEALER);

      return revealer == NULL || gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shown_button (child, label))
      return TRUE;
  return FALSE;
}

/* The banner's revealer shows the button (it is revealed, not animated in
 * a given time). */
static void
wait_shown_button (GtkWindow  *window,
                   const char *label)
{
  nb_test_wait_until (shown_button (GTK_WIDGET (window), label), "the window showed the %s button",
                      label);
}

/* In a window: another program writes the file, autosave stops, the banner
 * offers Reload, and win.reload takes their version; win.history lists the
 * versions. */
static void
test_window_reload_and_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "window.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(NbReport) other = nb_file_load_sample (&error);
  GtkWindow *window;
  NbAutosave *autosave;
  NbHistoryDialog *history = NULL;

  g_assert_true (nb_file_save (report, path, &error));
  window = nb_application_open_report (get_app (), report, file);
  autosave = nb_window_get_autosave (NB_WINDOW (window));
  /* Every report window autosaves (autosave is on unless the user turns it off). */
  g_assert_nonnull (autosave);
  nb_autosave_set_delay (autosave, 20);
  nb_report_set_agency (report, "窗口里的我");
  wait_state (autosave, NB_AUTOSAVE_SAVED);

  nb_report_set_agency (other, "别的程序");
  g_assert_true (nb_file_save (other, path, &error));
  nb_report_set_agency (report, "又改了");
  wait_state (autosave, NB_AUTOSAVE_CONFLICT);
  wait_shown_button (window, "Re_load");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  wait_state (autosave, NB_AUTOSAVE_SAVED);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "别的程序");
  g_assert_true (nb_report_get_can_undo (report));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  history = NB_HISTORY_DIALOG (nb_test_wait_window (NB_TYPE_HISTORY_DIALOG, NULL, "the 历史版本 dialog"));
  g_assert_cmpuint (nb_history_dialog_get_n_versions (history), >=, 1);
  close_window (history);
  close_window (window);
}

static gboolean
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  /* Shown: visible, and not in a revealer that hides it. */
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    {
      GtkWidget *revealer = gtk_widget_get_ancestor (widget, GTK_TYPE_REVEALER);

      return revealer == NULL || gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label_containing (child, text))
      return TRUE;
  return FALSE;
}

/* A write that fails shows why in the window, and the work is kept. */
static void
test_window_shows_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmpdir, "ro", NULL);
  g_autofree char *path = g_build_filename (dir, "report.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *command = NULL;
  g_autoptr(NbReport) kept = NULL;
  GtkWindow *window;
  NbAutosave *autosave;
  const char *expected;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (geteuid () == 0)
    {
      command = g_strdup_printf ("mount -t tmpfs -o size=1m tmpfs '%s' 2>/dev/null", dir);
      if (system (command) != 0)
        {
          g_test_skip ("root, but cannot mount a tmpfs to make read-only");
          return;
        }
      expected = "The folder is read-only";
    }
  else
    expected = "You are not allowed to write in this folder";

  g_assert_true (nb_file_save (report, path, &error));
  g_file_get_contents (path, &before, NULL, NULL);
  window = nb_application_open_report (get_app (), report, file);
  autosave = nb_window_get_autosave (NB_WINDOW (window));
  g_assert_nonnull (autosave);
  nb_autosave_set_delay (autosave, 20);
  g_clear_pointer (&command, g_free);
  if (geteuid () == 0)
    {
      command = g_strdup_printf ("mount -o remount,ro '%s'", dir);
      g_assert_cmpint (system (command), ==, 0);
    }
  else
    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  nb_report_set_agency (report, "写不进去");
  wait_state (autosave, NB_AUTOSAVE_FAILED);
  nb_test_wait_until (find_label_containing (GTK_WIDGET (window), expected),
                      "the window showed “%s”", expected);
  /* Reload is for a file changed by others, not for a failed write. */
  g_assert_false (shown_button (GTK_WIDGET (window), "Re_load"));
  g_assert_true (shown_button (GTK_WIDGET (window), "_Retry"));
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
  kept = nb_file_load (g_file_peek_path (nb_autosave_get_draft_file (autosave)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (kept), ==, "写不进去");

  close_window (window);
  g_clear_pointer (&command, g_free);
  if (geteuid () == 0)
    {
      command = g_strdup_printf ("umount '%s'", dir);
      g_assert_cmpint (system (command), ==, 0);
    }
  else
    g_chmod (dir, 0755);
}

/* Crash recovery of a report with a file (issue 4).  A killed helper
 * session left a draft of FILE (agency 编辑局 4711) based on FILE as it was
 * (the helper also wrote FILE as another program, agency 别的程序).  What
 * FILE holds at restore decides what restoring may do to it. */

typedef enum
{
  FILE_AS_BASE,     /* put back as the draft's work was based on it */
  FILE_CHANGED,     /* a colleague's copy landed on it after the crash */
  FILE_DELETED,
} FileAfterCrash;

typedef struct
{
  char        *path;
  char        *base_bytes;  /* FILE as the helper loaded it */
  char        *on_disk;     /* FILE as it is at restore (NULL: deleted) */
  NbDraftInfo *info;
} Crashed;

static void
crashed_free (Crashed *crashed)
{
  g_free (crashed->path);
  g_free (crashed->base_bytes);
  g_free (crashed->on_disk);
  g_clear_pointer (&crashed->info, nb_draft_info_free);
  g_free (crashed);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Crashed, crashed_free)

static Crashed *
crash_with_titled_draft (const char     *name,
                         FileAfterCrash  after)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = g_build_filename (g_getenv ("NB_BUILD_DIR"), "tests", "autosave",
                                              "autosave-helper", NULL);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  Crashed *crashed = g_new0 (Crashed, 1);

  crashed->path = g_build_filename (tmpdir, name, NULL);
  g_assert_true (nb_file_save (report, crashed->path, &error));
  g_assert_true (g_file_get_contents (crashed->path, &crashed->base_bytes, NULL, NULL));

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, "titled",
                              crashed->path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "saved "));
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  switch (after)
    {
    case FILE_AS_BASE:
      g_assert_true (g_file_set_contents (crashed->path, crashed->base_bytes, -1, NULL));
      break;
    case FILE_CHANGED:
      {
        g_autoptr(NbReport) colleague = nb_file_load_sample (&error);

        nb_report_set_agency (colleague, "同事改过");
        g_assert_true (nb_file_save (colleague, crashed->path, &error));
      }
      break;
    case FILE_DELETED:
      g_assert_cmpint (g_unlink (crashed->path), ==, 0);
      break;
    default:
      g_assert_not_reached ();
    }
  if (after != FILE_DELETED)
    g_assert_true (g_file_get_contents (crashed->path, &crashed->on_disk, NULL, NULL));

  drafts = nb_drafts_list_orphans ();
  for (guint i = 0; i < drafts->len; i++)
    {
      NbDraftInfo *info = g_ptr_array_index (drafts, i);

      if (g_str_equal (info->id, line + strlen ("saved ")))
        crashed->info = nb_draft_info_copy (info);
    }
  g_assert_nonnull (crashed->info);
  g_assert_cmpstr (crashed->info->file_path, ==, crashed->path);
  g_assert_nonnull (crashed->info->base);
  return crashed;
}

/* Restore in the recovery dialog: returns the window the report is in. */
static NbWindow *
restore_in_dialog (Crashed *crashed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_draft_info_free);
  g_autoptr(GFile) file = g_file_new_for_path (crashed->path);
  GtkWidget *dialog;
  NbWindow *window = NULL;

  g_ptr_array_add (drafts, nb_draft_info_copy (crashed->info));
  dialog = nb_recovery_dialog_new (GTK_APPLICATION (get_app ()), NULL, drafts);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  nb_test_wait_drawn (dialog);
  g_assert_true (nb_recovery_dialog_restore (NB_RECOVERY_DIALOG (dialog), 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nb_recovery_dialog_get_n_drafts (NB_RECOVERY_DIALOG (dialog)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  nb_test_assert_finalize (dialog);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (get_app ())); l != NULL;
       l = l->next)
    if (NB_IS_WINDOW (l->data) && nb_window_get_file (l->data) != NULL
        && g_file_equal (nb_window_get_file (l->data), file))
      window = l->data;
  g_assert_nonnull (window);
  return window;
}

static void
flush_quietly_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  nb_autosave_flush_finish (NB_AUTOSAVE (source), result, NULL);
  *(gboolean *)user_data = TRUE;
}

/* Whatever autosave would write now, it has written (or refused to). */
static void
flush_quietly (NbAutosave *autosave)
{
  gboolean done = FALSE;

  nb_autosave_flush_async (autosave, NULL, flush_quietly_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The restored window holds the crashed work; its autosave, once it has
 * tried to write it. */
static NbAutosave *
flush_restored (NbWindow *window)
{
  NbReport *report = nb_window_get_report (window);
  NbAutosave *autosave = nb_window_get_autosave (window);

  g_assert_cmpint (kill_edit_number (report), ==, 4711);
  /* Every report window autosaves (autosave is on unless the user turns it off). */
  g_assert_nonnull (autosave);
  nb_autosave_set_delay (autosave, 20);
  flush_quietly (autosave);
  return autosave;
}

static void
assert_file_is (const char *path,
                const char *expected)
{
  g_autofree char *data = NULL;

  if (expected == NULL)
    {
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      return;
    }
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  /* Byte for byte (not printed: a whole report). */
  g_assert_true (g_str_equal (data, expected));
}

/* Changed after the crash: the window opens with the recovered work in the
 * Conflict state, and nothing is written over the colleague's file. */
static void
test_recovery_file_changed (void)
{
  g_autoptr(Crashed) crashed = crash_with_titled_draft ("changed.nianbao", FILE_CHANGED);
  NbWindow *window = restore_in_dialog (crashed);
  NbReport *report = nb_window_get_report (window);
  NbAutosave *autosave = flush_restored (window);

  assert_file_is (crashed->path, crashed->on_disk);
  wait_state (autosave, NB_AUTOSAVE_CONFLICT);
  wait_shown_button (GTK_WINDOW (window), "Re_load");
  g_assert_true (shown_button (GTK_WIDGET (window), "_Retry"));
  g_assert_true (find_label_containing (GTK_WIDGET (window), "recovered work"));
  /* The work is kept: in the new draft; the recovered one went. */
  g_assert_false (g_file_test (crashed->info->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (g_file_peek_path (nb_autosave_get_draft_file (autosave)),
                              G_FILE_TEST_EXISTS));

  /* More typing changes nothing on disk. */
  nb_report_set_address (report, "恢复之后");
  flush_quietly (autosave);
  assert_file_is (crashed->path, crashed->on_disk);
  wait_state (autosave, NB_AUTOSAVE_CONFLICT);

  /* Reload takes the colleague's version; Undo brings the work back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  wait_state (autosave, NB_AUTOSAVE_SAVED);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "同事改过");
  assert_file_is (crashed->path, crashed->on_disk);
  g_assert_true (nb_report_undo (report));
  g_assert_cmpint (kill_edit_number (report), ==, 4711);

  nb_autosave_discard_draft (autosave);
  close_window (window);
}

/* The file as the work left it: restored into it, as before. */
static void
test_recovery_file_unchanged (void)
{
  g_autoptr(Crashed) crashed = crash_with_titled_draft ("unchanged.nianbao", FILE_AS_BASE);
  NbWindow *window = restore_in_dialog (crashed);
  NbReport *report = nb_window_get_report (window);
  NbAutosave *autosave = nb_window_get_autosave (window);
  g_autoptr(NbReport) back = NULL;
  g_autoptr(GError) error = NULL;

  /* Every report window autosaves (autosave is on unless the user turns it off). */
  g_assert_nonnull (autosave);
  nb_autosave_set_delay (autosave, 20);
  wait_state (autosave, NB_AUTOSAVE_SAVED);
  back = nb_file_load (crashed->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kill_edit_number (back), ==, 4711);
  g_assert_false (nb_report_get_modified (report));
  g_assert_false (shown_button (GTK_WIDGET (window), "Re_load"));
  g_assert_false (g_file_test (crashed->info->path, G_FILE_TEST_EXISTS));

  close_window (window);
}

/* The file is gone: the work opens in a window, Retry or Save As, and no
 * file is created meanwhile. */
static void
test_recovery_file_deleted (void)
{
  g_autoptr(Crashed) crashed = crash_with_titled_draft ("deleted.nianbao", FILE_DELETED);
  NbWindow *window = restore_in_dialog (crashed);
  NbAutosave *autosave = flush_restored (window);

  assert_file_is (crashed->path, NULL);
  wait_state (autosave, NB_AUTOSAVE_FAILED);
  nb_test_wait_until (find_label_containing (GTK_WIDGET (window), "The file was deleted or moved"),
                      "the window said that the file was deleted or moved");
  g_assert_false (shown_button (GTK_WIDGET (window), "Re_load"));
  g_assert_true (shown_button (GTK_WIDGET (window), "_Retry"));
  g_assert_true (shown_button (GTK_WIDGET (window), "Save _As…"));

  nb_autosave_discard_draft (autosave);
  close_window (window);
}

/* The file is open in a window already (the colleague's version): the work
 * goes into that window, undoably, and is not written over the file. */
static void
test_recovery_into_open_window (void)
{
  g_autoptr(Crashed) crashed = crash_with_titled_draft ("open.nianbao", FILE_CHANGED);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (crashed->path);
  g_autoptr(NbReport) opened = nb_file_load (crashed->path, &error);
  GtkWindow *open_window;
  NbWindow *window;
  NbAutosave *autosave;

  g_assert_no_error (error);
  open_window = nb_application_open_report (get_app (), opened, file);
  autosave = nb_window_get_autosave (NB_WINDOW (open_window));
  /* Every report window autosaves (autosave is on unless the user turns it off). */
  g_assert_nonnull (autosave);
  nb_autosave_set_delay (autosave, 20);
  nb_test_wait_drawn (GTK_WIDGET (open_window));

  window = restore_in_dialog (crashed);
  g_assert_true (GTK_WINDOW (window) == open_window);
  g_assert_cmpint (kill_edit_number (opened), ==, 4711);
  flush_quietly (autosave);
  assert_file_is (crashed->path, crashed->on_disk);
  wait_state (autosave, NB_AUTOSAVE_CONFLICT);
  wait_shown_button (GTK_WINDOW (window), "Re_load");
  /* One undoable change: Undo shows the file's version again. */
  g_assert_true (nb_report_undo (opened));
  g_assert_cmpstr (nb_report_get_agency (opened), ==, "同事改过");

  nb_autosave_discard_draft (autosave);
  close_window (open_window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  tmpdir = g_dir_make_tmp ("nb-autosave-ui-XXXXXX", NULL);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/autosave-ui/history-dialog", test_history_dialog);
  g_test_add_func ("/autosave-ui/history-dialog-empty", test_history_dialog_empty);
  g_test_add_func ("/autosave-ui/recovery-at-start", test_recovery_at_start);
  g_test_add_func ("/autosave-ui/recovery-discard", test_recovery_discard);
  g_test_add_func ("/autosave-ui/window-reload-and-history", test_window_reload_and_history);
  g_test_add_func ("/autosave-ui/window-shows-failure", test_window_shows_failure);
  g_test_add_func ("/autosave-ui/recovery-file-changed", test_recovery_file_changed);
  g_test_add_func ("/autosave-ui/recovery-file-unchanged", test_recovery_file_unchanged);
  g_test_add_func ("/autosave-ui/recovery-file-deleted", test_recovery_file_deleted);
  g_test_add_func ("/autosave-ui/recovery-into-open-window", test_recovery_into_open_window);

  status = g_test_run ();
  if (app != NULL)
    g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  if (status == 0)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

      if (system (command) != 0)
        g_printerr ("could not remove %s\n", tmpdir);
    }
  return status;
}
