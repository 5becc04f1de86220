/* nb-window.c: one report in one window
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-autosave.h"
#include "nb-checker.h"
#include "nb-checks-panel.h"
#include "nb-info-page.h"
#include "nb-settings.h"
#include "nb-table-page.h"
#include "nb-text-page.h"
#include "nb-window-private.h"

/* The window holds no report logic: pages edit the NbReport, the checks
 * panel reads it, and the actions hand it to the core (file, export) or to
 * the print code. */

G_DEFINE_FINAL_TYPE (NbWindow, nb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_FILE,
  PROP_SHOW_CHECKS,
  PROP_VISIBLE_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_clear (Page *page)
{
  g_free (page->section_id);
}

static Page *
find_page (NbWindow   *self,
           const char *section_id)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      if (g_strcmp0 (page->section_id, section_id) == 0)
        return page;
    }
  return NULL;
}

static void
toast (NbWindow   *self,
       const char *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* For what a page has to say (nb-input.c: characters left out of a paste),
 * without knowing its window. */
static void
show_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  toast (NB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
_nb_window_show_error (NbWindow   *self,
                       const char *heading,
                       const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
state_text (NbWindow *self)
{
  gboolean modified = nb_report_get_modified (self->report);

  if (self->autosave == NULL)
    return modified ? _("Unsaved changes") : _("Saved");
  switch (nb_autosave_get_state (self->autosave))
    {
    case NB_AUTOSAVE_SAVED:
      return self->file ? _("Saved") : _("Draft kept");
    case NB_AUTOSAVE_PENDING:
      return _("Unsaved changes");
    case NB_AUTOSAVE_SAVING:
      return _("Saving…");
    case NB_AUTOSAVE_FAILED:
      return _("Not saved");
    case NB_AUTOSAVE_CONFLICT:
      return _("Changed on disk");
    default:
      return "";
    }
}

static void
update_banner (NbWindow *self)
{
  NbAutosaveState state = self->autosave ? nb_autosave_get_state (self->autosave)
                                         : NB_AUTOSAVE_SAVED;

  if (state == NB_AUTOSAVE_FAILED || state == NB_AUTOSAVE_CONFLICT)
    {
      const char *message = nb_autosave_get_message (self->autosave);
      g_autofree char *text = NULL;

      if (state == NB_AUTOSAVE_CONFLICT)
        /* Translators: the file was changed by another program */
        text = g_strdup_printf (_("The file changed on disk, so autosave stopped: %s. "
                                  "Reload takes the file’s version (Undo brings yours back); "
                                  "Retry keeps your version; Save As keeps both."),
                                message ? message : "");
      else if (nb_autosave_get_draft_kept (self->autosave))
        text = g_strdup_printf (_("Your changes could not be saved: %s. They are kept in a "
                                  "draft until the report can be saved."),
                                message ? message : "");
      else
        /* No draft was written and flushed: promising one would lie. */
        text = g_strdup_printf (_("Your changes could not be saved, and no copy could be "
                                  "written: %s. They exist only in this window; use Save As "
                                  "to save them on another disk."),
                                message ? message : "");
      gtk_label_set_text (self->banner_label, text);
      gtk_widget_set_visible (self->reload_button, state == NB_AUTOSAVE_CONFLICT);
      gtk_widget_set_visible (GTK_WIDGET (self->banner), TRUE);
      gtk_revealer_set_reveal_child (self->banner, TRUE);
    }
  else
    {
      /* Hidden, not just folded: a screen reader would find its empty text. */
      gtk_revealer_set_reveal_child (self->banner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->banner), FALSE);
    }
}

void
_nb_window_update_title (NbWindow *self)
{
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *name = self->file ? g_file_get_basename (self->file)
                                     : g_strdup (_("Not saved yet"));
  g_autofree char *subtitle = NULL;
  g_autofree char *publication = _nb_window_publish_dup_status (self);
  gboolean modified = nb_report_get_modified (self->report);

  if (self->file == NULL && !modified)
    subtitle = g_steal_pointer (&name);
  else
    /* Translators: the file name, and whether its changes are on disk */
    subtitle = g_strdup_printf (_("%s — %s"), name, state_text (self));
  if (publication != NULL)
    {
      char *with = g_strdup_printf ("%s · %s", subtitle, publication);

      g_free (subtitle);
      subtitle = with;
    }
  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", modified || self->file == NULL);
}

static void
update_undo_actions (NbWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 nb_report_get_can_undo (self->report));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 nb_report_get_can_redo (self->report));
}

static void
on_checks_updated_cb (NbWindow      *self,
                      NbChecksPanel *checks)
{
  guint errors = nb_checks_panel_count (checks, NB_SEVERITY_ERROR);
  guint warnings = nb_checks_panel_count (checks, NB_SEVERITY_WARNING);
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);
      guint n = nb_checks_panel_count_for_section (checks, page->section_id, NB_SEVERITY_ERROR);
      guint w = nb_checks_panel_count_for_section (checks, page->section_id, NB_SEVERITY_WARNING);
      g_autofree char *text = g_strdup_printf ("%u", n ? n : w);

      gtk_label_set_text (GTK_LABEL (page->badge), text);
      gtk_widget_set_visible (page->badge, n + w > 0);
      if (n > 0)
        {
          gtk_widget_add_css_class (page->badge, "error-badge");
          gtk_widget_remove_css_class (page->badge, "warning-badge");
        }
      else
        {
          gtk_widget_add_css_class (page->badge, "warning-badge");
          gtk_widget_remove_css_class (page->badge, "error-badge");
        }
    }

  count = g_strdup_printf ("%u", errors ? errors : warnings);
  gtk_label_set_text (GTK_LABEL (self->checks_label), count);
  gtk_widget_set_visible (self->checks_label, errors + warnings > 0);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->checks_icon),
                                errors ? "dialog-error-symbolic"
                                       : warnings ? "dialog-warning-symbolic"
                                                  : "emblem-ok-symbolic");
  tooltip = g_strdup_printf (_("Checks: %u errors, %u warnings (F8)"), errors, warnings);
  gtk_widget_set_tooltip_text (GTK_WIDGET (gtk_widget_get_parent (gtk_widget_get_parent (self->checks_icon))),
                               tooltip);
}

static void on_sheet_message_cb (NbWindow   *self,
                                 const char *message,
                                 NbSheet    *sheet);

/* Pages are built when first shown: the first frame then has only the
 * details page to lay out, not two hundred cells. */
GtkWidget *
_nb_window_ensure_page (NbWindow *self,
                        Page     *page)
{
  const NbEditionSection *section;

  if (page->page != NULL)
    return page->page;
  section = nb_edition_find_section (nb_report_get_edition (self->report), page->section_id);
  if (section == NULL)
    page->page = nb_info_page_new (self->report);
  else if (section->table_id != NULL)
    {
      page->page = nb_table_page_new (self->report, section->id);
      g_signal_connect_object (nb_table_page_get_sheet (NB_TABLE_PAGE (page->page)), "message",
                               G_CALLBACK (on_sheet_message_cb), self, G_CONNECT_SWAPPED);
    }
  else
    page->page = nb_text_page_new (self->report, section->id);
  /* The stack's page is what a screen reader meets first: named as the
   * section, not "GtkStackPage". */
  gtk_accessible_update_property (
    GTK_ACCESSIBLE (gtk_stack_add_named (self->stack, page->page, page->section_id)),
    GTK_ACCESSIBLE_PROPERTY_LABEL, section != NULL ? section->heading : _("Report Details"), -1);
  return page->page;
}

static void
on_finding_activated_cb (NbWindow      *self,
                         NbFinding     *finding,
                         NbChecksPanel *checks)
{
  const char *section_id = nb_checks_panel_section_of (checks, finding);
  Page *page = find_page (self, section_id);

  if (page == NULL)
    return;
  _nb_window_show_section (self, section_id);
  nb_section_page_focus_finding (NB_SECTION_PAGE (page->page), finding);
}

static void
on_sheet_message_cb (NbWindow   *self,
                     const char *message,
                     NbSheet    *sheet)
{
  toast (self, message);
}

static void
on_row_selected_cb (NbWindow      *self,
                    GtkListBoxRow *row,
                    GtkListBox    *list)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      if (page->row == GTK_WIDGET (row))
        {
          const NbEditionSection *section =
            nb_edition_find_section (nb_report_get_edition (self->report), page->section_id);

          gtk_stack_set_visible_child (self->stack, _nb_window_ensure_page (self, page));
          /* "Fill blank cells of this table" only where there is a table. */
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fill-blanks-table",
                                         section != NULL && section->table_id != NULL);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_SECTION]);
        }
    }
}

/* In a folded (narrow) window, choosing a section shows it in place of
 * the list. */
static void
on_row_activated_cb (NbWindow      *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
_nb_window_show_section (NbWindow   *self,
                         const char *section_id)
{
  Page *page = find_page (self, section_id);

  g_return_if_fail (page != NULL);
  gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (page->row));
  gtk_stack_set_visible_child (self->stack, _nb_window_ensure_page (self, page));
}

static void
add_page (NbWindow   *self,
          const char *section_id,
          const char *title)
{
  Page page = { 0 };
  /* A grid, not a box: a GTK 4.8 box asked the height of a row for a width
   * searches for it, laying the wrapping heading out at a dozen widths
   * before the first frame; the grid lays it out at the width it gets. */
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (grid, "section-tab");
  page.section_id = g_strdup (section_id);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* A floor under the width measured with no room given: without one the
   * label is laid out a character a line (Chinese breaks anywhere), each
   * line shaped again; the list is wider than this anyway. */
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_widget_set_hexpand (label, TRUE);
  /* The full height of the row, the heading centred in it, as in a box. */
  gtk_widget_set_vexpand (label, TRUE);
  page.badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (page.badge, "section-badge");
  gtk_widget_set_valign (page.badge, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (page.badge, FALSE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), page.badge, 1, 0, 1, 1);
  page.row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (page.row), grid);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page.row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_list_box_append (self->sidebar, page.row);
  g_array_append_val (self->pages, page);
}

static void
build_pages (NbWindow *self)
{
  NbEdition *edition = nb_report_get_edition (self->report);

  add_page (self, NB_INFO_PAGE_SECTION_ID, _("Report Details"));
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);

      add_page (self, section->id, section->heading);
    }
  gtk_list_box_select_row (self->sidebar,
                           GTK_LIST_BOX_ROW (g_array_index (self->pages, Page, 0).row));
}

static void
build_recent_menu (NbWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint n = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      const char *uri = gtk_recent_info_get_uri (l->data);
      g_autoptr(GMenuItem) item = NULL;

      if (!g_str_has_suffix (uri, ".nianbao") || !gtk_recent_info_exists (l->data))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (l->data), NULL);
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

/* What the first frame does not show waits until it is painted: the
 * recent files of the main menu (GTK reads and watches its whole list of
 * them) come at the first idle after that frame. */
static gboolean
on_painted_idle_cb (gpointer user_data)
{
  NbWindow *self = user_data;

  self->painted_idle_id = 0;
  build_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (build_recent_menu), self, G_CONNECT_SWAPPED);
  return G_SOURCE_REMOVE;
}

static void
on_painted_cb (GdkFrameClock *clock,
               NbWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_painted_cb, self);
  self->painted_idle_id = g_idle_add (on_painted_idle_cb, self);
}

static void
on_first_map_cb (NbWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_first_map_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_painted_cb), self, 0);
}

/* The file, and what is typed: for saving, printing, exporting and undo */

void
_nb_window_set_file (NbWindow *self,
                     GFile    *file)
{
  if (g_set_object (&self->file, file))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      _nb_window_update_title (self);
    }
}

void
nb_window_commit_edits (NbWindow *self)
{
  g_return_if_fail (NB_IS_WINDOW (self));

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *page = &g_array_index (self->pages, Page, i);

      /* A page not built yet has nothing typed. */
      if (page->page != NULL)
        nb_section_page_commit (NB_SECTION_PAGE (page->page));
    }
}

/* Closing: nb-window-save.c decides what becomes of changes not saved. */

static gboolean
nb_window_close_request (GtkWindow *window)
{
  if (_nb_window_save_on_close (window))
    return TRUE;
  return GTK_WINDOW_CLASS (nb_window_parent_class)->close_request (window);
}

/* Drag and drop */

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            NbWindow      *self)
{
  GSList *files;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The application opens files (app.open-file): a report already open
   * comes forward instead. */
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || app == NULL
      || !g_action_group_has_action (G_ACTION_GROUP (app), "open-file"))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *uri = g_file_get_uri (l->data);

      g_action_group_activate_action (G_ACTION_GROUP (app), "open-file", g_variant_new_string (uri));
    }
  return files != NULL;
}

/* Actions */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  /* A value typed but not committed becomes a step of its own first. */
  nb_window_commit_edits (self);
  if (g_str_equal (action_name, "win.undo"))
    nb_report_undo (self->report);
  else
    nb_report_redo (self->report);
}

static void
recalculate_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  nb_window_commit_edits (self);
  nb_report_recompute_totals (self->report);
  toast (self, _("Totals recalculated"));
}

/* win.show-finding: the n-th finding the checks list shows, as if clicked
 * (the review window opens a report at its first problem). */
static void
show_finding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  guint n = g_variant_get_uint32 (parameter);

  if (nb_checks_panel_get_shown (self->checks, n) != NULL)
    nb_checks_panel_activate (self->checks, n);
}

/* The delay and the number of versions kept are the user's settings (the
 * core reads none), given at construction: a report with changes not on
 * disk yet is saved at once, with the user's delay. */
static NbAutosave *
new_autosave (NbWindow *self)
{
  NbAutosave *autosave;

  if (self->settings == NULL)
    return nb_autosave_new (self->report, self->file);
  autosave = g_object_new (NB_TYPE_AUTOSAVE,
                           "report", self->report,
                           "file", self->file,
                           "delay", g_settings_get_uint (self->settings, "autosave-delay"),
                           "history-limit", g_settings_get_uint (self->settings, "history-limit"),
                           NULL);
  g_settings_bind (self->settings, "autosave-delay", autosave, "delay", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "history-limit", autosave, "history-limit",
                   G_SETTINGS_BIND_GET);
  return autosave;
}

/* GObject */

static void
nb_window_constructed (GObject *object)
{
  NbWindow *self = (NbWindow *)object;
  GtkDropTarget *drop;

  G_OBJECT_CLASS (nb_window_parent_class)->constructed (object);

  g_assert (self->report != NULL);

  self->checks = NB_CHECKS_PANEL (nb_checks_panel_new (self->report));
  gtk_widget_set_size_request (GTK_WIDGET (self->checks), 300, -1);
  gtk_box_append (self->checks_box, GTK_WIDGET (self->checks));
  g_signal_connect_object (self->checks, "updated", G_CALLBACK (on_checks_updated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checks, "finding-activated",
                           G_CALLBACK (on_finding_activated_cb), self, G_CONNECT_SWAPPED);

  build_pages (self);
  _nb_window_add_keyboard_shortcuts (self);
  _nb_window_build_export_menu (self);
  g_signal_connect (self, "map", G_CALLBACK (on_first_map_cb), NULL);
  on_checks_updated_cb (self, self->checks);

  /* The title (agency, year), the deadline (level) and "changed since
   * publication" follow every edit, undo and redo: each ends in one
   * ::changed, metadata included.  Saving changes only "modified". */
  g_signal_connect_object (self->report, "changed", G_CALLBACK (_nb_window_update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->report, "notify::modified", G_CALLBACK (_nb_window_update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->report, "notify::can-undo", G_CALLBACK (update_undo_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->report, "notify::can-redo", G_CALLBACK (update_undo_actions),
                           self, G_CONNECT_SWAPPED);
  /* Off only by the user's choice (the "autosave" key). */
  if (self->settings == NULL || g_settings_get_boolean (self->settings, "autosave"))
    {
      self->autosave = new_autosave (self);
      g_signal_connect_object (self->autosave, "notify::state", G_CALLBACK (_nb_window_update_title), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->autosave, "notify::state", G_CALLBACK (update_banner), self,
                               G_CONNECT_SWAPPED);
    }
  _nb_window_update_title (self);
  update_undo_actions (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

static void
nb_window_dispose (GObject *object)
{
  NbWindow *self = (NbWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->painted_idle_id, g_source_remove);
  /* The report may outlive the window (another reference): stop listening. */
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_data (self->report, self);
  if (self->autosave != NULL)
    g_signal_handlers_disconnect_by_data (self->autosave, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_WINDOW);
  g_clear_object (&self->autosave);
  g_clear_object (&self->cancellable);
  self->checks = NULL;
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_object (&self->settings);
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
    case PROP_SHOW_CHECKS:
      g_value_set_boolean (value, self->show_checks);
      break;
    case PROP_VISIBLE_SECTION:
      g_value_set_string (value, gtk_stack_get_visible_child_name (self->stack));
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
    case PROP_SHOW_CHECKS:
      if (self->show_checks != g_value_get_boolean (value))
        {
          self->show_checks = g_value_get_boolean (value);
          adw_flap_set_reveal_flap (self->checks_flap, self->show_checks);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VISIBLE_SECTION:
      _nb_window_show_section (self, g_value_get_string (value));
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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = nb_window_constructed;
  object_class->dispose = nb_window_dispose;
  object_class->get_property = nb_window_get_property;
  object_class->set_property = nb_window_set_property;
  window_class->close_request = nb_window_close_request;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_CHECKS] =
    g_param_spec_boolean ("show-checks", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The id of the section shown: "info" (the details) or an edition's. */
  properties[PROP_VISIBLE_SECTION] =
    g_param_spec_string ("visible-section", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/nianbao/Nianbao/nb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, title);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, checks_flap);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, checks_box);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, checks_icon);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, checks_label);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, export_section);
  gtk_widget_class_bind_template_child (widget_class, NbWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.recalculate", NULL, recalculate_action);
  gtk_widget_class_install_action (widget_class, "win.show-finding", "u", show_finding_action);
  gtk_widget_class_install_action (widget_class, "win.show-message", "s", show_message_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-checks", "show-checks");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.toggle-checks", NULL);

  /* Actions that other parts of the app own, on the same window. */
  _nb_window_class_save_init (klass);
  _nb_window_class_export_init (klass);
  _nb_window_class_navigation_init (klass);
  _nb_window_class_history_init (klass);
  _nb_window_class_next_year_init (klass);
  _nb_window_class_compare_init (klass);
  _nb_window_class_blanks_init (klass);
  _nb_window_class_publish_init (klass);
}

static gboolean
on_undo_key_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                NbWindow              *self)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);

  /* Undo is the document's, wherever the focus is: caught before a text
   * field could take Ctrl+Z for itself. */
  if (keyval == GDK_KEY_z && mods == GDK_CONTROL_MASK)
    return gtk_widget_activate_action (GTK_WIDGET (self), "win.undo", NULL), TRUE;
  if (((keyval == GDK_KEY_z || keyval == GDK_KEY_Z) && mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
      || (keyval == GDK_KEY_y && mods == GDK_CONTROL_MASK))
    return gtk_widget_activate_action (GTK_WIDGET (self), "win.redo", NULL), TRUE;
  return FALSE;
}

/* The primary menu's popover is built when it first opens, not with the
 * window: its thirty items are nothing the first frame shows. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       data)
{
  NbWindow *self = data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (self->primary_menu));
}

static void
nb_window_init (NbWindow *self)
{
  GtkEventController *keys;

  self->cancellable = g_cancellable_new ();
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  g_array_set_clear_func (self->pages, (GDestroyNotify)page_clear);

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->checks_flap));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu_cb, self, NULL);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_undo_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* Run from the build folder without the schema installed, the window
   * still works; it just does not remember its size. */
  self->settings = nb_settings_dup ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (self->settings, "show-checks", self, "show-checks", G_SETTINGS_BIND_DEFAULT);
    }
  else
    g_object_set (self, "show-checks", TRUE, NULL);
}

NbWindow *
nb_window_new (GtkApplication *application,
               NbReport       *report,
               GFile          *file)
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

/* The window's autosave, which it owns and keeps for its life: it saves
 * the report, keeps its draft and knows its version history.  NULL when
 * the user turned autosave off. */
NbAutosave *
nb_window_get_autosave (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->autosave;
}

/* What the loader changed to open the file (characters that are not text,
 * replaced by U+FFFD), said once: the user would otherwise not know that
 * saving writes the replacements.  @warnings: char *, one per place, as
 * nb_file_load_full () gives them; may be %NULL. */
void
nb_window_show_load_warnings (NbWindow  *self,
                              GPtrArray *warnings)
{
  g_autofree char *message = NULL;
  GtkWidget *label;
  AdwToast *t;

  g_return_if_fail (NB_IS_WINDOW (self));

  if (warnings == NULL || warnings->len == 0)
    return;
  message = g_strdup_printf (ngettext ("Characters that are not text were replaced on opening, "
                                       "in %u place: %s",
                                       "Characters that are not text were replaced on opening, "
                                       "in %u places; the first: %s",
                                       warnings->len),
                             warnings->len, (const char *)g_ptr_array_index (warnings, 0));
  t = adw_toast_new (message);
  /* Wrapped: the place named at the end must not be ellipsized away. */
  label = gtk_label_new (message);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  adw_toast_set_custom_title (t, label);
  /* Until dismissed: it is about the file's content, not a passing event. */
  adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* A short message at the bottom of the window, for the window's features. */
void
_nb_window_add_toast (NbWindow   *self,
                      const char *message)
{
  g_return_if_fail (NB_IS_WINDOW (self));

  toast (self, message);
}

