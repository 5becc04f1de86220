/* test-import-dialog.c: the import report before the report opens, app.import
 * and win.new-next-year (run under Xvfb, suite ui)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "export-test-util.h"
#include "nb-application.h"
#include "nb-file.h"
#include "nb-import-dialog.h"
#include "nb-import.h"
#include "nb-last-year-window.h"
#include "nb-test-wait.h"
#include "nb-test-window.h"
#include "nb-window.h"

static NbApplication *application;

static NbWindow *
window_for (NbReport *report)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
    if (NB_IS_WINDOW (l->data) && nb_window_get_report (l->data) == report)
      return l->data;
  return NULL;
}

static NbWindow *
window_for_year (int year)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
    if (NB_IS_WINDOW (l->data) && nb_report_get_year (nb_window_get_report (l->data)) == year)
      return l->data;
  return NULL;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      n++;
    else
      n += count_rows (child);
  return n;
}

static void
test_dialog_lists_findings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  /* Two defects: a row of table 2 with a value too many, and an unknown row. */
  const char *defects[][2] = {
    { "行政处罚\t67\t\t", "行政处罚\t67\t5\t" },
    { "行政强制\t", "行政征收\t3\t\t\n行政强制\t" },
  };
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *dialog;
  NbWindow *window;

  g_assert_no_error (error);
  text = export_test_text (sample, defects, G_N_ELEMENTS (defects));
  report = nb_import_data (text->str, text->len, NB_IMPORT_FORMAT_TEXT, &findings, &summary, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 2);

  dialog = g_object_ref (nb_import_dialog_new (GTK_APPLICATION (application), NULL, "report.txt", report,
                                              summary, findings));
  gtk_window_present (GTK_WINDOW (dialog));
  nb_test_wait_drawn (dialog);
  g_assert_cmpuint (nb_import_dialog_get_n_findings (NB_IMPORT_DIALOG (dialog)), ==, 2);
  g_assert_cmpuint (count_rows (dialog), ==, 2);
  /* Nothing opens before the user says so. */
  g_assert_null (window_for (report));

  g_assert_true (gtk_widget_activate_action (dialog, "import.open", NULL));
  nb_test_wait_until ((window = window_for (report)) != NULL, "the imported report opened in a window");
  g_assert_null (nb_window_get_file (window));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  if (gtk_widget_get_realized (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
  nb_test_assert_finalize (window);
  nb_test_assert_finalize (dialog);
}

static void
test_app_action (void)
{
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "import"));
}

static void
test_next_year_action (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = nb_file_load_sample (&error);
  GtkWindow *window;
  NbWindow *next;

  g_assert_no_error (error);
  window = g_object_ref (nb_application_open_report (application, sample, NULL));
  nb_test_wait_drawn (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-next-year", NULL));
  nb_test_wait_until ((next = window_for_year (2023)) != NULL, "next year's report opened in a window");
  g_object_ref (next);
  g_assert_nonnull (nb_report_get_reference (nb_window_get_report (next)));
  g_assert_cmpstr (nb_report_get_agency (nb_window_get_report (next)), ==, "漯河回族区城市管理局");
  /* Last year's text opens beside it: every text section, under its
   * heading, with last year's paragraphs. */
  {
    GtkWindow *last_year = NULL;
    NbEdition *edition = nb_report_get_edition (sample);
    guint n_text = 0;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
      if (gtk_window_get_transient_for (l->data) == GTK_WINDOW (next)
          && strstr (gtk_window_get_title (l->data), "2022") != NULL)
        last_year = l->data;
    g_assert_true (NB_IS_LAST_YEAR_WINDOW (last_year));
    for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
      {
        const NbEditionSection *section = nb_edition_get_section (edition, i);
        GPtrArray *paragraphs = nb_report_get_paragraphs (sample, section->id);

        if (section->table_id != NULL)
          continue;
        n_text++;
        g_assert_true (has_label (GTK_WIDGET (last_year), section->heading));
        if (paragraphs->len > 0)
          {
            g_autofree char *first = nb_paragraph_dup_text (g_ptr_array_index (paragraphs, 0));

            g_assert_true (has_label (GTK_WIDGET (last_year), first));
          }
      }
    g_assert_cmpuint (n_text, >, 0);
  }
  gtk_window_destroy (GTK_WINDOW (next));
  gtk_window_destroy (window);
  nb_test_assert_finalize (next);
  nb_test_assert_finalize (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("nianbao-import-ui-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The tests' edits stay out of their files. */
  nb_test_set_autosave (FALSE);

  application = nb_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, NULL));
  g_application_hold (G_APPLICATION (application));

  g_test_add_func ("/import-dialog/findings", test_dialog_lists_findings);
  g_test_add_func ("/import-dialog/app-action", test_app_action);
  g_test_add_func ("/import-dialog/next-year-action", test_next_year_action);
  status = g_test_run ();
  g_application_release (G_APPLICATION (application));
  return status;
}
