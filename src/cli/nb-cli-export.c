/* nb-cli-export.c: --export and --print, a report to a file or a printer
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-cli-private.h"
#include "nb-export.h"
#include "nb-export-ofd.h"
#include "nb-export-pdf.h"
#include "nb-fonts.h"
#include "nb-settings.h"

/* What a step of --export returns to let the next one run; any other
 * value is the exit status. */
#define GO_ON (-1)

/* The mistakes on the command line itself, found before a file is read. */
static int
check_request (NbCliOptions  *o,
               const char   **input)
{
  g_autoptr(GError) error = NULL;
  guint n_inputs = o->files ? g_strv_length (o->files) : 0;

  if (nb_export_lookup (o->export_format, &error) == NULL)
    return _nb_cli_usage_error ("%s", error->message);
  if (o->output == NULL)
    return _nb_cli_usage_error (_("--export needs an output file: -o FILE (or -o - for standard output)"));
  if (n_inputs + (o->sample ? 1 : 0) != 1)
    return _nb_cli_usage_error (_("--export takes exactly one report"));
  *input = o->files ? o->files[0] : NULL;
  if (*input != NULL && g_str_equal (*input, o->output))
    return _nb_cli_usage_error (_("The output would overwrite the report itself"));
  if (!o->force && !g_str_equal (o->output, "-") && g_file_test (o->output, G_FILE_TEST_EXISTS))
    return _nb_cli_refuse_existing_output (o);
  return GO_ON;
}

/* The report (@input, or the sample when NULL) and, with --previous,
 * last year's. */
static int
load_reports (NbCliOptions  *o,
              const char    *input,
              NbReport     **report,
              NbReport     **previous)
{
  g_autoptr(GError) error = NULL;

  *report = _nb_cli_load_input (o, input, &error);
  if (*report == NULL)
    {
      _nb_cli_print_line (stderr, "%s: %s\n", input ? input : "sample", error->message);
      return EXIT_UNREADABLE;
    }
  if (o->previous != NULL)
    {
      *previous = nb_file_load (o->previous, &error);
      if (*previous == NULL)
        {
          g_printerr ("%s: %s\n", o->previous, error->message);
          return EXIT_UNREADABLE;
        }
    }
  return GO_ON;
}

/* --fragment and --stamp-published, refused where format @name has no
 * use for them; *report becomes the stamped copy where the stamp ends
 * the text. */
static int
apply_format_options (NbCliOptions     *o,
                      const char       *name,
                      NbReport        **report,
                      NbExportOptions  *options)
{
  if (o->stamp_published)
    {
      options->published = nb_report_get_published (*report);
      if (options->published == NULL)
        return _nb_cli_usage_error (_("--stamp-published: the report has no publication date "
                                      "(“Mark as Published…” records it)"));
    }

  if (o->fragment && !g_str_equal (name, "html"))
    return _nb_cli_usage_error (_("--fragment works with --export html only"));
  /* The web page and the picture place the stamp themselves; the formats
   * that lay out the text end it with the stamp. */
  if (options->published != NULL && g_str_equal (name, "csv"))
    return _nb_cli_usage_error (_("--stamp-published: a CSV file has no text to stamp"));
  if (options->published != NULL && !g_str_equal (name, "html")
      && !g_str_equal (name, "summary-image"))
    {
      NbReport *stamped = nb_export_dup_stamped (*report, options->published);

      g_object_unref (*report);
      *report = stamped;
      options->published = nb_report_get_published (*report);
    }
  return GO_ON;
}

/* @report in format @name; @missing gets the characters no installed
 * font has, for the formats that lay out pages. */
static GBytes *
export_bytes (NbCliOptions     *o,
              const char       *name,
              NbReport         *report,
              NbExportOptions  *options,
              GStrv            *missing,
              GError          **error)
{
  NbRenderOptions render_options;

  /* The laid-out formats get the layout last chosen in the print preview. */
  nb_settings_load_render_options (&render_options);
  if (g_str_equal (name, "pdf"))
    return nb_export_pdf_full (report, &render_options, missing, error);
  if (g_str_equal (name, "ofd"))
    return nb_export_ofd_full (report, &render_options, missing, error);
  if (g_str_equal (name, "html"))
    return nb_export_html_full (report, options, error);
  if (g_str_equal (name, "summary-image"))
    return nb_export_summary_image (report, options,
                                    g_str_has_suffix (o->output, ".png")
                                    || g_str_has_suffix (o->output, ".PNG"),
                                    error);
  return nb_export_to_bytes (report, o->export_format, error);
}

/* The files that print or name the official fonts: say which are
 * missing here, what stands in, and how to get them. */
static void
warn_missing_fonts (const char *name)
{
  g_autofree char *notice = NULL;

  if (!g_strv_contains ((const char * const[]){ "pdf", "ofd", "docx", NULL }, name))
    return;
  notice = nb_fonts_dup_missing_notice ();
  if (notice != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (notice, "\n", -1);
      g_autofree char *indented = g_strjoinv ("\n  ", lines);

      g_printerr (_("nianbao: warning: %s\n"), indented);
    }
}

/* The characters in @missing print as boxes. */
static void
warn_missing_characters (const char *input,
                         GStrv       missing)
{
  if (missing == NULL)
    return;
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "%s: warning: %u character has no installed font and prints as a box:\n",
                           "%s: warning: %u characters have no installed font and print as boxes:\n",
                           g_strv_length (missing)),
              input ? input : "sample", g_strv_length (missing));
  for (guint i = 0; missing[i] != NULL; i++)
    g_printerr ("  %s\n", missing[i]);
}

static int
write_output (NbCliOptions *o,
              GBytes       *bytes)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (o->output, "-"))
    return _nb_cli_write_stdout (bytes) ? EXIT_CLEAN : EXIT_FINDINGS;
  nb_file_sweep_temporaries (o->output);
  if (!nb_file_write_bytes_full (o->output, bytes, _nb_cli_write_flags (o), &error))
    return _nb_cli_report_write_error (o, error, EXIT_FINDINGS);
  return EXIT_CLEAN;
}

int
_nb_cli_run_export (NbCliOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) previous = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) missing = NULL;
  NbExportOptions options = { 0 };
  const char *input = NULL, *name;
  int status;

  if ((status = check_request (o, &input)) != GO_ON)
    return status;
  if ((status = load_reports (o, input, &report, &previous)) != GO_ON)
    return status;

  options.fragment = o->fragment;
  options.previous = previous;
  name = nb_export_find_format (o->export_format)->name;
  if ((status = apply_format_options (o, name, &report, &options)) != GO_ON)
    return status;

  bytes = export_bytes (o, name, report, &options, &missing, &error);
  if (bytes == NULL)
    {
      g_printerr ("nianbao: %s\n", error->message);
      return EXIT_FINDINGS;
    }
  warn_missing_fonts (name);
  /* Written all the same: the boxes are what the preview shows too. */
  warn_missing_characters (input, missing);
  return write_output (o, bytes);
}

/* Exit status: 0 all sent, 1 a printer problem, 2 a report could not be read. */
int
_nb_cli_run_print (NbCliOptions *o)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint n_unreadable = 0;

  for (guint i = 0; o->files != NULL && o->files[i] != NULL; i++)
    _nb_cli_collect_files (o->files[i], paths);
  if (o->sample)
    g_ptr_array_insert (paths, 0, NULL);
  if (paths->len == 0)
    return _nb_cli_usage_error (_("--print needs at least one report file or folder"));
  if (o->print_to_printer == NULL)
    {
      g_printerr ("nianbao: %s\n", _("Printing is not available"));
      return EXIT_FINDINGS;
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      const char *display = path ? path : "sample";
      g_autoptr(GError) error = NULL;
      g_autoptr(NbReport) report = _nb_cli_load_input (o, path, &error);

      if (report == NULL)
        {
          g_printerr ("%s: %s\n", display, error->message);
          n_unreadable++;
          continue;
        }
      /* A missing printer or a stopped cupsd fails every report alike. */
      if (!o->print_to_printer (report, o->printer, &error))
        {
          g_printerr ("nianbao: %s: %s\n", display, error->message);
          return EXIT_FINDINGS;
        }
      _nb_cli_print_line (stdout, _("%s: sent to the printer\n"), display);
    }
  if (!_nb_cli_stdout_flushed ())
    return EXIT_FINDINGS;
  return n_unreadable > 0 ? EXIT_UNREADABLE : EXIT_CLEAN;
}
