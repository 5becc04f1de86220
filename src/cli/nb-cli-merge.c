/* nb-cli-merge.c: --merge, adding up the reports of one year into a summary
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-cli-private.h"
#include "nb-merge.h"

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) file_a = g_file_new_for_commandline_arg (a);
  g_autoptr(GFile) file_b = g_file_new_for_commandline_arg (b);

  return g_file_equal (file_a, file_b);
}

int
_nb_cli_run_merge (NbCliOptions *o)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NbMerge) merge = NULL;
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *warnings;
  gboolean forgivable = FALSE, unreadable = FALSE;

  if (o->output == NULL)
    return _nb_cli_usage_error (_("--merge needs an output file: -o FILE (or -o - for standard output)"));
  if (o->sample)
    return _nb_cli_usage_error (_("--merge adds up report files, not the sample"));
  for (guint i = 0; o->files != NULL && o->files[i] != NULL; i++)
    _nb_cli_collect_files (o->files[i], paths);
  if (paths->len == 0)
    return _nb_cli_usage_error (_("--merge needs at least one report file or folder"));
  if (!o->force && !g_str_equal (o->output, "-") && g_file_test (o->output, G_FILE_TEST_EXISTS))
    return _nb_cli_refuse_existing_output (o);

  /* Report every problem in one run, not one per attempt; a refused merge
   * writes nothing, so an earlier summary stays as it was. */
  merge = nb_merge_new (o->accept_problems);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) add_error = NULL;

      if (!g_str_equal (o->output, "-") && same_file (path, o->output))
        {
          g_printerr (_("nianbao: %s is the output, not a source; skipped\n"), path);
          continue;
        }
      if (nb_merge_add_file (merge, path, &add_error))
        continue;
      g_printerr ("nianbao: %s\n", add_error->message);
      if (g_error_matches (add_error, NB_MERGE_ERROR, NB_MERGE_ERROR_DUPLICATE)
          || g_error_matches (add_error, NB_MERGE_ERROR, NB_MERGE_ERROR_SOURCE))
        forgivable = TRUE;
      else if (add_error->domain != NB_MERGE_ERROR)
        unreadable = TRUE;
    }

  warnings = nb_merge_get_warnings (merge);
  for (guint i = 0; i < warnings->len; i++)
    g_printerr (_("nianbao: warning: %s\n"), (const char *)g_ptr_array_index (warnings, i));

  summary = nb_merge_finish (merge, o->agency, &error);
  if (summary == NULL)
    {
      g_printerr (_("nianbao: %s; nothing was written\n"), error->message);
      if (forgivable)
        g_printerr (_("Use --accept-problems to add up duplicate agencies and reports with errors anyway.\n"));
      return unreadable ? EXIT_UNREADABLE : EXIT_FINDINGS;
    }

  if (g_str_equal (o->output, "-"))
    {
      g_autoptr(GBytes) bytes = nb_file_serialize_checked (summary, &error);

      if (bytes == NULL)
        return _nb_cli_report_write_error (o, error, EXIT_FINDINGS);
      if (!_nb_cli_write_stdout (bytes))
        return EXIT_FINDINGS;
    }
  else if (!nb_file_save_full (summary, o->output, _nb_cli_write_flags (o), &error))
    return _nb_cli_report_write_error (o, error, EXIT_FINDINGS);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Added up %u report into %s\n",
                           "Added up %u reports into %s\n", nb_merge_get_n_sources (merge)),
              nb_merge_get_n_sources (merge), o->output);
  return EXIT_CLEAN;
}
