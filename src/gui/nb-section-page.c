/* nb-section-page.c: the page of one section of the report, in the window
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-section-page"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-section-page.h"

typedef struct
{
  NbReport *report;
  char     *section_id;
} NbSectionPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (NbSectionPage, nb_section_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_SECTION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nb_section_page_dispose (GObject *object)
{
  NbSectionPage *self = (NbSectionPage *)object;
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->report);

  G_OBJECT_CLASS (nb_section_page_parent_class)->dispose (object);
}

static void
nb_section_page_finalize (GObject *object)
{
  NbSectionPage *self = (NbSectionPage *)object;
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  g_free (priv->section_id);

  G_OBJECT_CLASS (nb_section_page_parent_class)->finalize (object);
}

static void
nb_section_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NbSectionPage *self = NB_SECTION_PAGE (object);
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, priv->report);
      break;
    case PROP_SECTION_ID:
      g_value_set_string (value, priv->section_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_section_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NbSectionPage *self = NB_SECTION_PAGE (object);
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_REPORT:
      priv->report = g_value_dup_object (value);
      break;
    case PROP_SECTION_ID:
      priv->section_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A screen reader names the page by its heading, not by its class. */
static void
nb_section_page_constructed (GObject *object)
{
  NbSectionPage *self = NB_SECTION_PAGE (object);
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);
  const NbEditionSection *section = NULL;

  G_OBJECT_CLASS (nb_section_page_parent_class)->constructed (object);
  if (priv->report != NULL && priv->section_id != NULL)
    section = nb_edition_find_section (nb_report_get_edition (priv->report), priv->section_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  section != NULL ? section->heading : _("Report Details"), -1);
}

static void
nb_section_page_class_init (NbSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_section_page_constructed;
  object_class->dispose = nb_section_page_dispose;
  object_class->finalize = nb_section_page_finalize;
  object_class->get_property = nb_section_page_get_property;
  object_class->set_property = nb_section_page_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTION_ID] =
    g_param_spec_string ("section-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nb_section_page_init (NbSectionPage *self)
{
}

NbReport *
nb_section_page_get_report (NbSectionPage *self)
{
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  g_return_val_if_fail (NB_IS_SECTION_PAGE (self), NULL);
  return priv->report;
}

const char *
nb_section_page_get_section_id (NbSectionPage *self)
{
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  g_return_val_if_fail (NB_IS_SECTION_PAGE (self), NULL);
  return priv->section_id;
}

void
nb_section_page_focus_finding (NbSectionPage *self,
                               NbFinding     *finding)
{
  g_return_if_fail (NB_IS_SECTION_PAGE (self));
  g_return_if_fail (finding != NULL);

  if (NB_SECTION_PAGE_GET_CLASS (self)->focus_finding != NULL)
    NB_SECTION_PAGE_GET_CLASS (self)->focus_finding (self, finding);
}

void
nb_section_page_commit (NbSectionPage *self)
{
  g_return_if_fail (NB_IS_SECTION_PAGE (self));

  if (NB_SECTION_PAGE_GET_CLASS (self)->commit != NULL)
    NB_SECTION_PAGE_GET_CLASS (self)->commit (self);
}
