/* nb-sheet-actions.c: the sheet.* actions and the cell menu that offers them
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-sheet-private.h"

/* Closed: the focus goes back to the cell, not left on a hidden menu item. */
static void
on_menu_closed_cb (NbSheet *self)
{
  if (self->cursor < 0 || self->entries == NULL)
    return;
  self->moving = TRUE;
  gtk_widget_grab_focus (self->entries[self->cursor]);
  self->moving = FALSE;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NbSheet *self = NB_SHEET (widget);

  if (self->cursor < 0)
    return;
  _nb_sheet_commit_cell (self, (guint)self->cursor);
  _nb_sheet_copy_selection (self);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _nb_sheet_paste_clipboard (NB_SHEET (widget));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  if (NB_SHEET (widget)->cursor >= 0)
    _nb_sheet_clear_selection (NB_SHEET (widget));
}

/* The cell context menu: the table's commands, not the entry's text ones
 * (no "Insert Emoji" in a grid of numbers). */
void
_nb_sheet_popup_menu (NbSheet *self,
                      double   x,
                      double   y)
{
  if (self->menu == NULL)
    {
      g_autoptr(GMenu) model = g_menu_new ();
      g_autoptr(GMenu) edit = g_menu_new ();
      g_autoptr(GMenu) table = g_menu_new ();

      g_menu_append (edit, _("_Copy"), "sheet.copy");
      g_menu_append (edit, _("_Paste"), "sheet.paste");
      g_menu_append (edit, _("C_lear"), "sheet.clear");
      g_menu_append (table, _("Fill Blank Cells with _0"), "win.fill-blanks-table");
      g_menu_append (table, _("_Undo"), "win.undo");
      g_menu_append_section (model, NULL, G_MENU_MODEL (edit));
      g_menu_append_section (model, NULL, G_MENU_MODEL (table));
      self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (model));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      g_signal_connect_object (self->menu, "closed", G_CALLBACK (on_menu_closed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle){ (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

/* For the keyboard (Menu, Shift+F10): at the cursor cell. */
void
_nb_sheet_popup_menu_at_cursor (NbSheet *self)
{
  graphene_rect_t bounds;

  if (self->cursor >= 0
      && gtk_widget_compute_bounds (self->entries[self->cursor], GTK_WIDGET (self), &bounds))
    _nb_sheet_popup_menu (self, bounds.origin.x + bounds.size.width / 2,
                          bounds.origin.y + bounds.size.height);
  else
    _nb_sheet_popup_menu (self, 0, 0);
}

void
_nb_sheet_class_actions_init (NbSheetClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "sheet.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "sheet.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "sheet.clear", NULL, clear_action);
}
