/* test-typing.c: typing a year's numbers as a clerk does, with real key and
 * pointer events under Xvfb
 *
 * Keys and clicks go through the X server (XTest, via xdotool), so they take
 * a person's path: GDK, the window's shortcuts, the sheet's controllers, the
 * entry.  Each step waits until the window has received the key presses it
 * sent (a capture-phase counter on the window) or until the state it causes
 * is there, never for a fixed time.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <time.h>

#include "nb-application.h"
#include "nb-file.h"
#include "nb-test-wait.h"
#include "nb-test-window.h"
#include "nb-window.h"

typedef struct
{
  NbReport             *report;
  NbWindow             *window;
  NbSheet              *sheet;
  const NbEditionTable *t3;
  guint                 n_sent;    /* key presses sent, to compare with n_presses */
} Fixture;

static guint n_presses; /* key presses the app received: count_presses_hook() */

static gboolean
all_presses_received (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_cmpuint (n_presses, <=, f->n_sent);
  return n_presses == f->n_sent;
}

/* Every key press that reaches the app, counted as GDK hands it to GTK:
 * before any controller can take it (a shortcut, the sheet, the entry). */
static gboolean
count_presses_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GdkEvent *event = g_value_get_pointer (&values[1]);

  if (gdk_event_get_event_type (event) == GDK_KEY_PRESS && !gdk_key_event_is_modifier (event))
    n_presses++;
  return TRUE;
}

/* Key names as xdotool knows them, separated by spaces ("Tab shift+Tab"):
 * sent, and waited for until the window has them all. */
static void
keys (Fixture    *f,
      const char *names)
{
  g_auto(GStrv) list = g_strsplit (names, " ", -1);
  g_autofree char *args = g_strdup_printf ("key --delay 5 %s", names);

  f->n_sent += g_strv_length (list);
  nb_test_xdotool_send ("%s", args);
  nb_test_wait_until (all_presses_received (f, NULL), "the window receiving the keys sent");
}

/* Digits, "." and "-"; "\t" and "\n" are Tab and Return.  Sent as key
 * names in one xdotool command ("key 1 2 Tab"). */
static void
type (Fixture    *f,
      const char *text)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (names->len > 0)
        g_string_append_c (names, ' ');
      switch (*p)
        {
        case '\t':
          g_string_append (names, "Tab");
          break;
        case '\n':
          g_string_append (names, "Return");
          break;
        case '.':
          g_string_append (names, "period");
          break;
        case '-':
          g_string_append (names, "minus");
          break;
        default:
          g_assert_true (g_ascii_isdigit (*p));
          g_string_append_c (names, *p);
        }
    }
  keys (f, names->str);
}

static guint
cell (Fixture    *f,
      const char *row,
      const char *column)
{
  return nb_test_find_cell (f->t3, row, column);
}

static gint64
value (Fixture    *f,
       const char *row,
       const char *column)
{
  g_assert_cmpint (nb_report_get_cell (f->report, f->t3, cell (f, row, column), NULL, NULL),
                   ==, NB_CELL_VALUE);
  return nb_report_get_value (f->report, f->t3, cell (f, row, column));
}

static const char *
shown (Fixture    *f,
       const char *row,
       const char *column)
{
  return gtk_editable_get_text (
    GTK_EDITABLE (nb_sheet_get_cell_widget (f->sheet, cell (f, row, column))));
}

static gboolean
is_mapped (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *widget = (GtkWidget *)data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
has_focus_within (Fixture       *f,
                  gconstpointer  data)
{
  return (gtk_widget_get_state_flags ((GtkWidget *)data) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static void
setup_report (Fixture  *f,
              NbReport *report,
              int       width,
              int       height)
{
  f->report = report;
  f->n_sent = n_presses;
  f->window = nb_window_new (NULL, f->report, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  nb_test_wait_until (is_mapped (f, f->window), "the window showing");
  nb_test_focus_window (GTK_WINDOW (f->window));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  if (!nb_test_have_xdotool ())
    return;
  setup_report (f, nb_test_new_report (), 1200, 900);
  f->sheet = nb_test_window_get_sheet (f->window, "t3");
  f->t3 = nb_sheet_get_table (f->sheet);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->window == NULL)
    return;
  /* Changes made on purpose: close without asking. */
  nb_report_set_modified (f->report, FALSE);
  nb_test_destroy_window (g_steal_pointer (&f->window));
  nb_test_assert_finalize (g_steal_pointer (&f->report));
}

static void
show_requests (Fixture *f)
{
  nb_test_window_show_section (f->window, "requests");
  nb_test_wait_until (is_mapped (f, f->sheet), "table 3 showing");
}

typedef struct
{
  GtkWidget *widget;
  guint      n_clicks;
} Click;

static gboolean
on_click_counted_cb (GtkEventControllerLegacy *controller,
                     GdkEvent                 *event,
                     guint                    *n_releases)
{
  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE)
    (*n_releases)++;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
releases_received (Fixture       *f,
                   gconstpointer  data)
{
  const guint *counts = data;

  return counts[0] >= counts[1];
}

/* Clicks (n_clicks times) at a point of a value cell, with the pointer,
 * and waits until the window has seen every release. */
static void
click_cell_button (Fixture          *f,
                   int               index,
                   graphene_point_t  at,
                   guint             n_clicks,
                   guint             button)
{
  GtkWidget *entry = nb_sheet_get_cell_widget (f->sheet, (guint)index);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  GtkEventController *legacy = gtk_event_controller_legacy_new ();
  /* A secondary click opens a menu, which takes the release: the caller
   * waits for the menu instead. */
  guint counts[2] = { 0, button == 1 ? n_clicks : 0 };
  g_autofree char *args = NULL;
  graphene_point_t point;
  double dx, dy;

  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_click_counted_cb), &counts[0]);
  gtk_widget_add_controller (GTK_WIDGET (f->window), legacy);
  g_assert_true (gtk_widget_compute_point (entry, GTK_WIDGET (f->window), &at, &point));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &dx, &dy);
  if (n_clicks == 1)
    /* As a hand does it: the pointer moves a pixel while the button is down. */
    args = g_strdup_printf ("mousemove --window %lu %d %d mousedown %u mousemove --window %lu %d %d "
                            "mouseup %u",
                            (gulong)gdk_x11_surface_get_xid (surface), (int)(point.x + dx),
                            (int)(point.y + dy), button, (gulong)gdk_x11_surface_get_xid (surface),
                            (int)(point.x + dx) + 1, (int)(point.y + dy), button);
  else
    args = g_strdup_printf ("mousemove --window %lu %d %d click --repeat %u --delay 60 1",
                            (gulong)gdk_x11_surface_get_xid (surface), (int)(point.x + dx),
                            (int)(point.y + dy), n_clicks);
  nb_test_xdotool_send ("%s", args);
  nb_test_wait_until (releases_received (f, counts), "the window receiving the clicks");
  gtk_widget_remove_controller (GTK_WIDGET (f->window), legacy);
}

static void
click_cell_at (Fixture          *f,
               int               index,
               graphene_point_t  at,
               guint             n_clicks)
{
  click_cell_button (f, index, at, n_clicks, 1);
}

/* In the middle of the cell. */
static void
click_cell (Fixture *f,
            int      index,
            guint    n_clicks)
{
  GtkWidget *entry = nb_sheet_get_cell_widget (f->sheet, (guint)index);

  click_cell_at (f, index,
                 GRAPHENE_POINT_INIT (gtk_widget_get_width (entry) / 2.f,
                                      gtk_widget_get_height (entry) / 2.f),
                 n_clicks);
}

/* On the left part of the first character of the value, where a person
 * clicks to hit "the 0": values are aligned right, in the text widget
 * inside the entry. */
static void
click_first_character (Fixture *f,
                       int      index)
{
  GtkWidget *entry = nb_sheet_get_cell_widget (f->sheet, (guint)index);
  GtkWidget *text = gtk_widget_get_first_child (entry);
  const char *value = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (text, value);
  g_autoptr(PangoLayout) first = gtk_widget_create_pango_layout (text, NULL);
  graphene_point_t at;
  int width, first_width;

  g_assert_true (GTK_IS_TEXT (text));
  pango_layout_set_text (first, value, (int)(g_utf8_next_char (value) - value));
  pango_layout_get_pixel_size (layout, &width, NULL);
  pango_layout_get_pixel_size (first, &first_width, NULL);
  g_assert_true (gtk_widget_compute_point (text, entry,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (text) - width
                                                                   + first_width / 4.f,
                                                                 gtk_widget_get_height (text) / 2.f),
                                           &at));
  click_cell_at (f, index, at, 1);
}

/* The bug this file began with: a click put the caret before the 0 that
 * every new or imported report is full of, and "12" typed became 120. */
static void
test_click_selects (Fixture       *f,
                    gconstpointer  data)
{
  NB_TEST_REQUIRE_KEYS ();

  nb_report_set_cell_text (f->report, f->t3, cell (f, "new", "natural"), "0", NULL);
  nb_report_set_cell_text (f->report, f->t3, cell (f, "new", "commercial"), "5", NULL);
  show_requests (f);

  /* The clerk is in the table (the cell came by Enter, or by Ctrl+Tab)
   * and clicks the cell that holds 0. */
  nb_sheet_focus_cell (f->sheet, cell (f, "new", "natural"));
  click_first_character (f, cell (f, "new", "natural"));
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "new", "natural"));
  type (f, "12");
  /* Neither "120" nor "012": the 0 is replaced. */
  g_assert_cmpstr (shown (f, "new", "natural"), ==, "12");
  keys (f, "Return");
  g_assert_cmpint (value (f, "new", "natural"), ==, 12);
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "carried_over", "natural"));

  /* A click on another cell selects it too.  (A second click soon after
   * would be a double click, which edits.) */
  click_cell (f, cell (f, "new", "natural"), 1);
  type (f, "3");
  g_assert_cmpstr (shown (f, "new", "natural"), ==, "3");
  keys (f, "Tab");
  g_assert_cmpint (value (f, "new", "natural"), ==, 3);

  /* A double click edits in place, the caret at the end. */
  click_cell (f, cell (f, "new", "commercial"), 2);
  type (f, "0");
  keys (f, "Return");
  g_assert_cmpint (value (f, "new", "commercial"), ==, 50);

  /* So does F2; Escape brings the value back. */
  keys (f, "Up F2");
  type (f, "1");
  g_assert_cmpstr (shown (f, "new", "commercial"), ==, "501");
  keys (f, "Escape");
  g_assert_cmpstr (shown (f, "new", "commercial"), ==, "50");
  keys (f, "Return");
  g_assert_cmpint (value (f, "new", "commercial"), ==, 50);
}

/* Enter goes straight down, however the focus came into the table: after
 * Ctrl+Tab it went down the column Enter last went down in, elsewhere. */
static void
test_enter_after_ctrl_tab (Fixture       *f,
                           gconstpointer  data)
{
  NB_TEST_REQUIRE_KEYS ();

  show_requests (f);
  nb_sheet_focus_cell (f->sheet, cell (f, "new", "commercial"));
  type (f, "5\n");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "carried_over", "commercial"));

  /* Away to the section list, and back with Ctrl+Tab. */
  keys (f, "ctrl+shift+Tab");
  g_assert_false (has_focus_within (f, f->sheet));
  keys (f, "ctrl+Tab");
  g_assert_true (has_focus_within (f, f->sheet));
  {
    int first = nb_sheet_get_cursor (f->sheet);
    const NbEditionCell *c = nb_edition_table_get_cell (f->t3, (guint)first);
    int below;

    type (f, "7\n");
    below = nb_sheet_get_cursor (f->sheet);
    g_assert_cmpint (below, !=, first);
    g_assert_cmpuint (nb_edition_table_get_cell (f->t3, (guint)below)->column, ==, c->column);
  }
}

/* Calc's rule: a row typed with Tabs and ended with Enter puts the cursor
 * at the start of the next row. */
static void
test_tab_run_enter (Fixture       *f,
                    gconstpointer  data)
{
  NB_TEST_REQUIRE_KEYS ();

  show_requests (f);
  nb_sheet_focus_cell (f->sheet, cell (f, "new", "commercial"));
  type (f, "1\t2\t3\n");
  g_assert_cmpint (value (f, "new", "commercial"), ==, 1);
  g_assert_cmpint (value (f, "new", "research"), ==, 2);
  g_assert_cmpint (value (f, "new", "nonprofit"), ==, 3);
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "carried_over", "commercial"));
  /* Without Tabs before, Enter keeps its column. */
  keys (f, "Right Return");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "granted", "research"));
  /* Shift reverses both. */
  keys (f, "shift+Return shift+Tab");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "carried_over", "commercial"));
}

/* A run of entry stops only where the clerk can type: Tab, Shift+Tab and
 * Enter step over the computed totals; the arrows still reach them, so that
 * a total can be read and copied. */
static void
test_entry_skips_computed (Fixture       *f,
                           gconstpointer  data)
{
  NB_TEST_REQUIRE_KEYS ();

  g_assert_true (nb_edition_table_get_cell (f->t3, cell (f, "new", "total"))->computed);
  g_assert_true (nb_edition_table_get_cell (f->t3,
                                            cell (f, "results_total", "natural"))->computed);
  show_requests (f);

  /* Tab at the end of a row: over 总计 to the next row's first cell. */
  nb_sheet_focus_cell (f->sheet, cell (f, "new", "other"));
  type (f, "4\t");
  g_assert_cmpint (value (f, "new", "other"), ==, 4);
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "carried_over", "natural"));
  /* Shift+Tab back over it. */
  keys (f, "shift+Tab");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "new", "other"));

  /* Enter down a column: over （七）总计 to 四、结转下年度继续办理. */
  nb_sheet_focus_cell (f->sheet, cell (f, "other_other", "natural"));
  type (f, "2\n");
  g_assert_cmpint (value (f, "other_other", "natural"), ==, 2);
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "carry_forward", "natural"));
  keys (f, "shift+Return");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "other_other", "natural"));

  /* The arrows visit the totals. */
  keys (f, "Down");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "results_total", "natural"));
  nb_sheet_focus_cell (f->sheet, cell (f, "new", "other"));
  keys (f, "Right");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "new", "total"));
  g_assert_true (gtk_widget_has_focus (
    gtk_widget_get_first_child (nb_sheet_get_cell_widget (f->sheet, cell (f, "new", "total")))));

  /* Tab after the last cell to type leaves the table, not onto its total. */
  nb_sheet_focus_cell (f->sheet, cell (f, "carry_forward", "other"));
  keys (f, "Tab");
  g_assert_false (has_focus_within (f, f->sheet));
}

typedef struct
{
  int cell;
  int width; /* for width_is: the entry's width to wait for */
} CellWidth;

/* Whether the cell's text widget is as wide as its whole value. */
static gboolean
value_fits (Fixture       *f,
            gconstpointer  data)
{
  const CellWidth *c = data;
  GtkWidget *entry = nb_sheet_get_cell_widget (f->sheet, (guint)c->cell);
  GtkWidget *text = gtk_widget_get_first_child (entry);
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  g_assert_true (GTK_IS_TEXT (text));
  layout = gtk_widget_create_pango_layout (text, gtk_editable_get_text (GTK_EDITABLE (entry)));
  pango_layout_get_pixel_size (layout, &width, NULL);
  return gtk_widget_get_width (text) >= width;
}

static gboolean
width_is (Fixture       *f,
          gconstpointer  data)
{
  const CellWidth *c = data;
  GtkWidget *entry = nb_sheet_get_cell_widget (f->sheet, (guint)c->cell);

  return gtk_widget_get_width (entry) == c->width;
}

/* A value wider than its cell is never cut off: the column widens to it,
 * while it is typed and after, as Calc does for numbers, and narrows again
 * when the value goes. */
static void
test_wide_value_widens (Fixture       *f,
                        gconstpointer  data)
{
  CellWidth natural = { cell (f, "new", "natural"), 0 };
  GtkWidget *entry = nb_sheet_get_cell_widget (f->sheet, (guint)natural.cell);
  GtkWidget *below = nb_sheet_get_cell_widget (f->sheet, cell (f, "carried_over", "natural"));

  NB_TEST_REQUIRE_KEYS ();

  show_requests (f);
  natural.width = gtk_widget_get_width (entry);
  nb_sheet_focus_cell (f->sheet, (guint)natural.cell);
  type (f, "123456789012");
  nb_test_wait_until (value_fits (f, &natural), "the cell widening to the 12 digits being typed");
  keys (f, "Return");
  g_assert_cmpint (value (f, "new", "natural"), ==, G_GINT64_CONSTANT (123456789012));
  nb_test_wait_until (value_fits (f, &natural), "the cell showing all 12 digits after Enter");
  /* The column widens, not the one cell. */
  g_assert_cmpint (gtk_widget_get_width (below), ==, gtk_widget_get_width (entry));
  g_assert_cmpint (gtk_widget_get_width (entry), >, natural.width);
  g_test_message ("12 digits: the cell went from %d to %d px", natural.width,
                  gtk_widget_get_width (entry));

  /* Undone, the column is as narrow as before. */
  keys (f, "ctrl+z");
  g_assert_cmpstr (shown (f, "new", "natural"), ==, "");
  nb_test_wait_until (width_is (f, &natural), "the column narrowing again after undo");
}

/* Undo changes the value under the cursor: it is selected again, so what
 * is typed next replaces it. */
static void
test_undo_selects (Fixture       *f,
                   gconstpointer  data)
{
  NB_TEST_REQUIRE_KEYS ();

  nb_report_set_cell_text (f->report, f->t3, cell (f, "new", "natural"), "7", NULL);
  show_requests (f);
  nb_sheet_focus_cell (f->sheet, cell (f, "new", "natural"));
  type (f, "5\t");
  keys (f, "shift+Tab");
  g_assert_cmpint (value (f, "new", "natural"), ==, 5);
  keys (f, "ctrl+z");
  g_assert_cmpstr (shown (f, "new", "natural"), ==, "7");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "new", "natural"));
  type (f, "12\n");
  g_assert_cmpint (value (f, "new", "natural"), ==, 12);
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return child;
  return NULL;
}

static gboolean
menu_is_shown (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *popover = find_popover (GTK_WIDGET (f->sheet));

  return popover != NULL && gtk_widget_get_mapped (popover) == GPOINTER_TO_INT (data);
}

/* A right click (or Menu, Shift+F10) on a cell offers the table's commands,
 * not the text entry's (no Insert Emoji). */
static void
test_context_menu (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const actions[] = {
    "sheet.copy", "sheet.paste", "sheet.clear", "win.fill-blanks-table", "win.undo",
  };
  GtkWidget *entry;
  GMenuModel *model;
  guint n = 0;

  NB_TEST_REQUIRE_KEYS ();

  nb_report_set_cell_text (f->report, f->t3, cell (f, "new", "research"), "4", NULL);
  show_requests (f);
  nb_sheet_focus_cell (f->sheet, cell (f, "new", "natural"));
  entry = nb_sheet_get_cell_widget (f->sheet, cell (f, "new", "research"));
  click_cell_button (f, cell (f, "new", "research"),
                     GRAPHENE_POINT_INIT (gtk_widget_get_width (entry) / 2.f,
                                          gtk_widget_get_height (entry) / 2.f),
                     1, 3);
  nb_test_wait_until (menu_is_shown (f, GINT_TO_POINTER (TRUE)), "the cell menu showing on a right click");
  /* The cell clicked is the one the commands act on. */
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "new", "research"));
  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (find_popover (GTK_WIDGET (f->sheet))));
  for (int s = 0; s < g_menu_model_get_n_items (model); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, s, G_MENU_LINK_SECTION);

      for (int i = 0; i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;

          g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                          &action));
          g_assert_cmpuint (n, <, G_N_ELEMENTS (actions));
          g_assert_cmpstr (action, ==, actions[n]);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (actions));
  keys (f, "Escape");
  nb_test_wait_until (menu_is_shown (f, GINT_TO_POINTER (FALSE)), "Escape closing the cell menu");

  /* From the keyboard; Clear clears the cell. */
  keys (f, "shift+F10");
  nb_test_wait_until (menu_is_shown (f, GINT_TO_POINTER (TRUE)), "Shift+F10 showing the cell menu");
  keys (f, "l");
  nb_test_wait_until (menu_is_shown (f, GINT_TO_POINTER (FALSE)), "the menu closing after Clear");
  g_assert_cmpint (nb_report_get_cell (f->report, f->t3, cell (f, "new", "research"), NULL,
                                       NULL), ==, NB_CELL_EMPTY);
}

static gboolean
section_is (Fixture       *f,
            gconstpointer  data)
{
  return g_strcmp0 (nb_test_window_get_visible_section (f->window), data) == 0;
}

static gboolean
focus_in_sidebar (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && GTK_IS_LIST_BOX_ROW (focus);
}

/* From the section list into a section and back, between sections, between
 * panes: keys only. */
static void
test_sections_by_keyboard (Fixture       *f,
                           gconstpointer  data)
{
  NB_TEST_REQUIRE_KEYS ();

  g_object_set (f->window, "show-checks", TRUE, NULL);
  /* F6 goes to the section list (the page had nothing focused yet). */
  keys (f, "F6");
  nb_test_wait_until (focus_in_sidebar (f, NULL), "F6 putting the focus into the section list");
  /* Down moves in the list; Enter goes into table 三, on its first cell. */
  keys (f, "Down Down Down Return");
  nb_test_wait_until (section_is (f, "requests"), "Enter showing table 3");
  g_assert_true (has_focus_within (f, f->sheet));
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, 0);
  /* F6 on to the checks, F6 round to the list; Tab and Right go in too. */
  keys (f, "F6");
  g_assert_true (has_focus_within (f, GTK_WIDGET (nb_test_window_get_checks_panel (f->window))));
  keys (f, "F6");
  g_assert_true (focus_in_sidebar (f, NULL));
  keys (f, "Tab");
  g_assert_true (has_focus_within (f, f->sheet));
  keys (f, "shift+F6");
  g_assert_true (focus_in_sidebar (f, NULL));
  keys (f, "Down Right");
  nb_test_wait_until (section_is (f, "review"), "Right showing table 4");
  g_assert_true (has_focus_within (f, GTK_WIDGET (nb_test_window_get_sheet (f->window, "t4"))));
  /* Ctrl+Page Up and Down step through the sections, into their content. */
  keys (f, "ctrl+Page_Up");
  nb_test_wait_until (section_is (f, "requests"), "Ctrl+Page Up showing table 3");
  g_assert_true (has_focus_within (f, f->sheet));
  keys (f, "ctrl+Page_Down ctrl+Page_Down");
  nb_test_wait_until (section_is (f, "problems"), "Ctrl+Page Down showing section 5");
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (f->window))));
  /* Alt+digit: the section by its place in the list. */
  keys (f, "alt+1");
  nb_test_wait_until (section_is (f, "info"), "Alt+1 showing the details");
  keys (f, "alt+4");
  nb_test_wait_until (section_is (f, "requests"), "Alt+4 showing table 3");
  g_assert_true (has_focus_within (f, f->sheet));
}

static gint64
cpu_us (void)
{
  struct timespec cpu = { 0 };

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);
  return (gint64)cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000;
}

static gboolean
sheet_has_focus (Fixture       *f,
                 gconstpointer  data)
{
  return has_focus_within (f, data);
}

/* Types one table from the section list on, keyboard only: Alt+digit goes
 * to the section and into its first cell; each cell gets its value and a
 * Tab (computed cells just the Tab).  Where the cursor is, is read from
 * the sheet, to know what to type next: nothing goes in but keys. */
static void
fill_table (Fixture    *f,
            NbReport   *sample,
            const char *table_id,
            guint       alt_digit)
{
  NbSheet *sheet = nb_test_window_get_sheet (f->window, table_id);
  const NbEditionTable *table = nb_sheet_get_table (sheet);
  guint n_cells = nb_edition_table_get_n_cells (table);
  g_autofree gboolean *done = g_new0 (gboolean, n_cells);
  g_autofree char *go = g_strdup_printf ("alt+%u", alt_digit);
  guint n_done = 0, n_typable = 0;

  for (guint c = 0; c < n_cells; c++)
    if (!nb_edition_table_get_cell (table, c)->computed)
      n_typable++;
  keys (f, go);
  nb_test_wait_until (sheet_has_focus (f, sheet), "the table getting the focus after Alt+digit");
  while (n_done < n_typable)
    {
      int cursor = nb_sheet_get_cursor (sheet);
      g_autofree char *text = NULL;
      g_autofree char *input = NULL;

      g_assert_cmpint (cursor, >=, 0);
      /* Tab visits every cell to type once, in reading order, and no
       * computed cell. */
      g_assert_false (done[cursor]);
      g_assert_false (nb_edition_table_get_cell (table, (guint)cursor)->computed);
      done[cursor] = TRUE;
      n_done++;
      text = nb_report_dup_cell_text (sample, table, (guint)cursor);
      input = g_strconcat (text, n_done < n_typable ? "\t" : "", NULL);
      if (*input != '\0')
        type (f, input);
    }
  /* The last value is committed when the focus leaves: with the next
   * Alt+digit, or F6 here. */
}

/* The sample's tables 二, 三 and 四 typed into a new report with the
 * keyboard alone, from the section list: the values must be the sample's. */
static void
test_keyboard_fill (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) sample = NULL;
  static const struct { const char *table; guint alt; } tables[] = {
    { "t2", 3 }, { "t3", 4 }, { "t4", 5 },
  };
  gint64 cpu_start, wall_start;
  guint presses_start;

  NB_TEST_REQUIRE_KEYS ();

  sample = nb_file_load_sample (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (sample)), ==, "2021");

  /* Start where a person starts: in the section list. */
  keys (f, "F6");
  cpu_start = cpu_us ();
  wall_start = g_get_monotonic_time ();
  presses_start = n_presses;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    fill_table (f, sample, tables[i].table, tables[i].alt);
  keys (f, "F6");

  if (g_getenv ("NB_BENCH_FILL") != NULL)
    g_print ("keyboard-fill presses %u cpu-ms %.0f wall-ms %.0f\n", n_presses - presses_start,
             (cpu_us () - cpu_start) / 1000.0, (g_get_monotonic_time () - wall_start) / 1000.0);
  else
    g_test_message ("keyboard-only fill of tables 2, 3, 4: %u key presses",
                    n_presses - presses_start);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const NbEditionTable *table = nb_edition_find_table (nb_report_get_edition (f->report),
                                                           tables[i].table);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          g_autofree char *want = nb_report_dup_cell_text (sample, table, c);
          g_autofree char *got = nb_report_dup_cell_text (f->report, table, c);
          g_autofree char *label = nb_edition_table_dup_cell_label (table, c);

          if (g_strcmp0 (want, got) != 0)
            g_error ("%s, %s: typed %s, the sample has %s", tables[i].table, label, got, want);
        }
    }
}

/* The reference for the benchmark: the same kind of key presses (digits
 * and Tabs) into two bare GtkEntry widgets, to say what GTK itself costs
 * per key.  Only run by the benchmark. */
static void
bench_bare_entries (void)
{
  Fixture f = { 0 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  guint n = (guint)g_ascii_strtoull (g_getenv ("NB_BENCH_FILL"), NULL, 10);
  gint64 cpu_start;
  guint presses_start;

  gtk_box_append (GTK_BOX (box), gtk_entry_new ());
  gtk_box_append (GTK_BOX (box), gtk_entry_new ());
  gtk_window_set_child (GTK_WINDOW (window), box);
  f.n_sent = n_presses;
  gtk_window_present (GTK_WINDOW (window));
  nb_test_wait_until (is_mapped (&f, window), "the bare window showing");
  nb_test_focus_window (GTK_WINDOW (window));
  cpu_start = cpu_us ();
  presses_start = n_presses;
  for (guint sent = 0; sent < n; sent += 4)
    {
      f.n_sent += 4;
      nb_test_xdotool_send ("key --delay 5 1 2 3 Tab");
      nb_test_wait_until (all_presses_received (&f, NULL), "the bare window receiving the keys");
    }
  g_print ("bare-entries presses %u cpu-ms %.0f\n", n_presses - presses_start, (cpu_us () - cpu_start) / 1000.0);
  nb_test_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  data_home = g_dir_make_tmp ("nianbao-typing-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The tests' edits stay out of their files. */
  nb_test_set_autosave (FALSE);

  g_type_class_ref (GDK_TYPE_SURFACE);
  g_signal_add_emission_hook (g_signal_lookup ("event", GDK_TYPE_SURFACE), 0, count_presses_hook,
                              NULL, NULL);
  g_test_add ("/typing/click-selects", Fixture, NULL, setup, test_click_selects, teardown);
  g_test_add ("/typing/enter-after-ctrl-tab", Fixture, NULL, setup, test_enter_after_ctrl_tab,
              teardown);
  g_test_add ("/typing/tab-run-enter", Fixture, NULL, setup, test_tab_run_enter, teardown);
  g_test_add ("/typing/entry-skips-computed", Fixture, NULL, setup, test_entry_skips_computed,
              teardown);
  g_test_add ("/typing/wide-value-widens", Fixture, NULL, setup, test_wide_value_widens,
              teardown);
  g_test_add ("/typing/undo-selects", Fixture, NULL, setup, test_undo_selects, teardown);
  g_test_add ("/typing/context-menu", Fixture, NULL, setup, test_context_menu, teardown);
  g_test_add ("/typing/sections-by-keyboard", Fixture, NULL, setup, test_sections_by_keyboard,
              teardown);
  g_test_add ("/typing/keyboard-fill", Fixture, NULL, setup, test_keyboard_fill, teardown);
  if (nb_test_have_xdotool () && g_getenv ("NB_BENCH_FILL") != NULL
      && g_ascii_strtoull (g_getenv ("NB_BENCH_FILL"), NULL, 10) > 0)
    g_test_add_func ("/typing/bench-bare-entries", bench_bare_entries);

  return g_test_run ();
}
