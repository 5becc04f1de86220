/* nb-cli-create.c: the commands that start a report: --new, --import, --next-year
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-cli-private.h"
#include "nb-import.h"
#include "nb-next-year.h"

int
_nb_cli_run_new (NbCliOptions *o)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(NbEdition) edition = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int year = o->year ? o->year : g_date_time_get_year (now) - 1;

  if (o->output == NULL || g_str_equal (o->output, "-"))
    return _nb_cli_usage_error (_("--new needs an output file: -o FILE"));
  if (o->files != NULL)
    return _nb_cli_usage_error (_("--new takes no input files"));
  if (year < 2008 || year > 9999)
    return _nb_cli_usage_error (_("%d is not a plausible report year"), year);
  /* Refused early too, before any work; the write itself decides. */
  if (!o->force && g_file_test (o->output, G_FILE_TEST_EXISTS))
    return _nb_cli_refuse_existing_output (o);

  edition = nb_edition_lookup (o->edition ? o->edition : nb_edition_id_for_year (year), &error);
  if (edition == NULL)
    return _nb_cli_usage_error ("%s", error->message);

  report = nb_report_new (edition);
  nb_report_set_year (report, year);
  if (o->agency != NULL)
    nb_report_set_agency (report, o->agency);
  if (!nb_file_save_full (report, o->output, _nb_cli_write_flags (o), &error))
    return _nb_cli_report_write_error (o, error, EXIT_FINDINGS);
  return EXIT_CLEAN;
}

/* Prints the import report; 0 imported cleanly, 1 with findings, 2 not
 * imported. */
int
_nb_cli_run_import (NbCliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autofree char *summary = NULL;
  gboolean to_stdout = o->output != NULL && g_str_equal (o->output, "-");
  FILE *out = to_stdout ? stderr : stdout;

  if (o->files != NULL)
    return _nb_cli_usage_error (_("--import takes one file: --import FILE -o OUT.nianbao"));
  if (o->output != NULL && g_str_equal (o->output, o->import_path))
    return _nb_cli_usage_error (_("The output would overwrite the imported file itself"));
  if (o->output != NULL && !to_stdout && !o->force && g_file_test (o->output, G_FILE_TEST_EXISTS))
    return _nb_cli_refuse_existing_output (o);

  report = nb_import_file (o->import_path, &findings, &summary, &error);
  if (report == NULL)
    {
      g_printerr ("%s: %s\n", o->import_path, error->message);
      return EXIT_UNREADABLE;
    }
  _nb_cli_print_line (out, "%s: %s\n", o->import_path, summary);
  for (guint i = 0; i < findings->len; i++)
    {
      g_autofree char *line = nb_import_finding_to_string (g_ptr_array_index (findings, i));

      _nb_cli_print_line (out, "%s: %s\n", o->import_path, line);
    }
  fprintf (out, g_dngettext (GETTEXT_PACKAGE, "%u finding\n", "%u findings\n", findings->len),
           findings->len);

  if (to_stdout)
    {
      g_autoptr(GBytes) bytes = nb_file_serialize_checked (report, &error);

      if (bytes == NULL)
        return _nb_cli_report_write_error (o, error, EXIT_UNREADABLE);
      if (!_nb_cli_write_stdout (bytes))
        return EXIT_UNREADABLE;
    }
  else if (o->output != NULL && !nb_file_save_full (report, o->output, _nb_cli_write_flags (o), &error))
    return _nb_cli_report_write_error (o, error, EXIT_UNREADABLE);
  if (!to_stdout && !_nb_cli_stdout_flushed ())
    return EXIT_UNREADABLE;
  return findings->len > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

int
_nb_cli_run_next_year (NbCliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) previous = NULL;
  g_autoptr(NbReport) report = NULL;

  if (o->output == NULL || g_str_equal (o->output, "-"))
    return _nb_cli_usage_error (_("--next-year needs an output file: -o FILE"));
  if (o->files == NULL || o->files[0] == NULL || o->files[1] != NULL)
    return _nb_cli_usage_error (_("--next-year takes exactly one report: last year’s"));
  if (g_str_equal (o->files[0], o->output))
    return _nb_cli_usage_error (_("The output would overwrite last year’s report"));
  if (!o->force && g_file_test (o->output, G_FILE_TEST_EXISTS))
    return _nb_cli_refuse_existing_output (o);

  previous = _nb_cli_load_report (o->files[0], &error);
  if (previous == NULL)
    {
      _nb_cli_print_line (stderr, "%s: %s\n", o->files[0], error->message);
      return EXIT_UNREADABLE;
    }
  report = nb_next_year_new (previous, &error);
  if (report == NULL || !nb_file_save_full (report, o->output, _nb_cli_write_flags (o), &error))
    return _nb_cli_report_write_error (o, error, EXIT_FINDINGS);
  return EXIT_CLEAN;
}
