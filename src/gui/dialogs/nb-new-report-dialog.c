/* nb-new-report-dialog.c: asks for the agency, year and edition of a new
 * report
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

  AdwEntryRow      *agency;
  GtkSpinButton    *year;
  GtkListBox       *editions;
  GPtrArray        *checks;  /* GtkCheckButton, one per edition, as in ids */
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
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), TRUE);
}

/* One row per edition, its name in full (the names differ only at the
 * end, so a cut-off choice would hide the difference). */
static void
add_edition_row (NbNewReportDialog *self,
                 const char        *id)
{
  g_autoptr(NbEdition) edition = nb_edition_lookup (id, NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *years = NULL;

  if (self->checks->len > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), g_ptr_array_index (self->checks, 0));
  g_ptr_array_add (self->checks, check);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 edition != NULL ? nb_edition_get_name (edition) : id);
  if (edition != NULL && nb_edition_get_last_year (edition) != 0)
    years = g_strdup_printf (_("For reports about %d to %d"), nb_edition_get_first_year (edition),
                             nb_edition_get_last_year (edition));
  else if (edition != NULL)
    years = g_strdup_printf (_("For reports about %d and later"),
                             nb_edition_get_first_year (edition));
  if (years != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), years);
  gtk_list_box_append (self->editions, row);
}

static void
nb_new_report_dialog_finalize (GObject *object)
{
  NbNewReportDialog *self = (NbNewReportDialog *)object;

  g_clear_pointer (&self->checks, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, NbNewReportDialog, agency);
  gtk_widget_class_bind_template_child (widget_class, NbNewReportDialog, year);
  gtk_widget_class_bind_template_child (widget_class, NbNewReportDialog, editions);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);
}

static void
nb_new_report_dialog_init (NbNewReportDialog *self)
{
  const char * const *ids = nb_edition_list_ids ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = g_strdupv ((char **)ids);
  self->checks = g_ptr_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    add_edition_row (self, ids[i]);
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
  g_return_val_if_fail (NB_IS_NEW_REPORT_DIALOG (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return self->ids[i];
  return nb_edition_default_id ();
}

const char *
nb_new_report_dialog_get_agency (NbNewReportDialog *self)
{
  g_return_val_if_fail (NB_IS_NEW_REPORT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->agency));
}

void
nb_new_report_dialog_set_agency (NbNewReportDialog *self,
                                 const char        *agency)
{
  g_return_if_fail (NB_IS_NEW_REPORT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->agency), agency ? agency : "");
}

/* An empty report of the agency, year and edition chosen, with no undo
 * history. */
NbReport *
nb_new_report_dialog_create_report (NbNewReportDialog  *self,
                                    GError            **error)
{
  g_autoptr(NbEdition) edition = NULL;
  g_autofree char *agency = NULL;
  NbReport *report;

  g_return_val_if_fail (NB_IS_NEW_REPORT_DIALOG (self), NULL);

  edition = nb_edition_lookup (nb_new_report_dialog_get_edition_id (self), error);
  if (edition == NULL)
    return NULL;
  agency = g_strdup (nb_new_report_dialog_get_agency (self));
  report = nb_report_new (edition);
  nb_report_set_year (report, nb_new_report_dialog_get_year (self));
  nb_report_set_agency (report, g_strstrip (agency));
  nb_report_forget_history (report);
  nb_report_set_modified (report, FALSE);
  return report;
}
