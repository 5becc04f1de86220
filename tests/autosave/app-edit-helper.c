/* app-edit-helper.c: the app, editing its active report on a timer
 *
 * test-app-kill.py kills the app in the middle of autosaving: this is the
 * application the program runs (NbApplication, all its windows and their
 * autosave), plus a timer that edits the active window's report through
 * the normal report API every NB_EDIT_INTERVAL_MS milliseconds, or, with
 * NB_EDIT_ON_INPUT set, once for each line read from stdin (so a test can
 * order its own steps between edits, whatever the machine's speed).  It
 * prints "ready" when the first window is there.  Each edit sets two
 * fields to the same number, so a file holding a mix of two edits shows,
 * and prints "edit N".  Not shipped.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "nb-application.h"
#include "nb-window.h"

#define EDIT_PREFIX "编辑局 "

static gboolean
edit_cb (gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  NbReport *report;
  const char *agency;
  g_autofree char *new_agency = NULL;
  g_autofree char *new_address = NULL;
  int n = 0;

  if (!NB_IS_WINDOW (window))
    return G_SOURCE_CONTINUE;
  report = nb_window_get_report (NB_WINDOW (window));
  agency = nb_report_get_agency (report);
  if (agency != NULL && g_str_has_prefix (agency, EDIT_PREFIX))
    n = atoi (agency + strlen (EDIT_PREFIX));
  new_agency = g_strdup_printf (EDIT_PREFIX "%d", n + 1);
  new_address = g_strdup_printf ("地址 %d 号", n + 1);
  nb_report_begin_user_action (report);
  nb_report_set_agency (report, new_agency);
  nb_report_set_address (report, new_address);
  nb_report_end_user_action (report);
  /* The test compares the last edit with the file after a clean quit. */
  g_print ("edit %d\n", n + 1);
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

/* One edit per line of input; the test writes a line only after "ready". */
static gboolean
on_input_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  char buffer[256];
  gssize n = read (fd, buffer, sizeof buffer);

  if (n <= 0)
    return G_SOURCE_REMOVE;
  for (gssize i = 0; i < n; i++)
    if (buffer[i] == '\n')
      edit_cb (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  static gboolean said;

  if (said || !NB_IS_WINDOW (window))
    return;
  said = TRUE;
  g_print ("ready\n");
  fflush (stdout);
  if (g_getenv ("NB_EDIT_ON_INPUT") != NULL)
    g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP, on_input_cb, app);
}

static void
on_startup_cb (GApplication *app)
{
  const char *interval = g_getenv ("NB_EDIT_INTERVAL_MS");

  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  if (g_getenv ("NB_EDIT_ON_INPUT") == NULL)
    g_timeout_add (interval ? (guint)atoi (interval) : 50, edit_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NbApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = nb_application_new ();
  g_signal_connect (app, "startup", G_CALLBACK (on_startup_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
