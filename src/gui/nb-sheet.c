/* nb-sheet.c: one official table as a spreadsheet-like grid
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-sheet"

#include "config.h"

#include "nb-sheet-private.h"

/* The grid is built from the edition's printed layout, spans included, so the
 * screen shows the official table.  The sheet holds no values of its own: it
 * edits through NbReport and repaints on NbReport::cell-changed.  Its other
 * jobs are in the nb-sheet-*.c files (listed in nb-sheet-private.h). */

G_DEFINE_FINAL_TYPE_WITH_CODE (NbSheet, nb_sheet, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_REPORT,
  PROP_TABLE_ID,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Signal callbacks */

static void
on_cell_changed_cb (NbSheet    *self,
                    const char *table_id,
                    guint       cell,
                    NbReport   *report)
{
  if (g_strcmp0 (table_id, self->table_id) == 0 && cell < self->n_cells)
    _nb_sheet_repaint_cell (self, cell);
}

/* Parent-class overrides */

static void
nb_sheet_unmap (GtkWidget *widget)
{
  /* A drag cut short by the page going away leaves nothing scrolling. */
  _nb_sheet_stop_autoscroll (NB_SHEET (widget));

  GTK_WIDGET_CLASS (nb_sheet_parent_class)->unmap (widget);
}

static void
nb_sheet_set_focus_child (GtkWidget *widget,
                          GtkWidget *child)
{
  NbSheet *self = NB_SHEET (widget);
  int cell;

  GTK_WIDGET_CLASS (nb_sheet_parent_class)->set_focus_child (widget, child);
  /* However focus came (a click, Tab from outside, a screen reader), the
   * cell is not left under a frozen header. */
  cell = child != NULL ? _nb_sheet_cell_of_widget (self, child) : -1;
  if (cell >= 0)
    _nb_sheet_reveal_cell (self, (guint)cell);
}

/* The grid is one stop in the window's Tab chain.  Tab inside it is the
 * key controller's: when a Tab gets here, no cell to type is left that way
 * and the focus leaves the table, instead of landing on a computed total.
 * Coming in, the focus goes to the cell the clerk was in, or the first (last,
 * going back) cell to type. */
static gboolean
nb_sheet_focus (GtkWidget        *widget,
                GtkDirectionType  direction)
{
  NbSheet *self = NB_SHEET (widget);
  int target = self->cursor;

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return GTK_WIDGET_CLASS (nb_sheet_parent_class)->focus (widget, direction);
  if (gtk_widget_get_focus_child (widget) != NULL || self->n_cells == 0)
    return FALSE;
  if (target < 0 || (guint)target >= self->n_cells)
    {
      target = _nb_sheet_find_table_end (self, direction == GTK_DIR_TAB_BACKWARD);
      if (target >= 0 && is_computed (self, (guint)target))
        target = direction == GTK_DIR_TAB_BACKWARD
                   ? _nb_sheet_find_left (self, (guint)target, TRUE, TRUE)
                   : _nb_sheet_find_right (self, (guint)target, TRUE, TRUE);
    }
  if (target < 0)
    return FALSE;
  return gtk_widget_grab_focus (self->entries[target]);
}

/* Building */

static GtkWidget *
make_label (const NbLayoutItem *item)
{
  GtkWidget *label = gtk_label_new (item->text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "sheet-item");
  switch (item->role)
    {
    case NB_LAYOUT_CORNER:
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_widget_add_css_class (label, "sheet-header");
      break;
    case NB_LAYOUT_HEADER:
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 7);
      gtk_widget_add_css_class (label, "sheet-header");
      break;
    case NB_LAYOUT_BLOCK:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "sheet-block");
      break;
    case NB_LAYOUT_GROUP:
      /* Wide enough that "（三）不予公开" wraps once at most. */
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 7);
      gtk_widget_add_css_class (label, "sheet-group");
      break;
    case NB_LAYOUT_LABEL:
    default:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_LEFT);
      /* Narrow windows: the labels wrap onto more lines before the value
       * columns go out of sight. */
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_add_css_class (label, "sheet-label");
      break;
    }
  return label;
}

static void
build (NbSheet *self)
{
  guint n_layout = nb_edition_table_get_n_layout (self->table);

  self->width = nb_edition_table_get_grid_width (self->table);
  self->height = nb_edition_table_get_grid_height (self->table);
  self->n_cells = nb_edition_table_get_n_cells (self->table);
  self->entries = g_new0 (GtkWidget *, MAX (self->n_cells, 1));
  self->selected = g_new0 (gboolean, MAX (self->n_cells, 1));
  self->shown_invalid = g_new (gint8, MAX (self->n_cells, 1));
  memset (self->shown_invalid, -1, MAX (self->n_cells, 1));
  self->map = g_new (int, MAX (self->width * self->height, 1));
  for (guint i = 0; i < self->width * self->height; i++)
    self->map[i] = -1;
  self->column_min = g_new0 (int, MAX (self->width, 1));
  self->column_nat = g_new0 (int, MAX (self->width, 1));
  self->column_size = g_new0 (int, MAX (self->width, 1));
  self->column_pos = g_new0 (int, MAX (self->width, 1));
  self->row_min = g_new0 (int, MAX (self->height, 1));
  self->row_nat = g_new0 (int, MAX (self->height, 1));
  self->row_size = g_new0 (int, MAX (self->height, 1));
  self->row_pos = g_new0 (int, MAX (self->height, 1));
  self->children = g_new0 (GtkWidget *, MAX (n_layout, 1));

  for (guint i = 0; i < n_layout; i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (self->table, i);
      GtkWidget *child;

      if (item->role == NB_LAYOUT_VALUE && item->cell >= 0 && (guint)item->cell < self->n_cells)
        {
          child = _nb_sheet_make_entry (self, (guint)item->cell);
          self->entries[item->cell] = child;
          for (guint r = item->row; r < item->row + item->row_span && r < self->height; r++)
            for (guint c = item->column; c < item->column + item->column_span && c < self->width; c++)
              self->map[r * self->width + c] = item->cell;
        }
      else if (item->role == NB_LAYOUT_EMPTY)
        {
          child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
          gtk_widget_add_css_class (child, "sheet-item");
        }
      else
        child = make_label (item);
      /* The outer border of the table: the cells draw their right and
       * bottom edges. */
      if (item->row == 0)
        gtk_widget_add_css_class (child, "first-row");
      if (item->column == 0)
        gtk_widget_add_css_class (child, "first-column");
      self->children[i] = child;
    }
  _nb_sheet_parent_children (self);
  for (guint i = 0; i < self->n_cells; i++)
    {
      if (self->entries[i] == NULL)
        {
          /* Every value cell must be on screen: the layout data is broken. */
          g_critical ("Cell %u of table %s has no place in the layout", i, self->table_id);
          self->entries[i] = gtk_entry_new ();
          continue;
        }
      _nb_sheet_repaint_cell (self, i);
    }
}

/* GObject */

static void
nb_sheet_constructed (GObject *object)
{
  NbSheet *self = (NbSheet *)object;
  NbEdition *edition;

  G_OBJECT_CLASS (nb_sheet_parent_class)->constructed (object);

  g_assert (self->report != NULL);
  edition = nb_report_get_edition (self->report);
  self->table = nb_edition_find_table (edition, self->table_id);
  g_return_if_fail (self->table != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  nb_edition_table_get_caption (self->table), -1);
  build (self);
  g_signal_connect_object (self->report, "cell-changed", G_CALLBACK (on_cell_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
nb_sheet_dispose (GObject *object)
{
  NbSheet *self = (NbSheet *)object;

  GtkWidget *child;

  _nb_sheet_stop_autoscroll (self);
  _nb_sheet_cancel_relayout (self);
  self->menu = NULL; /* unparented with the cells */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->children, g_free);
  _nb_sheet_clear_adjustments (self);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_sheet_parent_class)->dispose (object);
}

static void
nb_sheet_finalize (GObject *object)
{
  NbSheet *self = (NbSheet *)object;

  g_free (self->entries);
  g_free (self->selected);
  g_free (self->shown_invalid);
  g_free (self->map);
  g_free (self->column_min);
  g_free (self->column_nat);
  g_free (self->column_size);
  g_free (self->column_pos);
  g_free (self->row_min);
  g_free (self->row_nat);
  g_free (self->row_size);
  g_free (self->row_pos);
  g_free (self->table_id);

  G_OBJECT_CLASS (nb_sheet_parent_class)->finalize (object);
}

static void
nb_sheet_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NbSheet *self = NB_SHEET (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_TABLE_ID:
      g_value_set_string (value, self->table_id);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_sheet_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NbSheet *self = NB_SHEET (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_TABLE_ID:
      self->table_id = g_value_dup_string (value);
      break;
    case PROP_HADJUSTMENT:
      _nb_sheet_set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      _nb_sheet_set_adjustment (self, GTK_ORIENTATION_VERTICAL, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint)g_value_get_enum (value))
        {
          self->hscroll_policy = (guint)g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint)g_value_get_enum (value))
        {
          self->vscroll_policy = (guint)g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_sheet_class_init (NbSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_sheet_constructed;
  object_class->dispose = nb_sheet_dispose;
  object_class->finalize = nb_sheet_finalize;
  object_class->get_property = nb_sheet_get_property;
  object_class->set_property = nb_sheet_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TABLE_ID] =
    g_param_spec_string ("table-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  widget_class->unmap = nb_sheet_unmap;
  widget_class->set_focus_child = nb_sheet_set_focus_child;
  widget_class->focus = nb_sheet_focus;
  _nb_sheet_class_layout_init (klass);

  /**
   * NbSheet::message:
   *
   * Something the user should read: a paste that was refused and why.
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  _nb_sheet_class_actions_init (klass);
  _nb_sheet_class_keys_init (klass);

  gtk_widget_class_set_css_name (widget_class, "sheet");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
nb_sheet_init (NbSheet *self)
{
  self->cursor = -1;
  self->anchor = -1;
  self->drag_start = -1;
  self->last_press_cell = -1;
  self->goal_column = -1;
  self->tab_column = -1;
  self->reveal = -1;
  _nb_sheet_set_adjustment (self, GTK_ORIENTATION_HORIZONTAL, NULL);
  _nb_sheet_set_adjustment (self, GTK_ORIENTATION_VERTICAL, NULL);
  _nb_sheet_init_keys (self);
  _nb_sheet_init_pointer (self);
}

GtkWidget *
nb_sheet_new (NbReport   *report,
              const char *table_id)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  g_return_val_if_fail (table_id != NULL, NULL);

  return g_object_new (NB_TYPE_SHEET, "report", report, "table-id", table_id, NULL);
}

NbReport *
nb_sheet_get_report (NbSheet *self)
{
  g_return_val_if_fail (NB_IS_SHEET (self), NULL);
  return self->report;
}

const NbEditionTable *
nb_sheet_get_table (NbSheet *self)
{
  g_return_val_if_fail (NB_IS_SHEET (self), NULL);
  return self->table;
}

/* The widget that shows a layout item: a header, a label, a value cell. */
GtkWidget *
nb_sheet_get_layout_widget (NbSheet *self,
                            guint    index)
{
  g_return_val_if_fail (NB_IS_SHEET (self), NULL);
  g_return_val_if_fail (self->children != NULL, NULL);
  g_return_val_if_fail (index < nb_edition_table_get_n_layout (self->table), NULL);
  return self->children[index];
}

GtkWidget *
nb_sheet_get_cell_widget (NbSheet *self,
                          guint    cell)
{
  g_return_val_if_fail (NB_IS_SHEET (self), NULL);
  g_return_val_if_fail (cell < self->n_cells, NULL);
  return self->entries[cell];
}

void
_nb_sheet_emit_message (NbSheet    *self,
                        const char *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}
