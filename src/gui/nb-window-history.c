/* nb-window-history.c: the window's 历史版本 (win.history) and Reload
 * (win.reload, for a file changed on disk) actions
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-history"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-autosave.h"
#include "nb-history-dialog.h"
#include "nb-history.h"
#include "nb-window-private.h"

#define RELOAD_ATTEMPTS 10

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  NbReport *report = nb_window_get_report (window);
  GFile *file = nb_window_get_file (window);
  NbAutosave *autosave = nb_window_get_autosave (window);
  g_autofree char *key = NULL;
  GtkWidget *dialog;

  /* The autosave knows the key even of an untitled report's draft. */
  if (autosave != NULL)
    key = g_strdup (nb_autosave_get_history_key (autosave));
  else if (file != NULL)
    key = nb_history_key_for_file (file);

  dialog = nb_history_dialog_new (GTK_WINDOW (window), report, key);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  NbWindow *window;
  guint     attempts;
} Reload;

static void
reload_free (Reload *reload)
{
  g_object_unref (reload->window);
  g_free (reload);
}

static gboolean
reload_cb (gpointer user_data)
{
  Reload *reload = user_data;
  NbAutosave *autosave = nb_window_get_autosave (reload->window);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (autosave == NULL || gtk_widget_in_destruction (GTK_WIDGET (reload->window)))
    return G_SOURCE_REMOVE;
  if (nb_autosave_reload (autosave, &error))
    return G_SOURCE_REMOVE;
  /* A save in flight (ours or another program's) ends soon: try again. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) && ++reload->attempts < RELOAD_ATTEMPTS)
    return G_SOURCE_CONTINUE;

  dialog = adw_message_dialog_new (GTK_WINDOW (reload->window), _("Could Not Reload the File"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return G_SOURCE_REMOVE;
}

/* The file changed on disk and the user takes that version: it replaces
 * the report as one undoable change (Undo brings theirs back). */
static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  Reload *reload = g_new0 (Reload, 1);

  reload->window = g_object_ref (NB_WINDOW (widget));
  if (reload_cb (reload) == G_SOURCE_CONTINUE)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 200, reload_cb, reload, (GDestroyNotify)reload_free);
  else
    reload_free (reload);
}

void
_nb_window_class_history_init (NbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
}
