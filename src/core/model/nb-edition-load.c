/* nb-edition-load.c: an edition read from its JSON: sections, tables, rules,
 * labels, the summary and the money units, each checked as it is read
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-edition"

#include "config.h"

#include <json-glib/json-glib.h>

#include "nb-edition-private.h"

static NbEditionTable *
table_new (void)
{
  NbEditionTable *table = g_new0 (NbEditionTable, 1);

  table->rows = g_array_new (FALSE, TRUE, sizeof (NbEditionRow));
  table->columns = g_array_new (FALSE, TRUE, sizeof (NbEditionColumn));
  table->cells = g_array_new (FALSE, TRUE, sizeof (NbEditionCell));
  table->layout = g_array_new (FALSE, TRUE, sizeof (NbLayoutItem));
  table->instances = g_array_new (FALSE, TRUE, sizeof (NbRuleInstance));
  table->cell_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  return table;
}

typedef struct
{
  NbEdition *self;
  GError    *error;
} Loader;

G_GNUC_PRINTF (2, 3) static gboolean
loader_fail (Loader     *loader,
             const char *format,
             ...)
{
  va_list args;

  if (loader->error == NULL)
    {
      g_autofree char *message = NULL;

      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      loader->error = g_error_new (NB_EDITION_ERROR, NB_EDITION_ERROR_INVALID,
                                   "Edition data is invalid: %s", message);
    }
  return FALSE;
}

static const char *
intern (Loader     *loader,
        const char *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert_const (loader->self->strings, text);
}

static const char *
get_string (Loader     *loader,
            JsonObject *object,
            const char *member,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        loader_fail (loader, "missing “%s”", member);
      return NULL;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      loader_fail (loader, "“%s” is not a string", member);
      return NULL;
    }
  return intern (loader, json_node_get_string (node));
}

static gint64
get_int (Loader     *loader,
         JsonObject *object,
         const char *member,
         gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fallback;
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    {
      loader_fail (loader, "“%s” is not an integer", member);
      return fallback;
    }
  return json_node_get_int (node);
}

static JsonArray *
get_array (Loader     *loader,
           JsonObject *object,
           const char *member,
           gboolean    required)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        loader_fail (loader, "missing “%s”", member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      loader_fail (loader, "“%s” is not an array", member);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
array_object (Loader    *loader,
              JsonArray *array,
              guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      loader_fail (loader, "element %u is not an object", index);
      return NULL;
    }
  return json_node_get_object (node);
}

static const char * const *
get_string_list (Loader     *loader,
                 JsonObject *object,
                 const char *member)
{
  JsonArray *array = get_array (loader, object, member, FALSE);
  const char **list;
  guint n = array ? json_array_get_length (array) : 0;

  list = g_new0 (const char *, n + 1);
  g_ptr_array_add (loader->self->string_arrays, list);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          loader_fail (loader, "“%s” holds a non-string", member);
          break;
        }
      list[i] = intern (loader, json_node_get_string (node));
    }
  return list;
}

static gboolean
load_sections (Loader    *loader,
               JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (loader, array, i);
      NbEditionSection section = { 0 };

      if (object == NULL)
        return FALSE;
      section.id = get_string (loader, object, "id", TRUE);
      section.number = get_string (loader, object, "number", TRUE);
      section.title = get_string (loader, object, "title", TRUE);
      section.heading = get_string (loader, object, "heading", TRUE);
      section.table_id = get_string (loader, object, "table", FALSE);
      section.guidance = get_string (loader, object, "guidance", FALSE);
      section.max_chars = (guint)CLAMP (get_int (loader, object, "max_chars", 0), 0, G_MAXINT);
      section.must_differ = json_object_get_boolean_member_with_default (object, "must_differ",
                                                                         FALSE);
      section.subheadings = get_string_list (loader, object, "subheadings");
      section.variants = get_string_list (loader, object, "variants");
      if (loader->error != NULL)
        return FALSE;
      g_array_append_val (loader->self->sections, section);
    }
  return TRUE;
}

static gboolean
load_columns (Loader         *loader,
              NbEditionTable *table,
              JsonArray      *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (loader, array, i);
      NbEditionColumn column = { 0 };
      const char *kind;

      if (object == NULL)
        return FALSE;
      column.id = get_string (loader, object, "id", TRUE);
      column.label = get_string (loader, object, "label", TRUE);
      column.full_label = get_string (loader, object, "full_label", FALSE);
      if (column.full_label == NULL)
        column.full_label = column.label;
      kind = get_string (loader, object, "kind", FALSE);
      column.kind = NB_VALUE_COUNT;
      if (kind != NULL && !nb_value_kind_from_string (kind, &column.kind))
        return loader_fail (loader, "column “%s” has unknown kind “%s”", column.id, kind);
      column.unit = get_string (loader, object, "unit", FALSE);
      column.max_decimals = (guint)get_int (loader, object, "max_decimals",
                                            column.kind == NB_VALUE_MONEY ? NB_MONEY_MAX_DECIMALS : 0);
      if (column.max_decimals > NB_MONEY_MAX_DECIMALS
          || (column.kind != NB_VALUE_MONEY && column.max_decimals != 0))
        return loader_fail (loader, "column “%s” has an impossible precision", column.id);
      if (loader->error != NULL)
        return FALSE;
      if (nb_edition_table_find_column (table, column.id) >= 0)
        return loader_fail (loader, "column id “%s” is used twice", column.id);
      g_array_append_val (table->columns, column);
    }
  return TRUE;
}

/* The grid of one table, filled the way an HTML table is: each cell takes the
 * next free slot of its row. */
typedef struct
{
  guint   width;
  GArray *occupied; /* gboolean, width per grid row */
} Grid;

static gboolean *
grid_slot (Grid  *grid,
           guint  row,
           guint  column)
{
  guint needed = (row + 1) * grid->width;

  if (grid->occupied->len < needed)
    g_array_set_size (grid->occupied, needed);
  return &g_array_index (grid->occupied, gboolean, row * grid->width + column);
}

static gboolean
grid_place (Loader         *loader,
            NbEditionTable *table,
            Grid           *grid,
            NbLayoutItem   *item)
{
  if (item->row_span == 0 || item->column_span == 0
      || item->column + item->column_span > grid->width)
    return loader_fail (loader, "table “%s”: a cell does not fit in the grid at row %u", table->id,
                        item->row);
  for (guint r = item->row; r < item->row + item->row_span; r++)
    for (guint c = item->column; c < item->column + item->column_span; c++)
      {
        gboolean *slot = grid_slot (grid, r, c);

        if (*slot)
          return loader_fail (loader, "table “%s”: cells overlap at row %u, column %u",
                              table->id, r, c);
        *slot = TRUE;
      }
  table->grid_height = MAX (table->grid_height, item->row + item->row_span);
  g_array_append_val (table->layout, *item);
  return TRUE;
}

static guint
grid_next_free (Grid  *grid,
                guint  row,
                guint  column)
{
  while (column < grid->width && *grid_slot (grid, row, column))
    column++;
  return column;
}

static gboolean
load_header (Loader         *loader,
             NbEditionTable *table,
             Grid           *grid,
             JsonArray      *rows,
             guint          *grid_row)
{
  guint first = *grid_row;

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonNode *row_node = json_array_get_element (rows, r);
      JsonArray *cells;
      guint column = 0;

      if (!JSON_NODE_HOLDS_ARRAY (row_node))
        return loader_fail (loader, "table “%s”: a header row is not an array", table->id);
      cells = json_node_get_array (row_node);
      for (guint i = 0; i < json_array_get_length (cells); i++)
        {
          JsonObject *object = array_object (loader, cells, i);
          NbLayoutItem item = { 0 };
          const char *role, *column_id;
          JsonNode *span;

          if (object == NULL)
            return FALSE;
          column = grid_next_free (grid, first + r, column);
          item.row = first + r;
          item.column = column;
          item.row_span = (guint)get_int (loader, object, "rowspan", 1);
          item.cell = -1;
          item.is_header = TRUE;
          item.text = get_string (loader, object, "text", FALSE);
          column_id = get_string (loader, object, "column", FALSE);
          if (column_id != NULL)
            {
              int index = nb_edition_table_find_column (table, column_id);

              if (index < 0)
                return loader_fail (loader, "table “%s”: header names unknown column “%s”",
                                    table->id, column_id);
              if (item.text == NULL)
                item.text = g_array_index (table->columns, NbEditionColumn, index).label;
            }
          if (item.text == NULL)
            return loader_fail (loader, "table “%s”: a header cell has no text", table->id);

          role = get_string (loader, object, "role", FALSE);
          if (role == NULL || g_str_equal (role, "header"))
            item.role = NB_LAYOUT_HEADER;
          else if (g_str_equal (role, "corner"))
            item.role = NB_LAYOUT_CORNER;
          else if (g_str_equal (role, "block"))
            item.role = NB_LAYOUT_BLOCK;
          else
            return loader_fail (loader, "table “%s”: unknown header role “%s”", table->id, role);

          span = json_object_get_member (object, "colspan");
          if (span == NULL)
            item.column_span = 1;
          else if (json_node_get_value_type (span) == G_TYPE_INT64)
            item.column_span = (guint)CLAMP (json_node_get_int (span), 0, G_MAXINT);
          else if (json_node_get_value_type (span) == G_TYPE_STRING
                   && (g_str_equal (json_node_get_string (span), "all")
                       || g_str_equal (json_node_get_string (span), "rest")))
            item.column_span = grid->width - column; /* "all" is "rest" from column 0 */
          else
            return loader_fail (loader, "table “%s”: bad colspan", table->id);

          if (loader->error != NULL || !grid_place (loader, table, grid, &item))
            return FALSE;
          column += item.column_span;
        }
      /* Rows are full width: a short header row leaves blanks, never holes. */
      for (column = grid_next_free (grid, first + r, 0); column < grid->width;
           column = grid_next_free (grid, first + r, column + 1))
        {
          NbLayoutItem blank = { first + r, column, 1, 1, NB_LAYOUT_EMPTY, NULL, -1, TRUE };

          if (!grid_place (loader, table, grid, &blank))
            return FALSE;
        }
    }
  *grid_row = first + json_array_get_length (rows);
  return TRUE;
}

static guint
count_leaves (JsonObject *node)
{
  JsonNode *children = json_object_get_member (node, "children");
  guint n = 0;

  if (children == NULL || !JSON_NODE_HOLDS_ARRAY (children))
    return 1;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (children)); i++)
    {
      JsonNode *child = json_array_get_element (json_node_get_array (children), i);

      if (JSON_NODE_HOLDS_OBJECT (child))
        n += count_leaves (json_node_get_object (child));
    }
  return MAX (n, 1);
}

static gboolean
load_row_tree (Loader         *loader,
               NbEditionTable *table,
               Grid           *grid,
               JsonArray      *nodes,
               guint           depth,
               const char     *prefix,
               guint          *grid_row,
               const guint    *block_columns,
               guint           n_block_columns)
{
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *object = array_object (loader, nodes, i);
      JsonArray *children;
      const char *label;
      g_autofree char *full_label = NULL;

      if (object == NULL)
        return FALSE;
      label = get_string (loader, object, "label", TRUE);
      if (label == NULL)
        return FALSE;
      full_label = (prefix && *prefix) ? g_strconcat (prefix, " ", label, NULL) : g_strdup (label);
      children = get_array (loader, object, "children", FALSE);

      if (depth >= table->label_columns && (children != NULL || *label != '\0'))
        return loader_fail (loader, "table “%s”: row “%s” is deeper than its label columns",
                            table->id, label);

      if (children != NULL)
        {
          NbLayoutItem group = { *grid_row, depth, count_leaves (object), 1, NB_LAYOUT_GROUP,
                                 label, -1, FALSE };

          if (!grid_place (loader, table, grid, &group)
              || !load_row_tree (loader, table, grid, children, depth + 1, full_label, grid_row,
                                 block_columns, n_block_columns))
            return FALSE;
        }
      else
        {
          NbEditionRow row = { 0 };
          guint row_index = table->rows->len;

          row.id = get_string (loader, object, "id", TRUE);
          row.label = label;
          row.full_label = intern (loader, full_label);
          row.block = table->n_blocks;
          if (row.id == NULL)
            return FALSE;
          if (nb_edition_table_find_row (table, row.id) >= 0)
            return loader_fail (loader, "table “%s”: row id “%s” is used twice", table->id, row.id);
          g_array_append_val (table->rows, row);

          if (table->label_columns > 0)
            {
              NbLayoutItem item = { *grid_row, depth, 1, table->label_columns - depth,
                                    NB_LAYOUT_LABEL, label, -1, FALSE };

              if (!grid_place (loader, table, grid, &item))
                return FALSE;
            }

          for (guint c = 0; c < n_block_columns; c++)
            {
              const NbEditionColumn *column = &g_array_index (table->columns, NbEditionColumn,
                                                              block_columns[c]);
              NbEditionCell cell = { 0 };
              NbLayoutItem item = { 0 };
              g_autofree char *key = NULL;

              cell.index = table->cells->len;
              cell.row = row_index;
              cell.column = block_columns[c];
              key = g_strconcat (row.id, "/", column->id, NULL);
              cell.key = intern (loader, key);
              cell.kind = column->kind;
              cell.max_decimals = column->max_decimals;
              g_array_append_val (table->cells, cell);
              g_hash_table_insert (table->cell_by_key, (gpointer)cell.key,
                                   GUINT_TO_POINTER (cell.index + 1));

              item.row = *grid_row;
              item.column = table->label_columns + c;
              item.row_span = 1;
              item.column_span = (c + 1 == n_block_columns) ? table->value_columns - c : 1;
              item.role = NB_LAYOUT_VALUE;
              item.cell = (int)cell.index;
              if (!grid_place (loader, table, grid, &item))
                return FALSE;
            }
          (*grid_row)++;
        }
    }
  return TRUE;
}

static gboolean
load_block (Loader         *loader,
            NbEditionTable *table,
            Grid           *grid,
            JsonObject     *block,
            guint          *grid_row)
{
  JsonArray *header = get_array (loader, block, "header", FALSE);
  JsonArray *columns = get_array (loader, block, "columns", TRUE);
  JsonArray *rows = get_array (loader, block, "rows", TRUE);
  g_autofree guint *column_indexes = NULL;
  guint n_columns;

  if (columns == NULL || rows == NULL)
    return FALSE;
  n_columns = json_array_get_length (columns);
  if (n_columns == 0 || n_columns > table->value_columns)
    return loader_fail (loader, "table “%s”: a block has %u value columns", table->id, n_columns);
  column_indexes = g_new0 (guint, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      JsonNode *node = json_array_get_element (columns, i);
      int index;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return loader_fail (loader, "table “%s”: block column is not a string", table->id);
      index = nb_edition_table_find_column (table, json_node_get_string (node));
      if (index < 0)
        return loader_fail (loader, "table “%s”: unknown column “%s”", table->id,
                            json_node_get_string (node));
      column_indexes[i] = (guint)index;
    }

  if (header != NULL && !load_header (loader, table, grid, header, grid_row))
    return FALSE;
  if (!load_row_tree (loader, table, grid, rows, 0, NULL, grid_row, column_indexes, n_columns))
    return FALSE;
  table->n_blocks++;
  return TRUE;
}

static gboolean
load_table (Loader     *loader,
            JsonObject *object)
{
  NbEdition *self = loader->self;
  NbEditionTable *table = table_new ();
  JsonArray *columns, *blocks;
  Grid grid = { 0 };
  guint grid_row = 0;
  gboolean ok = FALSE;

  g_ptr_array_add (self->tables, table);
  table->id = (char *)get_string (loader, object, "id", TRUE);
  table->section_id = (char *)get_string (loader, object, "section", TRUE);
  table->caption = (char *)get_string (loader, object, "caption", TRUE);
  table->label_columns = (guint)get_int (loader, object, "label_columns", 0);
  table->value_columns = (guint)get_int (loader, object, "value_columns", 0);
  columns = get_array (loader, object, "columns", TRUE);
  blocks = get_array (loader, object, "blocks", TRUE);
  if (loader->error != NULL)
    return FALSE;
  if (table->value_columns == 0 || table->value_columns > 64 || table->label_columns > 8)
    return loader_fail (loader, "table “%s” has an impossible width", table->id);

  grid.width = table->label_columns + table->value_columns;
  grid.occupied = g_array_new (FALSE, TRUE, sizeof (gboolean));

  if (!load_columns (loader, table, columns))
    goto out;
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *block = array_object (loader, blocks, i);

      if (block == NULL || !load_block (loader, table, &grid, block, &grid_row))
        goto out;
    }
  for (guint r = 0; r < table->grid_height; r++)
    for (guint c = 0; c < grid.width; c++)
      if (!*grid_slot (&grid, r, c))
        {
          loader_fail (loader, "table “%s”: the grid has a hole at row %u, column %u",
                       table->id, r, c);
          goto out;
        }

  table->cell_layout = g_new (int, MAX (table->cells->len, 1));
  for (guint i = 0; i < table->layout->len; i++)
    {
      const NbLayoutItem *item = &g_array_index (table->layout, NbLayoutItem, i);

      if (item->role == NB_LAYOUT_VALUE)
        table->cell_layout[item->cell] = (int)i;
    }
  ok = TRUE;

out:
  g_array_unref (grid.occupied);
  return ok;
}

/* A rule term as written: "[-][prev:]id". */
static gboolean
parse_term (const char  *text,
            int         *sign,
            gboolean    *previous,
            const char **id)
{
  *sign = 1;
  *previous = FALSE;
  if (*text == '-')
    {
      *sign = -1;
      text++;
    }
  if (g_str_has_prefix (text, "prev:"))
    {
      *previous = TRUE;
      text += strlen ("prev:");
    }
  *id = text;
  return **id != '\0';
}

static gboolean
expand_rule (Loader              *loader,
             const NbEditionRule *rule,
             JsonObject          *object)
{
  NbEdition *self = loader->self;
  NbEditionTable *table = (NbEditionTable *)nb_edition_find_table (self, rule->table_id);
  JsonArray *sides[2];
  JsonArray *only;
  const char *for_each;
  gboolean by_column;
  guint n_lines;

  if (table == NULL)
    return loader_fail (loader, "rule “%s” names unknown table “%s”", rule->id, rule->table_id);

  for_each = get_string (loader, object, "for_each", TRUE);
  sides[0] = get_array (loader, object, "lhs", TRUE);
  sides[1] = get_array (loader, object, "rhs", TRUE);
  if (loader->error != NULL)
    return FALSE;
  if (g_str_equal (for_each, "column"))
    by_column = TRUE;
  else if (g_str_equal (for_each, "row"))
    by_column = FALSE;
  else
    return loader_fail (loader, "rule “%s”: for_each must be “row” or “column”", rule->id);

  only = get_array (loader, object, by_column ? "columns" : "rows", FALSE);

  /* Every id a rule names must exist, so a typo in the data cannot silently
   * switch a check off. */
  for (guint s = 0; s < 2; s++)
    for (guint t = 0; t < json_array_get_length (sides[s]); t++)
      {
        const char *term = json_array_get_string_element (sides[s], t);
        const char *id;
        int sign;
        gboolean previous;

        if (term == NULL || !parse_term (term, &sign, &previous, &id))
          return loader_fail (loader, "rule “%s” has a bad term", rule->id);
        if ((by_column ? nb_edition_table_find_row (table, id)
                       : nb_edition_table_find_column (table, id)) < 0)
          return loader_fail (loader, "rule “%s” names unknown %s “%s”", rule->id,
                              by_column ? "row" : "column", id);
      }
  if (rule->computes && (json_array_get_length (sides[0]) != 1))
    return loader_fail (loader, "computing rule “%s” must have one cell on its left", rule->id);

  n_lines = by_column ? table->columns->len : table->rows->len;
  for (guint line = 0; line < n_lines; line++)
    {
      const char *line_id = by_column ? g_array_index (table->columns, NbEditionColumn, line).id
                                      : g_array_index (table->rows, NbEditionRow, line).id;
      g_autoptr(GArray) terms = g_array_new (FALSE, TRUE, sizeof (NbRuleTerm));
      gboolean complete = TRUE;
      NbRuleInstance instance = { rule, 0, NULL, -1 };

      if (only != NULL)
        {
          gboolean listed = FALSE;

          for (guint k = 0; k < json_array_get_length (only); k++)
            if (g_strcmp0 (json_array_get_string_element (only, k), line_id) == 0)
              listed = TRUE;
          if (!listed)
            continue;
        }

      for (guint s = 0; s < 2 && complete; s++)
        for (guint t = 0; t < json_array_get_length (sides[s]); t++)
          {
            const char *id;
            NbRuleTerm term = { 0 };
            g_autofree char *key = NULL;

            parse_term (json_array_get_string_element (sides[s], t), &term.sign, &term.previous,
                        &id);
            key = by_column ? g_strconcat (id, "/", line_id, NULL)
                            : g_strconcat (line_id, "/", id, NULL);
            term.lhs = (s == 0);
            term.key = intern (loader, key);
            term.cell = nb_edition_table_find_cell_by_key (table, key);
            if (term.previous)
              term.cell = -1;
            else if (term.cell < 0)
              {
                complete = FALSE;
                break;
              }
            g_array_append_val (terms, term);
          }
      if (!complete)
        continue;

      instance.n_terms = terms->len;
      instance.terms = (NbRuleTerm *)g_array_free (g_steal_pointer (&terms), FALSE);
      if (rule->computes)
        {
          instance.target = instance.terms[0].cell;
          g_array_index (table->cells, NbEditionCell, instance.target).computed = TRUE;
        }
      g_array_append_val (table->instances, instance);
    }
  return TRUE;
}

static gboolean
load_rules (Loader    *loader,
            JsonArray *array)
{
  NbEdition *self = loader->self;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = array_object (loader, array, i);
      NbEditionRule rule = { 0 };
      const char *severity;

      if (object == NULL)
        return FALSE;
      rule.id = get_string (loader, object, "id", TRUE);
      rule.table_id = get_string (loader, object, "table", TRUE);
      rule.description = get_string (loader, object, "description", FALSE);
      severity = get_string (loader, object, "severity", TRUE);
      if (loader->error != NULL)
        return FALSE;
      if (g_str_equal (severity, "error"))
        rule.severity = NB_SEVERITY_ERROR;
      else if (g_str_equal (severity, "warning"))
        rule.severity = NB_SEVERITY_WARNING;
      else
        return loader_fail (loader, "rule “%s” has unknown severity", rule.id);
      rule.derived = json_object_get_boolean_member_with_default (object, "derived", FALSE);
      rule.computes = json_object_get_boolean_member_with_default (object, "computes", FALSE);
      for (guint s = 0; s < 2; s++)
        {
          JsonArray *side = get_array (loader, object, s ? "rhs" : "lhs", TRUE);

          for (guint t = 0; side && t < json_array_get_length (side); t++)
            {
              const char *term = json_array_get_string_element (side, t);

              if (term && strstr (term, "prev:") != NULL)
                rule.cross_year = TRUE;
            }
        }
      if (rule.cross_year && rule.computes)
        return loader_fail (loader, "rule “%s” cannot compute from last year", rule.id);
      g_array_append_val (self->rules, rule);
    }

  /* Expand once the rule array stops moving: instances point into it. */
  for (guint i = 0; i < self->rules->len; i++)
    if (!expand_rule (loader, &g_array_index (self->rules, NbEditionRule, i),
                      array_object (loader, array, i)))
      return FALSE;
  return TRUE;
}

static gboolean
check_sections (Loader *loader)
{
  NbEdition *self = loader->self;

  for (guint i = 0; i < self->sections->len; i++)
    {
      const NbEditionSection *section = &g_array_index (self->sections, NbEditionSection, i);

      for (guint j = 0; j < i; j++)
        if (g_str_equal (section->id, g_array_index (self->sections, NbEditionSection, j).id))
          return loader_fail (loader, "section id “%s” is used twice", section->id);
      if (section->table_id != NULL && nb_edition_find_table (self, section->table_id) == NULL)
        return loader_fail (loader, "section “%s” names unknown table", section->id);
    }
  for (guint i = 0; i < self->tables->len; i++)
    {
      const NbEditionTable *table = g_ptr_array_index (self->tables, i);

      if (nb_edition_find_section (self, table->section_id) == NULL)
        return loader_fail (loader, "table “%s” names unknown section", table->id);
    }
  return TRUE;
}

static gboolean
load_labels (Loader     *loader,
             JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "labels");
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return loader_fail (loader, "“labels” is not an object");
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *text = get_string (loader, json_node_get_object (node), l->data, TRUE);

      if (text == NULL)
        return FALSE;
      g_hash_table_insert (loader->self->labels, (char *)intern (loader, l->data), (char *)text);
    }
  return TRUE;
}

/* A summary cell names a value cell of one of the tables: checked here, so
 * the picture never meets an unknown key. */
static gboolean
check_summary_cell (Loader     *loader,
                    const char *ref)
{
  g_auto(GStrv) parts = g_strsplit (ref, ":", 2);
  const NbEditionTable *table;

  if (g_strv_length (parts) != 2)
    return loader_fail (loader, "summary cell “%s” is not TABLE:ROW/COLUMN", ref);
  table = nb_edition_find_table (loader->self, parts[0]);
  if (table == NULL || nb_edition_table_find_cell_by_key (table, parts[1]) < 0)
    return loader_fail (loader, "summary names unknown cell “%s”", ref);
  return TRUE;
}

static gboolean
load_summary (Loader    *loader,
              JsonArray *groups)
{
  for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
    {
      JsonObject *object = array_object (loader, groups, g);
      NbSummaryGroup group = { 0 };
      const char *kind;
      JsonArray *items;

      if (object == NULL)
        return FALSE;
      group.heading = get_string (loader, object, "heading", TRUE);
      kind = get_string (loader, object, "kind", TRUE);
      items = get_array (loader, object, "items", TRUE);
      if (loader->error != NULL)
        return FALSE;
      if (g_str_equal (kind, "figures"))
        group.kind = NB_SUMMARY_FIGURES;
      else if (g_str_equal (kind, "bars"))
        group.kind = NB_SUMMARY_BARS;
      else
        return loader_fail (loader, "summary group “%s” has unknown kind “%s”", group.heading,
                            kind);
      group.n_items = json_array_get_length (items);
      group.items = g_new0 (NbSummaryItem, group.n_items);
      g_array_append_val (loader->self->summary, group);
      for (guint i = 0; i < group.n_items; i++)
        {
          JsonObject *item = array_object (loader, items, i);

          if (item == NULL)
            return FALSE;
          group.items[i].label = get_string (loader, item, "label", TRUE);
          group.items[i].cells = get_string_list (loader, item, "cells");
          if (loader->error != NULL)
            return FALSE;
          if (group.items[i].cells[0] == NULL)
            return loader_fail (loader, "summary item “%s” names no cell", group.items[i].label);
          for (guint c = 0; group.items[i].cells[c] != NULL; c++)
            if (!check_summary_cell (loader, group.items[i].cells[c]))
              return FALSE;
        }
    }
  return TRUE;
}

static int
compare_unit_length (gconstpointer a,
                     gconstpointer b)
{
  return (int)strlen (((const NbMoneyUnit *)b)->name) - (int)strlen (((const NbMoneyUnit *)a)->name);
}

/* "money_units": {"元": 1, "万元": 10000}: the units an amount may be
 * written in, as a count of the smallest. */
static void
load_money_units (Loader     *loader,
                  JsonObject *root)
{
  NbEdition *self = loader->self;
  JsonObject *units;
  g_autoptr(GList) names = NULL;

  self->money_units = g_array_new (FALSE, FALSE, sizeof (NbMoneyUnit));
  if (!json_object_has_member (root, "money_units"))
    return;
  units = json_object_get_object_member (root, "money_units");
  if (units == NULL)
    {
      loader_fail (loader, "money_units is not an object");
      return;
    }
  names = json_object_get_members (units);
  for (GList *l = names; l != NULL; l = l->next)
    {
      NbMoneyUnit unit = { g_string_chunk_insert_const (self->strings, l->data),
                           json_object_get_int_member (units, l->data) };

      if (unit.factor <= 0)
        {
          loader_fail (loader, "money unit “%s” has no positive factor", unit.name);
          return;
        }
      g_array_append_val (self->money_units, unit);
    }
  g_array_sort (self->money_units, compare_unit_length);
}

NbEdition *
nb_edition_new_from_bytes (GBytes  *json,
                           GError **error)
{
  g_autoptr(NbEdition) self = g_object_new (NB_TYPE_EDITION, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  Loader loader = { self, NULL };
  JsonObject *root;
  JsonArray *sections, *tables, *rules;
  gsize size;
  const char *data = g_bytes_get_data (json, &size);

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, (gssize)size, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, NB_EDITION_ERROR, NB_EDITION_ERROR_INVALID,
                   "Edition data is invalid: the root is not an object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  self->id = (char *)get_string (&loader, root, "id", TRUE);
  self->title = (char *)get_string (&loader, root, "title", TRUE);
  self->name = (char *)get_string (&loader, root, "name", FALSE);
  self->issued_by = (char *)get_string (&loader, root, "issued_by", FALSE);
  self->first_year = (int)get_int (&loader, root, "first_year", 0);
  self->last_year = (int)get_int (&loader, root, "last_year", 0);
  load_money_units (&loader, root);
  sections = get_array (&loader, root, "sections", TRUE);
  tables = get_array (&loader, root, "tables", TRUE);
  rules = get_array (&loader, root, "rules", FALSE);

  if (loader.error == NULL && load_sections (&loader, sections))
    {
      for (guint i = 0; i < json_array_get_length (tables); i++)
        {
          JsonObject *object = array_object (&loader, tables, i);

          if (object == NULL || !load_table (&loader, object))
            break;
        }
      if (loader.error == NULL && rules != NULL)
        load_rules (&loader, rules);
      if (loader.error == NULL)
        check_sections (&loader);
      if (loader.error == NULL && load_labels (&loader, root))
        load_summary (&loader, get_array (&loader, root, "summary", FALSE));
    }
  /* After the layout: what is wrong with that is the more telling error. */
  if (loader.error == NULL)
    {
      self->report_title = (char *)get_string (&loader, root, "report_title", TRUE);
      self->report_title_year = (char *)get_string (&loader, root, "report_title_year", TRUE);
    }

  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return NULL;
    }
  return g_steal_pointer (&self);
}
