/* bench-first-frame.h: the probe of the first-frame benchmark
 * (build-aux/bench.d/20-ui.sh), one for every window it times
 *
 * Prints "first-frame MONOTONIC CPU" (µs) when @window has painted its
 * first frame, then quits the application.  CPU time too: on a loaded
 * machine the wall clock measures the others.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <time.h>

static void
bench_on_first_paint_cb (GdkFrameClock *clock,
                         GApplication  *app)
{
  struct timespec cpu = { 0 };

  g_signal_handlers_disconnect_by_func (clock, bench_on_first_paint_cb, app);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  g_print ("first-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", g_get_monotonic_time (),
           (gint64)cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000);
  g_application_quit (app);
}

static void
bench_on_map_cb (GtkWidget    *window,
                 GApplication *app)
{
  g_signal_handlers_disconnect_by_func (window, bench_on_map_cb, app);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (bench_on_first_paint_cb), app);
}

static inline void
bench_time_first_frame (GtkWindow    *window,
                        GApplication *app)
{
  g_signal_connect (window, "map", G_CALLBACK (bench_on_map_cb), app);
}
