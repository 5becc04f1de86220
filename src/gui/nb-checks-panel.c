/* nb-checks-panel.c: the findings of the checks, live
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-checks-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "nb-checks-panel.h"

/* The checks run after every change (coalesced in an idle: a paste of forty
 * cells is one run), and the list is rebuilt only when the findings differ. */

#define INFO_SECTION "info"

struct _NbChecksPanel
{
  GtkWidget  parent_instance;

  NbReport  *report;
  GPtrArray *findings;  /* NbFinding, as the checker returned them */
  GPtrArray *shown;     /* NbFinding, in list order */
  char      *signature; /* of what is shown */
  guint      idle_id;

  GtkWidget *box;
  GtkWidget *summary;
  GtkWidget *list;
  GtkWidget *stack;
};

G_DEFINE_FINAL_TYPE (NbChecksPanel, nb_checks_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

enum {
  FINDING_ACTIVATED,
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Which tab a finding belongs to: a section id, or "info" for the report's
 * details. */
const char *
nb_checks_panel_section_of (NbChecksPanel *self,
                            NbFinding     *finding)
{
  NbEdition *edition;

  g_return_val_if_fail (NB_IS_CHECKS_PANEL (self), NULL);

  if (finding->section_id != NULL)
    return finding->section_id;
  edition = nb_report_get_edition (self->report);
  if (finding->table_id != NULL)
    {
      const NbEditionTable *table = nb_edition_find_table (edition, finding->table_id);

      if (table != NULL)
        return nb_edition_table_get_section_id (table);
    }
  return INFO_SECTION;
}

static int
section_rank (NbChecksPanel *self,
              const char    *section_id)
{
  NbEdition *edition = nb_report_get_edition (self->report);

  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    if (g_strcmp0 (nb_edition_get_section (edition, i)->id, section_id) == 0)
      return (int)i + 1;
  return 0;
}

static gint
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  NbChecksPanel *self = user_data;
  NbFinding *fa = *(NbFinding **)a;
  NbFinding *fb = *(NbFinding **)b;
  int ra = section_rank (self, nb_checks_panel_section_of (self, fa));
  int rb = section_rank (self, nb_checks_panel_section_of (self, fb));

  if (ra != rb)
    return ra - rb;
  if (fa->severity != fb->severity)
    return fa->severity == NB_SEVERITY_ERROR ? -1 : 1;
  return 0;
}

static char *
signature_of (GPtrArray *findings)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (signature, "%d|%s|%d|%d:%u:%u|%s\n", finding->severity,
                              finding->rule_id, finding->cell, finding->paragraph, finding->offset,
                              finding->length, finding->message);
    }
  return g_string_free (signature, FALSE);
}

/* The same findings in the same places, perhaps with other numbers in
 * their messages. */
static gboolean
same_shape (NbChecksPanel *self,
            GPtrArray     *shown)
{
  if (self->shown == NULL || self->shown->len != shown->len)
    return FALSE;
  for (guint i = 0; i < shown->len; i++)
    {
      NbFinding *a = g_ptr_array_index (self->shown, i);
      NbFinding *b = g_ptr_array_index (shown, i);

      if (a->severity != b->severity || g_strcmp0 (a->rule_id, b->rule_id) != 0
          || a->cell != b->cell || g_strcmp0 (a->table_id, b->table_id) != 0
          || g_strcmp0 (a->section_id, b->section_id) != 0
          || g_strcmp0 (a->fix_label, b->fix_label) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The fix lives in the core; the button only applies it, as one undo
 * step, and shows the list as it is then. */
static void
on_fix_clicked_cb (GtkButton     *button,
                   NbChecksPanel *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  NbFinding *finding = nb_checks_panel_get_shown (self, (guint)index);
  g_autoptr(GError) error = NULL;

  /* Refused only when the list is behind the report (the finding no longer
   * holds): showing the list as it is now is the answer. */
  if (finding != NULL && !nb_finding_apply_fix (finding, self->report, &error))
    {
      g_debug ("Fix not applied: %s", error->message);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  nb_checks_panel_refresh (self);
}

static char *
accessible_text (NbFinding *finding)
{
  return g_strdup_printf ("%s: %s",
                          finding->severity == NB_SEVERITY_ERROR ? _("Error") : _("Warning"),
                          finding->message);
}

static GtkWidget *
make_row (NbChecksPanel *self,
          NbFinding     *finding)
{
  GtkWidget *row = gtk_list_box_row_new ();
  /* A grid, not boxes: a horizontal box sizes a wrapping label for the
   * height it was given, and a box of the message (and its fix) reports a
   * height too small for the width it then gets: long messages came out
   * wider than the panel, cut at its edge.  A grid gives the message the
   * width left beside the icon, then the height that width needs. */
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (finding->severity == NB_SEVERITY_ERROR
                                                    ? "dialog-error-symbolic"
                                                    : "dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (finding->message);
  g_autofree char *accessible = accessible_text (finding);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (icon, finding->severity == NB_SEVERITY_ERROR ? "error" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  finding->severity == NB_SEVERITY_ERROR ? _("Error") : _("Warning"),
                                  -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* As for the sidebar's labels (nb-window.c): not measured a character a
   * line; the panel is wider than this anyway. */
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 1);
  /* The message, and under it the fix when there is one: beside it, the
   * button would leave the message a narrow column. */
  gtk_grid_attach (GTK_GRID (grid), label, 1, 0, 1, 1);
  if (nb_finding_has_fix (finding))
    {
      GtkWidget *fix = gtk_button_new_with_label (finding->fix_label);
      g_autofree char *fix_description = g_strdup_printf (_("Fix: %s"), finding->fix_label);

      gtk_widget_set_halign (fix, GTK_ALIGN_START);
      gtk_widget_add_css_class (fix, "finding-fix");
      gtk_widget_set_tooltip_text (fix, _("Correct this as the finding says; Undo takes it back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (fix), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      fix_description, -1);
      g_signal_connect (fix, "clicked", G_CALLBACK (on_fix_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (grid), fix, 1, 1, 1, 1);
    }
  gtk_widget_add_css_class (grid, "finding");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (row, _("Go to the place this finding is about"));
  return row;
}

static const char *
group_title (NbChecksPanel *self,
             const char    *section_id)
{
  const NbEditionSection *section;

  if (g_strcmp0 (section_id, INFO_SECTION) == 0)
    return _("Report Details");
  section = nb_edition_find_section (nb_report_get_edition (self->report), section_id);
  return section ? section->heading : section_id;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  NbChecksPanel *self = user_data;
  NbFinding *finding = g_ptr_array_index (self->shown, (guint)gtk_list_box_row_get_index (row));
  const char *section = nb_checks_panel_section_of (self, finding);
  GtkWidget *header;

  if (before != NULL)
    {
      NbFinding *previous =
        g_ptr_array_index (self->shown, (guint)gtk_list_box_row_get_index (before));

      if (g_strcmp0 (nb_checks_panel_section_of (self, previous), section) == 0)
        {
          gtk_list_box_row_set_header (row, NULL);
          return;
        }
    }
  header = gtk_label_new (group_title (self, section));
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (header), 10);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "findings-header");
  gtk_list_box_row_set_header (row, header);
}

static void
update_summary (NbChecksPanel *self)
{
  guint errors = nb_findings_count (self->findings, NB_SEVERITY_ERROR);
  guint warnings = nb_findings_count (self->findings, NB_SEVERITY_WARNING);
  g_autofree char *e = g_strdup_printf (ngettext ("%u error", "%u errors", errors), errors);
  g_autofree char *w = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings), warnings);
  /* Translators: "2 errors, 1 warning" */
  g_autofree char *text = g_strdup_printf (_("%s, %s"), e, w);

  gtk_label_set_text (GTK_LABEL (self->summary), text);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->findings->len ? "list" : "empty");
}

/**
 * nb_checks_panel_refresh:
 *
 * Runs the checks now.  Also what happens, in an idle, after each change.
 */
void
nb_checks_panel_refresh (NbChecksPanel *self)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *signature = NULL;
  GtkWidget *child;

  g_return_if_fail (NB_IS_CHECKS_PANEL (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = nb_check_report (self->report, NULL);

  shown = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_finding_unref);
  for (guint i = 0; i < self->findings->len; i++)
    g_ptr_array_add (shown, nb_finding_ref (g_ptr_array_index (self->findings, i)));
  g_ptr_array_sort_with_data (shown, compare_findings, self);
  signature = signature_of (shown);

  if (g_strcmp0 (signature, self->signature) != 0 && same_shape (self, shown))
    {
      /* Only the messages changed (a sum that still does not add up):
       * update the rows' text instead of building them again. */
      for (guint i = 0; i < shown->len; i++)
        {
          NbFinding *finding = g_ptr_array_index (shown, i);
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), (int)i);
          GtkWidget *grid = gtk_list_box_row_get_child (row);
          GtkWidget *label = gtk_grid_get_child_at (GTK_GRID (grid), 1, 0);
          g_autofree char *accessible = accessible_text (finding);

          gtk_label_set_text (GTK_LABEL (label), finding->message);
          /* What a screen reader reads out follows the text. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          accessible, -1);
        }
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
      g_clear_pointer (&self->shown, g_ptr_array_unref);
      self->shown = g_steal_pointer (&shown);
    }
  else if (g_strcmp0 (signature, self->signature) != 0)
    {
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
      g_clear_pointer (&self->shown, g_ptr_array_unref);
      self->shown = g_steal_pointer (&shown);
      while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), 0))))
        gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
      for (guint i = 0; i < self->shown->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (self->list),
                             make_row (self, g_ptr_array_index (self->shown, i)));
    }
  update_summary (self);
  g_signal_emit (self, signals[UPDATED], 0);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  NbChecksPanel *self = user_data;

  self->idle_id = 0;
  nb_checks_panel_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_report_changed_cb (NbChecksPanel *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     NbChecksPanel *self)
{
  nb_checks_panel_activate (self, (guint)gtk_list_box_row_get_index (row));
}

static void
nb_checks_panel_constructed (GObject *object)
{
  NbChecksPanel *self = (NbChecksPanel *)object;

  G_OBJECT_CLASS (nb_checks_panel_parent_class)->constructed (object);

  g_signal_connect_object (self->report, "changed", G_CALLBACK (on_report_changed_cb), self,
                           G_CONNECT_SWAPPED);
  nb_checks_panel_refresh (self);
}

static void
nb_checks_panel_dispose (GObject *object)
{
  NbChecksPanel *self = (NbChecksPanel *)object;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_checks_panel_parent_class)->dispose (object);
}

static void
nb_checks_panel_finalize (GObject *object)
{
  NbChecksPanel *self = (NbChecksPanel *)object;

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_free (self->signature);

  G_OBJECT_CLASS (nb_checks_panel_parent_class)->finalize (object);
}

static void
nb_checks_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NbChecksPanel *self = NB_CHECKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_checks_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  NbChecksPanel *self = NB_CHECKS_PANEL (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_checks_panel_class_init (NbChecksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_checks_panel_constructed;
  object_class->dispose = nb_checks_panel_dispose;
  object_class->finalize = nb_checks_panel_finalize;
  object_class->get_property = nb_checks_panel_get_property;
  object_class->set_property = nb_checks_panel_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, NB_TYPE_FINDING);
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checkspanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nb_checks_panel_init (NbChecksPanel *self)
{
  GtkWidget *title, *scroller, *empty;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checks"), -1);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  title = gtk_label_new (_("Checks"));
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "title-4");
  gtk_widget_add_css_class (title, "panel-title");
  gtk_box_append (GTK_BOX (self->box), title);

  self->summary = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary), 0.0);
  gtk_widget_add_css_class (self->summary, "dim-label");
  gtk_widget_add_css_class (self->summary, "panel-summary");
  gtk_box_append (GTK_BOX (self->box), self->summary);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->list), header_func, self, NULL);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Check findings"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->list);

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Problems Found"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every check of the format passes."));
  gtk_widget_add_css_class (empty, "compact");

  /* Not homogeneous: the hidden page (the status page when there are
   * findings) is then neither measured nor given its large fonts. */
  self->stack = gtk_stack_new ();
  gtk_stack_set_hhomogeneous (GTK_STACK (self->stack), FALSE);
  gtk_stack_set_vhomogeneous (GTK_STACK (self->stack), FALSE);
  /* Named for screen readers, which would read "GtkStackPage" otherwise. */
  gtk_accessible_update_property (
    GTK_ACCESSIBLE (gtk_stack_add_named (GTK_STACK (self->stack), scroller, "list")),
    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Findings"), -1);
  gtk_accessible_update_property (
    GTK_ACCESSIBLE (gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty")),
    GTK_ACCESSIBLE_PROPERTY_LABEL, _("No Findings"), -1);
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->stack);
}

GtkWidget *
nb_checks_panel_new (NbReport *report)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  return g_object_new (NB_TYPE_CHECKS_PANEL, "report", report, NULL);
}

GPtrArray *
nb_checks_panel_get_findings (NbChecksPanel *self)
{
  g_return_val_if_fail (NB_IS_CHECKS_PANEL (self), NULL);
  return self->findings;
}

guint
nb_checks_panel_count (NbChecksPanel *self,
                       NbSeverity     severity)
{
  g_return_val_if_fail (NB_IS_CHECKS_PANEL (self), 0);
  return nb_findings_count (self->findings, severity);
}

guint
nb_checks_panel_count_for_section (NbChecksPanel *self,
                                   const char    *section_id,
                                   NbSeverity     severity)
{
  guint n = 0;

  g_return_val_if_fail (NB_IS_CHECKS_PANEL (self), 0);

  for (guint i = 0; i < self->findings->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->severity == severity
          && g_strcmp0 (nb_checks_panel_section_of (self, finding), section_id) == 0)
        n++;
    }
  return n;
}

/* The finding at a position of the list as shown (sections in order, errors
 * first), or NULL. */
NbFinding *
nb_checks_panel_get_shown (NbChecksPanel *self,
                           guint          position)
{
  g_return_val_if_fail (NB_IS_CHECKS_PANEL (self), NULL);

  if (self->shown == NULL || position >= self->shown->len)
    return NULL;
  return g_ptr_array_index (self->shown, position);
}

void
nb_checks_panel_activate (NbChecksPanel *self,
                          guint          position)
{
  NbFinding *finding = nb_checks_panel_get_shown (self, position);

  g_return_if_fail (finding != NULL);
  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}
