/* nb-file.c: .nianbao project files (see docs/file-format.md)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nb-file.h"

G_DEFINE_QUARK (nb-file-error-quark, nb_file_error)

static const char * const meta_strings[] = { "agency", "address", "postcode", "phone" };

/* Before json-glib sees the data: a quick pass that bounds the nesting depth
 * (the parser recurses) and tells a cut-off file from a malformed one. */
typedef enum
{
  SCAN_OK,
  SCAN_TOO_DEEP,
  SCAN_UNCLOSED,
} ScanResult;

static ScanResult
scan_structure (const char *data,
                gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          if (++depth > NB_FILE_MAX_DEPTH)
            return SCAN_TOO_DEEP;
          break;
        case '}':
        case ']':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return (depth > 0 || in_string) ? SCAN_UNCLOSED : SCAN_OK;
}

typedef struct
{
  NbReport *report;
  GError   *error;
} Reader;

G_GNUC_PRINTF (4, 5) static gboolean
reader_fail (Reader      *reader,
             NbFileError  code,
             const char  *where,
             const char  *format,
             ...)
{
  va_list args;

  if (reader->error == NULL)
    {
      g_autofree char *message = NULL;

      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      if (where != NULL)
        reader->error = g_error_new (NB_FILE_ERROR, (int)code, "%s: %s", where, message);
      else
        reader->error = g_error_new_literal (NB_FILE_ERROR, (int)code, message);
    }
  return FALSE;
}

static const char *
node_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("a list");
  if (JSON_NODE_HOLDS_NULL (node))
    return _("null");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("text");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

static JsonObject *
member_object (Reader     *reader,
               JsonObject *object,
               const char *member,
               const char *where)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected an object, found %s"),
                   node_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_metadata (Reader     *reader,
               JsonObject *meta)
{
  JsonNode *node;

  for (guint i = 0; i < G_N_ELEMENTS (meta_strings); i++)
    {
      g_autofree char *where = g_strconcat ("metadata.", meta_strings[i], NULL);

      node = json_object_get_member (meta, meta_strings[i]);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected text, found %s"),
                            node_type_name (node));
      g_object_set (reader->report, meta_strings[i], json_node_get_string (node), NULL);
    }

  node = json_object_get_member (meta, "year");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      gint64 year;

      if (json_node_get_value_type (node) != G_TYPE_INT64)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.year",
                            _("expected a whole number, found %s"), node_type_name (node));
      year = json_node_get_int (node);
      if (year < 0 || year > 9999)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, "metadata.year",
                            _("%lld is not a year"), (long long)year);
      nb_report_set_year (reader->report, (int)year);
    }

  node = json_object_get_member (meta, "fee_decimals");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      gint64 decimals;

      if (json_node_get_value_type (node) != G_TYPE_INT64)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.fee_decimals",
                            _("expected a whole number, found %s"), node_type_name (node));
      decimals = json_node_get_int (node);
      if (decimals < 0 || decimals > NB_MONEY_MAX_DECIMALS)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, "metadata.fee_decimals",
                            _("must be between 0 and %d"), NB_MONEY_MAX_DECIMALS);
      nb_report_set_fee_decimals (reader->report, (guint)decimals);
    }

  /* Optional: who publishes the report, which sets its deadline. */
  node = json_object_get_member (meta, "level");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      NbAgencyLevel level;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.level",
                            _("expected text, found %s"), node_type_name (node));
      if (!nb_agency_level_from_string (json_node_get_string (node), &level))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.level",
                            _("“%s” is not an agency level (department or government)"),
                            json_node_get_string (node));
      nb_report_set_level (reader->report, level);
    }

  /* Optional: the day the report was published, YYYY-MM-DD. */
  node = json_object_get_member (meta, "published");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      const char *date;
      guint y, m, d;
      char end;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.published",
                            _("expected text, found %s"), node_type_name (node));
      date = json_node_get_string (node);
      if (sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 || strlen (date) != 10
          || !g_date_valid_dmy (d, m, y))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.published",
                            _("“%s” is not a date (YYYY-MM-DD)"), date);
      nb_report_set_published (reader->report, date);
    }

  /* Optional: the source reports of a summary (汇总). */
  node = json_object_get_member (meta, "sources");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) sources = NULL;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.sources",
                            _("expected a list, found %s"), node_type_name (node));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_NULL (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              g_autofree char *where = g_strdup_printf ("metadata.sources[%u]", i);

              return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                                  _("expected text, found %s"), node_type_name (item));
            }
          g_strv_builder_add (builder, json_node_get_string (item));
        }
      sources = g_strv_builder_end (builder);
      nb_report_set_sources (reader->report, (const char * const *)sources);
    }
  return TRUE;
}

static gboolean
read_paragraph (Reader      *reader,
                JsonNode    *node,
                const char  *where,
                GPtrArray   *paragraphs)
{
  JsonObject *object;
  JsonNode *level_node, *runs_node;
  g_autoptr(NbParagraph) paragraph = NULL;
  gint64 level = 0;
  JsonArray *runs;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected an object, found %s"),
                        node_type_name (node));
  object = json_node_get_object (node);
  level_node = json_object_get_member (object, "level");
  if (level_node != NULL)
    {
      if (json_node_get_value_type (level_node) != G_TYPE_INT64)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("“level” must be a whole number"));
      level = json_node_get_int (level_node);
      if (level < NB_PARAGRAPH_BODY || level > NB_PARAGRAPH_LEVEL_LAST)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("“level” must be between 0 and %d"), NB_PARAGRAPH_LEVEL_LAST);
    }
  paragraph = nb_paragraph_new ((NbParagraphLevel)level);

  runs_node = json_object_get_member (object, "runs");
  if (runs_node == NULL || !JSON_NODE_HOLDS_ARRAY (runs_node))
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("“runs” must be a list"));
  runs = json_node_get_array (runs_node);
  for (guint i = 0; i < json_array_get_length (runs); i++)
    {
      JsonNode *run_node = json_array_get_element (runs, i);
      JsonObject *run;
      JsonNode *text, *bold;

      if (!JSON_NODE_HOLDS_OBJECT (run_node))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("a run must be an object"));
      run = json_node_get_object (run_node);
      text = json_object_get_member (run, "text");
      bold = json_object_get_member (run, "bold");
      if (text == NULL || json_node_get_value_type (text) != G_TYPE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("a run needs “text”"));
      if (bold != NULL && json_node_get_value_type (bold) != G_TYPE_BOOLEAN)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("“bold” must be true or false"));
      nb_paragraph_add_run (paragraph, json_node_get_string (text),
                            bold ? json_node_get_boolean (bold) : FALSE);
    }
  g_ptr_array_add (paragraphs, g_steal_pointer (&paragraph));
  return TRUE;
}

static gboolean
read_sections (Reader     *reader,
               JsonObject *sections)
{
  NbEdition *edition = nb_report_get_edition (reader->report);
  g_autoptr(GList) members = json_object_get_members (sections);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *id = l->data;
      const NbEditionSection *section = nb_edition_find_section (edition, id);
      g_autofree char *where = g_strconcat ("sections.", id, NULL);
      g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
      JsonNode *node = json_object_get_member (sections, id);
      JsonArray *array;

      if (section == NULL || section->table_id != NULL)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("edition %s has no narrative section “%s”"),
                            nb_edition_get_id (edition), id);
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected a list, found %s"),
                            node_type_name (node));
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", where, i);

          if (!read_paragraph (reader, json_array_get_element (array, i), item, paragraphs))
            return FALSE;
        }
      nb_report_set_paragraphs (reader->report, id, paragraphs);
    }
  return TRUE;
}

static gboolean
read_value (Reader               *reader,
            const NbEditionTable *table,
            guint                 cell,
            JsonNode             *node,
            const char           *where)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);
  g_autoptr(GError) error = NULL;
  gboolean is_empty = FALSE;
  gint64 value = 0;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (json_node_get_value_type (node) == G_TYPE_INT64 && c->kind != NB_VALUE_MONEY)
    {
      value = json_node_get_int (node);
      if (value < 0 && c->kind == NB_VALUE_COUNT)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("%lld is negative; a count cannot be"), (long long)value);
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* The storage precision, not the report's: a file keeps what was typed. */
      if (!nb_number_parse (json_node_get_string (node), c->kind,
                            c->kind == NB_VALUE_MONEY ? c->max_decimals : 0, &is_empty, &value,
                            &error))
        return reader_fail (reader,
                            g_error_matches (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_INVALID)
                              ? NB_FILE_ERROR_INVALID
                              : NB_FILE_ERROR_OUT_OF_RANGE,
                            where, "%s", error->message);
      if (is_empty)
        return TRUE;
    }
  else if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      /* A whole amount written as a JSON integer. */
      if (json_node_get_int (node) < 0)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("an amount cannot be negative"));
      if (json_node_get_int (node) > G_MAXINT64 / NB_MONEY_SCALE)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where, _("the amount is too large"));
      value = json_node_get_int (node) * NB_MONEY_SCALE;
    }
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                        c->kind == NB_VALUE_MONEY
                          ? _("amounts are written as text (\"27.25\") so they stay exact")
                          : _("expected a whole number"));
  else
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                        _("expected a number, found %s"), node_type_name (node));

  nb_report_set_stated (reader->report, table, cell, NB_CELL_VALUE, value, NULL);
  return TRUE;
}

static gboolean
read_tables (Reader     *reader,
             JsonObject *tables,
             gboolean    invalid_texts)
{
  NbEdition *edition = nb_report_get_edition (reader->report);
  g_autoptr(GList) members = json_object_get_members (tables);
  const char *root = invalid_texts ? "invalid" : "tables";

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *table_id = l->data;
      const NbEditionTable *table = nb_edition_find_table (edition, table_id);
      g_autofree char *where = g_strconcat (root, ".", table_id, NULL);
      JsonObject *values;
      g_autoptr(GList) keys = NULL;

      if (table == NULL)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("edition %s has no table “%s”"), nb_edition_get_id (edition),
                            table_id);
      values = member_object (reader, tables, table_id, where);
      if (values == NULL)
        {
          if (reader->error != NULL)
            return FALSE;
          continue;
        }
      keys = json_object_get_members (values);
      for (GList *k = keys; k != NULL; k = k->next)
        {
          const char *key = k->data;
          int cell = nb_edition_table_find_cell_by_key (table, key);
          g_autofree char *cell_where = g_strconcat (where, ".", key, NULL);
          JsonNode *node = json_object_get_member (values, key);

          if (cell < 0)
            return reader_fail (reader, NB_FILE_ERROR_INVALID, cell_where,
                                _("table %s of edition %s has no cell “%s”"), table_id,
                                nb_edition_get_id (edition), key);
          if (!invalid_texts)
            {
              if (!read_value (reader, table, (guint)cell, node, cell_where))
                return FALSE;
            }
          else if (json_node_get_value_type (node) != G_TYPE_STRING)
            return reader_fail (reader, NB_FILE_ERROR_INVALID, cell_where,
                                _("expected text, found %s"), node_type_name (node));
          else
            nb_report_set_stated (reader->report, table, (guint)cell, NB_CELL_INVALID, 0,
                                  json_node_get_string (node));
        }
    }
  return TRUE;
}

/* "reference": last year's report (see nb_report_get_reference), stored
 * as a complete report of its own, one level deep. */
static gboolean
read_reference (Reader     *reader,
                JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *data = json_to_string (node, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) reference = nb_file_load_data (data, strlen (data), &error);

  if (reference == NULL)
    return reader_fail (reader, NB_FILE_ERROR_INVALID, "reference", "%s", error->message);
  nb_report_set_reference (reference, NULL);
  nb_report_set_reference (reader->report, reference);
  return TRUE;
}

NbReport *
nb_file_load_data (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(NbEdition) edition = NULL;
  g_autoptr(NbReport) report = NULL;
  const char *end = NULL;
  JsonObject *root, *object;
  JsonNode *node;
  Reader reader = { NULL, NULL };
  ScanResult scan;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > NB_FILE_MAX_SIZE)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
                   _("The file is too large to be a report (%llu bytes; at most %d)"),
                   (unsigned long long)length, NB_FILE_MAX_SIZE);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_TRUNCATED,
                           _("The file is empty"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_ENCODING,
                   _("The file is not UTF-8 text (invalid byte at offset %llu)"),
                   (unsigned long long)(end - data));
      return NULL;
    }
  scan = scan_structure (data, length);
  if (scan == SCAN_TOO_DEEP)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_DEEP,
                   _("The file nests deeper than %d levels; it is not a report"),
                   NB_FILE_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize)length, &parse_error))
    {
      if (scan == SCAN_UNCLOSED)
        g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TRUNCATED,
                     _("The file ends too early; it may have been cut off (%s)"),
                     parse_error->message);
      else
        g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_NOT_JSON,
                     _("The file is not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_NOT_A_REPORT,
                           _("The file is JSON, but not a Nianbao report"));
      return NULL;
    }
  root = json_node_get_object (node);
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "format", NULL),
                 NB_FILE_FORMAT_NAME) != 0)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_NOT_A_REPORT,
                           _("The file is JSON, but not a Nianbao report (no \"format\": \"nianbao\")"));
      return NULL;
    }

  node = json_object_get_member (root, "version");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 1)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID,
                           _("version: expected a whole number of at least 1"));
      return NULL;
    }
  if (json_node_get_int (node) > NB_FILE_FORMAT_VERSION)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_NEW,
                   _("The file was written by a newer Nianbao (file version %lld); this version reads "
                     "files up to version %d. Please update Nianbao."),
                   (long long)json_node_get_int (node), NB_FILE_FORMAT_VERSION);
      return NULL;
    }

  node = json_object_get_member (root, "edition");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID,
                           _("edition: expected the format edition as text, such as \"2021\""));
      return NULL;
    }
  edition = nb_edition_lookup (json_node_get_string (node), &parse_error);
  if (edition == NULL)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_UNKNOWN_EDITION, "%s", parse_error->message);
      return NULL;
    }

  report = nb_report_new (edition);
  nb_report_set_history_enabled (report, FALSE);
  reader.report = report;

  object = member_object (&reader, root, "metadata", "metadata");
  if (object != NULL)
    read_metadata (&reader, object);
  if (reader.error == NULL && (object = member_object (&reader, root, "sections", "sections")))
    read_sections (&reader, object);
  if (reader.error == NULL && (object = member_object (&reader, root, "tables", "tables")))
    read_tables (&reader, object, FALSE);
  if (reader.error == NULL && (object = member_object (&reader, root, "invalid", "invalid")))
    read_tables (&reader, object, TRUE);
  if (reader.error == NULL && (object = member_object (&reader, root, "reference", "reference")))
    read_reference (&reader, object);

  if (reader.error != NULL)
    {
      g_propagate_error (error, reader.error);
      return NULL;
    }

  nb_report_set_history_enabled (report, TRUE);
  nb_report_forget_history (report);
  return g_steal_pointer (&report);
}

NbReport *
nb_file_load (const char  *path,
              GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);

  /* Refuse huge files and folders before reading them into memory; a stat
   * that fails is left to the mapping, which names the reason. */
  if (g_stat (path, &st) == 0)
    {
      if (S_ISREG (st.st_mode) && st.st_size > NB_FILE_MAX_SIZE)
        {
          g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
                       _("The file is too large to be a report (%llu bytes; at most %d)"),
                       (unsigned long long)st.st_size, NB_FILE_MAX_SIZE);
          return NULL;
        }
      if (S_ISDIR (st.st_mode))
        {
          g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                               _("This is a folder, not a file"));
          return NULL;
        }
    }
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  return nb_file_load_data (g_mapped_file_get_contents (mapped),
                            g_mapped_file_get_length (mapped), error);
}

static void
add_value (JsonBuilder          *builder,
           NbReport             *report,
           const NbEditionTable *table,
           guint                 cell)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);
  gint64 value = 0;

  json_builder_set_member_name (builder, c->key);
  nb_report_get_cell (report, table, cell, &value, NULL);
  if (c->kind == NB_VALUE_MONEY)
    {
      /* Money as text, so it stays exact in every JSON reader. */
      g_autofree char *text = nb_number_format (value, NB_VALUE_MONEY, -1);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_int_value (builder, value);
}

static JsonNode *
reference_node (NbReport *reference)
{
  g_autoptr(GBytes) bytes = nb_file_serialize (reference);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!json_parser_load_from_data (parser, data, (gssize)length, NULL))
    g_assert_not_reached ();
  return json_node_copy (json_parser_get_root (parser));
}

GBytes *
nb_file_serialize (NbReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  NbEdition *edition;
  gsize length = 0;
  char *data;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  edition = nb_report_get_edition (report);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, NB_FILE_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, NB_FILE_FORMAT_VERSION);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Nianbao " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "edition");
  json_builder_add_string_value (builder, nb_edition_get_id (edition));

  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "agency");
  json_builder_add_string_value (builder, nb_report_get_agency (report) ?: "");
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, nb_report_get_year (report));
  json_builder_set_member_name (builder, "address");
  json_builder_add_string_value (builder, nb_report_get_address (report) ?: "");
  json_builder_set_member_name (builder, "postcode");
  json_builder_add_string_value (builder, nb_report_get_postcode (report) ?: "");
  json_builder_set_member_name (builder, "phone");
  json_builder_add_string_value (builder, nb_report_get_phone (report) ?: "");
  json_builder_set_member_name (builder, "fee_decimals");
  json_builder_add_int_value (builder, nb_report_get_fee_decimals (report));
  if (nb_report_get_level (report) != NB_AGENCY_LEVEL_UNKNOWN)
    {
      json_builder_set_member_name (builder, "level");
      json_builder_add_string_value (builder, nb_agency_level_to_string (nb_report_get_level (report)));
    }
  if (nb_report_get_published (report) != NULL)
    {
      json_builder_set_member_name (builder, "published");
      json_builder_add_string_value (builder, nb_report_get_published (report));
    }
  if (nb_report_get_sources (report) != NULL)
    {
      const char * const *sources = nb_report_get_sources (report);

      json_builder_set_member_name (builder, "sources");
      json_builder_begin_array (builder);
      for (guint i = 0; sources[i] != NULL; i++)
        json_builder_add_string_value (builder, sources[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_object (builder);
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      GPtrArray *paragraphs;

      if (section->table_id != NULL)
        continue;
      paragraphs = nb_report_get_paragraphs (report, section->id);
      json_builder_set_member_name (builder, section->id);
      json_builder_begin_array (builder);
      for (guint p = 0; p < paragraphs->len; p++)
        {
          const NbParagraph *paragraph = g_ptr_array_index (paragraphs, p);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "level");
          json_builder_add_int_value (builder, paragraph->level);
          json_builder_set_member_name (builder, "runs");
          json_builder_begin_array (builder);
          for (guint r = 0; r < paragraph->runs->len; r++)
            {
              const NbRun *run = g_ptr_array_index (paragraph->runs, r);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "text");
              json_builder_add_string_value (builder, run->text);
              if (run->bold)
                {
                  json_builder_set_member_name (builder, "bold");
                  json_builder_add_boolean_value (builder, TRUE);
                }
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean any_invalid = FALSE;

      if (pass == 1)
        {
          for (guint t = 0; t < nb_edition_get_n_tables (edition) && !any_invalid; t++)
            {
              const NbEditionTable *table = nb_edition_get_table (edition, t);

              for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
                if (nb_report_get_cell (report, table, c, NULL, NULL) == NB_CELL_INVALID)
                  any_invalid = TRUE;
            }
          if (!any_invalid)
            break;
        }

      json_builder_set_member_name (builder, pass == 0 ? "tables" : "invalid");
      json_builder_begin_object (builder);
      for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
        {
          const NbEditionTable *table = nb_edition_get_table (edition, t);

          json_builder_set_member_name (builder, nb_edition_table_get_id (table));
          json_builder_begin_object (builder);
          for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
            {
              const char *invalid = NULL;
              NbCellState state = nb_report_get_cell (report, table, c, NULL, &invalid);

              if (pass == 0 && state == NB_CELL_VALUE)
                add_value (builder, report, table, c);
              else if (pass == 1 && state == NB_CELL_INVALID)
                {
                  json_builder_set_member_name (builder,
                                                nb_edition_table_get_cell (table, c)->key);
                  json_builder_add_string_value (builder, invalid);
                }
            }
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  if (nb_report_get_reference (report) != NULL)
    {
      json_builder_set_member_name (builder, "reference");
      json_builder_add_value (builder, reference_node (nb_report_get_reference (report)));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, &length);
  /* A final newline, as text files have. */
  data = g_realloc (data, length + 2);
  data[length++] = '\n';
  data[length] = '\0';
  return g_bytes_new_take (data, length);
}

/* Atomic and durable: a temporary file in the same folder, flushed, then
 * renamed over the old one, so a crash leaves either the old file or the new
 * one, never a mix; GLib then syncs the folder, so the rename survives a
 * power cut too (G_FILE_SET_CONTENTS_DURABLE). */
gboolean
nb_file_write_bytes (const char  *path,
                     GBytes      *bytes,
                     GError     **error)
{
  struct stat st;
  int mode = 0644;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) == 0)
    mode = st.st_mode & 0777;
  return g_file_set_contents_full (path, data, (gssize)length,
                                  G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                  mode, error);
}

gboolean
nb_file_save (NbReport    *report,
              const char  *path,
              GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = nb_file_serialize (report);
  if (!nb_file_write_bytes (path, bytes, error))
    return FALSE;
  nb_report_set_modified (report, FALSE);
  return TRUE;
}

/* The report shipped with Nianbao: a real report as published (2022). */
NbReport *
nb_file_load_sample (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  /* Editions and the sample share one resource; make sure it is registered. */
  nb_edition_list_ids ();
  bytes = g_resources_lookup_data ("/io/github/nianbao/Nianbao/samples/sample-2022.nianbao", 0,
                                   error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return nb_file_load_data (data, length, error);
}
