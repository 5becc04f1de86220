/* nb-test-wait.c: waits for conditions in widget tests, never for time
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "nb-test-wait.h"

#include <adwaita.h>
#include <stdarg.h>

/* gtk.h says which backends GDK has. */
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#define DEFAULT_SECONDS 30

static guint
deadline_seconds (void)
{
  const char *value = g_getenv ("NB_TEST_WAIT_SECONDS");
  guint64 seconds = 0;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, 3600, &seconds, NULL))
    return (guint)seconds;
  return DEFAULT_SECONDS;
}

void
nb_test_wait_begin (NbTestWait *wait)
{
  wait->start = g_get_monotonic_time ();
  wait->deadline = wait->start + deadline_seconds () * G_TIME_SPAN_SECOND;
}

static gboolean
wake_cb (gpointer data)
{
  *(guint *)data = 0;
  return G_SOURCE_REMOVE;
}

/* One round of the main loop.  When nothing is ready it blocks, but for at
 * most a few milliseconds: some conditions (a file another process writes)
 * come with no event to wake the loop.  FALSE once past the deadline. */
gboolean
nb_test_wait_step (NbTestWait *wait)
{
  if (g_get_monotonic_time () > wait->deadline)
    return FALSE;
  if (!g_main_context_iteration (NULL, FALSE))
    {
      guint wake = g_timeout_add (5, wake_cb, &wake);

      g_main_context_iteration (NULL, TRUE);
      g_clear_handle_id (&wake, g_source_remove);
    }
  return TRUE;
}

void
nb_test_wait_failed (NbTestWait *wait,
                     const char *file,
                     int         line,
                     const char *func,
                     const char *format,
                     ...)
{
  g_autofree char *what = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  message = g_strdup_printf ("waited %.1f s (NB_TEST_WAIT_SECONDS), and this never happened: %s",
                             (g_get_monotonic_time () - wait->start) / (double)G_TIME_SPAN_SECOND,
                             what);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/* Whatever the display server has sent so far is read and handled: a round
 * trip to the X server (so events caused by another client's requests, such
 * as xdotool's, are here), then every source that is ready. */
void
nb_test_wait_events (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL)
    gdk_display_sync (display);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *n_painted)
{
  (*n_painted)++;
}

/* Counts frames painted until @n_frames, or until @widget is unmapped when
 * @or_unmapped (a window that closes draws no more). */
static void
wait_frames (GtkWidget *widget,
             guint      n_frames,
             gboolean   or_unmapped)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint n_painted = 0;
  guint asked = 0;
  gulong handler;

  g_assert_nonnull (clock);
  g_object_ref (widget);
  g_object_ref (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &n_painted);
  while (n_painted < n_frames && (!or_unmapped || gtk_widget_get_mapped (widget)))
    {
      NbTestWait wait;
      guint seen = n_painted;

      /* One frame at a time: a request made during a frame may count for it. */
      if (asked == seen)
        {
          gtk_widget_queue_draw (widget);
          gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
          asked = seen + 1;
        }
      nb_test_wait_begin (&wait);
      while (n_painted == seen && (!or_unmapped || gtk_widget_get_mapped (widget)))
        if (!nb_test_wait_step (&wait))
          {
            nb_test_wait_failed (&wait, __FILE__, __LINE__, G_STRFUNC,
                                 "%s drew frame %u of %u", G_OBJECT_TYPE_NAME (widget),
                                 seen + 1, n_frames);
            break;
          }
    }
  g_signal_handler_disconnect (clock, handler);
  g_object_unref (clock);
  g_object_unref (widget);
}

/* @n_frames whole frames of @widget's window: events flushed, layout done,
 * drawn.  Frames are asked for, so this holds for an idle window too. */
void
nb_test_wait_frames (GtkWidget *widget,
                     guint      n_frames)
{
  nb_test_wait_until (gtk_widget_get_mapped (widget), "%s was mapped (shown on screen)",
                      G_OBJECT_TYPE_NAME (widget));
  wait_frames (widget, n_frames, FALSE);
}

/* Where @child lies in @parent, or FALSE if it has no place there now. */
static gboolean
bounds_in (GtkWidget       *child,
           GtkWidget       *parent,
           graphene_rect_t *bounds)
{
  return child != NULL && gtk_widget_get_mapped (child)
         && gtk_widget_compute_bounds (child, parent, bounds);
}

/* A leaflet that folds or unfolds slides its children for a while (its mode
 * transition; libadwaita 1.2 has no property saying it runs).  Once it is
 * over, every child it shows lies inside it, and a folded leaflet's visible
 * child fills it. */
static gboolean
leaflet_at_rest (AdwLeaflet *leaflet)
{
  GtkWidget *widget = GTK_WIDGET (leaflet);
  int width = gtk_widget_get_width (widget);

  if (adw_leaflet_get_child_transition_running (leaflet))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!bounds_in (child, widget, &bounds))
        continue;
      if (bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > width)
        return FALSE;
      if (adw_leaflet_get_folded (leaflet) && child == adw_leaflet_get_visible_child (leaflet)
          && (bounds.origin.x != 0 || bounds.size.width != width))
        return FALSE;
    }
  return TRUE;
}

/* A flap slides its panel in or out (reveal-progress), and slides between
 * overlaying the content and sitting beside it when it folds or unfolds.
 * At rest, the content fills the flap, or the part the panel beside it
 * leaves. */
static gboolean
flap_at_rest (AdwFlap *flap)
{
  GtkWidget *widget = GTK_WIDGET (flap);
  gboolean revealed = adw_flap_get_reveal_flap (flap);
  graphene_rect_t content, panel, separator;
  int width = gtk_widget_get_width (widget);
  int expected = width;

  if (adw_flap_get_reveal_progress (flap) != (revealed ? 1.0 : 0.0))
    return FALSE;
  if (!bounds_in (adw_flap_get_content (flap), widget, &content))
    return TRUE;
  if (revealed && !adw_flap_get_folded (flap)
      && bounds_in (adw_flap_get_flap (flap), widget, &panel))
    {
      expected -= (int)panel.size.width;
      if (bounds_in (adw_flap_get_separator (flap), widget, &separator))
        expected -= (int)separator.size.width;
    }
  return (int)content.size.width == expected;
}

/* Every leaflet and flap @widget is inside is at rest: nothing slides it. */
static gboolean
ancestors_at_rest (GtkWidget *widget)
{
  for (GtkWidget *ancestor = gtk_widget_get_parent (widget); ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      if (ADW_IS_LEAFLET (ancestor) && !leaflet_at_rest (ADW_LEAFLET (ancestor)))
        return FALSE;
      if (ADW_IS_FLAP (ancestor) && !flap_at_rest (ADW_FLAP (ancestor)))
        return FALSE;
    }
  return TRUE;
}

/* Laid out for good: no leaflet or flap around @widget is sliding it, and
 * then it kept its place and size for three frames running (layouts that
 * take a second pass, an idle that looks again, are over), so what a test
 * measures next is what stays on screen.
 *
 * Three equal frames alone are not enough: a transition that has just
 * begun can leave a widget where it was for several frames before it moves
 * (on an idle machine, the window test measured table 3 while the section
 * list was still folding away, and its drags went to the wrong place). */
void
nb_test_wait_settled (GtkWidget *widget)
{
  NbTestWait wait;
  graphene_rect_t bounds, last = GRAPHENE_RECT_INIT (-1, -1, -1, -1);
  GtkWidget *root;
  guint same = 0;

  nb_test_wait_until (gtk_widget_get_mapped (widget), "%s was mapped (shown on screen)",
                      G_OBJECT_TYPE_NAME (widget));
  root = GTK_WIDGET (gtk_widget_get_root (widget));
  nb_test_wait_begin (&wait);
  while (same < 3)
    {
      gboolean at_rest;

      wait_frames (widget, 1, FALSE);
      at_rest = ancestors_at_rest (widget);
      if (!gtk_widget_compute_bounds (widget, root, &bounds))
        bounds = GRAPHENE_RECT_INIT (-1, -1, -1, -1);
      same = at_rest && graphene_rect_equal (&bounds, &last) ? same + 1 : 0;
      last = bounds;
      if (same < 3 && !nb_test_wait_step (&wait))
        {
          nb_test_wait_failed (&wait, __FILE__, __LINE__, G_STRFUNC,
                               "%s was at rest (no leaflet or flap around it sliding: %s) and "
                               "kept its place and size for three frames (now %gx%g at %g,%g)",
                               G_OBJECT_TYPE_NAME (widget), at_rest ? "yes" : "no",
                               bounds.size.width, bounds.size.height, bounds.origin.x,
                               bounds.origin.y);
          break;
        }
    }
}

/* Input sent to the display server is handled, and the window has drawn
 * what it did: the barrier after each real key or pointer event.  A window
 * the input closed (a button that dismisses its dialog) has nothing more to
 * draw. */
void
nb_test_wait_sync (GtkWidget *widget)
{
  g_object_ref (widget);
  nb_test_wait_events ();
  if (gtk_widget_get_mapped (widget))
    wait_frames (widget, 1, TRUE);
  nb_test_wait_events ();
  g_object_unref (widget);
}

/* Mapped, laid out and drawn once. */
void
nb_test_wait_drawn (GtkWidget *widget)
{
  nb_test_wait_frames (widget, 1);
  nb_test_wait_events ();
}

void
nb_test_wait_file (const char *path)
{
  nb_test_wait_until (g_file_test (path, G_FILE_TEST_EXISTS), "%s was written", path);
}

/* A visible toplevel of @type (over @transient_for, unless NULL), or NULL. */
GtkWindow *
nb_test_find_window (GType      type,
                     GtkWindow *transient_for)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window))
          && (transient_for == NULL || gtk_window_get_transient_for (window) == transient_for))
        return window;
    }
  return NULL;
}

/* A visible toplevel of @type (over @transient_for, unless NULL). */
GtkWindow *
nb_test_wait_window (GType       type,
                     GtkWindow  *transient_for,
                     const char *what)
{
  GtkWindow *found = NULL;

  nb_test_wait_until ((found = nb_test_find_window (type, transient_for)) != NULL, "%s was shown", what);
  return found;
}

/* Drops the test's reference to @object and asserts that it was the last:
 * first waits until everything else let go (GTK drops some references from
 * idle callbacks, after a window is destroyed). */
void
nb_test_assert_finalize (gpointer object)
{
  g_assert_true (G_IS_OBJECT (object));
  nb_test_wait_until (G_OBJECT (object)->ref_count == 1,
                      "every reference to the %s but the test's own was dropped (%u are left)",
                      G_OBJECT_TYPE_NAME (object), G_OBJECT (object)->ref_count - 1);
  g_assert_finalize_object (object);
}

/* Destroys @window and waits until it is finalized: a reference kept
 * anywhere (a closure, a source, a cycle) fails the test by the window's
 * type, instead of leaking quietly. */
void
nb_test_destroy_window (gpointer window)
{
  GObject *object = G_OBJECT (window);
  const char *type = G_OBJECT_TYPE_NAME (object);

  g_assert_true (GTK_IS_WINDOW (window));
  g_object_add_weak_pointer (object, (gpointer *)&object);
  gtk_window_destroy (GTK_WINDOW (window));
  nb_test_wait_until (object == NULL, "the %s was finalized once destroyed", type);
}

gboolean
nb_test_have_xdotool (void)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *path = g_find_program_in_path ("xdotool");

  return GDK_IS_X11_DISPLAY (gdk_display_get_default ()) && path != NULL;
#else
  return FALSE;
#endif
}

static void send_xdotool (const char *format,
                          va_list     ap) G_GNUC_PRINTF (1, 0);

static void
send_xdotool (const char *format,
              va_list     ap)
{
  g_autofree char *args = g_strdup_vprintf (format, ap);
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", command, error->message);
}

/* Runs xdotool with the arguments (real input through the X server, XTest),
 * then waits until @widget's window has handled it and drawn. */
void
nb_test_xdotool (GtkWidget  *widget,
                 const char *format,
                 ...)
{
  va_list ap;

  va_start (ap, format);
  send_xdotool (format, ap);
  va_end (ap);
  nb_test_wait_sync (widget);
}

/* Sends without the barrier, for a test that waits for a sharper sign that
 * its input arrived (key presses counted as they reach the window): a whole
 * frame per key would make typing a table take minutes. */
void
nb_test_xdotool_send (const char *format,
                      ...)
{
  va_list ap;

  va_start (ap, format);
  send_xdotool (format, ap);
  va_end (ap);
}

#ifdef GDK_WINDOWING_X11
/* The X server is shared by the tests that run one after another: a button
 * or a modifier key left held (an xdotool "mousedown" or "keydown" whose
 * release never came) would make every later click a drag and every key a
 * shortcut, far from its cause.  Asked of the server, not of GDK's memory. */
static void
assert_no_input_held (GdkSurface *surface)
{
  GdkSeat *seat = gdk_display_get_default_seat (gdk_surface_get_display (surface));
  GdkModifierType held = 0;
  const GdkModifierType buttons = GDK_BUTTON1_MASK | GDK_BUTTON2_MASK | GDK_BUTTON3_MASK
                                  | GDK_BUTTON4_MASK | GDK_BUTTON5_MASK;
  const GdkModifierType keys = GDK_SHIFT_MASK | GDK_LOCK_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK
                               | GDK_SUPER_MASK;

  gdk_surface_get_device_position (surface, gdk_seat_get_pointer (seat), NULL, NULL, &held);
  if ((held & (buttons | keys)) != 0)
    {
      g_autofree char *message =
        g_strdup_printf ("before the test, the X server has a pointer button or a modifier key "
                         "held down (state 0x%x): left pressed by an earlier test or program on "
                         "this display (xdotool mousedown/keydown without its release?)",
                         held & (buttons | keys));

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
}
#endif

/* Gives @window the keyboard focus, as a click on it would. */
void
nb_test_focus_window (GtkWindow *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface;

  nb_test_wait_drawn (GTK_WIDGET (window));
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  assert_no_input_held (surface);
  nb_test_xdotool (GTK_WIDGET (window), "windowfocus --sync %lu",
                   (gulong)gdk_x11_surface_get_xid (surface));
  nb_test_wait_until (gtk_window_is_active (window), "the %s had the keyboard focus",
                      G_OBJECT_TYPE_NAME (window));
#else
  g_assert_not_reached ();
#endif
}
