/* test-print-dialog.c: the GUI print path under Xvfb: the print dialog
 * prints to a file, settings are remembered, errors ask first, the preview
 * pages and zooms.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

#include "nb-file.h"
#include "nb-print.h"
#include "nb-fonts.h"
#include "nb-print-preview.h"
#include "nb-test-wait.h"
#include "nb-window.h"

static GtkWindow *
wait_for_window (GType       type,
                 const char *what)
{
  return nb_test_wait_window (type, NULL, what);
}

static gboolean
setting_is_set (GSettings  *settings,
                const char *key)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, key);

  return g_variant_n_children (value) > 0;
}

static NbReport *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_file_load_sample (&error);

  g_assert_no_error (error);
  return report;
}

static gboolean
file_is_complete_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL) || length < 1000)
    return FALSE;
  return memcmp (data, "%PDF-", 5) == 0 && g_strrstr_len (data + length - 32, 32, "%%EOF") != NULL;
}

/* The real print dialog, its "Print to File" printer, OK: the report's pages
 * land in the PDF, and the settings are kept for the next print. */
static void
test_print_dialog_to_file (void)
{
  g_autoptr(NbReport) report = load_sample ();
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nianbao-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkWidget *parent = g_object_ref (gtk_window_new ());
  GtkWindow *dialog;
  GtkPrinter *printer = NULL;

  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  g_settings_set_value (gsettings, "print-settings", gtk_print_settings_to_gvariant (settings));
  g_settings_reset (gsettings, "page-setup");

  gtk_window_present (GTK_WINDOW (parent));
  nb_print_report (GTK_WINDOW (parent), report);
  dialog = wait_for_window (GTK_TYPE_PRINT_UNIX_DIALOG, "the print dialog");

  /* The printer list fills in asynchronously. */
  nb_test_wait_until ((printer = gtk_print_unix_dialog_get_selected_printer (
                         GTK_PRINT_UNIX_DIALOG (dialog))) != NULL,
                      "the print dialog selected a printer");
  g_assert_cmpstr (gtk_printer_get_name (printer), ==, "Print to File");

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);

  nb_test_wait_until (file_is_complete_pdf (path), "the printed PDF %s was written whole", path);
  /* The settings are kept once the job is done. */
  nb_test_wait_until (setting_is_set (gsettings, "page-setup"),
                      "the paper printed on was saved as the page setup");

  /* Every page of the report, on A4. */
  {
    g_autoptr(NbRender) render = nb_render_new (report, NULL);
    const char *argv[] = { "pdfinfo", path, NULL };
    g_autofree char *out = NULL;
    g_autoptr(GError) error = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                                 NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (out, "Pages:"));
    g_assert_cmpuint (g_ascii_strtoull (strstr (out, "Pages:") + 6, NULL, 10), ==,
                      nb_render_get_n_pages (render));
    g_assert_nonnull (strstr (out, "(A4)"));
  }

  /* Remembered: the next print starts from these settings. */
  saved = g_settings_get_value (gsettings, "print-settings");
  g_assert_cmpuint (g_variant_n_children (saved), >, 0);
  {
    g_autoptr(GtkPrintSettings) again = gtk_print_settings_new_from_gvariant (saved);

    g_assert_cmpstr (gtk_print_settings_get (again, GTK_PRINT_SETTINGS_OUTPUT_URI), ==, uri);
  }
  /* The paper printed on becomes the page setup the preview starts from. */
  {
    g_autoptr(GVariant) setup_value = g_settings_get_value (gsettings, "page-setup");
    g_autoptr(GtkPageSetup) setup = NULL;

    g_assert_cmpuint (g_variant_n_children (setup_value), >, 0);
    setup = gtk_page_setup_new_from_gvariant (setup_value);
    g_assert_nonnull (setup);
    g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (setup)), ==,
                     GTK_PAPER_NAME_A4);
  }

  gtk_window_destroy (GTK_WINDOW (parent));
  nb_test_assert_finalize (parent);
  g_unlink (path);
  g_rmdir (dir);
}

/* A report with check errors: the errors are listed, and Cancel prints
 * nothing. */
static void
test_print_asks_on_errors (void)
{
  g_autoptr(NbReport) report = load_sample ();
  NbEdition *edition = nb_report_get_edition (report);
  const NbEditionTable *t3 = nb_edition_find_table (edition, "t3");
  int cell = nb_edition_table_find_cell (t3, "new", "natural");
  GtkWidget *parent = g_object_ref (gtk_window_new ());
  GtkWindow *dialog;
  GListModel *toplevels;
  const char *body;

  g_assert_cmpint (cell, >=, 0);
  /* 一 + 二 no longer equals 三 + 四. */
  nb_report_set_stated (report, t3, cell, NB_CELL_VALUE, 5, NULL);

  gtk_window_present (GTK_WINDOW (parent));
  nb_print_report (GTK_WINDOW (parent), report);
  dialog = g_object_ref (wait_for_window (ADW_TYPE_MESSAGE_DIALOG, "the confirmation"));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "•"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "print"));
  /* As the Cancel button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_close (dialog);
  nb_test_assert_finalize (dialog);
  nb_test_wait_events ();

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      g_assert_false (GTK_IS_PRINT_UNIX_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)));
    }
  gtk_window_destroy (GTK_WINDOW (parent));
  nb_test_assert_finalize (parent);
}

/* Page Setup… in the window's menu: the dialog starts from the saved page
 * setup, and what it answers is saved for the preview and the next print. */
static void
test_page_setup_from_window (void)
{
  g_autoptr(NbReport) report = load_sample ();
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(GtkPageSetup) a5 = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (GTK_PAPER_NAME_A5);
  g_autoptr(GtkPageSetup) saved = NULL;
  g_autoptr(GVariant) value = NULL;
  NbWindow *window = g_object_ref (nb_window_new (NULL, report, NULL));
  GtkWindow *dialog;

  /* Portrait: GTK 4.8's dialog shows a landscape page setup as portrait. */
  gtk_page_setup_set_paper_size_and_default_margins (a5, paper);
  g_settings_set_value (gsettings, "page-setup", gtk_page_setup_to_gvariant (a5));
  g_settings_reset (gsettings, "print-settings");

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page-setup", NULL));
  dialog = wait_for_window (GTK_TYPE_PAGE_SETUP_UNIX_DIALOG, "the page setup dialog");
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (
                     gtk_page_setup_unix_dialog_get_page_setup (GTK_PAGE_SETUP_UNIX_DIALOG (dialog)))),
                   ==, GTK_PAPER_NAME_A5);

  /* The dialog's answer replaces the saved setup. */
  g_settings_reset (gsettings, "page-setup");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  nb_test_wait_until (setting_is_set (gsettings, "page-setup"),
                      "the page setup dialog's answer was saved");
  value = g_settings_get_value (gsettings, "page-setup");
  saved = gtk_page_setup_new_from_gvariant (value);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (saved)), ==,
                   GTK_PAPER_NAME_A5);
  gtk_window_destroy (GTK_WINDOW (window));
  nb_test_assert_finalize (window);
}

/* A visible preferences row whose title contains @text, under @widget. */
static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *text)
{
  if (!gtk_widget_is_visible (widget))
    return NULL;
  if (ADW_IS_PREFERENCES_ROW (widget)
      && strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A visible label under @widget whose text contains @text. */
static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (!gtk_widget_is_visible (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
page_starts_with (NbPrintPreview *preview,
                  const char     *text)
{
  g_autofree char *first = nb_render_dup_page_text (nb_print_preview_get_render (preview), 0);

  return g_str_has_prefix (first, text);
}

/* The preview: pages from the renderer, next page, zoom, options. */
static void
test_preview (void)
{
  g_autoptr(NbReport) report = load_sample ();
  GtkWidget *parent = g_object_ref (gtk_window_new ());
  NbPrintPreview *preview;
  guint n_portrait;

  gtk_window_present (GTK_WINDOW (parent));
  gtk_window_present (GTK_WINDOW (nb_print_preview_new (GTK_WINDOW (parent), report)));
  preview = NB_PRINT_PREVIEW (g_object_ref (wait_for_window (NB_TYPE_PRINT_PREVIEW, "the preview")));
  nb_test_wait_drawn (GTK_WIDGET (preview));

  n_portrait = nb_render_get_n_pages (nb_print_preview_get_render (preview));
  g_assert_cmpuint (n_portrait, >=, 5);
  g_assert_cmpuint (nb_print_preview_get_page (preview), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.next-page", NULL);
  g_assert_cmpuint (nb_print_preview_get_page (preview), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.previous-page", NULL);
  g_assert_cmpuint (nb_print_preview_get_page (preview), ==, 0);
  nb_print_preview_set_page (preview, 1000);
  g_assert_cmpuint (nb_print_preview_get_page (preview), ==, n_portrait - 1);

  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-in", NULL);
  g_assert_cmpfloat (nb_print_preview_get_zoom (preview), >, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.zoom-out", NULL);
  g_assert_cmpfloat (nb_print_preview_get_zoom (preview), <, 1.0);

  /* A larger line pitch lays the report out on more pages. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_double (settings, "print-line-pitch", 38.0);
    nb_test_wait_until (nb_render_get_n_pages (nb_print_preview_get_render (preview)) > n_portrait,
                        "the preview laid the report out on more pages with a larger line pitch");
    g_settings_set_double (settings, "print-line-pitch", 28.9);
    g_settings_set_boolean (settings, "print-landscape-tables", TRUE);
    nb_test_wait_until (nb_render_get_options (nb_print_preview_get_render (preview))->landscape_tables,
                        "the preview took up the landscape-tables setting");
    g_settings_set_boolean (settings, "print-landscape-tables", FALSE);
  }

  /* The official fonts that are missing are named over the font list,
   * each with its substitute, and how to get them (issue 18). */
  {
    g_autofree char *notice = nb_fonts_dup_missing_notice ();
    GtkWidget *label = find_label_containing (GTK_WIDGET (preview), "~/.local/share/fonts");

    if (notice == NULL)
      g_assert_null (label);
    else
      {
        g_assert_nonnull (label);
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, notice);
        g_assert_nonnull (strstr (notice, "is not installed: printed in"));
      }
  }

  /* An edit shows in the preview. */
  nb_report_set_agency (report, "测试局");
  nb_test_wait_until (page_starts_with (preview, "测试局"), "the preview showed the new agency");
  {
    g_autofree char *first = nb_render_dup_page_text (nb_print_preview_get_render (preview), 0);

    g_assert_true (g_str_has_prefix (first, "测试局2022年政府信息公开工作年度报告"));
  }

  /* A character no font has is listed beside the pages, and the list goes
   * once the text is fixed. */
  g_assert_null (find_row_titled (GTK_WIDGET (preview), "U+0378"));
  {
    g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_paragraph_free);
    GtkWidget *row;

    g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, "未知字符\xcd\xb8在此"));
    nb_report_set_paragraphs (report, "other", paragraphs);
    nb_test_wait_until ((row = find_row_titled (GTK_WIDGET (preview), "U+0378")) != NULL,
                        "the preview listed U+0378 as a character without a font");
    g_assert_true (gtk_widget_is_visible (row));
    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "未知字符□在此"));

    g_ptr_array_set_size (paragraphs, 0);
    g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, "无。"));
    nb_report_set_paragraphs (report, "other", paragraphs);
    nb_test_wait_until (find_row_titled (GTK_WIDGET (preview), "U+0378") == NULL,
                        "the preview dropped U+0378 from its list once the text was fixed");
  }

  gtk_window_destroy (GTK_WINDOW (preview));
  gtk_window_destroy (GTK_WINDOW (parent));
  nb_test_assert_finalize (preview);
  nb_test_assert_finalize (parent);
}

static void
skip_no_display (void)
{
  g_test_skip ("no display: the ui suite runs under xvfb-run");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/print/no-display", skip_no_display);
      return g_test_run ();
    }
  adw_init ();

  g_test_add_func ("/print/dialog-to-file", test_print_dialog_to_file);
  g_test_add_func ("/print/asks-on-errors", test_print_asks_on_errors);
  g_test_add_func ("/print/preview", test_preview);
  g_test_add_func ("/print/page-setup-from-window", test_page_setup_from_window);
  return g_test_run ();
}
