/* nb-recovery-dialog.c: offers the drafts a crashed session left
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-recovery-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-autosave.h"
#include "nb-drafts.h"
#include "nb-file.h"
#include "nb-history.h"
#include "nb-recovery-dialog.h"
#include "nb-window.h"

struct _NbRecoveryDialog
{
  AdwWindow      parent_instance;

  GtkApplication *application;
  GPtrArray     *drafts; /* NbDraftInfo, in the order of the rows */

  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (NbRecoveryDialog, nb_recovery_dialog, ADW_TYPE_WINDOW)

/* The report's autosave takes the draft over: it removes the draft once
 * it holds the work itself, and writes the report's file only if the file
 * is still the version the draft was based on; otherwise the window opens
 * in the Conflict state (or Failed, for a file that is gone) and the user
 * chooses. */
static void
hand_over_draft (NbWindow    *window,
                 NbDraftInfo *info)
{
  NbAutosave *autosave = nb_window_get_autosave (window);

  /* Without an autosave nothing else holds the work on disk (nor writes
   * the file): the draft stays, and is offered again next time. */
  if (autosave == NULL)
    {
      g_debug ("No autosave for the restored draft %s; keeping it", info->id);
      return;
    }
  nb_autosave_recover (autosave, info->id, info->base);
}

static void
remove_row (NbRecoveryDialog *self,
            guint             n)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int)n);

  gtk_list_box_remove (self->list, GTK_WIDGET (row));
  g_ptr_array_remove_index (self->drafts, n);
  if (self->drafts->len == 0)
    gtk_window_close (GTK_WINDOW (self));
}

static int
row_index (NbRecoveryDialog *self,
           GtkWidget        *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);

  return row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
}

static void
on_restore_clicked_cb (GtkButton        *button,
                       NbRecoveryDialog *self)
{
  g_autoptr(GError) error = NULL;
  int n = row_index (self, GTK_WIDGET (button));

  if (n < 0)
    return;
  if (!nb_recovery_dialog_restore (self, (guint)n, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Could Not Restore the Report"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        NbRecoveryDialog *self)
{
  NbDraftInfo *info = g_object_get_data (G_OBJECT (dialog), "nb-draft");

  if (g_strcmp0 (response, "discard") != 0)
    return;
  /* Rows may have moved since the question was asked. */
  for (guint i = 0; i < self->drafts->len; i++)
    if (g_ptr_array_index (self->drafts, i) == info)
      {
        nb_recovery_dialog_discard (self, i);
        break;
      }
}

static void
on_discard_clicked_cb (GtkButton        *button,
                       NbRecoveryDialog *self)
{
  int n = row_index (self, GTK_WIDGET (button));
  NbDraftInfo *info;
  GtkWidget *dialog;

  if (n < 0)
    return;
  info = g_ptr_array_index (self->drafts, n);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Unsaved Work?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The changes to “%s” will be lost for good."),
                                  info->title && *info->title ? info->title
                                                              : _("Untitled report"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "nb-draft", info);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_row (NbRecoveryDialog *self,
          NbDraftInfo      *info)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));
  GtkWidget *discard = gtk_button_new_with_mnemonic (_("D_iscard"));
  g_autofree char *time = g_date_time_format (info->modified, "%Y-%m-%d %H:%M:%S");
  g_autofree char *subtitle = NULL;
  const char *title = info->title && *info->title ? info->title : _("Untitled report");

  if (info->file_path != NULL)
    subtitle = g_strdup_printf (_("%s · last kept %s"), info->file_path, time);
  else
    subtitle = g_strdup_printf (_("Never saved to a file · last kept %s"), time);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (restore, "suggested-action");
  gtk_widget_add_css_class (discard, "destructive-action");
  g_signal_connect (restore, "clicked", G_CALLBACK (on_restore_clicked_cb), self);
  g_signal_connect (discard, "clicked", G_CALLBACK (on_discard_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
  return row;
}

static void
nb_recovery_dialog_dispose (GObject *object)
{
  NbRecoveryDialog *self = (NbRecoveryDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_RECOVERY_DIALOG);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (nb_recovery_dialog_parent_class)->dispose (object);
}

static void
nb_recovery_dialog_finalize (GObject *object)
{
  NbRecoveryDialog *self = (NbRecoveryDialog *)object;

  g_clear_pointer (&self->drafts, g_ptr_array_unref);

  G_OBJECT_CLASS (nb_recovery_dialog_parent_class)->finalize (object);
}

static void
nb_recovery_dialog_class_init (NbRecoveryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_recovery_dialog_dispose;
  object_class->finalize = nb_recovery_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-recovery-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NbRecoveryDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nb_recovery_dialog_init (NbRecoveryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_draft_info_free);
}

GtkWidget *
nb_recovery_dialog_new (GtkApplication *application,
                        GtkWindow      *parent,
                        GPtrArray      *drafts)
{
  NbRecoveryDialog *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (drafts != NULL, NULL);

  self = g_object_new (NB_TYPE_RECOVERY_DIALOG, "transient-for", parent, NULL);
  self->application = g_object_ref (application);
  for (guint i = 0; i < drafts->len; i++)
    {
      NbDraftInfo *info = nb_draft_info_copy (g_ptr_array_index (drafts, i));

      g_ptr_array_add (self->drafts, info);
      gtk_list_box_append (self->list, make_row (self, info));
    }
  return GTK_WIDGET (self);
}

guint
nb_recovery_dialog_get_n_drafts (NbRecoveryDialog *self)
{
  g_return_val_if_fail (NB_IS_RECOVERY_DIALOG (self), 0);
  return self->drafts->len;
}

gboolean
nb_recovery_dialog_restore (NbRecoveryDialog  *self,
                            guint              n,
                            GError           **error)
{
  NbDraftInfo *info;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  GList *windows;
  NbWindow *window;

  g_return_val_if_fail (NB_IS_RECOVERY_DIALOG (self), FALSE);
  g_return_val_if_fail (n < self->drafts->len, FALSE);

  info = g_ptr_array_index (self->drafts, n);
  report = nb_file_load (info->path, error);
  if (report == NULL)
    return FALSE;
  /* Ours now: not offered again unless this session crashes too. */
  if (!nb_drafts_adopt (info->id, error))
    return FALSE;
  if (info->file_path != NULL)
    file = g_file_new_for_path (info->file_path);

  /* The file is open already: the work goes into that window, undoably,
   * rather than a second window writing the same file. */
  windows = gtk_application_get_windows (self->application);
  for (GList *l = windows; file != NULL && l != NULL; l = l->next)
    {
      GFile *open_file = NB_IS_WINDOW (l->data) ? nb_window_get_file (l->data) : NULL;

      if (open_file != NULL && g_file_equal (open_file, file))
        {
          NbReport *open_report = nb_window_get_report (l->data);

          if (!nb_history_restore (open_report, report, error))
            return FALSE;
          hand_over_draft (l->data, info);
          gtk_window_present (l->data);
          remove_row (self, n);
          return TRUE;
        }
    }

  /* Not in any file yet: modified, so it is saved as soon as it opens
   * (if its file allows: see hand_over_draft). */
  nb_report_set_modified (report, TRUE);
  window = nb_window_new (self->application, report, file);
  gtk_window_present (GTK_WINDOW (window));
  if (file == NULL && nb_window_get_autosave (window) != NULL)
    {
      g_autofree char *old_key = nb_history_key_for_draft (info->id);

      /* The untitled report's versions come along to its new draft. */
      nb_history_move (old_key, nb_autosave_get_history_key (nb_window_get_autosave (window)));
    }
  hand_over_draft (window, info);
  remove_row (self, n);
  return TRUE;
}

void
nb_recovery_dialog_discard (NbRecoveryDialog *self,
                            guint             n)
{
  NbDraftInfo *info;

  g_return_if_fail (NB_IS_RECOVERY_DIALOG (self));
  g_return_if_fail (n < self->drafts->len);

  info = g_ptr_array_index (self->drafts, n);
  nb_drafts_remove (info->id);
  remove_row (self, n);
}
