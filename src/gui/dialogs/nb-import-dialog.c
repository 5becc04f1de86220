/* nb-import-dialog.c: what an import understood, shown before the report opens
 *
 * Import never guesses silently: every row, cell and section it could not
 * map is listed here, and the report opens only when the user says so.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-import-dialog.h"
#include "nb-import.h"
#include "nb-window.h"

struct _NbImportDialog
{
  AdwWindow      parent_instance;

  GtkApplication *application;
  NbReport      *report;
  GPtrArray     *findings; /* NbImportFinding */

  GtkLabel      *heading;
  GtkLabel      *summary;
  GtkLabel      *explanation;
  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (NbImportDialog, nb_import_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
finding_row (const NbImportFinding *finding)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *subtitle = NULL;

  /* The messages may quote the source's own text: no markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
  subtitle = finding->location != NULL ? g_strdup_printf ("%s · %s", finding->location, finding->code)
                                       : g_strdup (finding->code);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  icon = gtk_image_new_from_icon_name (finding->severity == NB_SEVERITY_ERROR
                                         ? "dialog-error-symbolic"
                                         : "dialog-warning-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  finding->severity == NB_SEVERITY_ERROR ? _("Not imported")
                                                                         : _("Check this"),
                                  -1);
  gtk_widget_add_css_class (icon, finding->severity == NB_SEVERITY_ERROR ? "error" : "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  nb_import_dialog_open (NB_IMPORT_DIALOG (widget));
}

static void
nb_import_dialog_dispose (GObject *object)
{
  NbImportDialog *self = (NbImportDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->report);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (nb_import_dialog_parent_class)->dispose (object);
}

static void
nb_import_dialog_class_init (NbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NbImportDialog, heading);
  gtk_widget_class_bind_template_child (widget_class, NbImportDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, NbImportDialog, explanation);
  gtk_widget_class_bind_template_child (widget_class, NbImportDialog, list);
  gtk_widget_class_install_action (widget_class, "import.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nb_import_dialog_init (NbImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
nb_import_dialog_new (GtkApplication *application,
                      GtkWindow      *parent,
                      const char     *source_name,
                      NbReport       *report,
                      const char     *summary,
                      GPtrArray      *findings)
{
  NbImportDialog *self;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  g_return_val_if_fail (findings != NULL, NULL);

  self = g_object_new (NB_TYPE_IMPORT_DIALOG, "application", application,
                       "transient-for", parent, NULL);
  self->application = g_object_ref (application);
  self->report = g_object_ref (report);
  self->findings = g_ptr_array_ref (findings);

  heading = g_strdup_printf (_("Imported “%s”"), source_name ? source_name : "");
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->summary, summary ? summary : "");

  for (guint i = 0; i < findings->len; i++)
    {
      const NbImportFinding *finding = g_ptr_array_index (findings, i);

      gtk_list_box_append (self->list, finding_row (finding));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), findings->len > 0);
  if (findings->len == 0)
    gtk_label_set_text (self->explanation,
                        _("Everything in the file was understood: every section and every table value was read."));
  else
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u finding: items marked as not imported are missing from the report; check the others against the source before publishing.",
                                      "%u findings: items marked as not imported are missing from the report; check the others against the source before publishing.",
                                      findings->len),
                         findings->len);

      gtk_label_set_text (self->explanation, text);
    }
  return GTK_WIDGET (self);
}

guint
nb_import_dialog_get_n_findings (NbImportDialog *self)
{
  g_return_val_if_fail (NB_IS_IMPORT_DIALOG (self), 0);
  return self->findings->len;
}

GtkWindow *
nb_import_dialog_open (NbImportDialog *self)
{
  GtkWindow *window;

  g_return_val_if_fail (NB_IS_IMPORT_DIALOG (self), NULL);

  /* No file yet: the imported report is new, saved where the user says. */
  window = GTK_WINDOW (nb_window_new (self->application, self->report, NULL));
  gtk_window_present (window);
  gtk_window_close (GTK_WINDOW (self));
  return window;
}

/* app.import */

typedef struct
{
  GtkApplication *application;
  GtkWindow     *parent;
  char          *name;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->application);
  g_clear_object (&job->parent);
  g_free (job->name);
  g_free (job);
}

static void
show_error (ImportJob  *job,
            const char *message)
{
  g_autofree char *heading = g_strdup_printf (_("Could Not Import “%s”"), job->name);
  GtkWidget *dialog = adw_message_dialog_new (job->parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_contents_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ImportJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  gsize length = 0;
  NbImportFormat format;
  GtkWidget *dialog;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      show_error (job, error->message);
      import_job_free (job);
      return;
    }
  format = nb_import_format_for_path (job->name);
  report = nb_import_data (contents, length, format, &findings, &summary, &error);
  if (report == NULL)
    {
      show_error (job, error->message);
      import_job_free (job);
      return;
    }
  dialog = nb_import_dialog_new (job->application, job->parent, job->name, report, summary,
                                 findings);
  gtk_window_present (GTK_WINDOW (dialog));
  import_job_free (job);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        GtkApplication  *application)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFileInfo) info = NULL;
      GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
      ImportJob *job = g_new0 (ImportJob, 1);

      job->application = g_object_ref (application);
      job->parent = parent ? g_object_ref (parent) : NULL;
      /* The display name keeps the extension, which tells the format, also
       * for files behind the document portal. */
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                                G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                G_FILE_QUERY_INFO_NONE, NULL, NULL);
      job->name = info ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);
      /* A named pipe or a device would keep the read waiting for ever. */
      if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        {
          show_error (job, _("This is not a regular file (a named pipe or a device); only files "
                             "are read"));
          import_job_free (job);
        }
      /* Refused before it is read into memory. */
      else if (info != NULL && g_file_info_get_size (info) > NB_IMPORT_MAX_SIZE)
        {
          g_autofree char *message =
            g_strdup_printf (_("The file is too large to be a report (%llu bytes; at most %d)"),
                             (unsigned long long)g_file_info_get_size (info), NB_IMPORT_MAX_SIZE);

          show_error (job, message);
          import_job_free (job);
        }
      else
        g_file_load_contents_async (file, NULL, on_contents_loaded_cb, job);
    }
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  GtkApplication *application = user_data;
  GtkWindow *parent = gtk_application_get_active_window (application);
  GtkFileChooserNative *chooser;
  static const char * const all[] = { "txt", "md", "html", "htm", "docx", NULL };
  static const char * const word[] = { "docx", NULL };
  static const char * const web[] = { "html", "htm", NULL };
  static const char * const text[] = { "txt", "md", NULL };

  chooser = gtk_file_chooser_native_new (_("Import Report"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Published reports"), all);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Word documents"), word);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Web pages"), web);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Text and Markdown"), text);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), application);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
nb_import_dialog_install_action (GtkApplication *application)
{
  static const GActionEntry entries[] = {
    { "import", import_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries),
                                   application);
}
