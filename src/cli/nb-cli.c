/* nb-cli.c: the command line, which needs no display: its options and
 * the dispatch to a command (nb-cli-private.h lists the other files)
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

#include "nb-cli-private.h"
#include "nb-publish.h"

/* The options, in an array for GOptionContext and GApplication alike, which
 * both copy it. */
static GOptionEntry *
new_entries (NbCliOptions *o)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &o->version,
      N_("Print the version and exit"), NULL },
    { "new", 0, 0, G_OPTION_ARG_NONE, &o->new_report,
      N_("Create an empty report in the file given with -o"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &o->check,
      N_("Check reports (files or folders) and print every finding"), NULL },
    { "export", 0, 0, G_OPTION_ARG_STRING, &o->export_format,
      N_("Export a report to FORMAT (csv, html, docx, txt, pdf, ofd, summary-image)"), N_("FORMAT") },
    { "fragment", 0, 0, G_OPTION_ARG_NONE, &o->fragment,
      N_("With --export html: only the report’s body, with inline styles, to paste into a website’s editor"),
      NULL },
    { "stamp-published", 0, 0, G_OPTION_ARG_NONE, &o->stamp_published,
      N_("With --export: add the publication date recorded in the report"), NULL },
    { "today", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &o->today,
      N_("Take DATE (YYYY-MM-DD) as today, for the deadline"), N_("DATE") },
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
    { "format", 0, 0, G_OPTION_ARG_STRING, &o->summary_format,
      N_("With --check: print as FORMAT: text, csv (one row per finding) or summary-csv (one row per file)"),
      N_("FORMAT") },
    { "merge", 0, 0, G_OPTION_ARG_NONE, &o->merge,
      N_("Add up reports of one year (files or folders) into the summary (汇总) given with -o"),
      NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o->force,
      N_("Replace the file given with -o if it exists"), NULL },
    { "accept-problems", 0, 0, G_OPTION_ARG_NONE, &o->accept_problems,
      N_("With --merge: add up duplicate agencies and reports with errors anyway, as warnings"),
      NULL },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &o->compare,
      N_("Compare last year’s report with this year’s: --compare OLD NEW"), NULL },
    { "print", 0, 0, G_OPTION_ARG_NONE, &o->print,
      N_("Print reports without a dialog on the default printer (or the one given with --printer)"),
      NULL },
    { "printer", 0, 0, G_OPTION_ARG_STRING, &o->printer,
      N_("With --print: the CUPS printer to use"), N_("NAME") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &o->import_path,
      N_("Import a published report (.txt, .md, .html, .docx) into the .nianbao file given with -o, "
         "printing what was not understood"), N_("FILE") },
    { "next-year", 0, 0, G_OPTION_ARG_NONE, &o->next_year,
      N_("Start next year’s report from FILE into the file given with -o"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->files, NULL, NULL },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

static const char *
get_summary (void)
{
  return _("Write, check, print and publish the annual government information disclosure report "
           "(政府信息公开工作年度报告).\n\n"
           "Without options, opens the given reports in windows.");
}

static const char *
get_description (void)
{
  return _("Examples:\n"
      "  nianbao --new --edition 2021 --year 2024 --agency NAME -o report.nianbao\n"
      "  nianbao --check reports/\n"
      "  nianbao --check --format=csv reports/ > findings.csv\n"
      "  nianbao --check --format=summary-csv reports/ > summary.csv\n"
      "  nianbao --merge --agency NAME -o summary.nianbao reports/\n"
      "  nianbao --compare 2023.nianbao 2024.nianbao\n"
      "  nianbao --export csv -o values.csv report.nianbao\n"
      "  nianbao --import 2023.docx -o 2023.nianbao\n"
      "  nianbao --next-year -o 2024.nianbao 2023.nianbao\n"
      "  nianbao --export pdf -o report.pdf report.nianbao\n"
      "  nianbao --export html --fragment -o body.html report.nianbao\n"
      "  nianbao --export summary-image --previous 2023.nianbao -o summary.png 2024.nianbao\n"
      "  nianbao --print --printer office reports/\n\n"
      "Exit status of --check: 0 no errors (warnings allowed), 1 errors found, "
      "2 a file could not be read. Of --merge: 0 the summary was written, 1 it was "
      "refused (nothing written), 2 a file could not be read.");
}

/* For main(), which parses the command line before it knows whether a
 * window is wanted at all: the command line must not load GTK. */
GOptionContext *
nb_cli_new_option_context (NbCliOptions *o)
{
  g_autofree GOptionEntry *entries = new_entries (o);
  GOptionContext *context = g_option_context_new (_("[FILE…]"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, get_summary ());
  g_option_context_set_description (context, get_description ());
  return context;
}

/* For the application, which parses the same command line again when it
 * opens windows. */
void
nb_cli_add_options (GApplication *application,
                    NbCliOptions *o)
{
  g_autofree GOptionEntry *entries = new_entries (o);

  g_application_add_main_option_entries (application, entries);
  g_application_set_option_context_parameter_string (application, _("[FILE…]"));
  g_application_set_option_context_summary (application, get_summary ());
  g_application_set_option_context_description (application, get_description ());
}

gboolean
nb_cli_is_command (NbCliOptions *o)
{
  return o->import_path != NULL || o->next_year || o->version || o->new_report || o->check || o->export_format != NULL || o->merge
         || o->compare || o->print || o->printer != NULL;
}

void
nb_cli_options_clear (NbCliOptions *o)
{
  g_clear_pointer (&o->export_format, g_free);
  g_clear_pointer (&o->printer, g_free);
  g_clear_pointer (&o->output, g_free);
  g_clear_pointer (&o->edition, g_free);
  g_clear_pointer (&o->agency, g_free);
  g_clear_pointer (&o->previous, g_free);
  g_clear_pointer (&o->summary_format, g_free);
  g_clear_pointer (&o->import_path, g_free);
  g_clear_pointer (&o->today, g_free);
  g_clear_pointer (&o->files, g_strfreev);
}

int
_nb_cli_usage_error (const char *format,
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

int
nb_cli_run (NbCliOptions *o)
{
  guint n_commands = (o->import_path != NULL) + !!o->next_year + !!o->new_report + !!o->check + (o->export_format != NULL) + !!o->merge
                     + !!o->compare + !!o->print;

  if (o->version)
    {
      g_print ("nianbao %s\n", PACKAGE_VERSION);
      return EXIT_CLEAN;
    }
  if (n_commands > 1)
    return _nb_cli_usage_error (_("Give only one of --new, --check, --export, --merge, --compare and --print"));
  if (o->force && o->output == NULL)
    return _nb_cli_usage_error (_("--force goes with a command that writes the file given with -o"));
  if (o->accept_problems && !o->merge)
    return _nb_cli_usage_error (_("--accept-problems goes with --merge"));
  if (o->summary_format != NULL && !o->check)
    return _nb_cli_usage_error (_("--format goes with --check"));
  if (o->today != NULL)
    {
      GDate today;

      if (!nb_publish_parse_iso (o->today, &today))
        return _nb_cli_usage_error (_("--today takes a date as YYYY-MM-DD, not “%s”"), o->today);
      nb_publish_set_today (&today);
    }
  if (o->import_path != NULL)
    return _nb_cli_run_import (o);
  if (o->next_year)
    return _nb_cli_run_next_year (o);
  if (o->new_report)
    return _nb_cli_run_new (o);
  if (o->check)
    return _nb_cli_run_check (o);
  if (o->export_format != NULL)
    return _nb_cli_run_export (o);
  if (o->merge)
    return _nb_cli_run_merge (o);
  if (o->compare)
    return _nb_cli_run_compare (o);
  if (o->print)
    return _nb_cli_run_print (o);
  if (o->printer != NULL)
    return _nb_cli_usage_error (_("--printer goes with --print"));
  g_assert_not_reached ();
  return EXIT_UNREADABLE;
}
