/* nb-sheet-keys.c: the keyboard of the sheet, as spreadsheets use it
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include "nb-sheet-private.h"

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   NbSheet               *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  guint cursor;

  /* A click after typing starts afresh: not the second of a double click. */
  self->last_press_cell = -1;
  if (self->cursor < 0)
    return GDK_EVENT_PROPAGATE;
  cursor = (guint)self->cursor;
  if (state & GDK_ALT_MASK)
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      {
        int direction = (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) ? -1 : 1;
        int target;

        if (control)
          return GDK_EVENT_PROPAGATE;
        self->tab_column = -1;
        if (self->goal_column < 0)
          self->goal_column = (int)item_of (self, cursor)->column;
        target = _nb_sheet_find_vertical (self, cursor, direction, FALSE);
        {
          int goal = self->goal_column;

          _nb_sheet_move_to (self, target, shift);
          self->goal_column = goal;
        }
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (control || (self->edit_mode && !shift))
        return GDK_EVENT_PROPAGATE;
      self->goal_column = -1;
      self->tab_column = -1;
      _nb_sheet_move_to (self,
                         (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
                           ? _nb_sheet_find_left (self, cursor, FALSE, FALSE)
                           : _nb_sheet_find_right (self, cursor, FALSE, FALSE),
                         shift);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      {
        int target;

        /* After a run of Tabs, Enter goes back to the column the run began
         * in, on the next row, as Calc does: a row typed with Tabs and
         * ended with Enter puts the cursor at the start of the next. */
        if (self->tab_column >= 0)
          self->goal_column = self->tab_column;
        self->tab_column = -1;
        if (self->goal_column < 0)
          self->goal_column = (int)item_of (self, cursor)->column;
        target = _nb_sheet_find_vertical (self, cursor, shift ? -1 : 1, TRUE);
        if (target < 0)
          {
            /* At the edge: commit and stay. */
            _nb_sheet_commit_cell (self, cursor);
            self->edit_mode = FALSE;
            gtk_editable_select_region (GTK_EDITABLE (self->entries[cursor]), 0, -1);
            return GDK_EVENT_STOP;
          }
        {
          int goal = self->goal_column;

          _nb_sheet_move_to (self, target, FALSE);
          self->goal_column = goal;
        }
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      {
        gboolean back = shift || keyval == GDK_KEY_ISO_Left_Tab;
        /* A run of entry stops only where the clerk can type. */
        int target = back ? _nb_sheet_find_left (self, cursor, TRUE, TRUE)
                          : _nb_sheet_find_right (self, cursor, TRUE, TRUE);

        if (control)
          return GDK_EVENT_PROPAGATE;
        self->goal_column = -1;
        if (target < 0)
          {
            /* Leaving the table: keep what was typed. */
            _nb_sheet_commit_cell (self, cursor);
            self->tab_column = -1;
            return GDK_EVENT_PROPAGATE;
          }
        if (self->tab_column < 0)
          self->tab_column = (int)item_of (self, cursor)->column;
        _nb_sheet_move_to (self, target, FALSE);
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Escape:
      {
        g_autofree char *text = nb_report_dup_cell_text (self->report, self->table, cursor);

        if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->entries[cursor]))) == 0
            && !self->edit_mode)
          return GDK_EVENT_PROPAGATE;
        gtk_editable_set_text (GTK_EDITABLE (self->entries[cursor]), text);
        gtk_editable_select_region (GTK_EDITABLE (self->entries[cursor]), 0, -1);
        self->edit_mode = FALSE;
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (self->edit_mode || control || shift)
        return GDK_EVENT_PROPAGATE;
      _nb_sheet_clear_selection (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      {
        gboolean end = keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End;

        if (self->edit_mode && !control)
          return GDK_EVENT_PROPAGATE;
        self->goal_column = -1;
        self->tab_column = -1;
        _nb_sheet_move_to (self,
                           control ? _nb_sheet_find_table_end (self, end)
                                   : _nb_sheet_find_row_end (self, cursor, end),
                           shift);
        return GDK_EVENT_STOP;
      }

    case GDK_KEY_F2:
      _nb_sheet_start_editing (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      if (keyval == GDK_KEY_F10 && !(shift && !control))
        return GDK_EVENT_PROPAGATE;
      _nb_sheet_popup_menu_at_cursor (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_c:
    case GDK_KEY_C:
    case GDK_KEY_x:
    case GDK_KEY_X:
      if (!control || shift)
        return GDK_EVENT_PROPAGATE;
      if (self->edit_mode && self->anchor == self->cursor)
        return GDK_EVENT_PROPAGATE;
      _nb_sheet_commit_cell (self, cursor);
      _nb_sheet_copy_selection (self);
      if (keyval == GDK_KEY_x || keyval == GDK_KEY_X)
        _nb_sheet_clear_selection (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_v:
    case GDK_KEY_V:
      if (!control || shift)
        return GDK_EVENT_PROPAGATE;
      if (self->edit_mode)
        return GDK_EVENT_PROPAGATE;
      _nb_sheet_paste_clipboard (self);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

void
_nb_sheet_init_keys (NbSheet *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();

  /* Capture: the sheet sees navigation keys before the cell's text does. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}
