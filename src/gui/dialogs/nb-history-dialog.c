/* nb-history-dialog.c: 历史版本: the autosaved versions of a report
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-file.h"
#include "nb-history-dialog.h"
#include "nb-history.h"

struct _NbHistoryDialog
{
  AdwWindow    parent_instance;

  NbReport    *report;
  char        *history_key;
  GPtrArray   *versions; /* NbHistoryEntry, newest first */

  GtkStack    *stack;
  GtkListBox  *list;
};

G_DEFINE_FINAL_TYPE (NbHistoryDialog, nb_history_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_HISTORY_KEY,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
describe_age (GDateTime *time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GTimeSpan age = g_date_time_difference (now, time);
  int minutes = (int)(age / G_TIME_SPAN_MINUTE);
  int hours = (int)(age / G_TIME_SPAN_HOUR);
  int days = (int)(age / G_TIME_SPAN_DAY);

  if (minutes < 1)
    return g_strdup (_("Just now"));
  if (hours < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         minutes), minutes);
  if (days < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours),
                            hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
}

/* What a version differs in from the report now, for choosing one. */
static char *
describe_difference (NbHistoryDialog *self,
                     NbHistoryEntry  *entry,
                     gboolean        *same)
{
  g_autoptr(NbReport) version = nb_file_load (entry->path, NULL);
  guint n;

  *same = FALSE;
  if (version == NULL)
    return g_strdup (_("cannot be read"));
  n = nb_history_count_differences (self->report, version);
  *same = n == 0;
  if (n == 0)
    return g_strdup (_("same as now"));
  if (n == G_MAXUINT)
    return g_strdup (_("another edition of the format"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u difference from now",
                                       "%u differences from now", n), n);
}

static void
show_error (NbHistoryDialog *self,
            const char      *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                              _("Could Not Restore the Version"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_clicked_cb (GtkButton       *button,
                       NbHistoryDialog *self)
{
  g_autoptr(GError) error = NULL;
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "nb-version"));

  if (!nb_history_dialog_restore (self, n, &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
populate (NbHistoryDialog *self)
{
  g_autoptr(GPtrArray) oldest_first = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->versions, g_ptr_array_unref);
  self->versions = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_history_entry_free);

  if (self->history_key != NULL)
    {
      oldest_first = nb_history_list (self->history_key);
      for (guint i = oldest_first->len; i > 0; i--)
        g_ptr_array_add (self->versions,
                         nb_history_entry_copy (g_ptr_array_index (oldest_first, i - 1)));
    }

  for (guint i = 0; i < self->versions->len; i++)
    {
      NbHistoryEntry *entry = g_ptr_array_index (self->versions, i);
      g_autofree char *title = g_date_time_format (entry->time, "%Y-%m-%d %H:%M:%S");
      g_autofree char *age = describe_age (entry->time);
      g_autofree char *size = g_format_size ((guint64)entry->size);
      gboolean same;
      g_autofree char *difference = describe_difference (self, entry, &same);
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));

      /* Translators: age · size · how it differs, e.g. "5 minutes ago · 16 kB · 3 differences from now" */
      subtitle = g_strdup_printf (_("%s · %s · %s"), age, size, difference);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* The version equal to the report now needs no restoring. */
      gtk_widget_set_sensitive (button, !same);
      label = g_strdup_printf (_("Restore the version of %s"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data (G_OBJECT (button), "nb-version", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_restore_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, self->versions->len > 0 ? "list" : "empty");
}

static void
nb_history_dialog_constructed (GObject *object)
{
  NbHistoryDialog *self = (NbHistoryDialog *)object;

  G_OBJECT_CLASS (nb_history_dialog_parent_class)->constructed (object);

  populate (self);
}

static void
nb_history_dialog_dispose (GObject *object)
{
  NbHistoryDialog *self = (NbHistoryDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_history_dialog_parent_class)->dispose (object);
}

static void
nb_history_dialog_finalize (GObject *object)
{
  NbHistoryDialog *self = (NbHistoryDialog *)object;

  g_free (self->history_key);
  g_clear_pointer (&self->versions, g_ptr_array_unref);

  G_OBJECT_CLASS (nb_history_dialog_parent_class)->finalize (object);
}

static void
nb_history_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NbHistoryDialog *self = NB_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_HISTORY_KEY:
      g_value_set_string (value, self->history_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_history_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NbHistoryDialog *self = NB_HISTORY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_HISTORY_KEY:
      self->history_key = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_history_dialog_class_init (NbHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_history_dialog_constructed;
  object_class->dispose = nb_history_dialog_dispose;
  object_class->finalize = nb_history_dialog_finalize;
  object_class->get_property = nb_history_dialog_get_property;
  object_class->set_property = nb_history_dialog_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY_KEY] =
    g_param_spec_string ("history-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NbHistoryDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, NbHistoryDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nb_history_dialog_init (NbHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
nb_history_dialog_new (GtkWindow  *parent,
                       NbReport   *report,
                       const char *history_key)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  return g_object_new (NB_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       "report", report,
                       "history-key", history_key,
                       NULL);
}

guint
nb_history_dialog_get_n_versions (NbHistoryDialog *self)
{
  g_return_val_if_fail (NB_IS_HISTORY_DIALOG (self), 0);
  return self->versions->len;
}

gboolean
nb_history_dialog_restore (NbHistoryDialog  *self,
                           guint             n,
                           GError          **error)
{
  NbHistoryEntry *entry;
  g_autoptr(NbReport) version = NULL;

  g_return_val_if_fail (NB_IS_HISTORY_DIALOG (self), FALSE);
  g_return_val_if_fail (n < self->versions->len, FALSE);

  entry = g_ptr_array_index (self->versions, n);
  version = nb_file_load (entry->path, error);
  if (version == NULL || !nb_history_restore (self->report, version, error))
    return FALSE;
  g_signal_emit (self, signals[RESTORED], 0);
  return TRUE;
}
