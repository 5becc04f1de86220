/* nb-import-paste.c: a block pasted with its row or column labels
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-import-labels.h"

/* Pasting a block with its labels */

/* Digits, signs, separators and a percent sign (after NFKC), with at least
 * one digit unless @allow_empty. */
static gboolean
is_number_text (const char *text,
                gboolean    allow_empty)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        digit = TRUE;
      else if (!_nb_import_is_space_char (c) && (c >= 0x80 || strchr (".,-+%", (int)c) == NULL))
        return FALSE;
    }
  return digit || allow_empty;
}

/* The unit a pasted value ends with: a count's ("12 件", from the import
 * lexicon) or one of the edition's money units ("3.5万元"); NULL if none. */
static const char *
find_value_unit (NbEdition  *edition,
                 const char *clean,
                 gboolean   *is_money)
{
  const char * const *counts = (const char * const *)_nb_import_lexicon ()->count_units;
  const NbMoneyUnit *money;
  guint n_money = 0;

  money = nb_edition_get_money_units (edition, &n_money);
  /* Longest first ("万元" before "元"), as the edition lists them. */
  for (guint i = 0; i < n_money; i++)
    if (g_str_has_suffix (clean, money[i].name))
      {
        *is_money = TRUE;
        return money[i].name;
      }
  for (guint i = 0; counts[i] != NULL; i++)
    if (g_str_has_suffix (clean, counts[i]))
      {
        *is_money = FALSE;
        return counts[i];
      }
  return NULL;
}

/* A field of a pasted block that holds a number (or nothing) rather than
 * a label: a number, perhaps with its unit ("12 件", "3.5万元"). */
static gboolean
is_value_field (NbEdition  *edition,
                const char *field)
{
  g_autofree char *clean = g_utf8_normalize (field, -1, G_NORMALIZE_NFKC);
  gboolean is_money = FALSE;
  const char *unit;

  if (clean == NULL)
    return FALSE;
  g_strstrip (clean);
  unit = find_value_unit (edition, clean, &is_money);
  if (unit != NULL)
    {
      clean[strlen (clean) - strlen (unit)] = '\0';
      return is_number_text (clean, FALSE);
    }
  return is_number_text (clean, TRUE);
}

/* What goes into the cell for a pasted value: a count without its unit
 * ("12 件" is 12); an amount as written, which the report converts from its
 * unit exactly ("3.5万元"). */
static char *
pasted_cell_text (NbEdition           *edition,
                  const NbEditionCell *cell,
                  const char          *field)
{
  g_autofree char *clean = g_utf8_normalize (field, -1, G_NORMALIZE_NFKC);
  gboolean is_money = FALSE;
  const char *unit;

  if (clean == NULL || cell->kind == NB_VALUE_MONEY)
    return g_strdup (field);
  g_strstrip (clean);
  unit = find_value_unit (edition, clean, &is_money);
  if (unit == NULL || is_money)
    return g_strdup (field);
  clean[strlen (clean) - strlen (unit)] = '\0';
  if (!is_number_text (clean, FALSE))
    return g_strdup (field);
  return g_strdup (g_strstrip (clean));
}

static char *
unquote_field (const char *field)
{
  g_autofree char *stripped = g_strstrip (g_strdup (field));
  gsize len = strlen (stripped);

  /* Spreadsheets quote a field that holds a quote or a separator. */
  if (len >= 2 && stripped[0] == '"' && stripped[len - 1] == '"')
    {
      g_autofree char *inner = g_strndup (stripped + 1, len - 2);
      g_auto(GStrv) parts = g_strsplit (inner, "\"\"", -1);

      return g_strjoinv ("\"", parts);
    }
  return g_steal_pointer (&stripped);
}

GPtrArray *
nb_import_split_pasted_block (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_auto(GStrv) crlf = g_strsplit (text, "\r\n", -1);
  g_autofree char *joined = g_strjoinv ("\n", crlf);
  g_auto(GStrv) cr = g_strsplit (joined, "\r", -1);
  g_autofree char *normalized = g_strjoinv ("\n", cr);
  g_auto(GStrv) raw = g_strsplit (normalized, "\n", -1);
  guint n = g_strv_length (raw);

  /* A block copied from a spreadsheet ends with a newline. */
  while (n > 0 && *raw[n - 1] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) fields = g_strsplit (raw[i], "\t", -1);
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint j = 0; fields[j] != NULL; j++)
        {
          g_autofree char *field = unquote_field (fields[j]);

          g_strv_builder_add (builder, field);
        }
      g_ptr_array_add (lines, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  return lines;
}

/* Where the leading labels of a line end: after its last label before the
 * first number. */
static guint
count_label_fields (NbEdition *edition,
                    GStrv      fields)
{
  guint lead = 0;

  for (guint j = 0; fields[j] != NULL; j++)
    {
      if (*fields[j] != '\0' && is_value_field (edition, fields[j]))
        break;
      if (*fields[j] != '\0')
        lead = j + 1;
    }
  return lead;
}

static int
find_pasted_column (const NbEditionTable *table,
                    const char           *text,
                    GError              **error)
{
  g_autofree char *key = nb_import_normalize_label (text);
  g_autofree char *stem = _nb_import_label_stem (key);
  int found = -1;
  guint n_found = 0;

  for (guint pass = 0; pass < 2 && n_found == 0; pass++)
    for (guint c = 0; c < nb_edition_table_get_n_columns (table); c++)
      {
        const NbEditionColumn *column = nb_edition_table_get_column (table, c);
        g_autofree char *label = nb_import_normalize_label (column->label ? column->label : "");
        g_autofree char *full = nb_import_normalize_label (column->full_label ? column->full_label
                                                                              : "");
        gboolean hit;

        /* The full label first: "小计" alone is in more than one group. */
        if (pass == 0)
          hit = g_str_equal (full, key);
        else
          {
            g_autofree char *label_stem_key = _nb_import_label_stem (label);

            hit = g_str_equal (label, key) || (*stem != '\0' && g_str_equal (label_stem_key, stem));
          }
        if (hit)
          {
            found = (int)c;
            n_found++;
          }
      }
  if (n_found == 1)
    return found;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               n_found == 0
                 ? _("The column label “%s” matches no column of the table; nothing was pasted")
                 : _("The column label “%s” matches more than one column of the table; nothing was pasted"),
               text);
  return -1;
}

static NbImportRowInfo *
find_pasted_row (NbImportTableInfo  *info,
                 GStrv               labels,
                 GError            **error)
{
  g_autoptr(GPtrArray) context = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *shown = g_strjoinv (" ", labels);
  g_autofree char *key = NULL;
  g_autofree char *joined_raw = g_strjoinv ("", labels);
  g_autofree char *joined = nb_import_normalize_label (joined_raw);
  guint n = g_strv_length (labels);
  gboolean loose, variant;

  for (guint i = 0; i + 1 < n; i++)
    g_ptr_array_add (context, nb_import_normalize_label (labels[i]));
  key = nb_import_normalize_label (n > 0 ? labels[n - 1] : "");
  rows = _nb_import_find_rows (info, key, joined, context, &loose, &variant);
  if (rows->len == 1)
    return g_ptr_array_index (rows, 0);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               rows->len == 0
                 ? _("The row label “%s” matches no row of the table; nothing was pasted")
                 : _("The row label “%s” matches more than one row of the table; nothing was pasted"),
               shown);
  return NULL;
}

static int
find_cell_in_row (const NbEditionTable  *table,
                  const NbImportRowInfo *ri,
                  guint                  column)
{
  for (guint k = 0; k < ri->cells->len; k++)
    {
      guint cell = g_array_index (ri->cells, guint, k);

      if (nb_edition_table_get_cell (table, cell)->column == column)
        return (int)cell;
    }
  return -1;
}

/* What mapping one pasted block keeps between its lines. */
typedef struct
{
  NbEdition            *edition;
  const NbEditionTable *table;
  NbImportTableInfo    *info;
  const NbEditionCell  *at;           /* the cursor's cell */
  gboolean              header;       /* the first line names the columns */
  guint                 n_label_fields;
  GArray               *columns;      /* the table column of each value field (header) */
  GPtrArray            *carried;      /* the label fields carried down from above */
  GHashTable           *seen_rows;
  guint                 next_row;     /* without labels: the next row to fill */
  GArray               *cells;
  GStrvBuilder         *texts;
} PasteMap;

static void
paste_map_clear (PasteMap *map)
{
  g_clear_pointer (&map->info, _nb_import_table_info_free);
  g_clear_pointer (&map->columns, g_array_unref);
  g_clear_pointer (&map->carried, g_ptr_array_unref);
  g_clear_pointer (&map->seen_rows, g_hash_table_unref);
  g_clear_pointer (&map->cells, g_array_unref);
  g_clear_pointer (&map->texts, g_strv_builder_unref);
}

/* The table column each value field of the header line names. */
static gboolean
map_header (PasteMap  *map,
            GStrv      first,
            GError   **error)
{
  for (guint j = map->n_label_fields; first[j] != NULL; j++)
    {
      int column = -1;

      if (*first[j] != '\0' && (column = find_pasted_column (map->table, first[j], error)) < 0)
        return FALSE;
      /* Two columns of the block for one of the table: which one holds
       * the values is not ours to guess. */
      for (guint k = 0; column >= 0 && k < map->columns->len; k++)
        if (g_array_index (map->columns, int, k) == column)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("The column label “%s” appears twice in the pasted block; nothing was pasted"),
                         first[j]);
            return FALSE;
          }
      g_array_append_val (map->columns, column);
    }
  return TRUE;
}

/* The row a line's label fields name; NULL with @error. */
static NbImportRowInfo *
labelled_row (PasteMap  *map,
              GStrv      fields,
              GError   **error)
{
  guint n_fields = g_strv_length (fields);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) row_labels = NULL;
  NbImportRowInfo *ri;

  /* A merged group cell is copied once, then blank: carry it down. */
  for (guint j = 0; j < map->n_label_fields; j++)
    {
      const char *field = j < n_fields ? fields[j] : "";

      if (j >= map->carried->len)
        g_ptr_array_add (map->carried, g_strdup (""));
      if (*field != '\0')
        {
          g_free (g_ptr_array_index (map->carried, j));
          g_ptr_array_index (map->carried, j) = g_strdup (field);
          for (guint k = j + 1; k < map->carried->len; k++)
            {
              g_free (g_ptr_array_index (map->carried, k));
              g_ptr_array_index (map->carried, k) = g_strdup ("");
            }
        }
    }
  for (guint j = 0; j < map->n_label_fields; j++)
    if (*(const char *)g_ptr_array_index (map->carried, j) != '\0')
      g_strv_builder_add (labels, g_ptr_array_index (map->carried, j));
  row_labels = g_strv_builder_end (labels);
  ri = find_pasted_row (map->info, row_labels, error);
  if (ri == NULL)
    return NULL;
  /* The same row twice: one of them would silently win. */
  if (!g_hash_table_add (map->seen_rows, ri))
    {
      g_autofree char *shown = g_strjoinv (" ", row_labels);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The row label “%s” appears twice in the pasted block; nothing was pasted"),
                   shown);
      return NULL;
    }
  return ri;
}

/* Without labels, lines fill the rows with cells from the cursor's row
 * down; NULL with @error past the last. */
static NbImportRowInfo *
next_row (PasteMap  *map,
          GError   **error)
{
  GPtrArray *rows = map->info->rows;

  while (map->next_row < rows->len
         && ((NbImportRowInfo *)g_ptr_array_index (rows, map->next_row))->cells->len == 0)
    map->next_row++;
  if (map->next_row >= rows->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The pasted block has more lines than the table has rows below the cursor; nothing was pasted"));
      return NULL;
    }
  return g_ptr_array_index (rows, map->next_row++);
}

/* The value fields of line @line (0-based) into the cells of row @ri. */
static gboolean
map_values (PasteMap         *map,
            GStrv             fields,
            guint             line,
            NbImportRowInfo  *ri,
            GError          **error)
{
  const NbEditionTable *table = map->table;
  guint n_fields = g_strv_length (fields);
  guint start = 0;

  /* Without column labels the values run from the cursor's column, or
   * from the row's first cell when they fill the whole row. */
  if (!map->header && n_fields - MIN (n_fields, map->n_label_fields) != ri->cells->len)
    for (guint k = 0; k < ri->cells->len; k++)
      if (nb_edition_table_get_cell (table, g_array_index (ri->cells, guint, k))->column
          == map->at->column)
        start = k;

  for (guint j = map->n_label_fields; j < n_fields; j++)
    {
      guint v = j - map->n_label_fields;
      int cell = -1;

      if (map->header)
        {
          int column = v < map->columns->len ? g_array_index (map->columns, int, v) : -1;

          if (column < 0)
            {
              if (*fields[j] == '\0')
                continue;
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The value “%s” in line %u has no column label; nothing was pasted"),
                           fields[j], line + 1);
              return FALSE;
            }
          cell = find_cell_in_row (table, ri, (guint)column);
        }
      else if (start + v < ri->cells->len)
        cell = (int)g_array_index (ri->cells, guint, start + v);

      if (cell < 0)
        {
          const NbEditionRow *row = nb_edition_table_get_row (table, ri->row);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The value “%s” in line %u does not fit in the row “%s”; nothing was pasted"),
                       fields[j], line + 1, row->label);
          return FALSE;
        }
      if (nb_edition_table_get_cell (table, (guint)cell)->computed)
        continue;
      g_array_append_val (map->cells, cell);
      {
        g_autofree char *cell_text =
          pasted_cell_text (map->edition, nb_edition_table_get_cell (table, (guint)cell), fields[j]);

        g_strv_builder_add (map->texts, cell_text);
      }
    }
  return TRUE;
}

/**
 * nb_import_map_pasted_block:
 * @edition: the report's edition
 * @table: the table pasted into
 * @text: tab-separated lines, as spreadsheets copy them
 * @cursor: the cell pasted at (where a block without column labels starts)
 * @has_labels: (out): whether the block carries row or column labels
 * @cells: (out): the cells to set, in the block's order (computed totals left out)
 * @texts: (out): their new texts
 *
 * Maps a block whose first column(s) hold row labels and/or whose first
 * line holds column labels to the table's cells by those labels, with the
 * importer's label matching.  A block without labels is not mapped
 * (@has_labels FALSE): it is pasted by position at the cursor.
 *
 * Returns: FALSE with @error naming the label when one cannot be placed.
 */
gboolean
nb_import_map_pasted_block (NbEdition             *edition,
                            const NbEditionTable  *table,
                            const char            *text,
                            guint                  cursor,
                            gboolean              *has_labels,
                            GArray               **cells,
                            GStrv                 *texts,
                            GError               **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  PasteMap map = { edition, table };
  guint first_data;
  gboolean ok = TRUE;

  g_return_val_if_fail (edition != NULL && table != NULL && text != NULL, FALSE);
  g_return_val_if_fail (cursor < nb_edition_table_get_n_cells (table), FALSE);

  *has_labels = FALSE;
  lines = nb_import_split_pasted_block (text);
  if (lines->len == 0)
    return TRUE;

  /* A first line of labels only, above lines with numbers, names columns. */
  if (lines->len > 1)
    {
      GStrv first = g_ptr_array_index (lines, 0);

      map.header = TRUE;
      for (guint j = 0; first[j] != NULL; j++)
        if (*first[j] != '\0' && is_value_field (edition, first[j]))
          map.header = FALSE;
    }
  first_data = map.header ? 1 : 0;
  for (guint i = first_data; i < lines->len; i++)
    map.n_label_fields = MAX (map.n_label_fields,
                              count_label_fields (edition, g_ptr_array_index (lines, i)));
  if (!map.header && map.n_label_fields == 0)
    return TRUE;
  /* One line of text alone is no labelled block: pasted as it is. */
  if (!map.header && lines->len == 1)
    {
      GStrv only = g_ptr_array_index (lines, 0);

      if (only[map.n_label_fields] == NULL)
        return TRUE;
    }
  *has_labels = TRUE;

  map.info = _nb_import_table_info_new (edition, table);
  map.at = nb_edition_table_get_cell (table, cursor);
  map.columns = g_array_new (FALSE, FALSE, sizeof (int));
  map.carried = g_ptr_array_new_with_free_func (g_free);
  map.seen_rows = g_hash_table_new (NULL, NULL);
  map.next_row = map.at->row;
  map.cells = g_array_new (FALSE, FALSE, sizeof (guint));
  map.texts = g_strv_builder_new ();

  if (map.header)
    ok = map_header (&map, g_ptr_array_index (lines, 0), error);
  for (guint i = first_data; i < lines->len && ok; i++)
    {
      GStrv fields = g_ptr_array_index (lines, i);
      NbImportRowInfo *ri = map.n_label_fields > 0 ? labelled_row (&map, fields, error)
                                                   : next_row (&map, error);

      ok = ri != NULL && map_values (&map, fields, i, ri, error);
    }
  if (ok)
    {
      *cells = g_steal_pointer (&map.cells);
      *texts = g_strv_builder_end (map.texts);
    }
  paste_map_clear (&map);
  return ok;
}
