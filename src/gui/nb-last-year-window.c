/* nb-last-year-window.c: last year's narrative sections, beside this year's report
 *
 * Read-only text to write from, not to copy: win.new-next-year opens it
 * beside next year's report, win.show-last-year again later.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-last-year-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-last-year-window.h"

struct _NbLastYearWindow
{
  AdwWindow  parent_instance;

  NbReport  *reference;

  /* Template children */
  GtkBox    *sections;
};

G_DEFINE_FINAL_TYPE (NbLastYearWindow, nb_last_year_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_REFERENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
new_text_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

/* One section: its heading and its paragraphs, selectable for quoting. */
static GtkWidget *
section_text (NbReport               *reference,
              const NbEditionSection *section)
{
  GPtrArray *paragraphs = nb_report_get_paragraphs (reference, section->id);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = new_text_label (section->heading);

  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      g_autofree char *text = nb_paragraph_dup_text (g_ptr_array_index (paragraphs, i));
      GtkWidget *label = new_text_label (text);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (paragraphs->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("(empty)"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

/* GObject */

static void
nb_last_year_window_constructed (GObject *object)
{
  NbLastYearWindow *self = (NbLastYearWindow *)object;
  NbEdition *edition = nb_report_get_edition (self->reference);
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (nb_last_year_window_parent_class)->constructed (object);

  title = g_strdup_printf (_("Last Year’s Text (%d)"), nb_report_get_year (self->reference));
  gtk_window_set_title (GTK_WINDOW (self), title);
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);

      if (section->table_id == NULL)
        gtk_box_append (self->sections, section_text (self->reference, section));
    }
}

static void
nb_last_year_window_dispose (GObject *object)
{
  NbLastYearWindow *self = (NbLastYearWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_LAST_YEAR_WINDOW);
  g_clear_object (&self->reference);

  G_OBJECT_CLASS (nb_last_year_window_parent_class)->dispose (object);
}

static void
nb_last_year_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NbLastYearWindow *self = NB_LAST_YEAR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      g_value_set_object (value, self->reference);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_last_year_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  NbLastYearWindow *self = NB_LAST_YEAR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REFERENCE:
      self->reference = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_last_year_window_class_init (NbLastYearWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_last_year_window_constructed;
  object_class->dispose = nb_last_year_window_dispose;
  object_class->get_property = nb_last_year_window_get_property;
  object_class->set_property = nb_last_year_window_set_property;

  /* Last year's report: what it says is shown, never changed. */
  properties[PROP_REFERENCE] =
    g_param_spec_object ("reference", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-last-year-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbLastYearWindow, sections);
}

static void
nb_last_year_window_init (NbLastYearWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Beside @parent, closed with it. */
NbLastYearWindow *
nb_last_year_window_new (GtkWindow *parent,
                         NbReport  *reference)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NB_IS_REPORT (reference), NULL);

  return g_object_new (NB_TYPE_LAST_YEAR_WINDOW,
                       "reference", reference,
                       "application", gtk_window_get_application (parent),
                       "transient-for", parent,
                       NULL);
}

NbReport *
nb_last_year_window_get_reference (NbLastYearWindow *self)
{
  g_return_val_if_fail (NB_IS_LAST_YEAR_WINDOW (self), NULL);
  return self->reference;
}
