/* bench-ui-commit.c: the work of one cell commit in the real window
 *
 * Commits a value typed into a table-3 cell the way Enter does (entry text →
 * nb_sheet_commit → model → totals → repaint of the changed cells), then runs
 * the checks and updates the checks panel and the tab badges.  Prints the
 * median and the 95th percentile of each part, in CPU time of this process
 * (the build machine is shared: wall-clock figures measure the neighbours).  Not a test: run it from
 * build-aux/bench under Xvfb.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "nb-file.h"
#include "nb-test-window.h"
#include "nb-window.h"

#define ROUNDS 500

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
report (const char *what,
        gint64     *samples)
{
  qsort (samples, ROUNDS, sizeof (gint64), compare_gint64);
  g_print ("%-40s median %6.3f ms   p95 %6.3f ms\n", what, samples[ROUNDS / 2] / 1000.0,
           samples[ROUNDS * 95 / 100] / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report_ = NULL;
  NbWindow *window;
  NbSheet *sheet;
  NbChecksPanel *checks;
  const NbEditionTable *table;
  int cell, total;
  gint64 commit[ROUNDS], check[ROUNDS], both[ROUNDS], model[ROUNDS], checker[ROUNDS];

  gint64 start = cpu_now (), t_init, t_load, t_window, t_frame;

  gtk_init ();
  adw_init ();
  nb_test_set_autosave (FALSE);
  t_init = cpu_now ();

  report_ = nb_file_load_sample (&error);
  g_assert_no_error (error);
  t_load = cpu_now ();
  window = nb_window_new (NULL, report_, NULL);
  t_window = cpu_now ();
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  t_frame = cpu_now ();
  g_print ("startup, CPU time: gtk+adw init %.1f ms, load sample %.1f ms, build window %.1f ms, "
           "present to drawn %.1f ms\n", (t_init - start) / 1000.0, (t_load - t_init) / 1000.0,
           (t_window - t_load) / 1000.0, (t_frame - t_window) / 1000.0);
  nb_test_window_show_section (window, "requests");
  sheet = nb_test_window_get_sheet (window, "t3");
  checks = nb_test_window_get_checks_panel (window);
  table = nb_sheet_get_table (sheet);
  cell = nb_edition_table_find_cell (table, "withheld_secret", "natural");
  total = nb_edition_table_find_cell (table, "results_total", "total");
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  nb_sheet_focus_cell (sheet, (guint)cell);

  for (int i = 0; i < ROUNDS; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", 100 + i);
      gint64 t0, t1, t2;

      gtk_editable_set_text (GTK_EDITABLE (nb_sheet_get_cell_widget (sheet, (guint)cell)), text);
      t0 = cpu_now ();
      nb_sheet_commit (sheet);
      t1 = cpu_now ();
      nb_checks_panel_refresh (checks);
      t2 = cpu_now ();
      g_assert_cmpint (nb_report_get_value (report_, table, (guint)cell), ==, 100 + i);
      commit[i] = t1 - t0;
      check[i] = t2 - t1;
      both[i] = t2 - t0;
      /* Let GTK lay out and draw as it would between keystrokes. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  /* The core alone, for comparison: the same edit and the checks without
   * any widget. */
  for (int i = 0; i < ROUNDS; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", 1000 + i);
      g_autoptr(GPtrArray) findings = NULL;
      gint64 t0, t1, t2;

      g_signal_handlers_block_matched (report_, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, sheet);
      t0 = cpu_now ();
      nb_report_set_cell_text (report_, table, (guint)cell, text, NULL);
      t1 = cpu_now ();
      findings = nb_check_report (report_, NULL);
      t2 = cpu_now ();
      g_signal_handlers_unblock_matched (report_, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, sheet);
      model[i] = t1 - t0;
      checker[i] = t2 - t1;
    }
  g_print ("t3 grand total after the last commit: %" G_GINT64_FORMAT "\n",
           nb_report_get_value (report_, table, (guint)total));
  report ("commit → model, totals, repaint", commit);
  report ("checks run + panel + badges", check);
  report ("commit to totals and checks updated", both);
  report ("core only: nb_report_set_cell_text", model);
  report ("core only: nb_check_report", checker);

  nb_report_set_modified (report_, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
