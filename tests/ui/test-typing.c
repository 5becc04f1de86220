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

#include "nb-application.h"
#include "nb-file.h"
#include "nb-window.h"

#define DEADLINE_SECONDS 20

typedef struct
{
  NbReport             *report;
  NbWindow             *window;
  NbSheet              *sheet;
  const NbEditionTable *t3;
  guint                 n_presses; /* key presses the window received */
  guint                 n_sent;    /* key presses sent */
} Fixture;

static gboolean have_keys;

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

static void
wait_until (Fixture       *f,
            Condition      condition,
            gconstpointer  data,
            const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_SECONDS * G_TIME_SPAN_SECOND;

  while (!condition (f, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited %d s, but %s never happened", DEADLINE_SECONDS, what);
      g_main_context_iteration (NULL, TRUE);
    }
  /* What the last event set going (an idle, a relayout) runs too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
all_presses_received (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_cmpuint (f->n_presses, <=, f->n_sent);
  return f->n_presses == f->n_sent;
}

static gboolean
on_counter_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           Fixture               *f)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (!gdk_key_event_is_modifier (event))
    f->n_presses++;
  return GDK_EVENT_PROPAGATE;
}

static void
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
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
  xdotool (args);
  wait_until (f, all_presses_received, NULL, "the window receiving the keys sent");
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

static int
cell (Fixture    *f,
      const char *row,
      const char *column)
{
  int index = nb_edition_table_find_cell (f->t3, row, column);

  g_assert_cmpint (index, >=, 0);
  return index;
}

static gint64
value (Fixture    *f,
       const char *row,
       const char *column)
{
  g_assert_cmpint (nb_report_get_cell (f->report, f->t3, (guint)cell (f, row, column), NULL, NULL),
                   ==, NB_CELL_VALUE);
  return nb_report_get_value (f->report, f->t3, (guint)cell (f, row, column));
}

static const char *
shown (Fixture    *f,
       const char *row,
       const char *column)
{
  return gtk_editable_get_text (
    GTK_EDITABLE (nb_sheet_get_cell_widget (f->sheet, (guint)cell (f, row, column))));
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

static gboolean
window_is_active (Fixture       *f,
                  gconstpointer  data)
{
  return gtk_window_is_active (GTK_WINDOW (f->window));
}

static void
setup_report (Fixture  *f,
              NbReport *report,
              int       width,
              int       height)
{
  GtkEventController *counter = gtk_event_controller_key_new ();

  f->report = report;
  f->window = nb_window_new (NULL, f->report, NULL);
  gtk_event_controller_set_propagation_phase (counter, GTK_PHASE_CAPTURE);
  g_signal_connect (counter, "key-pressed", G_CALLBACK (on_counter_key_pressed_cb), f);
  gtk_widget_add_controller (GTK_WIDGET (f->window), counter);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (f, is_mapped, f->window, "the window showing");
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
    g_autofree char *args = g_strdup_printf ("windowfocus --sync %lu",
                                             (gulong)gdk_x11_surface_get_xid (surface));

    xdotool (args);
  }
  wait_until (f, window_is_active, NULL, "the window getting the keyboard focus");
}

static NbReport *
new_report (void)
{
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  NbReport *report = nb_report_new (edition);

  nb_report_set_agency (report, "测试局");
  nb_report_set_year (report, 2023);
  nb_report_forget_history (report);
  return report;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  if (!have_keys)
    return;
  setup_report (f, new_report (), 1200, 900);
  f->sheet = nb_window_get_sheet (f->window, "t3");
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
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->report);
}

#define REQUIRE_KEYS()                                                                     \
  G_STMT_START {                                                                           \
    if (!have_keys)                                                                        \
      {                                                                                    \
        g_test_skip ("needs an X11 display (Xvfb) and xdotool to send real events");       \
        return;                                                                            \
      }                                                                                    \
  } G_STMT_END

static void
show_requests (Fixture *f)
{
  nb_window_show_section (f->window, "requests");
  wait_until (f, is_mapped, f->sheet, "table 3 showing");
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
click_cell_at (Fixture          *f,
               int               index,
               graphene_point_t  at,
               guint             n_clicks)
{
  GtkWidget *entry = nb_sheet_get_cell_widget (f->sheet, (guint)index);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  GtkEventController *legacy = gtk_event_controller_legacy_new ();
  guint counts[2] = { 0, n_clicks };
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
    args = g_strdup_printf ("mousemove --window %lu %d %d mousedown 1 mousemove --window %lu %d %d "
                            "mouseup 1",
                            (gulong)gdk_x11_surface_get_xid (surface), (int)(point.x + dx),
                            (int)(point.y + dy), (gulong)gdk_x11_surface_get_xid (surface),
                            (int)(point.x + dx) + 1, (int)(point.y + dy));
  else
    args = g_strdup_printf ("mousemove --window %lu %d %d click --repeat %u --delay 60 1",
                            (gulong)gdk_x11_surface_get_xid (surface), (int)(point.x + dx),
                            (int)(point.y + dy), n_clicks);
  xdotool (args);
  wait_until (f, releases_received, counts, "the window receiving the clicks");
  gtk_widget_remove_controller (GTK_WIDGET (f->window), legacy);
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
  REQUIRE_KEYS ();

  nb_report_set_cell_text (f->report, f->t3, (guint)cell (f, "new", "natural"), "0", NULL);
  nb_report_set_cell_text (f->report, f->t3, (guint)cell (f, "new", "commercial"), "5", NULL);
  show_requests (f);

  /* The clerk is in the table (the cell came by Enter, or by Ctrl+Tab)
   * and clicks the cell that holds 0. */
  nb_sheet_focus_cell (f->sheet, (guint)cell (f, "new", "natural"));
  click_first_character (f, cell (f, "new", "natural"));
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "new", "natural"));
  type (f, "12");
  /* Neither "120" nor "012": the 0 is replaced. */
  g_assert_cmpstr (shown (f, "new", "natural"), ==, "12");
  keys (f, "Return");
  g_assert_cmpint (value (f, "new", "natural"), ==, 12);
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "carried_over", "natural"));

  /* A click on another cell selects it; a second click keeps it selected. */
  click_cell (f, cell (f, "new", "natural"), 1);
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
  REQUIRE_KEYS ();

  show_requests (f);
  nb_sheet_focus_cell (f->sheet, (guint)cell (f, "new", "commercial"));
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
  REQUIRE_KEYS ();

  show_requests (f);
  nb_sheet_focus_cell (f->sheet, (guint)cell (f, "new", "commercial"));
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

/* Undo changes the value under the cursor: it is selected again, so what
 * is typed next replaces it. */
static void
test_undo_selects (Fixture       *f,
                   gconstpointer  data)
{
  REQUIRE_KEYS ();

  nb_report_set_cell_text (f->report, f->t3, (guint)cell (f, "new", "natural"), "7", NULL);
  show_requests (f);
  nb_sheet_focus_cell (f->sheet, (guint)cell (f, "new", "natural"));
  type (f, "5\t");
  keys (f, "shift+Tab");
  g_assert_cmpint (value (f, "new", "natural"), ==, 5);
  keys (f, "ctrl+z");
  g_assert_cmpstr (shown (f, "new", "natural"), ==, "7");
  g_assert_cmpint (nb_sheet_get_cursor (f->sheet), ==, cell (f, "new", "natural"));
  type (f, "12\n");
  g_assert_cmpint (value (f, "new", "natural"), ==, 12);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  data_home = g_dir_make_tmp ("nianbao-typing-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("NIANBAO_NO_AUTOSAVE", "1", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  have_keys = GDK_IS_X11_DISPLAY (gdk_display_get_default ())
              && g_find_program_in_path ("xdotool") != NULL;

  g_test_add ("/typing/click-selects", Fixture, NULL, setup, test_click_selects, teardown);
  g_test_add ("/typing/enter-after-ctrl-tab", Fixture, NULL, setup, test_enter_after_ctrl_tab,
              teardown);
  g_test_add ("/typing/tab-run-enter", Fixture, NULL, setup, test_tab_run_enter, teardown);
  g_test_add ("/typing/undo-selects", Fixture, NULL, setup, test_undo_selects, teardown);

  return g_test_run ();
}
