/* nb-info-page.c: the report's own details (报告信息)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-info-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nb-info-page.h"
#include "nb-input.h"
#include "nb-file.h"

struct _NbInfoPage
{
  NbSectionPage  parent_instance;

  /* Borrowed from NbSectionPage, which holds it for the page's life. */
  NbReport  *report;

  /* Template children */
  GtkWidget *page;
  GtkWidget *agency;
  GtkWidget *year;
  GtkWidget *edition;
  GtkWidget *address;
  GtkWidget *postcode;
  GtkWidget *phone;
  GtkWidget *fee_decimals;
  GtkWidget *level;

  /* Set while the page shows the report's values, and until it has a
   * report: what changes then is no edit. */
  gboolean   updating;
};

G_DEFINE_FINAL_TYPE (NbInfoPage, nb_info_page, NB_TYPE_SECTION_PAGE)

/* The text fields and the report properties they edit. */
static const char *text_fields[] = { "agency", "address", "postcode", "phone" };

static GtkWidget *
text_row (NbInfoPage *self,
          const char *field)
{
  if (g_str_equal (field, "agency"))
    return self->agency;
  if (g_str_equal (field, "address"))
    return self->address;
  if (g_str_equal (field, "postcode"))
    return self->postcode;
  if (g_str_equal (field, "phone"))
    return self->phone;
  return NULL;
}

static const char *
row_field (NbInfoPage *self,
           GtkWidget  *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (text_row (self, text_fields[i]) == row)
      return text_fields[i];
  return NULL;
}

static void
load (NbInfoPage *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *value = NULL;
      GtkWidget *row = text_row (self, text_fields[i]);

      g_object_get (self->report, text_fields[i], &value, NULL);
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), value ? value : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
    }
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->year), nb_report_get_year (self->report));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->fee_decimals),
                             nb_report_get_fee_decimals (self->report));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->level), nb_report_get_level (self->report));
  self->updating = FALSE;
}

static void
commit_row (NbInfoPage *self,
            GtkWidget  *row)
{
  const char *field = row_field (self, row);
  g_autofree char *text = NULL;
  g_autofree char *current = NULL;

  if (self->updating || field == NULL)
    return;
  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_strstrip (text);
  /* Leaving an unchanged field is no edit (and an unset one is ""). */
  g_object_get (self->report, field, &current, NULL);
  if (g_strcmp0 (current ? current : "", text) == 0)
    return;
  g_object_set (self->report, field, text, NULL);
}

/* Template callbacks */

static void
on_level_selected_cb (NbInfoPage *self)
{
  if (!self->updating)
    nb_report_set_level (self->report,
                         (NbAgencyLevel)adw_combo_row_get_selected (ADW_COMBO_ROW (self->level)));
}

/* Enter keeps the value and moves on to the next field, as in a paper
 * form (and as Tab does): no apply button to stop at on every row. */
static void
on_entry_activated_cb (AdwEntryRow *row,
                       NbInfoPage  *self)
{
  commit_row (self, GTK_WIDGET (row));
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
on_leave_cb (GtkEventControllerFocus *controller,
             NbInfoPage              *self)
{
  commit_row (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
on_year_changed_cb (NbInfoPage *self)
{
  if (!self->updating)
    nb_report_set_year (self->report, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->year)));
}

static void
on_fee_decimals_changed_cb (NbInfoPage *self)
{
  if (!self->updating)
    nb_report_set_fee_decimals (self->report,
                                (guint)gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->fee_decimals)));
}

/* The row's pencil icon (libadwaita's) says "you can type here"; named so,
 * a screen reader does not read out its class name. */
static void
name_edit_icons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_IMAGE (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Editable field"), -1);
      name_edit_icons (child);
    }
}

/* libadwaita 1.2's combo row shows its choice in an unnamed list and its
 * arrow as an unnamed image, which screen readers read out as "GtkListView"
 * and "GtkImage": the list gets the row's title, the arrow is hidden. */
static void
name_combo_row_parts (GtkWidget  *widget,
                      const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      else if (GTK_IS_IMAGE (child))
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      else if (!GTK_IS_POPOVER (child))
        name_combo_row_parts (child, title);
    }
}

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

/* The list's items (the choice shown, and each of the popup) are named
 * after their text: unnamed, a screen reader hears "GtkListItemWidget". */
static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *widget = gtk_widget_get_parent (label);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* GObject */

static void
nb_info_page_constructed (GObject *object)
{
  NbInfoPage *self = (NbInfoPage *)object;
  NbEdition *edition;
  g_autofree char *edition_text = NULL;

  G_OBJECT_CLASS (nb_info_page_parent_class)->constructed (object);

  self->report = nb_section_page_get_report (NB_SECTION_PAGE (self));
  edition = nb_report_get_edition (self->report);
  edition_text = g_strdup_printf ("%s · %s", nb_edition_get_title (edition),
                                  nb_edition_get_issued_by (edition));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->edition), edition_text);
  load (self);
  /* Undo and redo change these too. */
  g_signal_connect_object (self->report, "changed", G_CALLBACK (load), self, G_CONNECT_SWAPPED);
}

/* A finding about the details names the field. */
static void
nb_info_page_focus_finding (NbSectionPage *page,
                            NbFinding     *finding)
{
  nb_info_page_focus_field (NB_INFO_PAGE (page), finding->field);
}

static void
nb_info_page_commit_page (NbSectionPage *page)
{
  nb_info_page_commit (NB_INFO_PAGE (page));
}

static void
nb_info_page_dispose (GObject *object)
{
  NbInfoPage *self = (NbInfoPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_INFO_PAGE);
  self->report = NULL;

  G_OBJECT_CLASS (nb_info_page_parent_class)->dispose (object);
}

static void
nb_info_page_class_init (NbInfoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NbSectionPageClass *page_class = NB_SECTION_PAGE_CLASS (klass);

  object_class->constructed = nb_info_page_constructed;
  object_class->dispose = nb_info_page_dispose;
  page_class->focus_finding = nb_info_page_focus_finding;
  page_class->commit = nb_info_page_commit_page;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-info-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, page);
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, agency);
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, year);
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, edition);
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, level);
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, fee_decimals);
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, address);
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, postcode);
  gtk_widget_class_bind_template_child (widget_class, NbInfoPage, phone);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fee_decimals_changed_cb);
}

static void
nb_info_page_init (NbInfoPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_spin_button_set_range (GTK_SPIN_BUTTON (self->fee_decimals), 0, NB_MONEY_MAX_DECIMALS);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *row = text_row (self, text_fields[i]);
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (row));

      /* In characters, of at most four bytes each: what is typed always
       * loads again (NB_FILE_MAX_FIELD_BYTES). */
      if (GTK_IS_TEXT (text))
        gtk_text_set_max_length (GTK_TEXT (text), NB_FILE_MAX_FIELD_BYTES / 4);
      nb_input_guard_editable (GTK_EDITABLE (row));
      name_edit_icons (row);
    }
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  adw_combo_row_set_factory (ADW_COMBO_ROW (self->level), factory);
  name_combo_row_parts (self->level, _("Publisher"));
}

GtkWidget *
nb_info_page_new (NbReport *report)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  return g_object_new (NB_TYPE_INFO_PAGE, "report", report, "section-id", NB_INFO_PAGE_SECTION_ID,
                       NULL);
}

void
nb_info_page_focus_field (NbInfoPage *self,
                          const char *field)
{
  GtkWidget *row;

  g_return_if_fail (NB_IS_INFO_PAGE (self));

  if (field == NULL)
    return;
  if (g_str_equal (field, "year"))
    row = self->year;
  else if (g_str_has_prefix (field, "fee"))
    row = self->fee_decimals;
  else
    row = text_row (self, field);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

/* Commits the text fields: before saving. */
void
nb_info_page_commit (NbInfoPage *self)
{
  g_return_if_fail (NB_IS_INFO_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    commit_row (self, text_row (self, text_fields[i]));
}
