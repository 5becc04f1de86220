/* test-publish-window.c: publication day in the editor window (issue 19)
 *
 * The deadline in the subtitle with a fixed "today" (nb_publish_set_today),
 * "Copy for Website" read back from the clipboard, and "Mark as Published…" through
 * its dialog: the date recorded, the version frozen under its digest, then
 * "changed since publication" after an edit and the compare view on the
 * two versions; the published version found again after the file is
 * renamed and moved, and by path for a file marked before the digest was
 * recorded.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "nb-compare-window.h"
#include "nb-export.h"
#include "nb-file.h"
#include "nb-history.h"
#include "nb-publish.h"
#include "nb-test-wait.h"
#include "nb-test-window.h"
#include "nb-window-private.h"
#include "nb-window.h"

static char *data_home;

/* The window works as of @iso, as `nianbao --today` makes it. */
static void
set_today (const char *iso)
{
  GDate today;

  g_assert_true (nb_publish_parse_iso (iso, &today));
  nb_publish_set_today (&today);
}

static AdwWindowTitle *
find_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget))
    return ADW_WINDOW_TITLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwWindowTitle *found = find_title (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
subtitle (NbWindow *window)
{
  AdwWindowTitle *title = find_title (GTK_WIDGET (window));

  g_assert_nonnull (title);
  return adw_window_title_get_subtitle (title);
}

static NbWindow *
new_window (NbReport *report,
            GFile    *file)
{
  NbWindow *window = nb_window_new (NULL, report, file);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  nb_test_wait_events ();
  return window;
}

static void
close_window (NbWindow *window,
              NbReport *report)
{
  nb_report_set_modified (report, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  nb_test_wait_events ();
}

static void
test_deadline_subtitle (void)
{
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  g_autoptr(NbReport) report = nb_report_new (edition);
  NbWindow *window;

  set_today ("2024-01-20");
  nb_report_set_agency (report, "测试局");
  nb_report_set_year (report, 2023);
  nb_report_forget_history (report);
  window = new_window (report, NULL);

  /* No level: nothing about a deadline. */
  g_assert_null (strstr (subtitle (window), "Due"));
  nb_report_set_level (report, NB_AGENCY_LEVEL_DEPARTMENT);
  g_assert_nonnull (strstr (subtitle (window), "Due by 31 January 2024: 11 days left"));
  nb_report_set_level (report, NB_AGENCY_LEVEL_GOVERNMENT);
  g_assert_nonnull (strstr (subtitle (window), "Due by 31 March 2024"));
  g_assert_null (strstr (subtitle (window), "left"));
  /* Undo takes the level back, and the subtitle follows. */
  g_assert_true (nb_report_undo (report));
  g_assert_nonnull (strstr (subtitle (window), "11 days left"));
  set_today ("2024-02-02");
  nb_report_set_phone (report, "1");
  g_assert_nonnull (strstr (subtitle (window), "Was due by 31 January 2024: 2 days overdue"));

  close_window (window, report);
  nb_publish_set_today (NULL);
}

typedef struct
{
  GBytes   *bytes;
  gboolean  done;
} Read;

static void
on_spliced_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Read *read = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  g_assert_no_error (error);
  read->bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  read->done = TRUE;
}

/* The content provider writes from this main loop: splice asynchronously. */
static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result,
                                                             NULL, &error);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_spliced_cb, user_data);
}

static gboolean
read_done (gpointer data)
{
  return ((Read *)data)->done;
}

static GBytes *
read_clipboard (GtkWidget  *widget,
                const char *mime_type)
{
  const char *types[] = { mime_type, NULL };
  Read read = { NULL, FALSE };

  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), types, G_PRIORITY_DEFAULT, NULL,
                            on_read_cb, &read);
  nb_test_wait_until (read_done (&read), "the clipboard was read");
  return read.bytes;
}

static void
test_copy_for_website (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(GBytes) expected_html = NULL;
  g_autoptr(GBytes) expected_text = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) text = NULL;
  GdkContentFormats *formats;
  NbWindow *window;

  g_assert_no_error (error);
  window = new_window (report, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-for-website", NULL));
  formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (GTK_WIDGET (window)));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/html"));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"));

  expected_html = nb_export_html_fragment (report, &error);
  g_assert_no_error (error);
  expected_text = nb_export_txt (report, &error);
  g_assert_no_error (error);
  html = read_clipboard (GTK_WIDGET (window), "text/html");
  text = read_clipboard (GTK_WIDGET (window), "text/plain;charset=utf-8");
  g_assert_true (g_bytes_equal (html, expected_html));
  g_assert_true (g_bytes_equal (text, expected_text));
  /* The body only, styled inline. */
  g_assert_null (g_strstr_len (g_bytes_get_data (html, NULL), g_bytes_get_size (html), "<style"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (html, NULL), g_bytes_get_size (html),
                                  "<article lang=\"zh-CN\" style="));

  close_window (window, report);
}

static gboolean
dialog_shown (gpointer data)
{
  return nb_test_find_window (ADW_TYPE_MESSAGE_DIALOG, NULL) != NULL;
}

static gboolean
subtitle_says_published (gpointer data)
{
  return strstr (subtitle (data), "Published on 25 January 2024") != NULL;
}

static void
test_mark_published (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nianbao-publish-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(NbReport) reopened = NULL;
  g_autoptr(NbReport) frozen = NULL;
  g_autofree char *frozen_path = NULL;
  g_autofree char *frozen_sha256 = NULL;
  g_autoptr(GBytes) frozen_bytes = NULL;
  const NbEditionTable *t3;
  AdwMessageDialog *dialog;
  NbCompareWindow *compare = NULL;
  GtkEditable *entry;
  NbWindow *window;

  g_assert_no_error (error);
  set_today ("2024-01-25");
  nb_report_set_level (report, NB_AGENCY_LEVEL_DEPARTMENT);
  window = new_window (report, NULL);
  g_assert_true (nb_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  /* Nothing published yet: nothing to compare with. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-published", NULL);
  nb_test_wait_events ();
  g_assert_null (nb_test_find_window (NB_TYPE_COMPARE_WINDOW, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-published", NULL));
  nb_test_wait_until (dialog_shown (NULL), "the Mark as Published dialog showed");
  dialog = ADW_MESSAGE_DIALOG (nb_test_find_window (ADW_TYPE_MESSAGE_DIALOG, NULL));
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  /* Today is offered. */
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "2024-01-25");
  adw_message_dialog_response (dialog, "publish");
  nb_test_wait_until (subtitle_says_published (window),
                      "the subtitle said the report was published");
  g_assert_null (strstr (subtitle (window), "changed since publication"));
  g_assert_cmpstr (nb_report_get_published (report), ==, "2024-01-25");

  /* Frozen under the digest of its bytes, which the report records; the
   * date and the digest are in the file once saved. */
  g_assert_nonnull (nb_report_get_published_sha256 (report));
  frozen_path = nb_published_dup_path (nb_report_get_published_sha256 (report));
  g_assert_nonnull (frozen_path);
  frozen_bytes = nb_file_read_regular (frozen_path, NB_FILE_MAX_SIZE, NULL, &error);
  g_assert_no_error (error);
  frozen_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, frozen_bytes);
  g_assert_cmpstr (frozen_sha256, ==, nb_report_get_published_sha256 (report));
  frozen = nb_file_load (frozen_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_published (frozen), ==, "2024-01-25");
  g_assert_true (nb_window_save_to_file (window, file, &error));
  reopened = nb_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_published (reopened), ==, "2024-01-25");
  g_assert_cmpstr (nb_report_get_published_sha256 (reopened), ==, frozen_sha256);
  g_assert_cmpint (nb_report_get_level (reopened), ==, NB_AGENCY_LEVEL_DEPARTMENT);

  /* A later edit: the subtitle says so, and the compare view shows it. */
  t3 = nb_edition_find_table (nb_report_get_edition (report), "t3");
  nb_report_set_value (report, t3, nb_test_find_cell (t3, "granted", "natural"), 5);
  g_assert_nonnull (strstr (subtitle (window), "changed since publication"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-published", NULL));
  compare = NB_COMPARE_WINDOW (nb_test_wait_window (NB_TYPE_COMPARE_WINDOW, NULL, "the compare view"));
  g_assert_cmpuint (nb_compare_window_count_shown (compare, FALSE), >, 0);
  gtk_window_destroy (GTK_WINDOW (compare));

  /* Undoing the edit: the report is the published version again. */
  g_assert_true (nb_report_undo (report));
  g_assert_null (strstr (subtitle (window), "changed since publication"));
  /* Undoing the mark: not published, nothing to compare with. */
  g_assert_true (nb_report_undo (report));
  g_assert_null (nb_report_get_published (report));
  g_assert_null (nb_report_get_published_sha256 (report));
  g_assert_null (strstr (subtitle (window), "Published"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-published", NULL);
  nb_test_wait_events ();
  compare = NULL;
  g_assert_null (nb_test_find_window (NB_TYPE_COMPARE_WINDOW, NULL));

  close_window (window, report);
  nb_publish_set_today (NULL);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
subtitle_says_changed (gpointer data)
{
  return strstr (subtitle (data), "changed since publication") != NULL;
}

/* Edits @report and checks that the window on it finds the published
 * version: "changed since publication", and the compare view opens. */
static void
assert_finds_published (NbReport *report,
                        GFile    *file)
{
  const NbEditionTable *t3 = nb_edition_find_table (nb_report_get_edition (report), "t3");
  NbCompareWindow *compare = NULL;
  NbWindow *window = new_window (report, file);

  g_assert_nonnull (strstr (subtitle (window), "Published on 25 January 2024"));
  g_assert_null (strstr (subtitle (window), "changed since publication"));
  nb_report_set_value (report, t3, nb_test_find_cell (t3, "granted", "natural"), 5);
  nb_test_wait_until (subtitle_says_changed (window),
                      "the subtitle said the report changed since publication");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-published", NULL));
  compare = NB_COMPARE_WINDOW (nb_test_wait_window (NB_TYPE_COMPARE_WINDOW, NULL, "the compare view"));
  g_assert_cmpuint (nb_compare_window_count_shown (compare, FALSE), >, 0);
  gtk_window_destroy (GTK_WINDOW (compare));
  close_window (window, report);
}

/* The published version travels with the report: marked, saved, then the
 * file renamed into another folder and opened from there. */
static void
test_published_survives_move (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nianbao-publish-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.nianbao", NULL);
  g_autofree char *moved_dir = g_build_filename (dir, "website", NULL);
  g_autofree char *moved_path = g_build_filename (moved_dir, "年报（已发布）.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) moved = g_file_new_for_path (moved_path);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(NbReport) reopened = NULL;
  NbWindow *window;

  g_assert_no_error (error);
  set_today ("2024-01-25");
  window = new_window (report, NULL);
  g_assert_true (nb_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (_nb_window_publish_mark (window, "2024-01-25", &error));
  g_assert_no_error (error);
  g_assert_true (nb_window_save_to_file (window, file, &error));
  g_assert_no_error (error);
  close_window (window, report);

  g_assert_cmpint (g_mkdir (moved_dir, 0700), ==, 0);
  g_assert_cmpint (g_rename (path, moved_path), ==, 0);
  reopened = nb_file_load (moved_path, &error);
  g_assert_no_error (error);
  assert_finds_published (reopened, moved);

  nb_publish_set_today (NULL);
  g_unlink (moved_path);
  g_rmdir (moved_dir);
  g_rmdir (dir);
}

/* A file marked published before the digest was recorded: its frozen copy
 * is still found by the file's path. */
static void
test_published_by_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nianbao-publish-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(NbReport) reopened = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *key = NULL;

  g_assert_no_error (error);
  set_today ("2024-01-25");
  nb_report_set_published (report, "2024-01-25");
  bytes = nb_file_serialize (report);
  g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "published_sha256"));
  g_assert_true (nb_file_write_bytes (path, bytes, &error));
  g_assert_no_error (error);
  key = nb_history_key_for_file (file);
  g_assert_true (nb_history_set_published (key, bytes, &error));
  g_assert_no_error (error);

  reopened = nb_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_null (nb_report_get_published_sha256 (reopened));
  assert_finds_published (reopened, file);

  nb_publish_set_today (NULL);
  g_unlink (path);
  g_rmdir (dir);
}

static GtkCheckButton *
find_stamp_check (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget)
      && g_str_has_prefix (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) ?: "",
                           "Stamp the publication date"))
    return GTK_CHECK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkCheckButton *found = find_stamp_check (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens the Export file chooser for @format from the window and returns
 * its stamp check box, or NULL when the chooser makes no such offer; the
 * chooser is cancelled. */
static char *
stamp_offer (NbWindow   *window,
             const char *format)
{
  GtkFileChooser *chooser;
  GtkCheckButton *check;
  char *offer = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", format));
  chooser = GTK_FILE_CHOOSER (nb_test_wait_window (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL, "the Export file chooser"));
  check = find_stamp_check (GTK_WIDGET (chooser));
  if (check != NULL)
    offer = g_strdup_printf ("%s %s", gtk_check_button_get_active (check) ? "[x]" : "[ ]",
                             gtk_check_button_get_label (check));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  nb_test_wait_until (nb_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL) == NULL, "the Export file chooser closed");
  return offer;
}

/* The window's exports offer to stamp the publication date, as the
 * command line's --stamp-published: on by default once published, for
 * every format with text; not for a CSV, not before publication.  (What
 * the stamp does to each format: test-deadline.py, through the same
 * nb_export_to_file_full and nb_export_dup_stamped.) */
static void
test_export_offers_stamp (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autofree char *before = NULL;
  g_autofree char *csv = NULL;
  NbWindow *window;

  g_assert_no_error (error);
  nb_report_forget_history (report);
  window = new_window (report, NULL);

  before = stamp_offer (window, "pdf");
  g_assert_null (before);
  nb_report_set_published (report, "2024-01-25");
  for (const char *const *format = (const char *const[]){ "pdf", "ofd", "html", "docx", "txt",
                                                          "summary-image", NULL };
       *format != NULL; format++)
    {
      g_autofree char *offer = stamp_offer (window, *format);

      g_assert_cmpstr (offer, ==, "[x] Stamp the publication date (“本报告于2024年1月25日公开发布”)");
    }
  csv = stamp_offer (window, "csv");
  g_assert_null (csv);

  close_window (window, report);
}

int
main (int   argc,
      char *argv[])
{
  data_home = g_dir_make_tmp ("nianbao-ui-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The tests' edits stay out of their files. */
  nb_test_set_autosave (FALSE);

  g_test_add_func ("/publish/deadline-subtitle", test_deadline_subtitle);
  g_test_add_func ("/publish/copy-for-website", test_copy_for_website);
  g_test_add_func ("/publish/mark-published", test_mark_published);
  g_test_add_func ("/publish/survives-move", test_published_survives_move);
  g_test_add_func ("/publish/by-path", test_published_by_path);
  g_test_add_func ("/publish/export-offers-stamp", test_export_offers_stamp);
  return g_test_run ();
}
