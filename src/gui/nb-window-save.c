/* nb-window-save.c: saving the report, and closing its window
 *
 * Save writes the file through the autosave, when there is one; Save As
 * points the autosave at the new file.  Closing waits for the autosave to
 * write the file, or, when nothing would write one (a report not saved
 * yet, autosave off), asks whether to save the changes.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-save"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-autosave.h"
#include "nb-file.h"
#include "nb-window-private.h"

/* Saving */

gboolean
nb_window_save_to_file (NbWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  nb_window_commit_edits (self);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Reports can only be saved to local files"));
      return FALSE;
    }
  /* nb_file_save writes atomically: a failure leaves the old file whole. */
  if (!nb_file_save (self->report, path, error))
    return FALSE;
  nb_report_set_modified (self->report, FALSE);
  _nb_window_set_file (self, file);
  if (self->autosave != NULL)
    nb_autosave_set_file (self->autosave, file);
  {
    g_autofree char *uri = g_file_get_uri (file);

    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  }
  _nb_window_update_title (self);
  return TRUE;
}

static gboolean
save_or_report (NbWindow *self,
                GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (!nb_window_save_to_file (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);

      /* The report stays open and unchanged: nothing is lost. */
      gtk_label_set_text (self->banner_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->banner), TRUE);
      gtk_revealer_set_reveal_child (self->banner, TRUE);
      _nb_window_show_error (self, heading, error->message);
      return FALSE;
    }
  gtk_revealer_set_reveal_child (self->banner, FALSE);
  return TRUE;
}

static void
on_close_flushed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

/* Save As: the autosave writes the new file at once and follows it from
 * then on; without one, a plain atomic save. */
static void
save_as_file (NbWindow *self,
              GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  if (self->autosave == NULL || g_file_peek_path (file) == NULL)
    {
      if (save_or_report (self, file) && self->closing)
        gtk_window_destroy (GTK_WINDOW (self));
      self->closing = FALSE;
      return;
    }
  nb_window_commit_edits (self);
  _nb_window_set_file (self, file);
  nb_autosave_set_file (self->autosave, file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  if (self->closing)
    nb_autosave_flush_async (self->autosave, self->cancellable, on_close_flushed_cb,
                             g_object_ref (self));
}

static void
on_save_as_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        NbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);

      /* The file chooser does not add the extension by itself. */
      if (!g_str_has_suffix (name, ".nianbao"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *fixed = g_strconcat (name, ".nianbao", NULL);

          g_autoptr(GFile) fixed_file = g_file_get_child (parent, fixed);

          g_set_object (&file, fixed_file);
        }
      save_as_file (self, file);
    }
  else
    self->closing = FALSE;
  g_object_unref (dialog);
}

static GtkFileFilter *
nianbao_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Nianbao reports"));
  gtk_file_filter_add_pattern (filter, "*.nianbao");
  gtk_file_filter_add_mime_type (filter, "application/x-nianbao");
  return filter;
}

static void
save_as (NbWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *name = g_strconcat (title, ".nianbao", NULL);
  g_autoptr(GtkFileFilter) filter = nianbao_filter ();

  chooser = gtk_file_chooser_native_new (_("Save Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->file, NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Closing */

/* Answered "close" in @question's ::response.  The question is let go of
 * first: GTK 4.8 destroys a destroy-with-parent dialog with its window but
 * keeps pointing at the window, and the dialog, still in use while it
 * emits ::response, would be finalized after the window, reaching into it
 * (four "invalid (NULL) class pointer" criticals). */
static void
close_after_question (NbWindow         *self,
                      AdwMessageDialog *question)
{
  gtk_window_set_transient_for (GTK_WINDOW (question), NULL);
  self->closing = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      NbWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      if (self->autosave != NULL)
        nb_autosave_discard_draft (self->autosave);
      close_after_question (self, dialog);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      if (self->file != NULL)
        {
          if (save_or_report (self, self->file))
            close_after_question (self, dialog);
        }
      else
        {
          self->closing = TRUE;
          save_as (self);
        }
    }
}

static void
save_window_state (NbWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
on_close_failed_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             NbWindow         *self)
{
  if (g_strcmp0 (response, "close") == 0)
    {
      /* The draft stays: the work can be recovered at the next start. */
      close_after_question (self, dialog);
    }
  else if (g_strcmp0 (response, "save-as") == 0)
    {
      self->closing = TRUE;
      save_as (self);
    }
}

static void
on_close_flushed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(NbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (nb_autosave_flush_finish (NB_AUTOSAVE (object), result, &error))
    {
      nb_autosave_discard_draft (self->autosave);
      self->closing = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  self->closing = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Report Could Not Be Saved"),
                                   error->message);
  /* The draft is promised only when it was written and flushed. */
  if (nb_autosave_get_draft_kept (self->autosave))
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("%s\n\nYour changes are kept in a draft, offered again "
                                      "when Nianbao starts."), error->message);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("%s\n\nNo copy of your changes could be written: they "
                                      "exist only in this window, and closing it loses them. Use "
                                      "Save As to save them on another disk."), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("Close _Anyway"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as",
                                              ADW_RESPONSE_SUGGESTED);
  if (!nb_autosave_get_draft_kept (self->autosave))
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                                ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_failed_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_nb_window_save_on_close (GtkWindow *window)
{
  NbWindow *self = NB_WINDOW (window);
  GtkWidget *dialog;

  nb_window_commit_edits (self);
  save_window_state (self);
  if (self->closing)
    return FALSE;

  if (self->autosave != NULL && self->file != NULL)
    {
      /* Titled: the autosave has it, or is about to; wait for the write. */
      if (nb_autosave_get_state (self->autosave) == NB_AUTOSAVE_SAVED
          && !nb_autosave_get_busy (self->autosave))
        {
          nb_autosave_discard_draft (self->autosave);
          return FALSE;
        }
      self->closing = TRUE;
      nb_autosave_flush_async (self->autosave, self->cancellable, on_close_flushed_cb,
                               g_object_ref (self));
      return TRUE;
    }

  if (!nb_report_get_modified (self->report))
    {
      if (self->autosave != NULL)
        nb_autosave_discard_draft (self->autosave);
      return FALSE;
    }

  dialog = adw_message_dialog_new (window, _("Save Changes?"),
                                   _("The report has changes that are not saved. Changes that are "
                                     "not saved are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Actions */

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(NbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A failure shows in the banner (the autosave state); the draft keeps
   * the work. */
  if (!nb_autosave_save_finish (NB_AUTOSAVE (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _nb_window_add_toast (self, error->message);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  nb_window_commit_edits (self);
  if (self->file == NULL)
    save_as (self);
  else if (self->autosave != NULL)
    nb_autosave_save_async (self->autosave, self->cancellable, on_saved_cb, g_object_ref (self));
  else
    save_or_report (self, self->file);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  nb_window_commit_edits (NB_WINDOW (widget));
  save_as (NB_WINDOW (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

void
_nb_window_class_save_init (NbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
}
