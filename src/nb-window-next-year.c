/* nb-window-next-year.c: win.new-next-year, next year's report from this one
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-next-year"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-application.h"
#include "nb-next-year.h"
#include "nb-window.h"
#include "nb-window-next-year.h"

static void
new_next_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;

  g_return_if_fail (NB_IS_APPLICATION (application));

  report = nb_next_year_new (nb_window_get_report (window), &error);
  if (report == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                                  _("Could Not Start Next Year’s Report"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  /* A new report: it gets a file when it is first saved. */
  nb_application_open_report (NB_APPLICATION (application), report, NULL);
}

void
nb_window_next_year_install_action (GtkWidgetClass *klass)
{
  gtk_widget_class_install_action (klass, "win.new-next-year", NULL, new_next_year_action);
}
