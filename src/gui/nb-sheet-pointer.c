/* nb-sheet-pointer.c: clicks and drags on the sheet, and scrolling while a drag is past an edge
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include "nb-sheet-private.h"

static int
cell_at (NbSheet *self,
         double   x,
         double   y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  return _nb_sheet_cell_of_widget (self, picked);
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     NbSheet         *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int cell = cell_at (self, x, y);

  if (cell < 0)
    return;
  /* Clicks inside the cell being edited place the caret, as in any text. */
  if (self->edit_mode && cell == self->cursor && n_press == 1)
    return;
  /* Otherwise the sheet takes the click, before the entry can put the caret
   * somewhere in the old value: a click selects the cell, and what is typed
   * next replaces its value ("0", then "12" typed, is 12, not 120).  A
   * double click edits in place, the caret at the end. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->tab_column = -1;
  if ((state & GDK_SHIFT_MASK) && self->cursor >= 0)
    {
      _nb_sheet_move_to (self, cell, TRUE);
      return;
    }
  self->goal_column = -1;
  if (cell != self->cursor
      || !(gtk_widget_get_state_flags (self->entries[cell]) & GTK_STATE_FLAG_FOCUS_WITHIN))
    _nb_sheet_move_to (self, cell, FALSE);
  {
    GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
    guint32 time = event != NULL ? gdk_event_get_time (event) : 0;
    int double_click_time = 400;

    g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-double-click-time",
                  &double_click_time, NULL);
    if ((n_press >= 2
         || (cell == self->last_press_cell && time - self->last_press_time <= (guint32)double_click_time))
        && !is_computed (self, (guint)cell))
      {
        _nb_sheet_start_editing (self);
        self->last_press_cell = -1;
        return;
      }
    self->last_press_cell = cell;
    self->last_press_time = time;
  }
}

static void
on_menu_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    NbSheet         *self)
{
  int cell = cell_at (self, x, y);

  if (cell < 0)
    return;
  /* Taken before the entry shows its text menu; a cell outside the
   * selection becomes the selection, as in spreadsheets. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!_nb_sheet_cell_is_selected (self, cell))
    {
      self->goal_column = -1;
      self->tab_column = -1;
      _nb_sheet_move_to (self, cell, FALSE);
    }
  _nb_sheet_popup_menu (self, x, y);
}

/* Autoscroll pace, in pixels a second: a slow start at the edge, faster the
 * farther past it, up to a pace the eye can still follow. */
#define AUTOSCROLL_BASE  200.0
#define AUTOSCROLL_GAIN   15.0
#define AUTOSCROLL_MAX  2500.0

/* How far the pointer is past the scrolling body along one axis: negative
 * before it (over the frozen band, or beyond the sheet), positive after it,
 * 0 inside. */
static double
past_edge (double position,
           int    frozen,
           int    size)
{
  if (position < frozen)
    return position - frozen;
  if (position >= size)
    return position - size + 1;
  return 0;
}

static void
autoscroll_step (GtkAdjustment *adjustment,
                 double         past,
                 double         seconds)
{
  double speed;

  if (past == 0)
    return;
  speed = MIN (AUTOSCROLL_BASE + AUTOSCROLL_GAIN * ABS (past), AUTOSCROLL_MAX);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                          + (past < 0 ? -speed : speed) * seconds);
}

/* Extends the range from the cell the drag started on to the cell: scrolled
 * into view, or left where it is while the drag scrolls the sheet itself. */
static void
drag_select_to (NbSheet  *self,
                int       cell,
                gboolean  reveal)
{
  if (cell < 0 || cell == self->cursor)
    return;
  self->anchor = self->drag_start;
  self->holding_view = !reveal;
  _nb_sheet_move_to (self, cell, TRUE);
  self->holding_view = FALSE;
}

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  NbSheet *self = NB_SHEET (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double seconds = 0;

  /* By the time between frames, so the pace holds however often they come;
   * a long stall is not made up for with a jump. */
  if (self->autoscroll_time != 0)
    seconds = MIN (now - self->autoscroll_time, 100 * G_TIME_SPAN_MILLISECOND)
              / (double)G_TIME_SPAN_SECOND;
  self->autoscroll_time = now;
  /* A reveal still pending from before the edge was crossed would undo the
   * step at the next allocation. */
  self->reveal = -1;
  autoscroll_step (self->hadjustment,
                   past_edge (self->drag_x, self->frozen_width, gtk_widget_get_width (widget)),
                   seconds);
  autoscroll_step (self->vadjustment,
                   past_edge (self->drag_y, self->frozen_height, gtk_widget_get_height (widget)),
                   seconds);
  drag_select_to (self, _nb_sheet_cell_near (self, self->drag_x, self->drag_y), FALSE);
  return G_SOURCE_CONTINUE;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  NbSheet        *self)
{
  self->drag_start = cell_at (self, x, y);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   NbSheet        *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x, y;
  int cell;

  if (self->drag_start < 0)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  self->drag_x = x + dx;
  self->drag_y = y + dy;
  /* A press that became a drag is no click: the next press on the same
   * cell starts afresh instead of counting as the second of a double click. */
  if (gtk_drag_check_threshold (widget, (int)x, (int)y, (int)self->drag_x, (int)self->drag_y))
    self->last_press_cell = -1;

  /* Held past an edge of the body, as spreadsheets do: the sheet scrolls
   * that way, step by step in the tick callback, and the range follows to
   * the cell along that edge. */
  if (past_edge (self->drag_x, self->frozen_width, gtk_widget_get_width (widget)) != 0
      || past_edge (self->drag_y, self->frozen_height, gtk_widget_get_height (widget)) != 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (self->autoscroll_id == 0)
        self->autoscroll_id = gtk_widget_add_tick_callback (widget, autoscroll_tick_cb, NULL, NULL);
      drag_select_to (self, _nb_sheet_cell_near (self, self->drag_x, self->drag_y), FALSE);
      return;
    }
  _nb_sheet_stop_autoscroll (self);

  cell = cell_at (self, self->drag_x, self->drag_y);
  if (cell < 0 || (cell == self->drag_start && self->anchor == self->cursor))
    return;
  /* Dragging across cells selects a range instead of text. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  drag_select_to (self, cell, TRUE);
}

/* Released, or taken away by a grab: the scrolling stops, and the cursor
 * cell it left at the edge, partly out of view or under a frozen band, comes
 * fully into view. */
static void
end_drag (NbSheet *self)
{
  if (self->autoscroll_id != 0 && self->cursor >= 0)
    _nb_sheet_reveal_cell (self, (guint)self->cursor);
  _nb_sheet_stop_autoscroll (self);
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                NbSheet        *self)
{
  end_drag (self);
}

static void
on_drag_cancel_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   NbSheet          *self)
{
  end_drag (self);
}

void
_nb_sheet_stop_autoscroll (NbSheet *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
  self->autoscroll_time = 0;
}

void
_nb_sheet_init_pointer (NbSheet *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *menu = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (menu), GTK_PHASE_CAPTURE);
  g_signal_connect (menu, "pressed", G_CALLBACK (on_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (menu));

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  /* Grouped: the click claims the press (so the entry never places its
   * caret), and the drag keeps following it to select a range. */
  gtk_gesture_group (GTK_GESTURE (click), GTK_GESTURE (drag));
}
