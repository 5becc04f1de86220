/* test-close-no-draft.c: closing when nothing could be kept (issue 20)
 *
 * The report's folder is gone and the data folder cannot hold drafts (its
 * place is taken by a file), so neither the save nor the draft can be
 * written.  The banner and then closing must say that the changes exist
 * only in the window and offer Save As, never "kept in a draft" (the false
 * promise the probe found on a full disk).
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "nb-file.h"
#include "nb-test-wait.h"
#include "nb-test-window.h"
#include "nb-window.h"

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
failure_shown (gpointer data)
{
  return find_dialog ("The Report Could Not Be Saved") != NULL;
}

static gboolean
banner_shown (gpointer data)
{
  return nb_test_find_label (data, "could not be saved") != NULL;
}

static gboolean
window_gone (gpointer data)
{
  return *(NbWindow **)data == NULL;
}

static void
test_close_without_draft (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nianbao-close-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  g_autoptr(NbReport) report = nb_report_new (edition);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *label;
  const char *body;
  NbWindow *window;

  nb_report_set_agency (report, "甲市统计局");
  g_assert_true (nb_file_save (report, path, &error));
  g_assert_no_error (error);
  window = nb_window_new (NULL, report, file);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_present (GTK_WINDOW (window));
  nb_test_wait_events ();

  /* The folder disappears (an unplugged stick): nothing can be written there. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  nb_report_set_agency (report, "乙市统计局");

  /* The autosave fails first: its banner promises no draft either. */
  nb_test_wait_until (banner_shown (window), "the banner said the changes could not be saved");
  label = nb_test_find_label (GTK_WIDGET (window), "could not be saved");
  body = gtk_label_get_text (GTK_LABEL (label));
  g_test_message ("banner: %s", body);
  g_assert_nonnull (strstr (body, "no copy could be written"));
  g_assert_nonnull (strstr (body, "Save As"));
  g_assert_null (strstr (body, "kept in a draft"));

  gtk_window_close (GTK_WINDOW (window));
  nb_test_wait_until (failure_shown (NULL), "closing said the report could not be saved");

  dialog = find_dialog ("The Report Could Not Be Saved");
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("close dialog: %s", body);
  g_assert_nonnull (strstr (body, "No copy of your changes could be written"));
  g_assert_nonnull (strstr (body, "Save As"));
  g_assert_null (strstr (body, "kept in a draft"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "close"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_nonnull (window);

  adw_message_dialog_response (dialog, "close");
  nb_test_wait_until (window_gone (&window), "Close Anyway closed the window");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("nianbao-ui-data-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (data_home, "nianbao", NULL);
  int ret;

  /* A file where the data folder should be: no draft can be written. */
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/close/without-draft", test_close_without_draft);
  ret = g_test_run ();
  g_unlink (blocker);
  g_rmdir (data_home);
  return ret;
}
