/* bench-first-frame.c: the app, timed to the first frame of its first
 * report window (build-aux/bench.d/20-ui.sh)
 *
 * The application the program runs, on the same command line (e.g.
 * --sample), with the probe of bench-first-frame.h on its first editor
 * window.  bench-bare-window is the floor, timed the same way.  Not a test.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bench-first-frame.h"
#include "nb-application.h"
#include "nb-test-window.h"
#include "nb-window.h"

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  if (!NB_IS_WINDOW (window))
    return;
  g_signal_handlers_disconnect_by_func (app, on_window_added_cb, NULL);
  bench_time_first_frame (window, G_APPLICATION (app));
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

  /* As in the other runs of the sample: nothing written. */
  nb_test_set_autosave (FALSE);
  app = nb_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
