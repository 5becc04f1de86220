/* bench-pdf.c: the PDF export of the sample inside one process, for
 * build-aux/bench.d/30-pdf.sh.  The first export pays for opening the
 * fonts and subsetting them; later ones show the rest.  Not a test.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nb-file.h"
#include "nb-render.h"

#define RUNS 15

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  gint64 times[RUNS];

  g_assert_no_error (error);
  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(NbRender) render = nb_render_new (report, NULL);
      g_autoptr(GBytes) pdf = nb_render_to_pdf (render, &error);

      g_assert_no_error (error);
      times[i] = g_get_monotonic_time () - start;
      g_assert_cmpuint (g_bytes_get_size (pdf), >, 10000);
    }
  g_print ("in one process: first export %.1f ms (fonts opened and subset), ", times[0] / 1000.0);
  qsort (times + 1, RUNS - 1, sizeof times[0], compare_times);
  g_print ("later exports median %.1f ms\n", times[RUNS / 2] / 1000.0);
  return 0;
}
