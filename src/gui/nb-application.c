/* nb-application.c
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-application.h"
#include "nb-batch-actions.h"
#include "nb-cli.h"
#include "nb-drafts.h"
#include "nb-file.h"
#include "nb-import-dialog.h"
#include "nb-recovery-dialog.h"
#include "nb-new-report-dialog.h"
#include "nb-print.h"
#include "nb-window.h"

struct _NbApplication
{
  AdwApplication  parent_instance;

  NbCliOptions    options;
};

G_DEFINE_FINAL_TYPE (NbApplication, nb_application, ADW_TYPE_APPLICATION)

static NbReport *
new_empty_report (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Reports are written in January about the year before. */
  int year = g_date_time_get_year (now) - 1;
  g_autoptr(NbEdition) edition = nb_edition_lookup (nb_edition_id_for_year (year), NULL);
  NbReport *report = nb_report_new (edition);

  nb_report_set_year (report, year);
  nb_report_forget_history (report);
  return report;
}

GtkWindow *
nb_application_open_report (NbApplication *self,
                            NbReport      *report,
                            GFile         *file)
{
  NbWindow *window;

  g_return_val_if_fail (NB_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  window = nb_window_new (GTK_APPLICATION (self), report, file);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
show_error (NbApplication *self,
            const char    *heading,
            const char    *message)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  /* A window of the app: when "Open With" fails before any report is open,
   * the message keeps the app running and is what activation presents,
   * instead of an empty report nobody asked for. */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GTK reads its whole list of recent files to add one: not before the
 * report's window is up. */
static gboolean
add_recent_cb (gpointer user_data)
{
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), user_data);
  return G_SOURCE_REMOVE;
}

void
nb_application_open_file (NbApplication *self,
                          GFile         *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *path = g_file_get_path (file);
  GtkWindow *window;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* A report already open is brought forward, not opened twice. */
  for (GList *l = windows; l != NULL; l = l->next)
    {
      GFile *open_file = NB_IS_WINDOW (l->data) ? nb_window_get_file (l->data) : NULL;

      if (open_file != NULL && g_file_equal (open_file, file))
        {
          gtk_window_present (l->data);
          return;
        }
    }

  if (path != NULL)
    report = nb_file_load_full (path, &warnings, &error);
  else
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Only local files can be opened"));
  if (report == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error (self, heading, error->message);
      return;
    }
  window = nb_application_open_report (self, report, file);
  nb_window_show_load_warnings (NB_WINDOW (window), warnings);
  g_idle_add_full (G_PRIORITY_LOW, add_recent_cb, g_file_get_uri (file), g_free);
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  NbApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);

  if (report == NULL)
    {
      show_error (self, _("Could Not Open the Sample Report"), error->message);
      return;
    }
  nb_application_open_report (self, report, NULL);
}

static void
on_new_report_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           NbApplication    *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;

  if (g_strcmp0 (response, "create") != 0)
    return;
  report = nb_new_report_dialog_create_report (NB_NEW_REPORT_DIALOG (dialog), &error);
  if (report == NULL)
    {
      show_error (self, _("Could Not Create the Report"), error->message);
      return;
    }
  nb_application_open_report (self, report, NULL);
}

static void
new_report_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  NbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  /* The first window of a session opens at once; later ones ask for the
   * year and edition. */
  if (parent == NULL)
    {
      g_autoptr(NbReport) report = new_empty_report ();

      nb_application_open_report (self, report, NULL);
      return;
    }
  dialog = nb_new_report_dialog_new (parent);
  /* A clerk's next report is most often for the same agency. */
  if (NB_IS_WINDOW (parent))
    nb_new_report_dialog_set_agency (NB_NEW_REPORT_DIALOG (dialog),
                                     nb_report_get_agency (nb_window_get_report (NB_WINDOW (parent))));
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_report_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     NbApplication   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          nb_application_open_file (self, file);
        }
    }
  g_object_unref (dialog);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  NbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* The native chooser goes through the file portal inside the Flatpak. */
  chooser = gtk_file_chooser_native_new (_("Open Report"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Nianbao reports"));
  gtk_file_filter_add_pattern (filter, "*.nianbao");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* app.open-file (a URI): how windows and dialogs open a report's file;
 * one already open comes forward. */
static void
open_file_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  nb_application_open_file (user_data, file);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Nianbao authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Nianbao"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Write, check, print and publish the annual report on government information disclosure (政府信息公开工作年度报告)."),
                         "developer-name", _("The Nianbao authors"),
                         "developers", developers,
                         "copyright", "© 2026 The Nianbao authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         "issue-url", "https://github.com/nianbao/nianbao/issues",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window saves or asks on close; quitting is closing them all. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "new-report", new_report_action },
  { "open", open_action },
  { "open-recent", open_file_action, "s" },
  { "open-file", open_file_action, "s" },
  { "about", about_action },
  { "open-sample", open_sample_action },
  { "quit", quit_action },
};

static int
nb_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  NbApplication *self = NB_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  gboolean opened = FALSE;

  if (nb_cli_is_command (&self->options))
    return nb_cli_run (&self->options);

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("nianbao: %s\n", error->message);
      return 1;
    }

  if (self->options.files != NULL)
    {
      guint n = g_strv_length (self->options.files);
      g_autofree GFile **files = g_new0 (GFile *, n);

      for (guint i = 0; i < n; i++)
        files[i] = g_file_new_for_commandline_arg (self->options.files[i]);
      g_application_open (application, files, (int)n, "");
      for (guint i = 0; i < n; i++)
        g_object_unref (files[i]);
      opened = TRUE;
    }
  if (self->options.sample)
    {
      g_action_group_activate_action (G_ACTION_GROUP (application), "open-sample", NULL);
      opened = TRUE;
    }

  /* A running instance took the request: this process is done. */
  if (opened && g_application_get_is_remote (application))
    return 0;
  return -1;
}

static void
nb_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    nb_application_open_file (NB_APPLICATION (application), files[i]);
}

static void
nb_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (application), "new-report", NULL);
}

/* Crash recovery: drafts whose session ended without a clean quit.  Runs
 * once the first window is up, so the dialog has a parent. */
static gboolean
offer_recovery_cb (gpointer user_data)
{
  NbApplication *self = user_data;
  g_autoptr(GPtrArray) drafts = nb_drafts_list_orphans ();
  GtkWidget *dialog;

  if (drafts->len == 0)
    return G_SOURCE_REMOVE;
  dialog = nb_recovery_dialog_new (GTK_APPLICATION (self),
                                   gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   drafts);
  gtk_window_present (GTK_WINDOW (dialog));
  return G_SOURCE_REMOVE;
}

static void
nb_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (nb_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  nb_batch_actions_install (GTK_APPLICATION (application));
  nb_import_dialog_install_action (GTK_APPLICATION (application));
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay",
                                         shortcuts_accels);
  g_idle_add (offer_recovery_cb, application);
  {
    static const char *new_accels[] = { "<Control>n", NULL };
    static const char *open_accels[] = { "<Control>o", NULL };

    gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.new-report",
                                           new_accels);
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.open", open_accels);
  }
}

/* GtkApplication builds gtk/help-overlay.ui for every application window it
 * gets, a whole shortcuts window that nobody sees at start (a tenth of the
 * app's own work before the first frame).  The same shortcuts window, under
 * the same action and accelerator, is built the first time it is asked for. */
#define SHORTCUTS_RESOURCE "/io/github/nianbao/Nianbao/nb-shortcuts-window.ui"

static void
show_help_overlay_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (SHORTCUTS_RESOURCE);

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Finds this action already there and keeps it. */
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
nb_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (nb_application_parent_class)->window_added (application, window);

  if (GTK_IS_APPLICATION_WINDOW (window))
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new ("show-help-overlay", NULL);

      g_signal_connect_object (action, "activate", G_CALLBACK (show_help_overlay_cb), window, 0);
      g_action_map_add_action (G_ACTION_MAP (window), G_ACTION (action));
    }
}

static void
nb_application_shutdown (GApplication *application)
{
  /* A clean quit: nothing of this session is left to recover. */
  nb_drafts_end_session ();

  G_APPLICATION_CLASS (nb_application_parent_class)->shutdown (application);
}

static void
nb_application_finalize (GObject *object)
{
  NbApplication *self = (NbApplication *)object;

  nb_cli_options_clear (&self->options);

  G_OBJECT_CLASS (nb_application_parent_class)->finalize (object);
}

static void
nb_application_class_init (NbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = nb_application_finalize;
  app_class->handle_local_options = nb_application_handle_local_options;
  app_class->open = nb_application_open;
  app_class->activate = nb_application_activate;
  app_class->startup = nb_application_startup;
  app_class->shutdown = nb_application_shutdown;
  gtk_app_class->window_added = nb_application_window_added;
}

static void
nb_application_init (NbApplication *self)
{
  nb_cli_add_options (G_APPLICATION (self), &self->options);
  self->options.print_to_printer = nb_print_to_printer;
}

NbApplication *
nb_application_new (void)
{
  return g_object_new (NB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/nianbao/Nianbao",
                       NULL);
}
