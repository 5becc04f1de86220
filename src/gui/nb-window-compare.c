/* nb-window-compare.c: win.compare, this report against last year's
 *
 * Kept out of nb-window.c: the editor window only installs the action.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-compare"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-compare-window.h"
#include "nb-file.h"
#include "nb-window-private.h"

GtkWindow *
_nb_window_compare_with_file (NbWindow  *window,
                              GFile     *previous,
                              GError   **error)
{
  g_autofree char *path = NULL;
  g_autoptr(NbReport) old_report = NULL;
  g_autoptr(NbCompare) compare = NULL;
  NbCompareWindow *compare_window;

  g_return_val_if_fail (NB_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_FILE (previous), NULL);

  path = g_file_get_path (previous);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only local files can be opened"));
      return NULL;
    }
  old_report = nb_file_load (path, error);
  if (old_report == NULL)
    return NULL;

  compare = nb_compare_new (old_report, nb_window_get_report (window));
  compare_window = nb_compare_window_new (compare);
  gtk_window_set_transient_for (GTK_WINDOW (compare_window), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (compare_window));
  return GTK_WINDOW (compare_window);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        NbWindow        *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (file != NULL && _nb_window_compare_with_file (window, file, &error) == NULL)
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (window);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  GFile *file = nb_window_get_file (window);

  chooser = gtk_file_chooser_native_new (_("Choose Last Year’s Report"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Nianbao Reports"));
  gtk_file_filter_add_suffix (filter, "nianbao");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  /* Last year's report usually sits next to this year's. */
  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_nb_window_class_compare_init (NbWindowClass *klass)
{
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "win.compare", NULL, compare_action);
}
