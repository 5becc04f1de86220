/* nb-cli-compare.c: --compare, last year’s report against this year’s
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-cli-private.h"
#include "nb-compare.h"

int
_nb_cli_run_compare (NbCliOptions *o)
{
  g_autoptr(NbReport) old_report = NULL;
  g_autoptr(NbReport) new_report = NULL;
  g_autoptr(NbCompare) compare = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (o->files == NULL || g_strv_length (o->files) != 2)
    return _nb_cli_usage_error (_("--compare takes two reports: last year’s, then this year’s"));
  old_report = _nb_cli_load_report (o->files[0], &error);
  if (old_report != NULL)
    new_report = _nb_cli_load_report (o->files[1], &error);
  if (new_report == NULL)
    {
      _nb_cli_print_line (stderr, "%s: %s\n", o->files[old_report == NULL ? 0 : 1], error->message);
      return EXIT_UNREADABLE;
    }
  compare = nb_compare_new (old_report, new_report);
  text = nb_compare_to_text (compare, o->files[0], o->files[1]);
  _nb_cli_print_line (stdout, "%s", text);
  return _nb_cli_stdout_flushed () ? EXIT_CLEAN : EXIT_UNREADABLE;
}
