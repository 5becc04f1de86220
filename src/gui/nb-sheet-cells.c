/* nb-sheet-cells.c: a value cell of the sheet: showing its value, committing what is typed
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-input.h"
#include "nb-sheet-private.h"

/* A cell grows with its value up to this many digits: more than any valid
 * value has (a count has at most 19), so only text that is no number at
 * all (marked, with the reason in its tooltip) can be cut off. */
#define MAX_CELL_WIDTH_CHARS 24

/* The width of a cell, in digits, when its value fits: 5 for counts (up to
 * 99,999 without widening), 9 for money. */
static int
base_width_chars (NbSheet *self,
                  guint    cell)
{
  return nb_edition_table_get_cell (self->table, cell)->kind == NB_VALUE_MONEY ? 9 : 5;
}

/* A value wider than its cell widens the cell, and with it its column, as
 * Calc does for numbers: no digit is ever hidden, also while it is typed.
 * Counted in digit widths, as GtkText sizes itself (a wide character counts
 * two), plus one for the caret; back to the usual width when it fits. */
static void
fit_cell_width (NbSheet *self,
                guint    cell)
{
  GtkEditable *editable = GTK_EDITABLE (self->entries[cell]);
  const char *text = gtk_editable_get_text (editable);
  int need = 1;

  for (const char *p = text; *p != '\0' && need <= MAX_CELL_WIDTH_CHARS; p = g_utf8_next_char (p))
    need += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  need = CLAMP (need, base_width_chars (self, cell), MAX_CELL_WIDTH_CHARS);
  if (gtk_editable_get_width_chars (editable) != need)
    gtk_editable_set_width_chars (editable, need);
}

/* Signal callbacks */

static void
on_entry_enter_cb (GtkEventControllerFocus *controller,
                   NbSheet                 *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  int cell = _nb_sheet_cell_of_widget (self, widget);

  if (cell < 0 || self->moving)
    return;
  /* Focus came from outside the grid (Ctrl+Tab, a screen reader): a fresh
   * start, with nothing kept from the last visit (the column Enter went
   * down) and the value selected, so that typing replaces it. */
  self->cursor = cell;
  self->anchor = cell;
  self->edit_mode = FALSE;
  self->goal_column = -1;
  self->tab_column = -1;
  gtk_editable_select_region (GTK_EDITABLE (self->entries[cell]), 0, -1);
  _nb_sheet_update_selection (self);
}

static void
on_entry_leave_cb (GtkEventControllerFocus *controller,
                   NbSheet                 *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  int cell = _nb_sheet_cell_of_widget (self, widget);

  if (cell >= 0)
    _nb_sheet_commit_cell (self, (guint)cell);
}

static void
on_entry_activate_cb (GtkEntry *entry,
                      NbSheet  *self)
{
  int cell = _nb_sheet_cell_of_widget (self, GTK_WIDGET (entry));

  /* Enter is handled by the key controller; this catches an activation that
   * comes another way (input methods, accessibility). */
  if (cell >= 0)
    _nb_sheet_commit_cell (self, (guint)cell);
}

static void
on_entry_changed_cb (GtkEditable *entry,
                     NbSheet     *self)
{
  int cell = _nb_sheet_cell_of_widget (self, GTK_WIDGET (entry));

  if (cell >= 0)
    fit_cell_width (self, (guint)cell);
  /* Text set from outside while nobody types in the cell (a screen reader's
   * "set value", an input method) is a complete edit: commit it now. */
  if (self->repainting
      || (gtk_widget_get_state_flags (GTK_WIDGET (entry)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return;
  if (cell >= 0)
    _nb_sheet_commit_cell (self, (guint)cell);
}

GtkWidget *
_nb_sheet_make_entry (NbSheet *self,
                      guint    cell)
{
  const NbEditionCell *c = nb_edition_table_get_cell (self->table, cell);
  g_autofree char *label = nb_edition_table_dup_cell_label (self->table, cell);
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (entry), "nb-sheet-cell", GINT_TO_POINTER ((int)cell + 1));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), base_width_chars (self, cell));
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
  /* Undo is the document's (NbReport), across cells and text. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), c->kind == NB_VALUE_MONEY
                                                    ? GTK_INPUT_PURPOSE_NUMBER
                                                    : GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (entry, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (entry, "sheet-cell");
  if (c->computed)
    {
      gtk_editable_set_editable (GTK_EDITABLE (entry), FALSE);
      gtk_widget_add_css_class (entry, "computed");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, c->computed,
                                  -1);
  g_signal_connect (focus, "enter", G_CALLBACK (on_entry_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate_cb), self);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  /* A cell keeps what cannot be read as a value, so it is text too. */
  nb_input_guard_editable (GTK_EDITABLE (entry));
  return entry;
}

int
_nb_sheet_cell_of_widget (NbSheet   *self,
                          GtkWidget *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    {
      gpointer data = g_object_get_data (G_OBJECT (widget), "nb-sheet-cell");

      if (data != NULL)
        return GPOINTER_TO_INT (data) - 1;
    }
  return -1;
}

void
_nb_sheet_repaint_cell (NbSheet *self,
                        guint    cell)
{
  GtkWidget *entry = self->entries[cell];
  g_autofree char *text = nb_report_dup_cell_text (self->report, self->table, cell);
  const char *invalid = NULL;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text) != 0)
    {
      self->repainting = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (entry), text);
      self->repainting = FALSE;
      /* A value that changes under the cursor (undo, a paste) is selected
       * again: what is typed next replaces it, as after any move. */
      if ((int)cell == self->cursor && !self->edit_mode)
        gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
    }

  if (nb_report_get_cell (self->report, self->table, cell, NULL, &invalid) != NB_CELL_INVALID
      && self->shown_invalid[cell] == 0)
    return;  /* a valid value stays valid: only the text changed */
  if (nb_report_get_cell (self->report, self->table, cell, NULL, &invalid) == NB_CELL_INVALID)
    {
      g_autoptr(GError) error = NULL;
      gboolean is_empty;
      gint64 ignored;

      nb_report_parse_cell_text (self->report, self->table, cell, invalid, &is_empty, &ignored,
                                 &error);
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, error ? error->message : _("Not a valid value"));
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      self->shown_invalid[cell] = 1;
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, is_computed (self, cell)
                                            ? _("Computed from the cells it adds up")
                                            : NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      self->shown_invalid[cell] = 0;
    }
}

gboolean
_nb_sheet_commit_cell (NbSheet *self,
                       guint    cell)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  const char *text;

  if (is_computed (self, cell))
    return TRUE;
  text = gtk_editable_get_text (GTK_EDITABLE (self->entries[cell]));
  current = nb_report_dup_cell_text (self->report, self->table, cell);
  if (g_strcmp0 (text, current) == 0)
    return TRUE;
  /* Invalid text stays in the cell (marked, with the reason) and in the
   * model, so nothing typed is lost; the checks list it. */
  if (!nb_report_set_cell_text (self->report, self->table, cell, text, &error))
    {
      _nb_sheet_repaint_cell (self, cell);
      return FALSE;
    }
  return TRUE;
}

/* Edits the value in place (F2, a double click): the caret at its end, and
 * Left and Right move the caret instead of the cursor. */
void
_nb_sheet_start_editing (NbSheet *self)
{
  if (self->cursor < 0)
    return;
  self->edit_mode = TRUE;
  gtk_editable_set_position (GTK_EDITABLE (self->entries[self->cursor]), -1);
}

/* Commits what is typed in the current cell: before saving, printing, … */
gboolean
nb_sheet_commit (NbSheet *self)
{
  g_return_val_if_fail (NB_IS_SHEET (self), FALSE);

  if (self->cursor < 0)
    return TRUE;
  return _nb_sheet_commit_cell (self, (guint)self->cursor);
}
