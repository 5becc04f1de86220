/* nb-print.c: printing and the print preview, on top of the core renderer
 *
 * The pages come from NbRender, laid out once for A4; the print dialog only
 * chooses the printer, copies and paper.  Report options (sections,
 * landscape tables, line pitch) live in the app's own preview window: the
 * Flatpak print portal drops custom print-dialog tabs.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-print"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>

#include "nb-checker.h"
#include "nb-print.h"
#include "nb-settings.h"

#define MAX_LISTED_ERRORS 8

typedef struct
{
  NbRender     *render;
  GtkWindow    *parent;
  GtkPageSetup *page_setup; /* the paper printed on */
} PrintData;

static void
print_data_free (gpointer data)
{
  PrintData *pd = data;

  g_clear_object (&pd->render);
  g_clear_object (&pd->parent);
  g_clear_object (&pd->page_setup);
  g_free (pd);
}

void
nb_print_load_options (NbRenderOptions *options)
{
  nb_settings_load_render_options (options);
}

static GtkPrintSettings *
load_print_settings (GSettings *settings)
{
  g_autoptr(GVariant) value = settings ? g_settings_get_value (settings, "print-settings") : NULL;

  if (value != NULL && g_variant_n_children (value) > 0)
    return gtk_print_settings_new_from_gvariant (value);
  return gtk_print_settings_new ();
}

static GtkPageSetup *
default_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

static GtkPageSetup *
load_page_setup (GSettings *settings)
{
  g_autoptr(GVariant) value = settings ? g_settings_get_value (settings, "page-setup") : NULL;
  GtkPageSetup *setup = NULL;

  if (value != NULL && g_variant_n_children (value) > 0)
    setup = gtk_page_setup_new_from_gvariant (value);
  return setup ? setup : default_page_setup ();
}

/* The layout is A4 (GB/T 9704); other paper gets it scaled to fit, centred. */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintData         *pd)
{
  const NbRenderOptions *o = nb_render_get_options (pd->render);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double scale = MIN (width / o->page_width, height / o->page_height);

  cairo_translate (cr, (width - o->page_width * scale) / 2, (height - o->page_height * scale) / 2);
  cairo_scale (cr, scale, scale);
  nb_render_draw_page (pd->render, cr, page_nr);
}

/* After the dialog, before the first page: the fonts to embed are made
 * small once for the whole job (a PDF or PostScript file for CUPS). */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *pd)
{
  g_set_object (&pd->page_setup, gtk_print_context_get_page_setup (context));
  nb_render_prepare_vector_output (pd->render);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         PrintData               *pd)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (pd->parent, _("Printing Failed"), error ? error->message : NULL);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autoptr(GSettings) settings = nb_settings_dup ();
      GtkPrintSettings *print_settings = gtk_print_operation_get_print_settings (operation);

      /* Remembered for the next print, in this run and the next; the paper
       * printed on becomes the page setup too, so the preview and the next
       * print start from it. */
      if (settings != NULL && print_settings != NULL)
        g_settings_set_value (settings, "print-settings",
                              gtk_print_settings_to_gvariant (print_settings));
      if (settings != NULL && pd->page_setup != NULL)
        g_settings_set_value (settings, "page-setup",
                              gtk_page_setup_to_gvariant (pd->page_setup));
    }
}

static void
run_print_operation (GtkWindow *parent,
                     NbRender  *render)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GSettings) settings = nb_settings_dup ();
  g_autoptr(GtkPrintSettings) print_settings = load_print_settings (settings);
  g_autoptr(GtkPageSetup) page_setup = load_page_setup (settings);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = nb_report_dup_title (nb_render_get_report (render));
  PrintData *pd = g_new0 (PrintData, 1);

  pd->render = g_object_ref (render);
  pd->parent = parent ? g_object_ref (parent) : NULL;

  nb_render_paginate (render);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_print_settings (operation, print_settings);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_n_pages (operation, (int)nb_render_get_n_pages (render));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), pd);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), pd);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), pd);
  g_object_set_data_full (G_OBJECT (operation), "nb-print-data", pd, print_data_free);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (parent, _("Printing Failed"), error->message);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     NbRender         *render)
{
  if (g_strcmp0 (response, "print") == 0)
    run_print_operation (gtk_window_get_transient_for (GTK_WINDOW (dialog)), render);
}

void
nb_print_report_with_options (GtkWindow             *parent,
                              NbReport              *report,
                              const NbRenderOptions *options)
{
  g_autoptr(NbRender) render = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GString) list = NULL;
  guint n_errors, listed = 0;
  GtkWidget *dialog;

  g_return_if_fail (NB_IS_REPORT (report));

  render = nb_render_new (report, options);
  findings = nb_check_report (report, NULL);
  n_errors = nb_findings_count (findings, NB_SEVERITY_ERROR);
  if (n_errors == 0)
    {
      run_print_operation (parent, render);
      return;
    }

  /* A report with unfixed errors is rarely meant for signing. */
  list = g_string_new (NULL);
  for (guint i = 0; i < findings->len && listed < MAX_LISTED_ERRORS; i++)
    {
      NbFinding *finding = g_ptr_array_index (findings, i);
      const NbEditionSection *section = NULL;
      const char *section_id = finding->section_id;

      if (finding->severity != NB_SEVERITY_ERROR)
        continue;
      /* People's words, not the file's ids: the section's heading, and the
       * message names the row and column itself. */
      if (section_id == NULL && finding->table_id != NULL)
        {
          const NbEditionTable *table =
            nb_edition_find_table (nb_report_get_edition (report), finding->table_id);

          section_id = table != NULL ? nb_edition_table_get_section_id (table) : NULL;
        }
      if (section_id != NULL)
        section = nb_edition_find_section (nb_report_get_edition (report), section_id);
      if (section != NULL && strstr (finding->message, section->heading) == NULL)
        g_string_append_printf (list, "• %s — %s\n", section->heading, finding->message);
      else
        g_string_append_printf (list, "• %s\n", finding->message);
      listed++;
    }
  if (n_errors > listed)
    g_string_append_printf (list, ngettext ("… and %u more error\n", "… and %u more errors\n",
                                            n_errors - listed), n_errors - listed);

  dialog = adw_message_dialog_new (parent, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     ngettext ("Print with %u Error?", "Print with %u Errors?",
                                               n_errors), n_errors);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n%s",
                                  _("The checks found errors that are not fixed yet:"), list->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "print", _("_Print Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb),
                         g_steal_pointer (&render), (GClosureNotify)(void (*)(void))g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
nb_print_report (GtkWindow *parent,
                 NbReport  *report)
{
  NbRenderOptions options;

  nb_print_load_options (&options);
  nb_print_report_with_options (parent, report, &options);
}

static void
page_setup_done_cb (GtkPageSetup *page_setup,
                    gpointer      data)
{
  g_autoptr(GSettings) settings = nb_settings_dup ();

  if (page_setup != NULL && settings != NULL)
    g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (page_setup));
}

void
nb_print_page_setup_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(GSettings) settings = nb_settings_dup ();
  g_autoptr(GtkPrintSettings) print_settings = load_print_settings (settings);
  g_autoptr(GtkPageSetup) page_setup = load_page_setup (settings);

  /* The dialog takes paper and orientation from the print settings over
   * the page setup: make them agree, or a saved landscape comes back
   * portrait. */
  gtk_print_settings_set_paper_size (print_settings, gtk_page_setup_get_paper_size (page_setup));
  gtk_print_settings_set_orientation (print_settings, gtk_page_setup_get_orientation (page_setup));
  gtk_print_run_page_setup_dialog_async (parent, page_setup, print_settings,
                                         page_setup_done_cb, NULL);
}

/* Printing without a dialog ------------------------------------------------ */

typedef struct
{
  const char *wanted;     /* NULL: the default printer */
  GtkPrinter *found;
  GString    *available;
} FindPrinter;

static gboolean
find_printer_cb (GtkPrinter *printer,
                 gpointer    data)
{
  FindPrinter *fp = data;
  const char *name = gtk_printer_get_name (printer);

  /* "Print to File" and the like are no printers for a batch. */
  if (gtk_printer_is_virtual (printer))
    return FALSE;
  g_string_append_printf (fp->available, "%s%s", fp->available->len ? ", " : "", name);
  if (fp->wanted != NULL ? g_str_equal (fp->wanted, name) : gtk_printer_is_default (printer))
    {
      g_set_object (&fp->found, printer);
      return TRUE;
    }
  return FALSE;
}

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} SendJob;

static void
job_complete_cb (GtkPrintJob  *job,
                 gpointer      data,
                 const GError *error)
{
  SendJob *sj = data;

  if (error != NULL)
    sj->error = g_error_copy (error);
  g_main_loop_quit (sj->loop);
}

/* GTK's CUPS backend reports, on every batch print, that a desktop service
 * (colord, avahi on the system bus) is missing: harmless on a print server,
 * and noise among the results of the command line. */
static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         data)
{
  static const char * const noise[] = {
    "failed to contact colord",
    "Couldn't connect to D-Bus system bus",
  };

  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE))
    for (gsize i = 0; i < n_fields; i++)
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        for (guint n = 0; n < G_N_ELEMENTS (noise); n++)
          if (strstr (fields[i].value, noise[n]) != NULL)
            return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, data);
}

/* GTK 4.8 crashes on GTK_PRINT_OPERATION_ACTION_PRINT without a dialog (a
 * use-after-free fixed later), so a batch print sends the rendered PDF with
 * GtkPrintJob: the PDF is what the preview and the dialog would print. */
gboolean
nb_print_to_printer (NbReport    *report,
                     const char  *printer_name,
                     GError     **error)
{
  NbRenderOptions options;
  g_autoptr(NbRender) render = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) page_setup = NULL;
  g_autoptr(GtkPrintJob) job = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  FindPrinter fp = { printer_name, NULL, g_string_new (NULL) };
  SendJob sj = { NULL, NULL };
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);

  /* Only the command line prints without a dialog, and it has no writer
   * of its own. */
  if (!gtk_is_initialized ())
    {
      static gsize writer_set = 0;

      if (g_once_init_enter (&writer_set))
        {
          g_log_set_writer_func (quiet_writer, NULL, NULL);
          g_once_init_leave (&writer_set, 1);
        }
    }

  /* GTK registers its print backends when it starts; with no display it
   * cannot start, but the backends need none: register their extension
   * point so that the CUPS backend still loads. */
  if (!gtk_is_initialized () && !gtk_init_check ()
      && g_io_extension_point_lookup ("gtk-print-backend") == NULL)
    g_io_extension_point_register ("gtk-print-backend");

  gtk_enumerate_printers (find_printer_cb, &fp, NULL, TRUE);
  if (fp.found == NULL)
    {
      if (fp.available->len == 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("No printer found: is the CUPS print service (cupsd) running?"));
      else if (printer_name == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("There is no default printer; choose one with --printer (printers: %s)"),
                     fp.available->str);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("There is no printer named “%s” (printers: %s)"), printer_name,
                     fp.available->str);
      g_string_free (fp.available, TRUE);
      return FALSE;
    }
  g_string_free (fp.available, TRUE);

  if (!gtk_printer_accepts_pdf (fp.found))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The printer “%s” does not accept PDF"), gtk_printer_get_name (fp.found));
      g_object_unref (fp.found);
      return FALSE;
    }

  nb_print_load_options (&options);
  render = nb_render_new (report, &options);
  pdf = nb_render_to_pdf (render, error);
  if (pdf == NULL)
    goto out;

  fd = g_file_open_tmp ("nianbao-XXXXXX.pdf", &path, error);
  if (fd < 0)
    goto out;
  close (fd);
  if (!g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), error))
    goto out;

  settings = gtk_print_settings_new ();
  gtk_print_settings_set_printer (settings, gtk_printer_get_name (fp.found));
  page_setup = default_page_setup ();
  title = nb_report_dup_title (report);
  job = gtk_print_job_new (title, fp.found, settings, page_setup);
  if (!gtk_print_job_set_source_file (job, path, error))
    goto out;

  sj.loop = g_main_loop_new (NULL, FALSE);
  gtk_print_job_send (job, job_complete_cb, &sj, NULL);
  g_main_loop_run (sj.loop);
  g_main_loop_unref (sj.loop);
  if (sj.error != NULL)
    g_propagate_error (error, sj.error);
  else
    ok = TRUE;

out:
  if (path != NULL)
    g_unlink (path);
  g_object_unref (fp.found);
  return ok;
}
