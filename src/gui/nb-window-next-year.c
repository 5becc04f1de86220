/* nb-window-next-year.c: win.new-next-year, next year's report from this one
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-next-year"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-last-year-window.h"
#include "nb-next-year.h"
#include "nb-window-private.h"

/* The window of last year's text already open beside @parent, or NULL. */
static GtkWindow *
find_last_year_window (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (NB_IS_LAST_YEAR_WINDOW (l->data) && gtk_window_get_transient_for (l->data) == parent)
      return l->data;
  return NULL;
}

/* Last year's narrative sections, read-only, beside this year's report:
 * raised when they are open already (the shortcut, pressed again, brings
 * them back to the front rather than stacking copies). */
static void
show_last_year (GtkWindow *parent,
                NbReport  *report)
{
  NbReport *reference = nb_report_get_reference (report);
  GtkWindow *shown = find_last_year_window (parent);

  if (shown != NULL)
    {
      gtk_window_present (shown);
      return;
    }
  if (reference == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("No Text of Last Year"),
                                                  _("This report was not started from last year’s report, so there is no earlier text to show."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  gtk_window_present (GTK_WINDOW (nb_last_year_window_new (parent, reference)));
}

static void
new_next_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;
  GtkWindow *next;

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
  /* A new report: it gets a file when it is first saved.  Last year's
   * text opens alongside, to write from, not to copy. */
  next = GTK_WINDOW (nb_window_new (application, report, NULL));
  gtk_window_present (next);
  show_last_year (next, report);
}

static void
show_last_year_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_last_year (GTK_WINDOW (widget), nb_window_get_report (NB_WINDOW (widget)));
}

void
_nb_window_class_next_year_init (NbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-next-year", NULL, new_next_year_action);
  gtk_widget_class_install_action (widget_class, "win.show-last-year", NULL,
                                   show_last_year_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-last-year", NULL);
}
