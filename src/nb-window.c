/* nb-window.c: one report in one window
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-window.h"

struct _NbWindow
{
  AdwApplicationWindow  parent_instance;

  NbReport             *report;
  GFile                *file;

  AdwWindowTitle       *title;
};

G_DEFINE_FINAL_TYPE (NbWindow, nb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_title (NbWindow *self)
{
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *subtitle = self->file ? g_file_get_basename (self->file)
                                         : g_strdup (_("Unsaved report"));

  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
nb_window_constructed (GObject *object)
{
  NbWindow *self = (NbWindow *)object;

  G_OBJECT_CLASS (nb_window_parent_class)->constructed (object);

  g_signal_connect_object (self->report, "notify::agency", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->report, "notify::year", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  update_title (self);
}

static void
nb_window_dispose (GObject *object)
{
  NbWindow *self = (NbWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_WINDOW);
  g_clear_object (&self->report);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (nb_window_parent_class)->dispose (object);
}

static void
nb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NbWindow *self = NB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NbWindow *self = NB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_window_class_init (NbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_window_constructed;
  object_class->dispose = nb_window_dispose;
  object_class->get_property = nb_window_get_property;
  object_class->set_property = nb_window_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nianbao/Nianbao/nb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbWindow, title);
}

static void
nb_window_init (NbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NbWindow *
nb_window_new (NbApplication *application,
               NbReport      *report,
               GFile         *file)
{
  return g_object_new (NB_TYPE_WINDOW,
                       "application", application,
                       "report", report,
                       "file", file,
                       NULL);
}

NbReport *
nb_window_get_report (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->report;
}

GFile *
nb_window_get_file (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->file;
}
