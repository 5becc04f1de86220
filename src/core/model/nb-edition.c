/* nb-edition.c: one edition of the national report format, loaded from data
 *
 * This file is the object and what it answers.  It is read from its JSON in
 * nb-edition-load.c; the built-in editions are found through
 * nb-edition-registry.c.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-edition"

#include "config.h"

#include "nb-edition-private.h"

G_DEFINE_FINAL_TYPE (NbEdition, nb_edition, G_TYPE_OBJECT)

G_DEFINE_QUARK (nb-edition-error-quark, nb_edition_error)

static void
table_free (NbEditionTable *table)
{
  for (guint i = 0; i < table->instances->len; i++)
    g_free (g_array_index (table->instances, NbRuleInstance, i).terms);
  g_array_unref (table->rows);
  g_array_unref (table->columns);
  g_array_unref (table->cells);
  g_array_unref (table->layout);
  g_array_unref (table->instances);
  g_hash_table_unref (table->cell_by_key);
  g_free (table->cell_layout);
  g_free (table);
}

static void
nb_edition_finalize (GObject *object)
{
  NbEdition *self = (NbEdition *)object;

  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->string_arrays, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  if (self->summary != NULL)
    for (guint i = 0; i < self->summary->len; i++)
      g_free (g_array_index (self->summary, NbSummaryGroup, i).items);
  g_clear_pointer (&self->summary, g_array_unref);
  g_clear_pointer (&self->money_units, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (nb_edition_parent_class)->finalize (object);
}

static void
nb_edition_class_init (NbEditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nb_edition_finalize;
}

static void
nb_edition_init (NbEdition *self)
{
  self->strings = g_string_chunk_new (4096);
  self->sections = g_array_new (FALSE, TRUE, sizeof (NbEditionSection));
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify)table_free);
  self->rules = g_array_new (FALSE, TRUE, sizeof (NbEditionRule));
  self->string_arrays = g_ptr_array_new_with_free_func (g_free);
  self->labels = g_hash_table_new (g_str_hash, g_str_equal);
  self->summary = g_array_new (FALSE, TRUE, sizeof (NbSummaryGroup));
}

/* Accessors */

const char *
nb_edition_get_id (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  return self->id;
}

const char *
nb_edition_get_title (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  return self->title;
}

/* The edition as people tell it apart: "2021 年版（国办公开办函〔2021〕30号）";
 * its id when the data gives no name. */
const char *
nb_edition_get_name (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  return self->name != NULL ? self->name : self->id;
}

/* The title of a report of @agency for @year (0: not known yet), as the
 * edition writes it: "XX局2022年政府信息公开工作年度报告". */
char *
nb_edition_dup_report_title (NbEdition  *self,
                             const char *agency,
                             int         year)
{
  g_autoptr(GString) title = NULL;
  g_autoptr(GString) year_text = NULL;

  g_return_val_if_fail (NB_IS_EDITION (self), NULL);

  year_text = g_string_new (year > 0 ? self->report_title_year : "");
  if (year > 0)
    {
      g_autofree char *number = g_strdup_printf ("%d", year);

      g_string_replace (year_text, "{year}", number, 0);
    }
  title = g_string_new (self->report_title);
  g_string_replace (title, "{agency}", agency ? agency : "", 0);
  g_string_replace (title, "{year}", year_text->str, 0);
  return g_string_free (g_steal_pointer (&title), FALSE);
}

const char *
nb_edition_get_issued_by (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  return self->issued_by;
}

int
nb_edition_get_first_year (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), 0);
  return self->first_year;
}

int
nb_edition_get_last_year (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), 0);
  return self->last_year;
}

/**
 * nb_edition_get_money_units:
 *
 * Returns: (transfer none): the units an amount may be written in, the
 *   longest name first
 */
const NbMoneyUnit *
nb_edition_get_money_units (NbEdition *self,
                            guint     *n_units)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  *n_units = self->money_units->len;
  return (const NbMoneyUnit *)(gpointer)self->money_units->data;
}

guint
nb_edition_get_n_sections (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), 0);
  return self->sections->len;
}

const NbEditionSection *
nb_edition_get_section (NbEdition *self,
                        guint      index)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  g_return_val_if_fail (index < self->sections->len, NULL);
  return &g_array_index (self->sections, NbEditionSection, index);
}

const NbEditionSection *
nb_edition_find_section (NbEdition  *self,
                         const char *id)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);

  for (guint i = 0; id != NULL && i < self->sections->len; i++)
    if (g_str_equal (g_array_index (self->sections, NbEditionSection, i).id, id))
      return &g_array_index (self->sections, NbEditionSection, i);
  return NULL;
}

guint
nb_edition_get_n_tables (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), 0);
  return self->tables->len;
}

const NbEditionTable *
nb_edition_get_table (NbEdition *self,
                      guint      index)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  g_return_val_if_fail (index < self->tables->len, NULL);
  return g_ptr_array_index (self->tables, index);
}

const NbEditionTable *
nb_edition_find_table (NbEdition  *self,
                       const char *id)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);

  for (guint i = 0; id != NULL && i < self->tables->len; i++)
    {
      const NbEditionTable *table = g_ptr_array_index (self->tables, i);

      if (g_strcmp0 (table->id, id) == 0)
        return table;
    }
  return NULL;
}

guint
nb_edition_get_n_rules (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), 0);
  return self->rules->len;
}

const NbEditionRule *
nb_edition_get_rule (NbEdition *self,
                     guint      index)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  g_return_val_if_fail (index < self->rules->len, NULL);
  return &g_array_index (self->rules, NbEditionRule, index);
}

const char *
nb_edition_table_get_id (const NbEditionTable *table)
{
  return table->id;
}

const char *
nb_edition_table_get_section_id (const NbEditionTable *table)
{
  return table->section_id;
}

const char *
nb_edition_table_get_caption (const NbEditionTable *table)
{
  return table->caption;
}

guint
nb_edition_table_get_n_rows (const NbEditionTable *table)
{
  return table->rows->len;
}

const NbEditionRow *
nb_edition_table_get_row (const NbEditionTable *table,
                          guint                 index)
{
  g_return_val_if_fail (index < table->rows->len, NULL);
  return &g_array_index (table->rows, NbEditionRow, index);
}

int
nb_edition_table_find_row (const NbEditionTable *table,
                           const char           *id)
{
  for (guint i = 0; id != NULL && i < table->rows->len; i++)
    if (g_str_equal (g_array_index (table->rows, NbEditionRow, i).id, id))
      return (int)i;
  return -1;
}

guint
nb_edition_table_get_n_columns (const NbEditionTable *table)
{
  return table->columns->len;
}

const NbEditionColumn *
nb_edition_table_get_column (const NbEditionTable *table,
                             guint                 index)
{
  g_return_val_if_fail (index < table->columns->len, NULL);
  return &g_array_index (table->columns, NbEditionColumn, index);
}

int
nb_edition_table_find_column (const NbEditionTable *table,
                              const char           *id)
{
  for (guint i = 0; id != NULL && i < table->columns->len; i++)
    if (g_str_equal (g_array_index (table->columns, NbEditionColumn, i).id, id))
      return (int)i;
  return -1;
}

guint
nb_edition_table_get_n_cells (const NbEditionTable *table)
{
  return table->cells->len;
}

const NbEditionCell *
nb_edition_table_get_cell (const NbEditionTable *table,
                           guint                 index)
{
  g_return_val_if_fail (index < table->cells->len, NULL);
  return &g_array_index (table->cells, NbEditionCell, index);
}

int
nb_edition_table_find_cell_by_key (const NbEditionTable *table,
                                   const char           *key)
{
  if (key == NULL)
    return -1;
  return (int)GPOINTER_TO_UINT (g_hash_table_lookup (table->cell_by_key, key)) - 1;
}

int
nb_edition_table_find_cell (const NbEditionTable *table,
                            const char           *row_id,
                            const char           *column_id)
{
  g_autofree char *key = NULL;

  if (row_id == NULL || column_id == NULL)
    return -1;
  key = g_strconcat (row_id, "/", column_id, NULL);
  return nb_edition_table_find_cell_by_key (table, key);
}

guint
nb_edition_table_get_n_blocks (const NbEditionTable *table)
{
  return table->n_blocks;
}

guint
nb_edition_table_get_grid_width (const NbEditionTable *table)
{
  return table->label_columns + table->value_columns;
}

guint
nb_edition_table_get_grid_height (const NbEditionTable *table)
{
  return table->grid_height;
}

guint
nb_edition_table_get_n_layout (const NbEditionTable *table)
{
  return table->layout->len;
}

const NbLayoutItem *
nb_edition_table_get_layout (const NbEditionTable *table,
                             guint                 index)
{
  g_return_val_if_fail (index < table->layout->len, NULL);
  return &g_array_index (table->layout, NbLayoutItem, index);
}

const NbLayoutItem *
nb_edition_table_get_cell_layout (const NbEditionTable *table,
                                  guint                 cell)
{
  g_return_val_if_fail (cell < table->cells->len, NULL);
  return &g_array_index (table->layout, NbLayoutItem, table->cell_layout[cell]);
}

/* The layout item that covers each grid position, or NULL: a width ×
 * height array, freed with g_free. */
const NbLayoutItem **
nb_edition_table_dup_grid (const NbEditionTable *table)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint height = nb_edition_table_get_grid_height (table);
  const NbLayoutItem **grid = g_new0 (const NbLayoutItem *, (gsize)width * height);

  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      for (guint r = item->row; r < item->row + item->row_span && r < height; r++)
        for (guint c = item->column; c < item->column + item->column_span && c < width; c++)
          grid[r * width + c] = item;
    }
  return grid;
}

/* The leftmost grid column that holds a value cell. */
guint
nb_edition_table_get_first_value_column (const NbEditionTable *table)
{
  guint first = nb_edition_table_get_grid_width (table);

  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      if (item->role == NB_LAYOUT_VALUE)
        first = MIN (first, item->column);
    }
  return first;
}

guint
nb_edition_table_get_n_instances (const NbEditionTable *table)
{
  return table->instances->len;
}

const NbRuleInstance *
nb_edition_table_get_instance (const NbEditionTable *table,
                               guint                 index)
{
  g_return_val_if_fail (index < table->instances->len, NULL);
  return &g_array_index (table->instances, NbRuleInstance, index);
}

/* "row label, column label": what a screen reader says for a cell. */
char *
nb_edition_table_dup_cell_label (const NbEditionTable *table,
                                 guint                 cell)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);
  const NbEditionRow *row = nb_edition_table_get_row (table, c->row);
  const NbEditionColumn *column = nb_edition_table_get_column (table, c->column);

  if (row->full_label == NULL || *row->full_label == '\0')
    return g_strdup (column->full_label);
  return g_strconcat (row->full_label, ", ", column->full_label, NULL);
}

const char *
nb_edition_get_label (NbEdition  *self,
                      const char *key)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);

  return g_hash_table_lookup (self->labels, key);
}

guint
nb_edition_get_n_summary_groups (NbEdition *self)
{
  g_return_val_if_fail (NB_IS_EDITION (self), 0);

  return self->summary->len;
}

const NbSummaryGroup *
nb_edition_get_summary_group (NbEdition *self,
                              guint      index)
{
  g_return_val_if_fail (NB_IS_EDITION (self), NULL);
  g_return_val_if_fail (index < self->summary->len, NULL);

  return &g_array_index (self->summary, NbSummaryGroup, index);
}
