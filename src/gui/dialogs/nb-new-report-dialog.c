/* nb-new-report-dialog.c: asks for the year and edition of a new report
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-new-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-new-report-dialog.h"

struct _NbNewReportDialog
{
  AdwMessageDialog  parent_instance;

  GtkSpinButton    *year;
  AdwComboRow      *edition;
  GtkStringList    *titles;
  GStrv             ids;
};

G_DEFINE_FINAL_TYPE (NbNewReportDialog, nb_new_report_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_year_changed_cb (NbNewReportDialog *self)
{
  const char *id = nb_edition_id_for_year (gtk_spin_button_get_value_as_int (self->year));

  /* The edition follows the year; a person can still pick another. */
  for (guint i = 0; self->ids[i] != NULL; i++)
    if (g_strcmp0 (self->ids[i], id) == 0)
      adw_combo_row_set_selected (self->edition, i);
}

static void
nb_new_report_dialog_finalize (GObject *object)
{
  NbNewReportDialog *self = (NbNewReportDialog *)object;

  g_clear_object (&self->titles);
  g_strfreev (self->ids);

  G_OBJECT_CLASS (nb_new_report_dialog_parent_class)->finalize (object);
}

static void
nb_new_report_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), NB_TYPE_NEW_REPORT_DIALOG);

  G_OBJECT_CLASS (nb_new_report_dialog_parent_class)->dispose (object);
}

static void
nb_new_report_dialog_class_init (NbNewReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_new_report_dialog_dispose;
  object_class->finalize = nb_new_report_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-new-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NbNewReportDialog, year);
  gtk_widget_class_bind_template_child (widget_class, NbNewReportDialog, edition);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);
}

static void
nb_new_report_dialog_init (NbNewReportDialog *self)
{
  const char * const *ids = nb_edition_list_ids ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = g_strdupv ((char **)ids);
  self->titles = gtk_string_list_new (NULL);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(NbEdition) edition = nb_edition_lookup (ids[i], NULL);
      g_autofree char *title = NULL;

      if (edition != NULL)
        title = g_strdup_printf ("%s (%s)", nb_edition_get_title (edition),
                                 nb_edition_get_issued_by (edition));
      gtk_string_list_append (self->titles, title ? title : ids[i]);
    }
  adw_combo_row_set_model (self->edition, G_LIST_MODEL (self->titles));
  /* Reports are written in January about the year before. */
  nb_new_report_dialog_set_year (self, g_date_time_get_year (now) - 1);
}

GtkWidget *
nb_new_report_dialog_new (GtkWindow *parent)
{
  return g_object_new (NB_TYPE_NEW_REPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}

int
nb_new_report_dialog_get_year (NbNewReportDialog *self)
{
  g_return_val_if_fail (NB_IS_NEW_REPORT_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->year);
}

void
nb_new_report_dialog_set_year (NbNewReportDialog *self,
                               int                year)
{
  g_return_if_fail (NB_IS_NEW_REPORT_DIALOG (self));
  gtk_spin_button_set_value (self->year, year);
  on_year_changed_cb (self);
}

const char *
nb_new_report_dialog_get_edition_id (NbNewReportDialog *self)
{
  guint selected;

  g_return_val_if_fail (NB_IS_NEW_REPORT_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->edition);
  if (selected >= g_strv_length (self->ids))
    return nb_edition_default_id ();
  return self->ids[selected];
}

/* An empty report of the chosen year and edition, with no undo history. */
NbReport *
nb_new_report_dialog_create_report (NbNewReportDialog  *self,
                                    GError            **error)
{
  g_autoptr(NbEdition) edition = NULL;
  NbReport *report;

  g_return_val_if_fail (NB_IS_NEW_REPORT_DIALOG (self), NULL);

  edition = nb_edition_lookup (nb_new_report_dialog_get_edition_id (self), error);
  if (edition == NULL)
    return NULL;
  report = nb_report_new (edition);
  nb_report_set_year (report, nb_new_report_dialog_get_year (self));
  nb_report_forget_history (report);
  nb_report_set_modified (report, FALSE);
  return report;
}
