/* nb-window-history.c: the window's 历史版本 action (win.history)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-history"

#include "config.h"

#include "nb-autosave.h"
#include "nb-drafts.h"
#include "nb-history-dialog.h"
#include "nb-window-history.h"
#include "nb-window.h"

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  NbReport *report = nb_window_get_report (window);
  GFile *file = nb_window_get_file (window);
  NbAutosave *autosave = nb_autosave_get_for_report (report);
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

void
nb_window_history_install_action (GtkWidgetClass *klass)
{
  gtk_widget_class_install_action (klass, "win.history", NULL, history_action);
}
