/* nb-window-navigation.c: the keyboard into a page, between sections and
 * between panes
 *
 * Ctrl+Page Down/Up step through the sections as a spreadsheet steps
 * through its sheets, Alt+1…9 go to one, F6 and Shift+F6 go round the
 * section list, the page and the checks, F9 goes to the list; in the list,
 * Enter, Tab and Right go into the section of the row with the focus.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-navigation"

#include "config.h"

#include "nb-section-page.h"
#include "nb-window-private.h"

static void
show_sections_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->sidebar));
}

static int
visible_page_index (NbWindow *self)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);

  for (guint i = 0; i < self->pages->len; i++)
    if (g_array_index (self->pages, Page, i).page == visible)
      return (int)i;
  return -1;
}

/* Into the page's content: the table's cursor cell, the text, the first
 * field of the details. */
static void
focus_page (NbWindow *self,
            Page     *page)
{
  nb_section_page_focus_content (NB_SECTION_PAGE (_nb_window_ensure_page (self, page)));
}

static void
show_page_at (NbWindow *self,
              int       index,
              gboolean  focus)
{
  Page *page;

  if (index < 0 || (guint)index >= self->pages->len)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  page = &g_array_index (self->pages, Page, index);
  _nb_window_show_section (self, page->section_id);
  if (focus)
    focus_page (self, page);
}

static gboolean
focus_is_in (NbWindow  *self,
             GtkWidget *pane)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == pane || gtk_widget_is_ancestor (focus, pane));
}

static void
section_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  gboolean in_list = focus_is_in (self, GTK_WIDGET (self->sidebar));
  int index = visible_page_index (self) + (g_str_equal (action_name, "win.next-section") ? 1 : -1);

  /* As a spreadsheet switches sheets: the focus stays in the list when it
   * was there, else goes into the new page. */
  show_page_at (self, index, !in_list);
  if (in_list && index >= 0 && (guint)index < self->pages->len)
    gtk_widget_grab_focus (g_array_index (self->pages, Page, index).row);
}

static void
show_section_at_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_page_at (NB_WINDOW (widget), g_variant_get_int32 (parameter) - 1, TRUE);
}

/* F6 and Shift+F6, as in GNOME apps: the section list, the page, the
 * checks (when shown), round again. */
static void
cycle_panes_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  gboolean forward = g_str_equal (action_name, "win.next-pane");
  int n = self->show_checks ? 3 : 2;
  int current = n - 1, target;

  /* With the focus nowhere yet (a new window), F6 starts at the list. */
  if (focus_is_in (self, GTK_WIDGET (self->sidebar)))
    current = 0;
  else if (focus_is_in (self, GTK_WIDGET (self->stack)))
    current = 1;
  else if (self->show_checks && focus_is_in (self, GTK_WIDGET (self->checks)))
    current = 2;
  else if (!forward)
    current = 1;
  target = (current + (forward ? 1 : n - 1)) % n;
  if (target == 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar);

      gtk_widget_grab_focus (row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->sidebar));
    }
  else if (target == 1)
    {
      int index = visible_page_index (self);

      if (index >= 0)
        focus_page (self, &g_array_index (self->pages, Page, index));
    }
  else if (!gtk_widget_child_focus (GTK_WIDGET (self->checks), GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (self->checks));
}

/* In the section list, Enter, Tab and Right go into the section: Tab does
 * not walk every row (and switch pages as it goes). */
static gboolean
on_sidebar_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           NbWindow              *self)
{
  int index;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      {
        GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

        /* The row with the focus, which Up and Down move without
         * selecting it yet. */
        for (index = 0; (guint)index < self->pages->len; index++)
          {
            GtkWidget *row = g_array_index (self->pages, Page, index).row;

            if (focus == row || (focus != NULL && gtk_widget_is_ancestor (focus, row)))
              break;
          }
        if ((guint)index >= self->pages->len)
          index = visible_page_index (self);
        show_page_at (self, index, TRUE);
        return GDK_EVENT_STOP;
      }
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

void
_nb_window_add_keyboard_shortcuts (NbWindow *self)
{
  GtkEventController *sidebar_keys = gtk_event_controller_key_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (sidebar_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (sidebar_keys, "key-pressed", G_CALLBACK (on_sidebar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar), sidebar_keys);

  /* Caught before the focused widget: a text view and a scrolled window
   * would take Ctrl+Page Up/Down for themselves. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.next-section")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.previous-section")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, 0), gtk_named_action_new ("win.next-pane")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, GDK_SHIFT_MASK),
                      gtk_named_action_new ("win.previous-pane")));
  for (guint i = 0; i < self->pages->len && i < 9; i++)
    {
      GtkShortcut *shortcut =
        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                          gtk_named_action_new ("win.show-section-at"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 ((int)i + 1));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

void
_nb_window_class_navigation_init (NbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.show-sections", NULL, show_sections_action);
  gtk_widget_class_install_action (widget_class, "win.next-section", NULL, section_step_action);
  gtk_widget_class_install_action (widget_class, "win.previous-section", NULL,
                                   section_step_action);
  gtk_widget_class_install_action (widget_class, "win.show-section-at", "i",
                                   show_section_at_action);
  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, cycle_panes_action);
  gtk_widget_class_install_action (widget_class, "win.previous-pane", NULL, cycle_panes_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sections", NULL);
}
