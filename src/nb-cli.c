/* nb-cli.c: the command line, which needs no display
 *
 * Only the core is used here, so batch checking and export run on a server
 * or in CI without X or Wayland.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "nb-checker.h"
#include "nb-cli.h"
#include "nb-export.h"
#include "nb-file.h"

enum {
  EXIT_CLEAN = 0,
  EXIT_FINDINGS = 1,
  EXIT_UNREADABLE = 2,
};

void
nb_cli_add_options (GApplication *application,
                    NbCliOptions *o)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version,
      N_("Print the version and exit"), NULL },
    { "new", 0, 0, G_OPTION_ARG_NONE, &o->new_report,
      N_("Create an empty report in the file given with -o"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &o->check,
      N_("Check reports (files or folders) and print every finding"), NULL },
    { "export", 0, 0, G_OPTION_ARG_STRING, &o->export_format,
      N_("Export a report to FORMAT (csv)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
      N_("Write to FILE (“-” for standard output)"), N_("FILE") },
    { "edition", 0, 0, G_OPTION_ARG_STRING, &o->edition,
      N_("Format edition of a new report (2021 or 2019; default: the one for the year)"),
      N_("EDITION") },
    { "year", 0, 0, G_OPTION_ARG_INT, &o->year,
      N_("Year a new report is about (default: last year)"), N_("YEAR") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &o->agency,
      N_("Agency of a new report"), N_("NAME") },
    { "previous", 0, 0, G_OPTION_ARG_FILENAME, &o->previous,
      N_("Last year’s report, for the cross-year checks"), N_("FILE") },
    { "sample", 0, 0, G_OPTION_ARG_NONE, &o->sample,
      N_("Use the built-in sample report"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->files, NULL, N_("[FILE…]") },
    { NULL }
  };

  g_application_add_main_option_entries (application, entries);
  g_application_set_option_context_parameter_string (application, _("[FILE…]"));
  g_application_set_option_context_summary (application,
    _("Write, check, print and publish the annual government information disclosure report "
      "(政府信息公开工作年度报告).\n\n"
      "Without options, opens the given reports in windows."));
  g_application_set_option_context_description (application,
    _("Examples:\n"
      "  nianbao --new --edition 2021 --year 2024 --agency NAME -o report.nianbao\n"
      "  nianbao --check reports/\n"
      "  nianbao --export csv -o values.csv report.nianbao\n\n"
      "Exit status of --check: 0 no errors (warnings allowed), 1 errors found, "
      "2 a file could not be read."));
}

gboolean
nb_cli_is_command (NbCliOptions *o)
{
  return o->version || o->new_report || o->check || o->export_format != NULL;
}

void
nb_cli_options_clear (NbCliOptions *o)
{
  g_clear_pointer (&o->export_format, g_free);
  g_clear_pointer (&o->output, g_free);
  g_clear_pointer (&o->edition, g_free);
  g_clear_pointer (&o->agency, g_free);
  g_clear_pointer (&o->previous, g_free);
  g_clear_pointer (&o->summary_format, g_free);
  g_clear_pointer (&o->files, g_strfreev);
}

G_GNUC_PRINTF (1, 2) static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("nianbao: %s\n", message);
  g_printerr (_("Try “nianbao --help” for more information.\n"));
  return EXIT_UNREADABLE;
}

static int
run_new (NbCliOptions *o)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(NbEdition) edition = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int year = o->year ? o->year : g_date_time_get_year (now) - 1;

  if (o->output == NULL || g_str_equal (o->output, "-"))
    return usage_error (_("--new needs an output file: -o FILE"));
  if (o->files != NULL)
    return usage_error (_("--new takes no input files"));
  if (year < 2008 || year > 9999)
    return usage_error (_("%d is not a plausible report year"), year);
  /* A new report never replaces an existing file. */
  if (g_file_test (o->output, G_FILE_TEST_EXISTS))
    return usage_error (_("%s already exists; choose another name or remove it first"),
                        o->output);

  edition = nb_edition_lookup (o->edition ? o->edition : nb_edition_id_for_year (year), &error);
  if (edition == NULL)
    return usage_error ("%s", error->message);

  report = nb_report_new (edition);
  nb_report_set_year (report, year);
  if (o->agency != NULL)
    nb_report_set_agency (report, o->agency);
  if (!nb_file_save (report, o->output, &error))
    {
      g_printerr ("nianbao: %s: %s\n", o->output, error->message);
      return EXIT_FINDINGS;
    }
  return EXIT_CLEAN;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
collect_files (const char *path,
               GPtrArray  *out)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (out, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_ptr_array_add (out, g_strdup (path)); /* reported as unreadable */
      return;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        collect_files (child, out);
      else if (g_str_has_suffix (child, ".nianbao"))
        g_ptr_array_add (out, g_strdup (child));
    }
}

static NbReport *
load_input (NbCliOptions  *o,
            const char    *path,
            GError       **error)
{
  if (path == NULL)
    return nb_file_load_sample (error);
  return nb_file_load (path, error);
}

static int
run_check (NbCliOptions *o)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NbReport) previous = NULL;
  guint n_errors = 0, n_warnings = 0, n_unreadable = 0, n_checked = 0;

  if (o->previous != NULL)
    {
      g_autoptr(GError) error = NULL;

      previous = nb_file_load (o->previous, &error);
      if (previous == NULL)
        {
          g_printerr ("%s: %s\n", o->previous, error->message);
          return EXIT_UNREADABLE;
        }
    }

  for (guint i = 0; o->files != NULL && o->files[i] != NULL; i++)
    collect_files (o->files[i], paths);
  if (o->sample)
    g_ptr_array_insert (paths, 0, NULL);
  if (paths->len == 0)
    return usage_error (_("--check needs at least one report file or folder"));

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      const char *display = path ? path : "sample";
      g_autoptr(GError) error = NULL;
      g_autoptr(NbReport) report = load_input (o, path, &error);
      g_autoptr(GPtrArray) findings = NULL;

      if (report == NULL)
        {
          g_printerr ("%s: %s\n", display, error->message);
          n_unreadable++;
          continue;
        }
      n_checked++;
      findings = nb_check_report (report, previous);
      for (guint f = 0; f < findings->len; f++)
        {
          NbFinding *finding = g_ptr_array_index (findings, f);
          g_autofree char *location = nb_finding_dup_location (finding, report);

          g_print ("%s: %s: [%s] %s: %s\n", display, nb_severity_to_string (finding->severity),
                   finding->rule_id, location, finding->message);
        }
      n_errors += nb_findings_count (findings, NB_SEVERITY_ERROR);
      n_warnings += nb_findings_count (findings, NB_SEVERITY_WARNING);
    }

  g_print (_("Checked %u of %u files: %u errors, %u warnings, %u unreadable\n"), n_checked,
           paths->len, n_errors, n_warnings, n_unreadable);
  if (n_unreadable > 0)
    return EXIT_UNREADABLE;
  return n_errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int
run_export (NbCliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *input;
  guint n_inputs = o->files ? g_strv_length (o->files) : 0;

  if (nb_export_find_format (o->export_format) == NULL)
    {
      nb_export_to_bytes (NULL, o->export_format, &error);
      return usage_error ("%s", error ? error->message : o->export_format);
    }
  if (o->output == NULL)
    return usage_error (_("--export needs an output file: -o FILE (or -o - for standard output)"));
  if (n_inputs + (o->sample ? 1 : 0) != 1)
    return usage_error (_("--export takes exactly one report"));
  input = o->files ? o->files[0] : NULL;
  if (input != NULL && g_str_equal (input, o->output))
    return usage_error (_("The output would overwrite the report itself"));

  report = load_input (o, input, &error);
  if (report == NULL)
    {
      g_printerr ("%s: %s\n", input ? input : "sample", error->message);
      return EXIT_UNREADABLE;
    }

  bytes = nb_export_to_bytes (report, o->export_format, &error);
  if (bytes == NULL)
    {
      g_printerr ("nianbao: %s\n", error->message);
      return EXIT_FINDINGS;
    }
  if (g_str_equal (o->output, "-"))
    {
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_printerr ("nianbao: %s\n", _("Could not write to standard output"));
          return EXIT_FINDINGS;
        }
    }
  else if (!nb_file_write_bytes (o->output, bytes, &error))
    {
      g_printerr ("nianbao: %s: %s\n", o->output, error->message);
      return EXIT_FINDINGS;
    }
  return EXIT_CLEAN;
}

int
nb_cli_run (NbCliOptions *o)
{
  guint n_commands = !!o->new_report + !!o->check + (o->export_format != NULL);

  if (o->version)
    {
      g_print ("nianbao %s\n", PACKAGE_VERSION);
      return EXIT_CLEAN;
    }
  if (n_commands > 1)
    return usage_error (_("Give only one of --new, --check and --export"));
  if (o->new_report)
    return run_new (o);
  if (o->check)
    return run_check (o);
  if (o->export_format != NULL)
    return run_export (o);
  g_assert_not_reached ();
  return EXIT_UNREADABLE;
}
