/* nb-batch-actions.c: app.review and app.merge, for the disclosure office
 *
 * app.review asks for a folder and opens a Review window on it; app.merge
 * asks for the reports and where to save their sum (汇总), then opens the
 * summary for its author.  The sums themselves are NbMerge's.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-batch-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-batch-actions.h"
#include "nb-file.h"
#include "nb-merge.h"
#include "nb-review-window.h"

typedef struct
{
  GtkApplication *application;
  GListModel     *files;   /* GFile: the sources */
  GFile          *output;
} MergeRequest;

static void
merge_request_free (MergeRequest *request)
{
  g_clear_object (&request->application);
  g_clear_object (&request->files);
  g_clear_object (&request->output);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MergeRequest, merge_request_free)

static void
add_report_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Nianbao Reports"));
  gtk_file_filter_add_suffix (filter, "nianbao");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
show_message (GtkApplication *application,
              const char     *heading,
              const char     *body)
{
  GtkWindow *parent = gtk_application_get_active_window (application);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * nb_batch_merge_files:
 * @files: (element-type GFile): the reports to add up
 * @output: (nullable): where the summary goes; a source that is this file is skipped
 * @forgivable: (out) (optional): on failure, whether --force would have helped
 *
 * Returns: (transfer full) (nullable): the summary, or NULL with @error
 *   listing every refused report, one a line
 */
NbReport *
nb_batch_merge_files (GListModel  *files,
                      GFile       *output,
                      gboolean     force,
                      gboolean    *forgivable,
                      GError     **error)
{
  g_autoptr(NbMerge) merge = nb_merge_new (force);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GError) finish_error = NULL;
  gboolean only_forgivable = TRUE;
  NbReport *summary;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) add_error = NULL;

      if (output != NULL && g_file_equal (file, output))
        continue;
      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          g_string_append_printf (problems, "%s: %s\n", uri, _("Only local files can be opened"));
          only_forgivable = FALSE;
          continue;
        }
      if (nb_merge_add_file (merge, path, &add_error))
        continue;
      g_string_append_printf (problems, "%s\n", add_error->message);
      if (!g_error_matches (add_error, NB_MERGE_ERROR, NB_MERGE_ERROR_DUPLICATE)
          && !g_error_matches (add_error, NB_MERGE_ERROR, NB_MERGE_ERROR_SOURCE))
        only_forgivable = FALSE;
    }

  summary = problems->len == 0 ? nb_merge_finish (merge, NULL, &finish_error) : NULL;
  if (forgivable != NULL)
    *forgivable = summary == NULL && problems->len > 0 && only_forgivable;
  if (summary != NULL)
    return summary;
  if (problems->len == 0)
    g_string_append (problems, finish_error->message);
  g_set_error_literal (error, NB_MERGE_ERROR, NB_MERGE_ERROR_REFUSED,
                       g_strchomp (problems->str));
  return NULL;
}

static void merge_and_open (MergeRequest *request,
                            gboolean      force);

static void
on_force_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      MergeRequest     *request)
{
  if (g_str_equal (response, "force"))
    merge_and_open (request, TRUE);
  merge_request_free (request);
}

static void
merge_and_open (MergeRequest *request,
                gboolean      force)
{
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (request->output);
  gboolean forgivable = FALSE;

  summary = nb_batch_merge_files (request->files, request->output, force, &forgivable, &error);
  if (summary == NULL && forgivable)
    {
      GtkWindow *parent = gtk_application_get_active_window (request->application);
      GtkWidget *dialog = adw_message_dialog_new (parent, _("Add Up Anyway?"), NULL);
      MergeRequest *copy = g_new0 (MergeRequest, 1);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Some reports have check errors or repeat an agency; the summary would carry the errors or count an agency twice.\n\n%s"),
                                      error->message);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "force", _("_Add Up Anyway"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "force",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      copy->application = g_object_ref (request->application);
      copy->files = g_object_ref (request->files);
      copy->output = g_object_ref (request->output);
      g_signal_connect (dialog, "response", G_CALLBACK (on_force_response_cb), copy);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (summary == NULL)
    {
      show_message (request->application, _("The Reports Cannot Be Added Up"), error->message);
      return;
    }
  /* Saved first, atomically, so the summary exists even if the editor is closed unsaved. */
  if (path == NULL || !nb_file_save (summary, path, &error))
    {
      show_message (request->application, _("Could Not Save the Summary"),
                    error ? error->message : _("Only local files can be saved"));
      return;
    }
  {
    g_autofree char *uri = g_file_get_uri (request->output);

    g_action_group_activate_action (G_ACTION_GROUP (request->application), "open-file",
                                    g_variant_new_string (uri));
  }
}

static void
on_output_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       MergeRequest    *request)
{
  g_autoptr(MergeRequest) owned = request;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      owned->output = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (owned->output != NULL)
        merge_and_open (owned, FALSE);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_sources_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        GtkApplication  *application)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      nb_batch_merge_files_to_chosen (application, files,
                                      gtk_application_get_active_window (application));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * nb_batch_merge_files_to_chosen:
 * @files: (element-type GFile): the reports to add up
 *
 * Asks where to save the summary, adds up @files into it and opens it; a
 * refusal is shown in a dialog, with "Add Up Anyway" where that is allowed.
 */
void
nb_batch_merge_files_to_chosen (GtkApplication *application,
                                GListModel     *files,
                                GtkWindow      *parent)
{
  MergeRequest *request = g_new0 (MergeRequest, 1);
  GtkFileChooserNative *output;

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  request->application = g_object_ref (application);
  request->files = g_object_ref (files);
  output = gtk_file_chooser_native_new (_("Save the Summary"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (output), _("summary.nianbao"));
  add_report_filter (GTK_FILE_CHOOSER (output));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (output), TRUE);
  g_signal_connect (output, "response", G_CALLBACK (on_output_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (output));
}

static void
merge_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Reports to Add Up"),
                                         gtk_application_get_active_window (application),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  add_report_filter (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_sources_response_cb), application);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* app.review asks for a folder; app.review-folder takes its path. */
static void
review_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkApplication *application = user_data;
  NbReviewWindow *window = nb_review_window_new (application);
  const char *path = parameter ? g_variant_get_string (parameter, NULL) : "";

  gtk_window_present (GTK_WINDOW (window));
  if (*path != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (path);

      nb_review_window_load_folder (window, folder);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "review.open-folder", NULL);
}

/* app.merge-files: the reports named (URIs), as the review window lists
 * them; asks only where the summary goes. */
static void
merge_files_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *application = user_data;
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autofree const char **uris = g_variant_get_strv (parameter, NULL);

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);

      g_list_store_append (files, file);
    }
  nb_batch_merge_files_to_chosen (application, G_LIST_MODEL (files),
                                  gtk_application_get_active_window (application));
}

void
nb_batch_actions_install (GtkApplication *application)
{
  static const GActionEntry entries[] = {
    { "review", review_action },
    { "review-folder", review_action, "s" },
    { "merge", merge_action },
    { "merge-files", merge_files_action, "as" },
  };

  g_return_if_fail (GTK_IS_APPLICATION (application));

  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries),
                                   application);
}
