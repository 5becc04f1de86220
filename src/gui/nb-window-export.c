/* nb-window-export.c: the report out of the window, on paper or in a file
 *
 * Print, the print preview, page setup, and Export… with its submenu of
 * formats.  Print, the preview and Export take what is typed first
 * (nb_window_commit_edits ()); Export asks before writing a report the
 * checks find errors in, and offers to stamp the publication date.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-export"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-export.h"
#include "nb-export-ofd.h"
#include "nb-export-pdf.h"
#include "nb-file.h"
#include "nb-print.h"
#include "nb-print-preview.h"
#include "nb-settings.h"
#include "nb-window-private.h"

void
_nb_window_build_export_menu (NbWindow *self)
{
  guint n = 0;
  const NbExportFormat *formats = nb_export_get_formats (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *upper = g_ascii_strup (formats[i].name, -1);
      /* Translators: an export format, "CSV…" */
      g_autofree char *label = formats[i].label != NULL ? g_strdup (_(formats[i].label))
                                                        : g_strdup_printf (_("%s…"), upper);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.export", "s", formats[i].name);
      g_menu_append_item (self->export_section, item);
    }
}

typedef struct
{
  NbWindow *self;
  char     *format;
  gboolean  stamp_offered;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->format);
  g_free (data);
}

/* The file chooser's offer to stamp the publication date, as the command
 * line's --stamp-published. */
#define STAMP_CHOICE "stamp-published"

/* A PDF or OFD has the layout last chosen in the print preview, as the
 * command line's (the core reads no settings).  @published: stamp the
 * publication date, or NULL. */
static gboolean
export_to_file (NbReport    *report,
                const char  *format,
                const char  *path,
                const char  *published,
                GError     **error)
{
  const char *name = nb_export_find_format (format)->name;
  NbRenderOptions options;
  NbExportOptions export_options = { .published = published };
  g_autoptr(NbReport) stamped = NULL;
  g_autoptr(GBytes) bytes = NULL;

  nb_settings_load_render_options (&options);
  if (g_str_equal (name, "pdf") || g_str_equal (name, "ofd"))
    {
      stamped = published != NULL ? nb_export_dup_stamped (report, published)
                                  : g_object_ref (report);
      if (g_str_equal (name, "pdf"))
        bytes = nb_export_pdf_full (stamped, &options, NULL, error);
      else
        bytes = nb_export_ofd_full (stamped, &options, NULL, error);
      return bytes != NULL && nb_file_write_bytes (path, bytes, error);
    }
  return nb_export_to_file_full (report, format, path, &export_options, error);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       ExportData      *data)
{
  NbWindow *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      const char *stamp = data->stamp_offered
                            ? gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), STAMP_CHOICE)
                            : NULL;
      const char *published = g_strcmp0 (stamp, "true") == 0
                                ? nb_report_get_published (self->report) : NULL;

      if (path == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Reports can only be exported to local files"));
      if (path == NULL || !export_to_file (self->report, data->format, path, published, &error))
        _nb_window_show_error (self, _("Could Not Export the Report"), error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);

          _nb_window_add_toast (self, message);
        }
    }
  export_data_free (data);
  g_object_unref (dialog);
}

static void
choose_export_file (NbWindow   *self,
                    const char *format)
{
  const NbExportFormat *info = nb_export_find_format (format);
  GtkFileChooserNative *chooser;
  ExportData *data;
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *name = NULL;
  g_autofree char *stamp = NULL;

  if (info == NULL)
    {
      _nb_window_show_error (self, _("Could Not Export the Report"), _("This export format is unknown"));
      return;
    }
  name = g_strconcat (title, ".", info->extension, NULL);
  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* Published: offered, and on, since an export after publication is
   * usually the published record; a CSV has no text to stamp. */
  if (!g_str_equal (info->name, "csv"))
    stamp = nb_export_dup_published_stamp (self->report, nb_report_get_published (self->report));
  if (stamp != NULL)
    {
      /* Translators: a check box in the Export file chooser; %s is the stamp,
       * "本报告于2024年1月25日公开发布" */
      g_autofree char *label = g_strdup_printf (_("Stamp the publication date (“%s”)"), stamp);

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), STAMP_CHOICE, label, NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), STAMP_CHOICE, "true");
    }
  data = g_new0 (ExportData, 1);
  data->self = self;
  data->format = g_strdup (format);
  data->stamp_offered = stamp != NULL;
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_anyway_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ExportData       *data)
{
  /* The data goes with the dialog (a response may come twice: a button,
   * then the close). */
  if (g_strcmp0 (response, "export") == 0)
    choose_export_file (data->self, data->format);
}

/* Actions */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  nb_window_commit_edits (self);
  nb_print_report (GTK_WINDOW (self), self->report);
}

static void
print_preview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  nb_window_commit_edits (self);
  gtk_window_present (GTK_WINDOW (nb_print_preview_new (GTK_WINDOW (self), self->report)));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  guint errors;

  nb_window_commit_edits (self);
  nb_checks_panel_refresh (self->checks);
  errors = nb_checks_panel_count (self->checks, NB_SEVERITY_ERROR);
  if (errors > 0)
    {
      ExportData *data = g_new0 (ExportData, 1);
      g_autofree char *body =
        g_strdup_printf (ngettext ("The checks found %u error. An exported report with errors "
                                   "may be rejected.",
                                   "The checks found %u errors. An exported report with errors "
                                   "may be rejected.", errors), errors);
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export Anyway?"), body);

      data->self = self;
      data->format = g_strdup (format);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "export", _("_Export Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_export_anyway_cb), data,
                             (GClosureNotify)(void (*) (void))export_data_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  choose_export_file (self, format);
}

void
_nb_window_class_export_init (NbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.print-preview", NULL, print_preview_action);
  gtk_widget_class_install_action (widget_class, "win.page-setup", NULL,
                                   nb_print_page_setup_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
}
