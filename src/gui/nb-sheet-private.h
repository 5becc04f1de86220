/* nb-sheet-private.h: what the files of the sheet share
 *
 * NbSheet is one widget spread over several files, one job each, as GNOME
 * Text Editor spreads its page and window:
 *   nb-sheet.c             the object: properties, building the cells, focus
 *   nb-sheet-cells.c       a value cell: showing its value, committing what is typed
 *   nb-sheet-navigation.c  where a move from a cell goes
 *   nb-sheet-selection.c   the cursor and the range selected
 *   nb-sheet-clipboard.c   copying, pasting and clearing the selection
 *   nb-sheet-actions.c     the sheet.* actions and the cell menu that offers them
 *   nb-sheet-keys.c        the keyboard
 *   nb-sheet-pointer.c     clicks, drags, and scrolling while a drag is held past an edge
 *   nb-sheet-layout.c      the frozen-pane layout and the scrolling (GtkScrollable)
 * Nothing but these files includes this header.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-sheet.h"

G_BEGIN_DECLS

struct _NbSheet
{
  GtkWidget             parent_instance;

  NbReport             *report;
  char                 *table_id;
  const NbEditionTable *table;

  GtkWidget           **children;   /* one per layout item */
  GtkWidget           **entries;    /* one per value cell */
  guint                 n_cells;
  int                  *map;        /* grid position -> cell, -1 for no value */
  guint                 width;
  guint                 height;

  int                   cursor;
  int                   anchor;
  int                   goal_column; /* kept across Up/Down, as spreadsheets do */
  int                   tab_column; /* where a run of Tabs began: Enter returns there */
  int                   drag_start;
  double                drag_x;     /* the pointer during a drag, in sheet coordinates */
  double                drag_y;
  guint                 autoscroll_id;   /* tick callback, while held past an edge */
  gint64                autoscroll_time; /* frame time of its last step */
  gboolean              holding_view; /* the cursor moves without scrolling to it */
  gboolean             *selected;
  gint8                *shown_invalid; /* -1 unknown, else what the cell shows */
  gboolean              edit_mode;  /* F2 or a click: arrows move the caret */
  gboolean              moving;     /* focus moves by our own hand */
  gboolean              extending;
  gboolean              repainting;

  /* Layout, in grid units: width columns, height rows. */
  guint                 frozen_rows;    /* the header rows the layout allows to freeze */
  guint                 frozen_columns; /* the label columns, likewise */
  gboolean              rows_frozen;    /* whether this allocation freezes them */
  gboolean              columns_frozen;
  int                   frozen_width;   /* pixels, 0 when not frozen */
  int                   frozen_height;
  int                  *column_min;
  int                  *column_nat;
  int                  *column_size;
  int                  *column_pos;
  int                  *row_min;
  int                  *row_nat;
  int                  *row_size;
  int                  *row_pos;
  int                   reveal;         /* a cell to scroll into view, or -1 */
  gboolean              allocating;
  guint                 relayout_id;    /* tick callback: lay out again this frame */

  GtkEventController   *keys;       /* the key bindings (the widget owns it) */
  GtkWidget            *menu;       /* the cell context menu, once shown */
  int                   last_press_cell;  /* for double clicks: the gesture, grouped */
  guint32               last_press_time;  /* with the drag, does not count them */

  GtkAdjustment        *hadjustment;
  GtkAdjustment        *vadjustment;
  guint                 hscroll_policy : 1;
  guint                 vscroll_policy : 1;
};

/* Where a layout item is drawn: scrolling both ways, or kept in place
 * horizontally (row labels), vertically (column headers) or both (the
 * corner).  Also the order of the children: the frozen ones come last, so
 * they are on top for picking. */
enum {
  PANE_BODY   = 0,
  PANE_LEFT   = 1 << 0,
  PANE_TOP    = 1 << 1,
  PANE_CORNER = PANE_LEFT | PANE_TOP,
  N_PANES
};

/* Small lookups every part makes. */

static inline const NbLayoutItem *
item_of (NbSheet *self,
         guint    cell)
{
  return nb_edition_table_get_cell_layout (self->table, cell);
}

static inline int
map_at (NbSheet *self,
        guint    row,
        guint    column)
{
  if (row >= self->height || column >= self->width)
    return -1;
  return self->map[row * self->width + column];
}

static inline gboolean
is_computed (NbSheet *self,
             guint    cell)
{
  return nb_edition_table_get_cell (self->table, cell)->computed;
}

/* nb-sheet.c */
void       _nb_sheet_emit_message            (NbSheet        *self,
                                              const char     *message);

/* nb-sheet-cells.c */
GtkWidget *_nb_sheet_make_entry              (NbSheet        *self,
                                              guint           cell);
int        _nb_sheet_cell_of_widget          (NbSheet        *self,
                                              GtkWidget      *widget);
void       _nb_sheet_repaint_cell            (NbSheet        *self,
                                              guint           cell);
gboolean   _nb_sheet_commit_cell             (NbSheet        *self,
                                              guint           cell);
void       _nb_sheet_start_editing           (NbSheet        *self);

/* nb-sheet-navigation.c: the cell a move reaches, or -1.  @wrap goes on
 * to the next (previous) row; @typable stops only where the clerk types. */
int        _nb_sheet_find_right              (NbSheet        *self,
                                              guint           cell,
                                              gboolean        wrap,
                                              gboolean        typable);
int        _nb_sheet_find_left               (NbSheet        *self,
                                              guint           cell,
                                              gboolean        wrap,
                                              gboolean        typable);
int        _nb_sheet_find_vertical           (NbSheet        *self,
                                              guint           cell,
                                              int             direction,
                                              gboolean        typable);
int        _nb_sheet_find_row_end            (NbSheet        *self,
                                              guint           cell,
                                              gboolean        last);
int        _nb_sheet_find_table_end          (NbSheet        *self,
                                              gboolean        last);

/* nb-sheet-selection.c */
void       _nb_sheet_move_to                 (NbSheet        *self,
                                              int             target,
                                              gboolean        extend);
void       _nb_sheet_update_selection        (NbSheet        *self);
gboolean   _nb_sheet_cell_is_selected        (NbSheet        *self,
                                              int             cell);

/* nb-sheet-clipboard.c */
void       _nb_sheet_copy_selection          (NbSheet        *self);
void       _nb_sheet_paste_clipboard         (NbSheet        *self);
void       _nb_sheet_clear_selection         (NbSheet        *self);

/* nb-sheet-actions.c */
void       _nb_sheet_class_actions_init      (NbSheetClass   *klass);
void       _nb_sheet_popup_menu              (NbSheet        *self,
                                              double          x,
                                              double          y);
void       _nb_sheet_popup_menu_at_cursor    (NbSheet        *self);

/* nb-sheet-keys.c */
void       _nb_sheet_class_keys_init         (NbSheetClass   *klass);
void       _nb_sheet_init_keys               (NbSheet        *self);

/* nb-sheet-pointer.c */
void       _nb_sheet_init_pointer            (NbSheet        *self);
void       _nb_sheet_stop_autoscroll         (NbSheet        *self);

/* nb-sheet-layout.c */
void       _nb_sheet_class_layout_init       (NbSheetClass   *klass);
void       _nb_sheet_parent_children         (NbSheet        *self);
void       _nb_sheet_reveal_cell             (NbSheet        *self,
                                              guint           cell);
int        _nb_sheet_cell_near               (NbSheet        *self,
                                              double          x,
                                              double          y);
void       _nb_sheet_set_adjustment          (NbSheet        *self,
                                              GtkOrientation  orientation,
                                              GtkAdjustment  *adjustment);
void       _nb_sheet_clear_adjustments       (NbSheet        *self);
void       _nb_sheet_queue_relayout          (NbSheet        *self);
void       _nb_sheet_cancel_relayout         (NbSheet        *self);

G_END_DECLS
