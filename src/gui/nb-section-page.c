/* nb-section-page.c: the page of one section of the report, in the window
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-section-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nb-section-page.h"

typedef struct
{
  NbReport *report;
  char     *section_id;
  AdwFlap  *flap;       /* the window's, whose checks panel may cover our end */
  int       end_inset;  /* pixels of our width it covers */
  guint     recheck_id;
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
cancel_recheck (NbSectionPage *self)
{
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  if (priv->recheck_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), priv->recheck_id);
  priv->recheck_id = 0;
}

static void
nb_section_page_dispose (GObject *object)
{
  NbSectionPage *self = (NbSectionPage *)object;
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&priv->report);
  cancel_recheck (self);

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

/* How much of the page's end a folded flap (the checks panel of a narrow
 * window, which overlays the page) covers; 0 when it covers nothing or so
 * much that the rest would be too narrow to use. */
static int
covered_width (NbSectionPage *self,
               int            width)
{
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);
  GtkWidget *flap_child;
  graphene_rect_t bounds;
  int start;

  if (priv->flap == NULL || !adw_flap_get_folded (priv->flap)
      || adw_flap_get_reveal_progress (priv->flap) <= 0)
    return 0;
  flap_child = adw_flap_get_flap (priv->flap);
  if (flap_child == NULL || !gtk_widget_get_mapped (flap_child)
      || !gtk_widget_compute_bounds (flap_child, GTK_WIDGET (self), &bounds))
    return 0;
  start = MAX ((int)bounds.origin.x, 0);
  if (start >= width || bounds.origin.x + bounds.size.width <= 0 || start < width / 3)
    return 0;
  return width - start;
}

/* The page never lays itself out again from inside a layout: the flap
 * tells of its folding from inside its own size_allocate, and what is
 * queued there is forgotten once that allocation ends, so GTK would draw
 * a page still waiting for its allocation.  And the flap places its
 * panel after the page, so the page's own allocation saw the panel where
 * it was.  Both are settled at the start of the next frame, before its
 * layout: look at the flap again then, and lay out again if it covers a
 * different part. */
static gboolean
recheck_inset_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       data)
{
  NbSectionPage *self = NB_SECTION_PAGE (widget);
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  priv->recheck_id = 0;
  if (covered_width (self, gtk_widget_get_width (widget)) != priv->end_inset)
    gtk_widget_queue_allocate (widget);
  return G_SOURCE_REMOVE;
}

static void
recheck_inset_next_frame (NbSectionPage *self)
{
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  if (priv->recheck_id == 0 && priv->flap != NULL)
    priv->recheck_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), recheck_inset_cb, NULL, NULL);
}

static void
on_flap_changed_cb (NbSectionPage *self)
{
  recheck_inset_next_frame (self);
}

static void
nb_section_page_root (GtkWidget *widget)
{
  NbSectionPage *self = NB_SECTION_PAGE (widget);
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);
  GtkWidget *flap;

  GTK_WIDGET_CLASS (nb_section_page_parent_class)->root (widget);
  flap = gtk_widget_get_ancestor (widget, ADW_TYPE_FLAP);
  if (flap == NULL)
    return;
  priv->flap = ADW_FLAP (flap);
  g_signal_connect_object (flap, "notify::folded", G_CALLBACK (on_flap_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (flap, "notify::reveal-progress", G_CALLBACK (on_flap_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
nb_section_page_unroot (GtkWidget *widget)
{
  NbSectionPage *self = NB_SECTION_PAGE (widget);
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);

  if (priv->flap != NULL)
    g_signal_handlers_disconnect_by_func (priv->flap, on_flap_changed_cb, self);
  priv->flap = NULL;
  priv->end_inset = 0;
  cancel_recheck (self);
  GTK_WIDGET_CLASS (nb_section_page_parent_class)->unroot (widget);
}

static GtkSizeRequestMode
nb_section_page_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
nb_section_page_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}

/* What a folded checks panel covers is no place for the page: its content
 * (the details form, a text, a table and its scroll bar) is laid out in
 * the part left of it, as far as the content's minimum width allows. */
static void
nb_section_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  NbSectionPage *self = NB_SECTION_PAGE (widget);
  NbSectionPagePrivate *priv = nb_section_page_get_instance_private (self);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  int minimum = 0;

  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  priv->end_inset = covered_width (self, width);
  recheck_inset_next_frame (self);
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  gtk_widget_allocate (child, MAX (width - priv->end_inset, MIN (minimum, width)), height,
                       baseline, NULL);
}

/* The first field: the details page's. */
static void
nb_section_page_real_focus_content (NbSectionPage *self)
{
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
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

  widget_class->root = nb_section_page_root;
  widget_class->unroot = nb_section_page_unroot;
  widget_class->get_request_mode = nb_section_page_get_request_mode;
  widget_class->measure = nb_section_page_measure;
  widget_class->size_allocate = nb_section_page_size_allocate;
  klass->focus_content = nb_section_page_real_focus_content;
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

/* Not GtkWidget's grab_focus: GTK calls that on a window's children when
 * the window first shows, and the window's first focus is not a page's. */
void
nb_section_page_focus_content (NbSectionPage *self)
{
  g_return_if_fail (NB_IS_SECTION_PAGE (self));

  NB_SECTION_PAGE_GET_CLASS (self)->focus_content (self);
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
