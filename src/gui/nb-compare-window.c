/* nb-compare-window.c: this year's report against last year's
 *
 * Shows an NbCompare: the cross-year checks, how much each section repeats
 * last year's text (with the warning for a copied section 五), and every
 * value of both years with its change, the largest ones highlighted.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-compare-window.h"

struct _NbCompareWindow
{
  AdwWindow             parent_instance;

  NbCompare            *compare;

  AdwViewSwitcherTitle *title;
  AdwViewStackPage     *checks_page;
  AdwViewStackPage     *text_page;
  GtkToggleButton      *changed_only;
  GtkLabel             *copied;
  AdwPreferencesGroup  *notes_group;
  AdwPreferencesGroup  *checks_group;
  AdwPreferencesGroup  *text_group;
  GtkListBox           *values;

  GtkSizeGroup         *number_columns;
};

G_DEFINE_FINAL_TYPE (NbCompareWindow, nb_compare_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_COMPARE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_value (const NbCompareRow *row,
              NbCellState         state,
              gint64              value)
{
  if (state != NB_CELL_VALUE)
    return g_strdup ("—");
  return nb_number_format (value, nb_edition_table_get_cell (row->table, row->cell)->kind, -1);
}

static char *
format_change (const NbCompareRow *row)
{
  const NbEditionCell *cell = nb_edition_table_get_cell (row->table, row->cell);
  g_autofree char *magnitude = NULL;

  if (!row->has_change)
    return g_strdup ("");
  if (row->change == 0)
    return g_strdup ("0");
  magnitude = nb_number_format (row->change == G_MININT64 ? G_MAXINT64 : ABS (row->change),
                                cell->kind == NB_VALUE_MONEY ? NB_VALUE_MONEY : NB_VALUE_COUNT, -1);
  return g_strconcat (row->change > 0 ? "+" : "−", magnitude, NULL);
}

static GtkWidget *
value_label (NbCompareWindow *self,
             const char      *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "compare-value");
  gtk_size_group_add_widget (self->number_columns, label);
  return label;
}

static GtkWidget *
value_row (NbCompareWindow    *self,
           const NbCompareRow *row)
{
  g_autofree char *label_text = nb_edition_table_dup_cell_label (row->table, row->cell);
  g_autofree char *old_text = format_value (row, row->old_state, row->old_value);
  g_autofree char *new_text = format_value (row, row->new_state, row->new_value);
  g_autofree char *change = format_change (row);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *list_row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), value_label (self, old_text));
  gtk_box_append (GTK_BOX (box), value_label (self, new_text));
  gtk_box_append (GTK_BOX (box), value_label (self, change));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  if (row->largest)
    {
      gtk_widget_add_css_class (list_row, "compare-largest");
      gtk_widget_set_tooltip_text (list_row, _("One of the largest changes from last year"));
    }
  g_object_set_data (G_OBJECT (list_row), "nb-compare-row", (gpointer)row);
  return list_row;
}

static gboolean
filter_row (GtkListBoxRow *list_row,
            gpointer       user_data)
{
  NbCompareWindow *self = user_data;
  const NbCompareRow *row = g_object_get_data (G_OBJECT (list_row), "nb-compare-row");

  if (row == NULL || !gtk_toggle_button_get_active (self->changed_only))
    return TRUE;
  /* A value appearing or vanishing is a change too. */
  return (row->has_change && row->change != 0) || row->old_state != row->new_state;
}

static void
on_changed_only_toggled_cb (NbCompareWindow *self)
{
  gtk_list_box_invalidate_filter (self->values);
}

static void
add_header_row (NbCompareWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *spacer = gtk_label_new (NULL);
  g_autofree char *old_year = g_strdup_printf ("%d", nb_report_get_year (nb_compare_get_old (self->compare)));
  g_autofree char *new_year = g_strdup_printf ("%d", nb_report_get_year (nb_compare_get_new (self->compare)));

  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (box), spacer);
  gtk_box_append (GTK_BOX (box), value_label (self, old_year));
  gtk_box_append (GTK_BOX (box), value_label (self, new_year));
  gtk_box_append (GTK_BOX (box), value_label (self, _("Change")));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (box, "heading");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (self->values, row);
}

static void
fill (NbCompareWindow *self)
{
  NbReport *new_report = nb_compare_get_new (self->compare);
  NbReport *old_report = nb_compare_get_old (self->compare);
  NbEdition *edition = nb_report_get_edition (new_report);
  GPtrArray *findings = nb_compare_get_cross_year (self->compare);
  GPtrArray *notes = nb_compare_get_notes (self->compare);
  g_autofree char *subtitle = g_strdup_printf ("%s  %d → %d", nb_report_get_agency (new_report) ?: "",
                                               nb_report_get_year (old_report),
                                               nb_report_get_year (new_report));
  g_autofree char *copied = nb_compare_dup_copied_warning (self->compare);

  adw_view_switcher_title_set_subtitle (self->title, subtitle);
  /* The checks and a copied section 五 call for attention on their tabs. */
  adw_view_stack_page_set_badge_number (self->checks_page, findings->len + notes->len);
  adw_view_stack_page_set_needs_attention (self->checks_page, findings->len + notes->len > 0);
  adw_view_stack_page_set_needs_attention (self->text_page, copied != NULL);

  if (copied != NULL)
    {
      gtk_label_set_text (self->copied, copied);
      gtk_widget_set_visible (GTK_WIDGET (self->copied), TRUE);
    }

  for (guint i = 0; i < notes->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (notes, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      adw_preferences_group_add (self->notes_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), notes->len > 0);

  for (guint i = 0; i < findings->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (finding->severity == NB_SEVERITY_ERROR
                                                        ? "dialog-error-symbolic"
                                                        : "dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, finding->severity == NB_SEVERITY_ERROR ? "error" : "warning");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), finding->rule_id);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->checks_group, row);
    }
  if (findings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("This year’s report continues last year’s"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->checks_group, row);
    }

  for (guint i = 0; i < nb_compare_get_n_sections (self->compare); i++)
    {
      const NbCompareSection *section = nb_compare_get_section (self->compare, i);
      const NbEditionSection *info = nb_edition_find_section (edition, section->section_id);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *percent = g_strdup_printf ("%.0f %%", section->similarity * 100.0);
      GtkWidget *level = gtk_level_bar_new_for_interval (0.0, 1.0);
      GtkWidget *label = gtk_label_new (percent);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->heading);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (level), section->similarity);
      gtk_widget_set_size_request (level, 120, -1);
      gtk_widget_set_valign (level, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), level);
      if (section->copied)
        gtk_widget_add_css_class (label, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->text_group, row);
    }

  add_header_row (self);
  for (guint i = 0; i < nb_compare_get_n_rows (self->compare); i++)
    {
      const NbCompareRow *row = nb_compare_get_row (self->compare, i);

      if (row->old_state == NB_CELL_EMPTY && row->new_state == NB_CELL_EMPTY)
        continue;
      gtk_list_box_append (self->values, value_row (self, row));
    }
  gtk_list_box_set_filter_func (self->values, filter_row, self, NULL);
}

static void
nb_compare_window_constructed (GObject *object)
{
  NbCompareWindow *self = (NbCompareWindow *)object;

  G_OBJECT_CLASS (nb_compare_window_parent_class)->constructed (object);

  /* Without a comparison (a template test) the window stays empty. */
  if (self->compare != NULL)
    fill (self);
}

static void
nb_compare_window_dispose (GObject *object)
{
  NbCompareWindow *self = (NbCompareWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_COMPARE_WINDOW);
  g_clear_object (&self->number_columns);
  g_clear_object (&self->compare);

  G_OBJECT_CLASS (nb_compare_window_parent_class)->dispose (object);
}

static void
nb_compare_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NbCompareWindow *self = NB_COMPARE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      g_value_set_object (value, self->compare);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_compare_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NbCompareWindow *self = NB_COMPARE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_COMPARE:
      self->compare = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_compare_window_class_init (NbCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_compare_window_constructed;
  object_class->dispose = nb_compare_window_dispose;
  object_class->get_property = nb_compare_window_get_property;
  object_class->set_property = nb_compare_window_set_property;

  properties[PROP_COMPARE] =
    g_param_spec_object ("compare", NULL, NULL, NB_TYPE_COMPARE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, title);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, checks_page);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, text_page);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, changed_only);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, copied);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, notes_group);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, checks_group);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, text_group);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, values);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nb_compare_window_init (NbCompareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->number_columns = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  g_signal_connect_object (self->changed_only, "toggled", G_CALLBACK (on_changed_only_toggled_cb),
                           self, G_CONNECT_SWAPPED);
}

NbCompareWindow *
nb_compare_window_new (NbCompare *compare)
{
  g_return_val_if_fail (NB_IS_COMPARE (compare), NULL);

  return g_object_new (NB_TYPE_COMPARE_WINDOW, "compare", compare, NULL);
}

NbCompare *
nb_compare_window_get_compare (NbCompareWindow *self)
{
  g_return_val_if_fail (NB_IS_COMPARE_WINDOW (self), NULL);
  return self->compare;
}

void
nb_compare_window_set_changed_only (NbCompareWindow *self,
                                    gboolean         changed_only)
{
  g_return_if_fail (NB_IS_COMPARE_WINDOW (self));
  gtk_toggle_button_set_active (self->changed_only, changed_only);
}

/* How many value rows pass the filter (the header row not counted). */
guint
nb_compare_window_count_shown (NbCompareWindow *self,
                               gboolean         largest_only)
{
  guint n = 0;

  g_return_val_if_fail (NB_IS_COMPARE_WINDOW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->values)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const NbCompareRow *row;

      if (!GTK_IS_LIST_BOX_ROW (child) || !gtk_widget_get_child_visible (child))
        continue;
      row = g_object_get_data (G_OBJECT (child), "nb-compare-row");
      if (row != NULL && (!largest_only || row->largest))
        n++;
    }
  return n;
}
