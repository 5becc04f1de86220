/* nb-sheet-keys.c: the keyboard of the sheet, as spreadsheets use it
 *
 * The keys are bindings, one small handler each, in one list per class as
 * gtk_widget_class_add_binding () keeps them.  GTK runs the class list in
 * the bubble phase, after the focused cell's text has taken the arrows,
 * Home, End and Enter for its caret; the sheet must see them first, so its
 * list runs in a shortcut controller of the capture phase.
 *
 * A handler reads the modifiers from the event itself, not from the binding
 * that matched: where the backend counts Shift as spent on the capital, GTK
 * matches <Control>C to Ctrl+Shift+C too, and the sheet leaves that one to
 * the cell.  A handler that returns FALSE lets the key go on to the cell,
 * as if the sheet had no binding for it.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include "nb-sheet-private.h"

/* Bind a key with every combination of these modifiers. */
#define ANY_OF_SHIFT_CONTROL (GDK_SHIFT_MASK | GDK_CONTROL_MASK)

static GListStore *sheet_keys; /* GtkShortcut, shared by every sheet */

/* A key's handler: @cursor is the cell under the cursor, @state the
 * modifiers held.  FALSE leaves the key to the cell. */
typedef gboolean (*KeyHandler) (NbSheet         *self,
                                guint            cursor,
                                GdkModifierType  state,
                                GVariant        *args);

/* Every binding's action: a sheet with no cursor has nothing to act on. */
static gboolean
run_key_handler (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  NbSheet *self = NB_SHEET (widget);
  KeyHandler handler = (KeyHandler)user_data;

  if (self->cursor < 0)
    return FALSE;
  return handler (self, (guint)self->cursor,
                  gtk_event_controller_get_current_event_state (self->keys), args);
}

/* Up, Down and Enter keep the column they started in across shorter rows,
 * as spreadsheets do. */
static void
keep_goal_column (NbSheet *self,
                  guint    cursor)
{
  if (self->goal_column < 0)
    self->goal_column = (int)item_of (self, cursor)->column;
}

static void
move_keeping_goal (NbSheet *self,
                   int      target,
                   gboolean extend)
{
  int goal = self->goal_column;

  _nb_sheet_move_to (self, target, extend);
  self->goal_column = goal;
}

static gboolean
key_up_down (NbSheet         *self,
             guint            cursor,
             GdkModifierType  state,
             GVariant        *args)
{
  self->tab_column = -1;
  keep_goal_column (self, cursor);
  move_keeping_goal (self,
                     _nb_sheet_find_vertical (self, cursor, g_variant_get_int32 (args), FALSE),
                     (state & GDK_SHIFT_MASK) != 0);
  return TRUE;
}

/* In edit mode (F2, a click) Left and Right move the caret; Shift still
 * selects cells. */
static gboolean
key_left_right (NbSheet         *self,
                guint            cursor,
                GdkModifierType  state,
                GVariant        *args)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  if (self->edit_mode && !shift)
    return FALSE;
  self->goal_column = -1;
  self->tab_column = -1;
  _nb_sheet_move_to (self,
                     g_variant_get_int32 (args) < 0
                       ? _nb_sheet_find_left (self, cursor, FALSE, FALSE)
                       : _nb_sheet_find_right (self, cursor, FALSE, FALSE),
                     shift);
  return TRUE;
}

static gboolean
key_enter (NbSheet         *self,
           guint            cursor,
           GdkModifierType  state,
           GVariant        *args)
{
  int target;

  /* After a run of Tabs, Enter goes back to the column the run began in,
   * on the next row, as Calc does: a row typed with Tabs and ended with
   * Enter puts the cursor at the start of the next. */
  if (self->tab_column >= 0)
    self->goal_column = self->tab_column;
  self->tab_column = -1;
  keep_goal_column (self, cursor);
  target = _nb_sheet_find_vertical (self, cursor, (state & GDK_SHIFT_MASK) ? -1 : 1, TRUE);
  if (target < 0)
    {
      /* At the edge: commit and stay. */
      _nb_sheet_commit_cell (self, cursor);
      self->edit_mode = FALSE;
      gtk_editable_select_region (GTK_EDITABLE (self->entries[cursor]), 0, -1);
      return TRUE;
    }
  move_keeping_goal (self, target, FALSE);
  return TRUE;
}

static gboolean
key_tab (NbSheet         *self,
         guint            cursor,
         GdkModifierType  state,
         GVariant        *args)
{
  int target;

  /* A run of entry stops only where the clerk can type. */
  target = (state & GDK_SHIFT_MASK) ? _nb_sheet_find_left (self, cursor, TRUE, TRUE)
                                    : _nb_sheet_find_right (self, cursor, TRUE, TRUE);
  self->goal_column = -1;
  if (target < 0)
    {
      /* Leaving the table: keep what was typed. */
      _nb_sheet_commit_cell (self, cursor);
      self->tab_column = -1;
      return FALSE;
    }
  if (self->tab_column < 0)
    self->tab_column = (int)item_of (self, cursor)->column;
  _nb_sheet_move_to (self, target, FALSE);
  return TRUE;
}

/* Escape puts back the stored value; with nothing to undo it is the
 * window's (leaving the search, say). */
static gboolean
key_escape (NbSheet         *self,
            guint            cursor,
            GdkModifierType  state,
            GVariant        *args)
{
  g_autofree char *text = nb_report_dup_cell_text (self->report, self->table, cursor);
  GtkEditable *entry = GTK_EDITABLE (self->entries[cursor]);

  if (g_strcmp0 (text, gtk_editable_get_text (entry)) == 0 && !self->edit_mode)
    return FALSE;
  gtk_editable_set_text (entry, text);
  gtk_editable_select_region (entry, 0, -1);
  self->edit_mode = FALSE;
  return TRUE;
}

static gboolean
key_delete (NbSheet         *self,
            guint            cursor,
            GdkModifierType  state,
            GVariant        *args)
{
  if (self->edit_mode || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)))
    return FALSE;
  _nb_sheet_clear_selection (self);
  return TRUE;
}

/* Home and End: the row's ends, or with Control the table's; in edit mode
 * the caret's, unless Control is held. */
static gboolean
key_home_end (NbSheet         *self,
              guint            cursor,
              GdkModifierType  state,
              GVariant        *args)
{
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  gboolean end = g_variant_get_boolean (args);

  if (self->edit_mode && !control)
    return FALSE;
  self->goal_column = -1;
  self->tab_column = -1;
  _nb_sheet_move_to (self,
                     control ? _nb_sheet_find_table_end (self, end)
                             : _nb_sheet_find_row_end (self, cursor, end),
                     (state & GDK_SHIFT_MASK) != 0);
  return TRUE;
}

static gboolean
key_edit (NbSheet         *self,
          guint            cursor,
          GdkModifierType  state,
          GVariant        *args)
{
  _nb_sheet_start_editing (self);
  return TRUE;
}

static gboolean
key_menu (NbSheet         *self,
          guint            cursor,
          GdkModifierType  state,
          GVariant        *args)
{
  _nb_sheet_popup_menu_at_cursor (self);
  return TRUE;
}

/* Copy and cut take the selected cells; while a single cell is edited they
 * are the text's. */
static gboolean
key_copy (NbSheet         *self,
          guint            cursor,
          GdkModifierType  state,
          GVariant        *args)
{
  if (state & GDK_SHIFT_MASK)
    return FALSE;
  if (self->edit_mode && self->anchor == self->cursor)
    return FALSE;
  _nb_sheet_commit_cell (self, cursor);
  _nb_sheet_copy_selection (self);
  if (g_variant_get_boolean (args))
    _nb_sheet_clear_selection (self);
  return TRUE;
}

static gboolean
key_paste (NbSheet         *self,
           guint            cursor,
           GdkModifierType  state,
           GVariant        *args)
{
  if ((state & GDK_SHIFT_MASK) || self->edit_mode)
    return FALSE;
  _nb_sheet_paste_clipboard (self);
  return TRUE;
}

/* @keyval with @modifiers, and with every combination of @optional added. */
static void
bind (guint           keyval,
      GdkModifierType modifiers,
      GdkModifierType optional,
      KeyHandler      handler,
      GVariant       *args)
{
  guint extra = 0;

  if (args != NULL)
    g_variant_ref_sink (args);
  /* Each subset of @optional, the empty one first. */
  do
    {
      GtkShortcutTrigger *trigger =
        gtk_keyval_trigger_new (keyval, modifiers | (GdkModifierType)extra);
      GtkShortcutAction *action =
        gtk_callback_action_new (run_key_handler, (gpointer)handler, NULL);
      GtkShortcut *shortcut = gtk_shortcut_new (trigger, action);

      gtk_shortcut_set_arguments (shortcut, args);
      g_list_store_append (sheet_keys, shortcut);
      g_object_unref (shortcut);
      extra = (extra - (guint)optional) & (guint)optional;
    }
  while (extra != 0);
  g_clear_pointer (&args, g_variant_unref);
}

void
_nb_sheet_class_keys_init (NbSheetClass *klass)
{
  sheet_keys = g_list_store_new (GTK_TYPE_SHORTCUT);

  for (guint i = 0; i < 2; i++)
    {
      gboolean keypad = i == 1;

      bind (keypad ? GDK_KEY_KP_Up : GDK_KEY_Up, 0, GDK_SHIFT_MASK, key_up_down,
            g_variant_new_int32 (-1));
      bind (keypad ? GDK_KEY_KP_Down : GDK_KEY_Down, 0, GDK_SHIFT_MASK, key_up_down,
            g_variant_new_int32 (1));
      bind (keypad ? GDK_KEY_KP_Left : GDK_KEY_Left, 0, GDK_SHIFT_MASK, key_left_right,
            g_variant_new_int32 (-1));
      bind (keypad ? GDK_KEY_KP_Right : GDK_KEY_Right, 0, GDK_SHIFT_MASK, key_left_right,
            g_variant_new_int32 (1));
      bind (keypad ? GDK_KEY_KP_Home : GDK_KEY_Home, 0, ANY_OF_SHIFT_CONTROL, key_home_end,
            g_variant_new_boolean (FALSE));
      bind (keypad ? GDK_KEY_KP_End : GDK_KEY_End, 0, ANY_OF_SHIFT_CONTROL, key_home_end,
            g_variant_new_boolean (TRUE));
      bind (keypad ? GDK_KEY_KP_Tab : GDK_KEY_Tab, 0, GDK_SHIFT_MASK, key_tab, NULL);
      bind (keypad ? GDK_KEY_KP_Delete : GDK_KEY_Delete, 0, 0, key_delete, NULL);
    }
  bind (GDK_KEY_Return, 0, ANY_OF_SHIFT_CONTROL, key_enter, NULL);
  bind (GDK_KEY_KP_Enter, 0, ANY_OF_SHIFT_CONTROL, key_enter, NULL);
  bind (GDK_KEY_ISO_Enter, 0, ANY_OF_SHIFT_CONTROL, key_enter, NULL);
  bind (GDK_KEY_Escape, 0, ANY_OF_SHIFT_CONTROL, key_escape, NULL);
  bind (GDK_KEY_F2, 0, ANY_OF_SHIFT_CONTROL, key_edit, NULL);
  bind (GDK_KEY_Menu, 0, ANY_OF_SHIFT_CONTROL, key_menu, NULL);
  bind (GDK_KEY_F10, GDK_SHIFT_MASK, 0, key_menu, NULL);
  /* The capitals: Caps Lock. */
  bind (GDK_KEY_c, GDK_CONTROL_MASK, 0, key_copy, g_variant_new_boolean (FALSE));
  bind (GDK_KEY_C, GDK_CONTROL_MASK, 0, key_copy, g_variant_new_boolean (FALSE));
  bind (GDK_KEY_x, GDK_CONTROL_MASK, 0, key_copy, g_variant_new_boolean (TRUE));
  bind (GDK_KEY_X, GDK_CONTROL_MASK, 0, key_copy, g_variant_new_boolean (TRUE));
  bind (GDK_KEY_v, GDK_CONTROL_MASK, 0, key_paste, NULL);
  bind (GDK_KEY_V, GDK_CONTROL_MASK, 0, key_paste, NULL);
}

/* A click after a key starts afresh: not the second of a double click. */
static gboolean
on_key_pressed_cb (NbSheet *self)
{
  self->last_press_cell = -1;
  return GDK_EVENT_PROPAGATE;
}

void
_nb_sheet_init_keys (NbSheet *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();

  self->keys = gtk_shortcut_controller_new_for_model (G_LIST_MODEL (sheet_keys));
  gtk_event_controller_set_propagation_phase (self->keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), self->keys);

  /* Added last, so it runs first: it sees every key, bound or not. */
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}
