/* nb-table-page.c: the page of a section that is an official table
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-table-page"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-table-page.h"

struct _NbTablePage
{
  GtkWidget  parent_instance;

  NbReport  *report;
  char      *section_id;

  GtkWidget *box;
  NbSheet   *sheet;
};

G_DEFINE_FINAL_TYPE (NbTablePage, nb_table_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_SECTION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nb_table_page_constructed (GObject *object)
{
  NbTablePage *self = (NbTablePage *)object;
  const NbEditionSection *section;
  GtkWidget *heading, *hint, *scroller, *inner;

  G_OBJECT_CLASS (nb_table_page_parent_class)->constructed (object);

  section = nb_edition_find_section (nb_report_get_edition (self->report), self->section_id);
  g_return_if_fail (section != NULL && section->table_id != NULL);

  /* The heading stays; the table scrolls under it, both ways. */
  inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (inner, "section-page");
  gtk_widget_add_css_class (inner, "table-heading");

  heading = gtk_label_new (section->heading);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_widget_add_css_class (heading, "report-heading");
  gtk_box_append (GTK_BOX (inner), heading);

  hint = gtk_label_new (section->guidance
                          ? section->guidance
                          : _("Type a number and press Enter or Tab. Totals are computed. "
                              "Ctrl+C and Ctrl+V copy and paste blocks of cells with spreadsheets."));
  gtk_label_set_xalign (GTK_LABEL (hint), 0.0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (inner), hint);

  gtk_box_append (GTK_BOX (self->box), inner);

  self->sheet = NB_SHEET (nb_sheet_new (self->report, section->table_id));
  gtk_widget_add_css_class (GTK_WIDGET (self->sheet), "section-page");
  gtk_widget_add_css_class (GTK_WIDGET (self->sheet), "table-body");

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->sheet));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (self->box), scroller);
}

static void
nb_table_page_dispose (GObject *object)
{
  NbTablePage *self = (NbTablePage *)object;

  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->sheet = NULL;
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_table_page_parent_class)->dispose (object);
}

static void
nb_table_page_finalize (GObject *object)
{
  NbTablePage *self = (NbTablePage *)object;

  g_free (self->section_id);

  G_OBJECT_CLASS (nb_table_page_parent_class)->finalize (object);
}

static void
nb_table_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  NbTablePage *self = NB_TABLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_SECTION_ID:
      g_value_set_string (value, self->section_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_table_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  NbTablePage *self = NB_TABLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_SECTION_ID:
      self->section_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_table_page_class_init (NbTablePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_table_page_constructed;
  object_class->dispose = nb_table_page_dispose;
  object_class->finalize = nb_table_page_finalize;
  object_class->get_property = nb_table_page_get_property;
  object_class->set_property = nb_table_page_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTION_ID] =
    g_param_spec_string ("section-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nb_table_page_init (NbTablePage *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
nb_table_page_new (NbReport   *report,
                   const char *section_id)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  return g_object_new (NB_TYPE_TABLE_PAGE, "report", report, "section-id", section_id, NULL);
}

NbSheet *
nb_table_page_get_sheet (NbTablePage *self)
{
  g_return_val_if_fail (NB_IS_TABLE_PAGE (self), NULL);
  return self->sheet;
}
