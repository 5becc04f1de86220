/* bench-bare-window.c: the floor under the first-frame benchmark
 * (build-aux/bench.d/20-ui.sh): an AdwApplicationWindow with a header bar
 * and one line of Chinese text, timed the way NbWindow's probe is: the
 * monotonic time and CPU time of its first painted frame.  Not a test.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <time.h>

static void
on_first_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  struct timespec cpu = { 0 };

  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, app);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_print ("first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", g_get_monotonic_time (),
           (gint64)cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000);
  g_application_quit (app);
}

static void
on_map_cb (GtkWidget    *window,
           GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_paint_cb), app);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("政府信息公开工作年度报告"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 800);
  g_signal_connect (window, "map", G_CALLBACK (on_map_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.nianbao.BenchBareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
