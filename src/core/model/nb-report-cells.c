/* nb-report-cells.c: a report's table values: typed text, money units, computed totals
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nb-report-private.h"

void
_nb_report_cell_data_clear (CellData *data)
{
  g_clear_pointer (&data->invalid, g_free);
}

static void
cell_data_copy (CellData       *dest,
                const CellData *src)
{
  dest->state = src->state;
  dest->value = src->value;
  dest->invalid = g_strdup (src->invalid);
}

static gboolean
cell_data_equal (const CellData *a,
                 const CellData *b)
{
  if (a->state != b->state)
    return FALSE;
  if (a->state == NB_CELL_VALUE)
    return a->value == b->value;
  if (a->state == NB_CELL_INVALID)
    return g_strcmp0 (a->invalid, b->invalid) == 0;
  return TRUE;
}

static TableValues *
find_values (NbReport             *self,
             const NbEditionTable *table)
{
  for (guint i = 0; i < self->n_tables; i++)
    if (self->tables[i].table == table)
      return &self->tables[i];
  g_critical ("Table %s does not belong to this report's edition",
              table ? nb_edition_table_get_id (table) : "(null)");
  return NULL;
}

void
_nb_report_apply_cell (NbReport             *self,
                       const NbEditionTable *table,
                       guint                 cell,
                       const CellData       *data)
{
  TableValues *values = find_values (self, table);

  _nb_report_cell_data_clear (&values->cells[cell]);
  cell_data_copy (&values->cells[cell], data);
  if (!self->quiet)
    g_signal_emit (self, _nb_report_signals[CELL_CHANGED], 0, nb_edition_table_get_id (table),
                   cell);
}

static void
change_cell (NbReport             *self,
             const NbEditionTable *table,
             guint                 cell,
             const CellData       *data)
{
  TableValues *values = find_values (self, table);
  Change *change;

  if (cell_data_equal (&values->cells[cell], data))
    return;
  if (self->history_disabled)
    {
      _nb_report_begin_change (self);
      _nb_report_apply_cell (self, table, cell, data);
      _nb_report_end_change (self);
      return;
    }
  change = g_new0 (Change, 1);
  change->kind = CHANGE_CELL;
  change->table = table;
  change->cell = cell;
  cell_data_copy (&change->before, &values->cells[cell]);
  cell_data_copy (&change->after, data);
  _nb_report_begin_change (self);
  _nb_report_apply_cell (self, table, cell, data);
  _nb_report_record (self, change);
  _nb_report_end_change (self);
}

NbCellState
nb_report_get_cell (NbReport             *self,
                    const NbEditionTable *table,
                    guint                 cell,
                    gint64               *value,
                    const char          **invalid_text)
{
  TableValues *values;

  g_return_val_if_fail (NB_IS_REPORT (self), NB_CELL_EMPTY);
  g_return_val_if_fail (cell < nb_edition_table_get_n_cells (table), NB_CELL_EMPTY);

  values = find_values (self, table);
  if (value != NULL)
    *value = values->cells[cell].value;
  if (invalid_text != NULL)
    *invalid_text = values->cells[cell].invalid;
  return values->cells[cell].state;
}

/* The value, with an empty or invalid cell counting as 0. */
gint64
nb_report_get_value (NbReport             *self,
                     const NbEditionTable *table,
                     guint                 cell)
{
  gint64 value = 0;

  if (nb_report_get_cell (self, table, cell, &value, NULL) != NB_CELL_VALUE)
    return 0;
  return value;
}

guint
nb_report_get_cell_decimals (NbReport             *self,
                             const NbEditionTable *table,
                             guint                 cell)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);

  if (c->kind != NB_VALUE_MONEY)
    return 0;
  /* 万元 fees follow the report's precision; other amounts their column. */
  if (c->max_decimals == NB_MONEY_MAX_DECIMALS)
    return self->fee_decimals;
  return c->max_decimals;
}

char *
nb_report_dup_cell_text (NbReport             *self,
                         const NbEditionTable *table,
                         guint                 cell)
{
  const char *invalid = NULL;
  gint64 value = 0;

  switch (nb_report_get_cell (self, table, cell, &value, &invalid))
    {
    case NB_CELL_VALUE:
      return nb_number_format (value, nb_edition_table_get_cell (table, cell)->kind,
                               (int)nb_report_get_cell_decimals (self, table, cell));
    case NB_CELL_INVALID:
      return g_strdup (invalid);
    case NB_CELL_EMPTY:
    default:
      return g_strdup ("");
    }
}

/* "8123456.78元", "25.1 万元": the unit an amount is written with, and the
 * number before it. */
static const NbMoneyUnit *
split_money_unit (NbReport    *self,
                  const char  *text,
                  char       **number)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  guint n_units = 0;
  const NbMoneyUnit *units = nb_edition_get_money_units (self->edition, &n_units);

  for (guint u = 0; u < n_units; u++)
    if (g_str_has_suffix (trimmed, units[u].name) && strlen (trimmed) > strlen (units[u].name))
      {
        *number = g_strndup (trimmed, strlen (trimmed) - strlen (units[u].name));
        return &units[u];
      }
  return NULL;
}

static const NbMoneyUnit *
find_money_unit (NbReport   *self,
                 const char *name)
{
  guint n_units = 0;
  const NbMoneyUnit *units = nb_edition_get_money_units (self->edition, &n_units);

  for (guint u = 0; name != NULL && u < n_units; u++)
    if (g_str_equal (units[u].name, name))
      return &units[u];
  return NULL;
}

/* The amount converted exactly to the column's unit: 元 to 万元 moves the
 * point four places.  Decimals past the report's precision are kept (the
 * checker's FEE-PRECISION says so); past what the model holds, an error. */
static gboolean
parse_with_unit (NbReport             *self,
                 const NbEditionTable *table,
                 const NbEditionCell  *cell,
                 const char           *text,
                 const char           *number,
                 const NbMoneyUnit    *unit,
                 gint64               *value,
                 GError              **error)
{
  const NbMoneyUnit *column_unit =
    find_money_unit (self, nb_edition_table_get_column (table, cell->column)->unit);
  gint64 written = 0;
  __int128 scaled;

  if (column_unit == NULL)
    {
      g_set_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_INVALID,
                   _("“%s”: this column states no unit; write the amount alone"), text);
      return FALSE;
    }
  /* the number as written, in millionths of its own unit */
  if (!nb_number_parse (number, NB_VALUE_MONEY, NB_MONEY_MAX_DECIMALS, NULL, &written, error))
    return FALSE;
  scaled = (__int128)written * unit->factor;
  if (scaled % column_unit->factor != 0)
    {
      g_set_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_TOO_MANY_DECIMALS,
                   _("“%s” in %s has more decimals than can be kept exactly"), text,
                   column_unit->name);
      return FALSE;
    }
  scaled /= column_unit->factor;
  if (scaled > G_MAXINT64)
    {
      g_set_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_OUT_OF_RANGE,
                   _("“%s” is too large"), text);
      return FALSE;
    }
  *value = (gint64)scaled;
  return TRUE;
}

gboolean
nb_report_parse_cell_text (NbReport             *self,
                           const NbEditionTable *table,
                           guint                 cell,
                           const char           *text,
                           gboolean             *is_empty,
                           gint64               *value,
                           GError              **error)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);
  const NbMoneyUnit *unit = NULL;
  g_autofree char *number = NULL;

  if (c->kind == NB_VALUE_MONEY)
    unit = split_money_unit (self, text, &number);
  if (unit != NULL)
    return parse_with_unit (self, table, c, text, number, unit, value, error)
           && (is_empty == NULL || (*is_empty = FALSE, TRUE));
  return nb_number_parse (text, c->kind, nb_report_get_cell_decimals (self, table, cell),
                          is_empty, value, error);
}

static void
recompute_dependents (NbReport             *self,
                      const NbEditionTable *table,
                      const guint          *cells,
                      guint                 n_cells);

static gboolean
set_cells_text (NbReport             *self,
                const NbEditionTable *table,
                guint                 n_cells,
                const guint          *cells,
                const char * const   *texts,
                gboolean              keep_invalid,
                GError              **error)
{
  g_autofree CellData *data = g_new0 (CellData, MAX (n_cells, 1));
  GError *first_error = NULL;

  for (guint i = 0; i < n_cells; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean is_empty = FALSE;

      if (cells[i] >= nb_edition_table_get_n_cells (table))
        {
          g_critical ("Cell %u is out of range", cells[i]);
          return FALSE;
        }
      if (nb_edition_table_get_cell (table, cells[i])->computed)
        {
          g_autofree char *label = nb_edition_table_dup_cell_label (table, cells[i]);

          g_clear_error (&first_error);
          g_set_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_INVALID,
                       _("%s: this total is computed and cannot be typed in"), label);
          return FALSE;
        }
      if (nb_report_parse_cell_text (self, table, cells[i], texts[i], &is_empty, &data[i].value,
                                     &local_error))
        data[i].state = is_empty ? NB_CELL_EMPTY : NB_CELL_VALUE;
      else
        {
          data[i].state = NB_CELL_INVALID;
          data[i].invalid = (char *)texts[i];
          if (first_error == NULL)
            {
              g_autofree char *label = nb_edition_table_dup_cell_label (table, cells[i]);

              first_error = g_error_new (local_error->domain, local_error->code, "%s: %s", label,
                                         local_error->message);
            }
        }
    }

  if (first_error != NULL && !keep_invalid)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }

  nb_report_begin_user_action (self);
  _nb_report_begin_change (self);
  for (guint i = 0; i < n_cells; i++)
    change_cell (self, table, cells[i], &data[i]);
  recompute_dependents (self, table, cells, n_cells);
  _nb_report_end_change (self);
  nb_report_end_user_action (self);

  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * nb_report_set_cell_text:
 *
 * Sets a cell from what a person typed.  Text that is no valid value is kept
 * in the cell as invalid (so nothing typed is lost) and FALSE is returned with
 * the parser's message.
 */
gboolean
nb_report_set_cell_text (NbReport             *self,
                         const NbEditionTable *table,
                         guint                 cell,
                         const char           *text,
                         GError              **error)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return set_cells_text (self, table, 1, &cell, &text, TRUE, error);
}

/**
 * nb_report_set_cells_text:
 *
 * Sets many cells as one undoable step, all or nothing: when any text is
 * invalid nothing changes and the error names the first bad cell.
 */
gboolean
nb_report_set_cells_text (NbReport             *self,
                          const NbEditionTable *table,
                          guint                 n_cells,
                          const guint          *cells,
                          const char * const   *texts,
                          GError              **error)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);

  return set_cells_text (self, table, n_cells, cells, texts, FALSE, error);
}

/* One cell and the totals that follow it, as one undoable step. */
static void
set_cell (NbReport             *self,
          const NbEditionTable *table,
          guint                 cell,
          const CellData       *data)
{
  nb_report_begin_user_action (self);
  _nb_report_begin_change (self);
  change_cell (self, table, cell, data);
  recompute_dependents (self, table, &cell, 1);
  _nb_report_end_change (self);
  nb_report_end_user_action (self);
}

void
nb_report_set_value (NbReport             *self,
                     const NbEditionTable *table,
                     guint                 cell,
                     gint64                value)
{
  CellData data = { NB_CELL_VALUE, value, NULL };

  g_return_if_fail (NB_IS_REPORT (self));

  set_cell (self, table, cell, &data);
}

void
nb_report_clear_cell (NbReport             *self,
                      const NbEditionTable *table,
                      guint                 cell)
{
  CellData data = { NB_CELL_EMPTY, 0, NULL };

  g_return_if_fail (NB_IS_REPORT (self));

  set_cell (self, table, cell, &data);
}

/**
 * nb_report_set_stated:
 *
 * Stores a value exactly as a file or an imported report states it, totals
 * included, without recomputing anything: the checks then compare what the
 * report says with what it adds up to.
 */
void
nb_report_set_stated (NbReport             *self,
                      const NbEditionTable *table,
                      guint                 cell,
                      NbCellState           state,
                      gint64                value,
                      const char           *invalid_text)
{
  CellData data = { state, state == NB_CELL_VALUE ? value : 0,
                    state == NB_CELL_INVALID ? (char *)invalid_text : NULL };

  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (cell < nb_edition_table_get_n_cells (table));

  change_cell (self, table, cell, &data);
}

/* What a computed cell adds up to.  FALSE when all its parts are empty. */
gboolean
nb_report_compute_cell (NbReport             *self,
                        const NbEditionTable *table,
                        guint                 cell,
                        gint64               *value)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);

  for (guint i = 0; i < nb_edition_table_get_n_instances (table); i++)
    {
      const NbRuleInstance *instance = nb_edition_table_get_instance (table, i);
      gboolean any = FALSE;
      gint64 sum = 0;

      if (instance->target != (int)cell)
        continue;
      for (guint t = 0; t < instance->n_terms; t++)
        {
          const NbRuleTerm *term = &instance->terms[t];
          gint64 v;

          if (term->lhs)
            continue;
          if (nb_report_get_cell (self, table, (guint)term->cell, &v, NULL) == NB_CELL_VALUE)
            {
              gint64 next;

              any = TRUE;
              /* Saturate rather than wrap: an absurd sum must not look right. */
              if (term->sign > 0 ? __builtin_add_overflow (sum, v, &next)
                                 : __builtin_sub_overflow (sum, v, &next))
                next = G_MAXINT64;
              sum = next;
            }
        }
      if (value != NULL)
        *value = sum;
      return any;
    }
  return FALSE;
}

static void
recompute_dependents (NbReport             *self,
                      const NbEditionTable *table,
                      const guint          *cells,
                      guint                 n_cells)
{
  guint n = nb_edition_table_get_n_cells (table);
  g_autofree gboolean *dirty = g_new0 (gboolean, MAX (n, 1));
  gboolean again = TRUE;

  for (guint i = 0; i < n_cells; i++)
    dirty[cells[i]] = TRUE;

  /* Totals of totals settle in a few rounds; the data has no cycles. */
  for (guint round = 0; again && round < 8; round++)
    {
      again = FALSE;
      for (guint i = 0; i < nb_edition_table_get_n_instances (table); i++)
        {
          const NbRuleInstance *instance = nb_edition_table_get_instance (table, i);
          gboolean touched = FALSE;
          CellData data = { NB_CELL_EMPTY, 0, NULL };
          TableValues *values;

          if (instance->target < 0)
            continue;
          for (guint t = 0; t < instance->n_terms && !touched; t++)
            if (!instance->terms[t].lhs && dirty[instance->terms[t].cell])
              touched = TRUE;
          if (!touched)
            continue;

          if (nb_report_compute_cell (self, table, (guint)instance->target, &data.value))
            data.state = NB_CELL_VALUE;
          values = find_values (self, table);
          if (!cell_data_equal (&values->cells[instance->target], &data))
            {
              change_cell (self, table, (guint)instance->target, &data);
              dirty[instance->target] = TRUE;
              again = TRUE;
            }
        }
    }
}

/* Makes every computed total agree with its parts, as one undoable step. */
void
nb_report_recompute_totals (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));

  nb_report_begin_user_action (self);
  for (guint i = 0; i < self->n_tables; i++)
    {
      const NbEditionTable *table = self->tables[i].table;
      guint n = nb_edition_table_get_n_cells (table);
      g_autofree guint *all = g_new (guint, MAX (n, 1));

      for (guint c = 0; c < n; c++)
        all[c] = c;
      recompute_dependents (self, table, all, n);
    }
  nb_report_end_user_action (self);
}

/**
 * nb_report_fill_blanks:
 * @table: (nullable): the table to fill, or %NULL for every table
 *
 * Writes 0 into every blank cell a person types (computed totals are left
 * to follow their parts), as one undoable step: the format asks for 0
 * where there is nothing to report.
 *
 * Returns: how many cells were filled
 */
guint
nb_report_fill_blanks (NbReport             *self,
                       const NbEditionTable *table)
{
  CellData zero = { NB_CELL_VALUE, 0, NULL };
  guint filled = 0;

  g_return_val_if_fail (NB_IS_REPORT (self), 0);
  g_return_val_if_fail (table == NULL || find_values (self, table) != NULL, 0);

  nb_report_begin_user_action (self);
  _nb_report_begin_change (self);
  for (guint i = 0; i < self->n_tables; i++)
    {
      const NbEditionTable *t = self->tables[i].table;
      guint n = nb_edition_table_get_n_cells (t);
      g_autofree guint *blanks = g_new (guint, MAX (n, 1));
      guint n_blanks = 0;

      if (table != NULL && t != table)
        continue;
      for (guint c = 0; c < n; c++)
        if (!nb_edition_table_get_cell (t, c)->computed
            && self->tables[i].cells[c].state == NB_CELL_EMPTY)
          blanks[n_blanks++] = c;
      for (guint b = 0; b < n_blanks; b++)
        change_cell (self, t, blanks[b], &zero);
      recompute_dependents (self, t, blanks, n_blanks);
      filled += n_blanks;
    }
  _nb_report_end_change (self);
  nb_report_end_user_action (self);
  return filled;
}
