/* test-review-window.c: the Review window and the app's merge, under Xvfb
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "nb-application.h"
#include "nb-batch-actions.h"
#include "nb-compare-window.h"
#include "nb-file.h"
#include "nb-merge.h"
#include "nb-review-item.h"
#include "nb-review-window.h"
#include "nb-test-wait.h"
#include "nb-window.h"
#include "nb-test-window.h"
#include "nb-window-private.h"

static char *tmpdir;
static NbApplication *app; /* one per process: a second could not register */

static char *
save_sample (const char *name,
             const char *agency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_no_error (error);
  g_mkdir_with_parents (dir, 0755);
  nb_report_set_agency (report, agency);
  g_assert_true (nb_file_save (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static NbReviewItem *
item_at (NbReviewWindow *window,
         guint           position)
{
  return g_list_model_get_item (nb_review_window_get_model (window), position);
}

static void
test_review (void)
{
  g_autofree char *ok = save_sample ("review/a-ok.nianbao", "乙局");
  g_autofree char *nested = save_sample ("review/sub/b-nested.nianbao", "甲局");
  g_autofree char *no_agency = save_sample ("review/c-no-agency.nianbao", "");
  g_autofree char *broken = g_build_filename (tmpdir, "review", "d-broken.nianbao", NULL);
  g_autofree char *ignored = g_build_filename (tmpdir, "review", "notes.txt", NULL);
  g_autofree char *folder_path = g_build_filename (tmpdir, "review", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  NbReviewWindow *window;

  /* clang counts a cleanup variable that is only set as unused */
  g_assert_nonnull (ok);
  g_assert_nonnull (nested);
  GtkWindow *editor;
  g_autoptr(NbReviewItem) first = NULL;
  g_autoptr(NbReviewItem) second = NULL;
  g_autoptr(NbReviewItem) by_agency = NULL;
  NbChecksPanel *checks;

  g_assert_true (g_file_set_contents (broken, "{\"format\": \"nianbao\", ", -1, NULL));
  g_assert_true (g_file_set_contents (ignored, "not a report", -1, NULL));

  /* A recovery dialog from other tests' drafts must not get in the way. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    gtk_widget_set_visible (l->data, FALSE);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "review"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "review-folder"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "merge"));

  window = nb_review_window_new (GTK_APPLICATION (app));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_present (GTK_WINDOW (window));
  nb_review_window_load_folder (window, folder);
  g_assert_true (nb_review_window_get_loading (window));
  nb_test_wait_until (!nb_review_window_get_loading (window), "the Review window loaded the folder");

  /* Four reports, subfolder included, the text file left out; problems first. */
  g_assert_cmpuint (g_list_model_get_n_items (nb_review_window_get_model (window)), ==, 4);
  first = item_at (window, 0);
  second = item_at (window, 1);
  g_assert_false (nb_review_item_get_readable (first));
  g_assert_cmpstr (nb_review_item_get_name (first), ==, "d-broken.nianbao");
  g_assert_cmpstr (nb_review_item_get_name (second), ==, "c-no-agency.nianbao");
  g_assert_cmpuint (nb_review_item_get_errors (second), >=, 1);

  /* Filter: only the reports with errors (the unreadable one counts). */
  nb_review_window_set_errors_only (window, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (nb_review_window_get_model (window)), ==, 2);
  nb_review_window_set_errors_only (window, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (nb_review_window_get_model (window)), ==, 4);

  /* Sorted by agency: "" < 甲局 < 乙局 in code point order is not assumed;
   * the nested 甲局 report must come before 乙局 either way of collation. */
  nb_review_window_sort_by (window, "name", GTK_SORT_ASCENDING);
  by_agency = item_at (window, 0);
  g_assert_cmpstr (nb_review_item_get_name (by_agency), ==, "a-ok.nianbao");
  g_clear_object (&by_agency);
  nb_review_window_sort_by (window, "errors", GTK_SORT_DESCENDING);
  by_agency = item_at (window, 0);
  g_assert_cmpstr (nb_review_item_get_name (by_agency), ==, "c-no-agency.nianbao");

  /* Opening a report with errors shows it at its first finding. */
  editor = nb_review_window_open_item (window, 0);
  g_assert_true (NB_IS_WINDOW (editor));
  nb_test_wait_drawn (GTK_WIDGET (editor));
  {
    g_autoptr(GFile) expected = g_file_new_for_path (no_agency);

    g_assert_true (g_file_equal (nb_window_get_file (NB_WINDOW (editor)), expected));
  }
  checks = nb_test_window_get_checks_panel (NB_WINDOW (editor));
  nb_test_wait_until (nb_checks_panel_get_shown (checks, 0) != NULL,
                      "the checks panel of the opened report listed its findings");
  g_assert_nonnull (nb_checks_panel_get_shown (checks, 0));
  g_assert_cmpstr (nb_test_window_get_visible_section (NB_WINDOW (editor)), ==,
                   nb_checks_panel_section_of (checks, nb_checks_panel_get_shown (checks, 0)));

  /* An unreadable file opens no editor. */
  nb_review_window_sort_by (window, "status", GTK_SORT_DESCENDING);
  g_assert_null (nb_review_window_open_item (window, 0));

  for (GList *l = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app))), *k = l; k;
       k = k->next)
    {
      gtk_window_destroy (k->data);
      if (k->next == NULL)
        g_list_free (l);
    }
  nb_test_wait_until (window == NULL, "the Review window was finalized once destroyed");
}

static void
append_path (GListStore *files,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_list_store_append (files, file);
}

static void
test_merge_files (void)
{
  g_autofree char *a = save_sample ("merge/a.nianbao", "甲局");
  g_autofree char *b = save_sample ("merge/b.nianbao", "乙局");
  g_autofree char *twin = save_sample ("merge/twin.nianbao", "乙局");
  g_autofree char *out_path = g_build_filename (tmpdir, "merge", "summary.nianbao", NULL);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(NbReport) refused = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (NULL);
  g_autoptr(GError) error = NULL;
  const NbEditionTable *t2 = nb_edition_find_table (nb_report_get_edition (sample), "t2");
  guint penalty = (guint)nb_edition_table_find_cell (t2, "penalty", "decisions");
  gboolean forgivable = TRUE;

  append_path (files, a);
  append_path (files, b);
  /* The output among the sources is skipped, not added to itself. */
  g_list_store_append (files, output);

  summary = nb_batch_merge_files (G_LIST_MODEL (files), output, FALSE, &forgivable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_false (forgivable);
  g_assert_cmpint (nb_report_get_value (summary, t2, penalty), ==,
                   2 * nb_report_get_value (sample, t2, penalty));
  g_assert_cmpuint (g_strv_length ((char **)nb_report_get_sources (summary)), ==, 2);

  append_path (files, twin);
  refused = nb_batch_merge_files (G_LIST_MODEL (files), output, FALSE, &forgivable, &error);
  g_assert_null (refused);
  g_assert_true (forgivable);
  g_assert_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "twin.nianbao"));
}

static void
test_compare_window (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_path = save_sample ("compare/2022.nianbao", "甲局");
  g_autofree char *new_path = g_build_filename (tmpdir, "compare", "2023.nianbao", NULL);
  g_autofree char *missing_path = g_build_filename (tmpdir, "compare", "missing.nianbao", NULL);
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  const NbEditionTable *t2 = nb_edition_find_table (nb_report_get_edition (report), "t2");
  GtkWindow *editor;
  GtkWindow *compare_window;
  NbCompare *compare;
  guint n_changed, n_all;

  /* This year: one more penalty decision, and section 五 left as last year's. */
  nb_report_set_agency (report, "甲局");
  nb_report_set_year (report, 2023);
  nb_report_set_value (report, t2, (guint)nb_edition_table_find_cell (t2, "penalty", "decisions"), 68);
  g_assert_true (nb_file_save (report, new_path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GFile) new_file = g_file_new_for_path (new_path);

    nb_application_open_file (app, new_file);
  }
  editor = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (NB_IS_WINDOW (l->data))
      editor = l->data;
  g_assert_nonnull (editor);

  /* The editor window offers the comparison (the primary menu's entry). */
  {
    GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (editor);
    const char *name = NULL, *property = NULL;
    const GVariantType *parameter = NULL;
    GType owner;
    gboolean found = FALSE;

    /* GTK 4.8 fills every out argument: none may be NULL. */
    for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter, &property);
         i++)
      found |= g_str_equal (name, "win.compare");
    g_assert_true (found);
  }

  g_assert_null (_nb_window_compare_with_file (NB_WINDOW (editor), missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  compare_window = _nb_window_compare_with_file (NB_WINDOW (editor), old_file, &error);
  g_assert_no_error (error);
  g_assert_true (NB_IS_COMPARE_WINDOW (compare_window));
  g_assert_true (gtk_window_get_transient_for (compare_window) == editor);
  nb_test_wait_drawn (GTK_WIDGET (compare_window));
  compare = nb_compare_window_get_compare (NB_COMPARE_WINDOW (compare_window));
  g_assert_cmpint (nb_report_get_year (nb_compare_get_old (compare)), ==, 2022);
  g_assert_true (nb_compare_get_new (compare) == nb_window_get_report (NB_WINDOW (editor)));
  {
    g_autofree char *warning = nb_compare_dup_copied_warning (compare);

    g_assert_nonnull (warning);
  }

  /* Only the change is shown at first, and it is highlighted. */
  n_changed = nb_compare_window_count_shown (NB_COMPARE_WINDOW (compare_window), FALSE);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (nb_compare_window_count_shown (NB_COMPARE_WINDOW (compare_window), TRUE), ==, 1);
  nb_compare_window_set_changed_only (NB_COMPARE_WINDOW (compare_window), FALSE);
  n_all = nb_compare_window_count_shown (NB_COMPARE_WINDOW (compare_window), FALSE);
  g_assert_cmpuint (n_all, ==, nb_compare_get_n_rows (compare));

  for (GList *l = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app))), *k = l; k;
       k = k->next)
    {
      gtk_window_destroy (k->data);
      if (k->next == NULL)
        g_list_free (l);
    }
  if (GTK_IS_WINDOW (compare_window))
    gtk_window_destroy (compare_window);
  nb_test_wait_until (g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0,
                      "every window was gone");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  tmpdir = g_dir_make_tmp ("nb-review-XXXXXX", NULL);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = nb_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/review/window", test_review);
  g_test_add_func ("/review/merge-files", test_merge_files);
  g_test_add_func ("/review/compare-window", test_compare_window);
  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  if (status == 0)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", tmpdir);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }
  return status;
}
