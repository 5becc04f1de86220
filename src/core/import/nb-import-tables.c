/* nb-import-tables.c: which table of the format a table is; its rows and values
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-import-map-private.h"

typedef struct
{
  GPtrArray         *context; /* char *: the current group label at each depth */
  NbImportTableInfo *info;
} RowState;

static void
set_context (GPtrArray  *context,
             guint       depth,
             const char *group)
{
  while (context->len > depth)
    g_ptr_array_remove_index (context, context->len - 1);
  while (context->len < depth)
    g_ptr_array_add (context, g_strdup (""));
  g_ptr_array_add (context, g_strdup (group));
}

static char *
row_location (const NbImportBlock *block,
              const NbImportRow   *row,
              guint                index)
{
  if (row->line > 0)
    return g_strdup_printf (_("line %u"), row->line);
  return g_strdup_printf (_("table %u, row %u"), block->index, index + 1);
}

/* "本年收费金额（单位：元）": amounts 10 000 times the format's 万元. */
static void
check_unit (NbImportMapper    *m,
            NbImportTableInfo *info,
            const char        *text,
            const char        *location)
{
  g_autofree char *key = nb_import_normalize_label (text);
  g_autofree char *stem = _nb_import_label_stem (key);

  for (guint c = 0; c < nb_edition_table_get_n_columns (info->table); c++)
    {
      const NbEditionColumn *column = nb_edition_table_get_column (info->table, c);
      g_autofree char *column_key = NULL;
      g_autofree char *column_stem = NULL;
      g_autofree char *unit = NULL;

      if (column->kind != NB_VALUE_MONEY || column->unit == NULL)
        continue;
      column_key = nb_import_normalize_label (column->label);
      column_stem = _nb_import_label_stem (column_key);
      unit = nb_import_normalize_label (column->unit);
      if (*stem == '\0' || !g_str_equal (stem, column_stem) || strstr (key, unit) != NULL
          || strstr (key, "元") == NULL)
        continue;
      _nb_import_add_finding (m, NB_SEVERITY_WARNING, "MONEY-UNIT", location,
                              g_strdup_printf (_("The column “%s” is not in %s, the format’s unit; its values were imported as written: convert them to %s"),
                                               text, column->unit, column->unit));
    }
}

static void
store_value (NbImportMapper    *m,
             NbImportTableInfo *info,
             guint              cell,
             const char        *text,
             const char        *location)
{
  const NbEditionCell *c = nb_edition_table_get_cell (info->table, cell);
  g_autofree char *clean = NULL;
  g_autoptr(GError) error = NULL;
  GString *compact;
  gboolean is_empty = FALSE;
  gint64 value = 0;

  /* Full-width digits and &nbsp; become ASCII; spaces inside are the
   * parser's to judge ("1 234" is a number, "3 4" is not). */
  clean = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  compact = g_string_new (NULL);
  for (const char *p = clean ? clean : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (compact, _nb_import_is_space_char (c) ? ' ' : c);
    }
  g_strstrip (compact->str);
  g_string_set_size (compact, strlen (compact->str));

  g_hash_table_insert (m->locations,
                       g_strdup_printf ("%s/%u", nb_edition_table_get_id (info->table), cell),
                       g_strdup (location));
  if (compact->len == 0)
    {
      g_string_free (compact, TRUE);
      return; /* blank: the checks name it */
    }
  if ((nb_number_parse (compact->str, c->kind, c->kind == NB_VALUE_MONEY ? c->max_decimals : 0,
                        &is_empty, &value, &error)
       /* "8123456.78元", "25.1万元": converted exactly to the column's unit */
       || (c->kind == NB_VALUE_MONEY
           && nb_report_parse_cell_text (m->report, info->table, cell, compact->str, &is_empty,
                                         &value, NULL)))
      && !is_empty)
    {
      nb_report_set_stated (m->report, info->table, cell, NB_CELL_VALUE, value, NULL);
      m->n_values++;
    }
  else if (!is_empty)
    /* Kept as written, so nothing is lost; the checks report it. */
    nb_report_set_stated (m->report, info->table, cell, NB_CELL_INVALID, 0, text);
  g_string_free (compact, TRUE);
}

/* A row written as the printed grid (every exporter of Nianbao, and many
 * a Word table): each value at its own grid column, so blank cells keep
 * their places. */
static gboolean
map_values_by_layout (NbImportMapper    *m,
                      NbImportTableInfo *info,
                      NbImportRowInfo   *ri,
                      NbImportRow       *row,
                      int                last_label,
                      const char        *location,
                      const char        *label)
{
  guint width = nb_edition_table_get_grid_width (info->table);
  g_autofree gboolean *used = NULL;
  g_autoptr(GString) extra = NULL;
  guint n_extra = 0;

  if (row->cells->len != width)
    return FALSE;
  for (guint i = 0; i < ri->cells->len; i++)
    {
      const NbLayoutItem *item =
        nb_edition_table_get_cell_layout (info->table, g_array_index (ri->cells, guint, i));

      if (item == NULL || (int)item->column <= last_label || item->column >= width)
        return FALSE;
    }

  used = g_new0 (gboolean, width);
  for (guint i = 0; i < ri->cells->len; i++)
    {
      guint cell = g_array_index (ri->cells, guint, i);
      guint column = nb_edition_table_get_cell_layout (info->table, cell)->column;

      used[column] = TRUE;
      store_value (m, info, cell, g_ptr_array_index (row->cells, column), location);
    }
  extra = g_string_new (NULL);
  for (guint c = (guint)(last_label + 1); c < width; c++)
    if (!used[c] && !_nb_import_is_blank (g_ptr_array_index (row->cells, c)))
      {
        g_string_append_printf (extra, "%s“%s”", extra->len ? "、" : "",
                                (const char *)g_ptr_array_index (row->cells, c));
        n_extra++;
      }
  if (n_extra > 0)
    _nb_import_add_finding (m, NB_SEVERITY_ERROR, "ROW-EXTRA-VALUES", location,
                            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Row “%s” has %u values for %u column; the extra %s was not imported",
                                                          "Row “%s” has %u values for %u columns; the extra %s was not imported",
                                                          ri->cells->len),
                                             label, ri->cells->len + n_extra, ri->cells->len, extra->str));
  return TRUE;
}

static void
map_values (NbImportMapper    *m,
            NbImportTableInfo *info,
            NbImportRowInfo   *ri,
            GPtrArray         *values,
            const char        *location,
            const char        *label)
{
  guint n = ri->cells->len;
  guint first = 0, last = values->len;

  /* Cells the source adds for its own layout (a label spanning two
   * columns, a value spanning three) are empty; drop those outside the
   * values, but never a value. */
  while (last - first > n && _nb_import_is_blank (g_ptr_array_index (values, first)))
    first++;
  while (last - first > n && _nb_import_is_blank (g_ptr_array_index (values, last - 1)))
    last--;

  for (guint i = 0; i < n && first + i < last; i++)
    store_value (m, info, g_array_index (ri->cells, guint, i),
                 g_ptr_array_index (values, first + i), location);

  if (last - first > n)
    {
      GString *extra = g_string_new (NULL);

      for (guint i = first + n; i < last; i++)
        g_string_append_printf (extra, "%s“%s”", extra->len ? "、" : "",
                                (const char *)g_ptr_array_index (values, i));
      _nb_import_add_finding (m, NB_SEVERITY_ERROR, "ROW-EXTRA-VALUES", location,
                              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Row “%s” has %u values for %u column; the extra %s was not imported",
                                                            "Row “%s” has %u values for %u columns; the extra %s was not imported",
                                                            n),
                                               label, last - first, n, extra->str));
      g_string_free (extra, TRUE);
    }
  else if (last - first < n)
    _nb_import_add_finding (m, NB_SEVERITY_ERROR, "ROW-MISSING-VALUES", location,
                            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Row “%s” has %u values for %u column; the last cells were left blank",
                                                          "Row “%s” has %u values for %u columns; the last cells were left blank",
                                                          n),
                                             label, last - first, n));
}

/* The cells up to @last_label are labels (those with letters), the rest
 * values. */
static gboolean
split_row (NbImportRow *row,
           int          last_label,
           GPtrArray   *labels,
           GPtrArray   *values)
{
  gboolean any_value = FALSE;

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_set_size (values, 0);
  for (guint c = 0; c < row->cells->len; c++)
    {
      const char *text = g_ptr_array_index (row->cells, c);

      if ((int)c <= last_label)
        {
          if (_nb_import_has_letters (text))
            g_ptr_array_add (labels, (gpointer)text);
        }
      else
        {
          g_ptr_array_add (values, (gpointer)text);
          if (!_nb_import_is_blank (text))
            any_value = TRUE;
        }
    }
  return any_value;
}

/* The row of a table that has no label (table 四's one row), or NULL. */
static NbImportRowInfo *
unlabelled_row (NbImportTableInfo *info)
{
  NbImportRowInfo *found = NULL;

  for (guint r = 0; r < info->rows->len; r++)
    if (*((NbImportRowInfo *)g_ptr_array_index (info->rows, r))->label == '\0')
      {
        if (found != NULL)
          return NULL;
        found = g_ptr_array_index (info->rows, r);
      }
  return found;
}

/* A row of a table whose one row has no label (table 四), starting with
 * text that is no label of the table: the unlabelled row all the same.
 * Its leading texts are labels when the values after them fill the row
 * ("本机关", then 15 values), else the first of them are values ("不详",
 * then 14): they are stored, so the checks name each bad one.  Returns the
 * last label cell, or -2 when the row is not that. */
static int
relabel_unlabelled (NbImportTableInfo  *info,
                    NbImportRow        *row,
                    int                 last_label,
                    NbImportRowInfo   **unlabelled)
{
  guint n, total = row->cells->len;

  *unlabelled = unlabelled_row (info);
  if (*unlabelled == NULL)
    return -2;
  n = (*unlabelled)->cells->len;
  while (total > 0 && _nb_import_is_blank (g_ptr_array_index (row->cells, total - 1)))
    total--;
  if (total <= (guint)(last_label + 1))
    return -2; /* no value at all */
  if (total - (guint)(last_label + 1) >= n)
    return last_label;
  return MIN (last_label, (int)(total > n ? total - n : 0) - 1);
}

/* The index of a row's last label cell, or -1: the labels end at the last
 * cell that is a label of this table; only a row no label of which is
 * known ends at its last cell with letters (a value such as "12a" after
 * the labels is a value, if not a number). */
static int
find_last_label (NbImportTableInfo *info,
                 NbImportRow       *row)
{
  int last_label = -1;

  for (guint c = 0; c < row->cells->len; c++)
    {
      const char *text = g_ptr_array_index (row->cells, c);
      g_autofree char *k = NULL;

      if (!_nb_import_has_letters (text))
        continue;
      k = nb_import_normalize_label (text);
      if (g_hash_table_contains (info->labels, k) || g_hash_table_contains (info->groups, k)
          || _nb_import_is_header (info, k))
        last_label = (int)c;
    }
  if (last_label < 0)
    for (guint c = 0; c < row->cells->len; c++)
      {
        if (_nb_import_looks_numeric (g_ptr_array_index (row->cells, c))
            || _nb_import_is_nil_word (g_ptr_array_index (row->cells, c)))
          break;
        if (_nb_import_has_letters (g_ptr_array_index (row->cells, c)))
          last_label = (int)c;
      }
  return last_label;
}

/* A row of labels only is a header row when one of them is a text of the
 * printed header: it gives the fee decimals and units, and says if any of
 * its cells is not the format's.  FALSE for a row of group labels. */
static gboolean
read_header_row (NbImportMapper    *m,
                 NbImportTableInfo *info,
                 GPtrArray         *labels,
                 const char        *location)
{
  gboolean all_known = TRUE, any_header = FALSE;

  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *k = nb_import_normalize_label (g_ptr_array_index (labels, i));

      _nb_import_read_fee_decimals (m, g_ptr_array_index (labels, i));
      check_unit (m, info, g_ptr_array_index (labels, i), location);
      if (_nb_import_is_header (info, k))
        any_header = TRUE;
      else if (!g_hash_table_contains (info->groups, k))
        all_known = FALSE;
    }
  if (any_header && !all_known)
    {
      g_autofree char *short_text = _nb_import_excerpt (g_ptr_array_index (labels, labels->len - 1));

      _nb_import_add_finding (m, NB_SEVERITY_WARNING, "HEADER-UNKNOWN", location,
                              g_strdup_printf (_("Some header cells of this row are not those of the format, e.g. “%s”"),
                                               short_text));
    }
  return any_header;
}

/* Why a row was not imported: no row of the table has its label, or
 * @n_candidates rows could have it. */
static void
report_unmatched (NbImportMapper    *m,
                  NbImportTableInfo *info,
                  guint              n_candidates,
                  gboolean           any_value,
                  gboolean           labelled,
                  const char        *short_label,
                  const char        *location)
{
  const char *heading = info->section ? info->section->heading : "";

  if (n_candidates > 1)
    _nb_import_add_finding (m, NB_SEVERITY_ERROR, "ROW-AMBIGUOUS", location,
                            g_strdup_printf (_("Row “%s” could be any of %u rows of the table (its group heading is missing); it was not imported"),
                                             short_label, n_candidates));
  else if (any_value)
    _nb_import_add_finding (m, NB_SEVERITY_ERROR, "ROW-UNKNOWN", location,
                            labelled ? g_strdup_printf (_("Row “%s” is not a row of table “%s” in edition %s; its values were not imported"),
                                                        short_label, heading, nb_edition_get_id (m->edition))
                                     : g_strdup_printf (_("A row of values without a label in table “%s”; it was not imported"),
                                                        heading));
  else
    _nb_import_add_finding (m, NB_SEVERITY_WARNING, "ROW-UNKNOWN", location,
                            g_strdup_printf (_("Row “%s” is not part of table “%s”; it was skipped"),
                                             short_label, heading));
}

/* A row found by another edition's wording (@variant) or by a looser
 * match of its label: say which row it was read as. */
static void
report_reading (NbImportMapper    *m,
                NbImportTableInfo *info,
                NbImportRowInfo   *ri,
                gboolean           variant,
                const char        *short_label,
                const char        *location)
{
  if (variant)
    _nb_import_add_finding (m, NB_SEVERITY_WARNING, "LABEL-VARIANT", location,
                            g_strdup_printf (_("Row “%s” is another edition’s wording; it was read as “%s” of edition %s"),
                                             short_label, _nb_import_row_display_label (info, ri),
                                             nb_edition_get_id (m->edition)));
  else
    _nb_import_add_finding (m, NB_SEVERITY_WARNING, "ROW-LOOSE-MATCH", location,
                            g_strdup_printf (_("Row “%s” was read as “%s”"),
                                             short_label,
                                             _nb_import_row_display_label (info, ri)));
}

static void
map_row (NbImportMapper *m,
         NbImportBlock  *block,
         guint           index,
         RowState       *state)
{
  NbImportRow *row = g_ptr_array_index (block->rows, index);
  NbImportTableInfo *info = state->info;
  g_autofree char *location = row_location (block, row, index);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *key = NULL;
  g_autofree char *short_label = NULL;
  int last_label = -1;
  gboolean any_value = FALSE, loose = FALSE, variant = FALSE;
  NbImportRowInfo *ri;

  last_label = find_last_label (info, row);
  any_value = split_row (row, last_label, labels, values);
  if (labels->len == 0 && !any_value)
    return;

  if (!any_value && read_header_row (m, info, labels, location))
    return;

  /* Group labels set the context for the rows under them. */
  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *k = nb_import_normalize_label (g_ptr_array_index (labels, i));
      guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (info->groups, k));

      g_string_append (joined, k);
      if (depth > 0)
        set_context (state->context, depth - 1, k);
    }

  if (labels->len == 0)
    {
      /* Values without a label: the one unlabelled row (table 四). */
      candidates = g_ptr_array_new ();
      for (guint r = 0; r < info->rows->len; r++)
        if (*((NbImportRowInfo *)g_ptr_array_index (info->rows, r))->label == '\0')
          g_ptr_array_add (candidates, g_ptr_array_index (info->rows, r));
      key = g_strdup ("");
    }
  else
    {
      key = nb_import_normalize_label (g_ptr_array_index (labels, labels->len - 1));
      candidates = _nb_import_find_rows (info, key, joined->str, state->context, &loose, &variant);
    }

  if (labels->len > 0)
    short_label = _nb_import_excerpt (g_ptr_array_index (labels, labels->len - 1));
  else
    short_label = g_strdup ("");

  if (candidates->len == 0)
    {
      const char *text = labels->len ? g_ptr_array_index (labels, labels->len - 1) : "";
      NbImportRowInfo *unlabelled = NULL;
      int relabelled;

      if (labels->len > 0 && g_hash_table_contains (info->groups, key))
        {
          if (any_value)
            _nb_import_add_finding (m, NB_SEVERITY_ERROR, "ROW-IS-GROUP", location,
                                    g_strdup_printf (_("“%s” is a group of rows in edition %s, not a row; the values on this line were not imported (an edition %s row?)"),
                                                     text, nb_edition_get_id (m->edition),
                                                     g_str_equal (nb_edition_get_id (m->edition), "2021") ? "2019" : "2021"));
          return;
        }
      relabelled = labels->len > 0 ? relabel_unlabelled (info, row, last_label, &unlabelled) : -2;
      if (relabelled >= -1)
        {
          last_label = relabelled;
          any_value = split_row (row, last_label, labels, values);
          g_ptr_array_add (candidates, unlabelled);
          /* The label is not the format's: say which row it was read as. */
          loose = labels->len > 0;
          g_free (short_label);
          short_label = loose ? _nb_import_excerpt (g_ptr_array_index (labels, labels->len - 1)) : g_strdup ("");
        }
    }
  if (candidates->len != 1)
    {
      report_unmatched (m, info, candidates->len, any_value, labels->len > 0, short_label, location);
      return;
    }

  ri = g_ptr_array_index (candidates, 0);
  /* The row's groups are now the context, for the rows that follow. */
  for (guint d = 0; ri->groups[d] != NULL; d++)
    set_context (state->context, d, ri->groups[d]);
  while (state->context->len > g_strv_length (ri->groups))
    g_ptr_array_remove_index (state->context, state->context->len - 1);

  if (variant || loose)
    report_reading (m, info, ri, variant, short_label, location);
  if (info->sources[ri->row] != NULL)
    {
      _nb_import_add_finding (m, NB_SEVERITY_ERROR, "ROW-DUPLICATE", location,
                              g_strdup_printf (_("Row “%s” appears again (first at %s); this one was not imported"),
                                               _nb_import_row_display_label (info, ri),
                                               info->sources[ri->row]));
      return;
    }
  info->sources[ri->row] = g_strdup (location);
  if (!map_values_by_layout (m, info, ri, row, last_label, location,
                             _nb_import_row_display_label (info, ri)))
    map_values (m, info, ri, values, location, _nb_import_row_display_label (info, ri));
}

/* How many rows of @block the table knows: decides which table it is. */
static guint
score_table (NbImportTableInfo *info,
             NbImportBlock     *block)
{
  guint score = 0;

  for (guint r = 0; r < block->rows->len; r++)
    {
      NbImportRow *row = g_ptr_array_index (block->rows, r);

      for (guint c = 0; c < row->cells->len; c++)
        {
          const char *text = g_ptr_array_index (row->cells, c);
          g_autofree char *key = NULL;

          if (!_nb_import_has_letters (text))
            continue;
          key = nb_import_normalize_label (text);
          if (_nb_import_is_header (info, key) || g_hash_table_contains (info->groups, key))
            score++;
          else
            for (guint i = 0; i < info->rows->len; i++)
              if (g_str_equal (((NbImportRowInfo *)g_ptr_array_index (info->rows, i))->label, key))
                {
                  score++;
                  break;
                }
        }
    }
  return score;
}

const char *
_nb_import_row_display_label (NbImportTableInfo *info,
                              NbImportRowInfo   *ri)
{
  const NbEditionRow *row = nb_edition_table_get_row (info->table, ri->row);

  if (row->label != NULL && *row->label != '\0')
    return row->label;
  return info->section ? info->section->heading : nb_edition_table_get_caption (info->table);
}

/* The table of the format whose rows @block knows best, or NULL. */
NbImportTableInfo *
_nb_import_choose_table (NbImportMapper *m,
                         NbImportBlock  *block)
{
  NbImportTableInfo *chosen = NULL;
  guint best = 0;

  for (guint t = 0; t < m->tables->len; t++)
    {
      NbImportTableInfo *info = g_ptr_array_index (m->tables, t);
      guint score = score_table (info, block);

      /* The section's own table wins a tie. */
      if (score > best || (score == best && score > 0 && m->current == info->section))
        {
          best = score;
          chosen = info;
        }
    }
  return chosen;
}

void
_nb_import_map_table (NbImportMapper *m,
                      NbImportBlock  *block)
{
  NbImportTableInfo *chosen = _nb_import_choose_table (m, block);
  RowState state = { NULL, NULL };
  g_autofree char *location = _nb_import_block_location (block);

  if (chosen == NULL && m->current != NULL && m->current->table_id != NULL)
    {
      /* Only numbers: the section tells which table. */
      for (guint t = 0; t < m->tables->len; t++)
        if (((NbImportTableInfo *)g_ptr_array_index (m->tables, t))->section == m->current)
          chosen = g_ptr_array_index (m->tables, t);
    }
  if (chosen == NULL && block->rows->len == 1 && m->current != NULL
      && m->current->table_id == NULL)
    {
      /* One row of text in a narrative section ("联系电话：\t0379…"): a
       * paragraph that happens to hold a tab or sit in a frame. */
      NbImportRow *row = g_ptr_array_index (block->rows, 0);
      GString *text = g_string_new (NULL);

      for (guint c = 0; c < row->cells->len; c++)
        if (!_nb_import_is_blank (g_ptr_array_index (row->cells, c)))
          g_string_append_printf (text, "%s%s", text->len ? " " : "",
                                  (const char *)g_ptr_array_index (row->cells, c));
      g_ptr_array_add (_nb_import_section_paragraphs (m, m->current),
                       nb_paragraph_new_text (NB_PARAGRAPH_BODY, text->str));
      g_string_append_printf (m->contact_text, "%s\n", text->str);
      g_string_free (text, TRUE);
      return;
    }
  if (chosen == NULL)
    {
      _nb_import_add_finding (m, NB_SEVERITY_WARNING, "TABLE-UNKNOWN", location,
                              g_strdup_printf (_("A table of %u rows matches no table of the report format; it was not imported"),
                                               block->rows->len));
      return;
    }
  if (m->current != NULL && m->current != chosen->section)
    _nb_import_add_finding (m, NB_SEVERITY_WARNING, "TABLE-MISPLACED", location,
                            g_strdup_printf (_("The table under “%s” is the table of “%s”; it was imported there"),
                                             m->current->heading, chosen->section ? chosen->section->heading : ""));

  chosen->found = TRUE;
  state.info = chosen;
  state.context = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < block->rows->len; r++)
    map_row (m, block, r, &state);
  g_ptr_array_unref (state.context);
}
