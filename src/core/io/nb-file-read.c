/* nb-file-read.c: a .nianbao file read into a report, every value checked
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "nb-file-private.h"
#include "nb-file.h"
#include "nb-json-tree-private.h"
#include "nb-text.h"

typedef struct
{
  NbReport   *report;
  GError     *error;
  GPtrArray  *warnings; /* char *, or NULL when nobody asked */
  const char *data;     /* the file */
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
node_type_name (Value *node)
{
  if (node->type == VALUE_OBJECT)
    return _("an object");
  if (node->type == VALUE_ARRAY)
    return _("a list");
  if (node->type == VALUE_NULL)
    return _("null");
  switch (node->type)
    {
    case VALUE_STRING:
      return _("text");
    case VALUE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

/* A member by name, or NULL.  The objects the reader looks names up in are
 * small; larger ones (a table's cells) are walked in order. */
static Value *
value_member (Value      *object,
              const char *name)
{
  for (guint i = 0; i < object->n; i++)
    if (strcmp (object->members[i].name, name) == 0)
      return &object->members[i].value;
  return NULL;
}

/* Every text of the file passes here, and only here: the decoded text is
 * validated again (the strict pass already refuses lone surrogates; this
 * stays the one place that vouches for a text), and characters no export
 * can write (see nb_text_clean) are replaced, with a warning naming the
 * place.  Returns a new string, or NULL after reader_fail. */
static char *
reader_string (Reader     *reader,
               Value      *node,
               const char *where,
               gsize       max_bytes)
{
  const char *text = node->type == VALUE_STRING ? node->string : NULL;
  gunichar first_bad = 0;
  guint n_replaced = 0;
  char *clean;

  /* Checked first: a hostile 15 MB agency name took half a minute to reach
   * the first window. */
  if (text != NULL && strlen (text) > max_bytes)
    {
      reader_fail (reader, NB_FILE_ERROR_TOO_LARGE, where,
                   _("the text is %llu bytes long; at most %llu are allowed"),
                   (unsigned long long)strlen (text), (unsigned long long)max_bytes);
      return NULL;
    }
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      reader_fail (reader, NB_FILE_ERROR_ENCODING, where, _("the text is not valid UTF-8"));
      return NULL;
    }
  clean = nb_text_clean (text, -1, &n_replaced, &first_bad);
  if (n_replaced > 0 && reader->warnings != NULL)
    g_ptr_array_add (reader->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u character that is not text (U+%04X) "
                                                   "was replaced by “\uFFFD”",
                                                   "%s: %u characters that are not text (the "
                                                   "first U+%04X) were replaced by “\uFFFD”",
                                                   n_replaced),
                                      where, n_replaced, first_bad));
  return clean;
}

/* Fails unless @node is of @type, saying what was expected and what was
 * found. */
static gboolean
reader_expect (Reader     *reader,
               Value      *node,
               ValueType   type,
               const char *where)
{
  if (node->type == type)
    return TRUE;
  switch (type)
    {
    case VALUE_STRING:
      return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected text, found %s"),
                          node_type_name (node));
    case VALUE_INT:
      return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                          _("expected a whole number, found %s"), node_type_name (node));
    case VALUE_ARRAY:
      return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected a list, found %s"),
                          node_type_name (node));
    case VALUE_OBJECT:
      return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected an object, found %s"),
                          node_type_name (node));
    case VALUE_NULL:
    case VALUE_BOOLEAN:
    case VALUE_DOUBLE:
    default:
      g_assert_not_reached ();
    }
}

/* @object's member @name, which may be absent or null: FALSE after
 * reader_fail when it is of another type than @type, else TRUE with
 * *@out NULL when it is not there. */
static gboolean
optional_member (Reader      *reader,
                 Value       *object,
                 const char  *name,
                 ValueType    type,
                 const char  *where,
                 Value      **out)
{
  Value *node = value_member (object, name);

  *out = NULL;
  if (node == NULL || node->type == VALUE_NULL)
    return TRUE;
  if (!reader_expect (reader, node, type, where))
    return FALSE;
  *out = node;
  return TRUE;
}

/* @node as an object; NULL for null, and after reader_fail for anything
 * else. */
static Value *
object_or_null (Reader     *reader,
                Value      *node,
                const char *where)
{
  if (node == NULL || node->type == VALUE_NULL)
    return NULL;
  if (!reader_expect (reader, node, VALUE_OBJECT, where))
    return NULL;
  return node;
}

static Value *
member_object (Reader     *reader,
               Value      *object,
               const char *member,
               const char *where)
{
  return object_or_null (reader, value_member (object, member), where);
}

static gboolean
read_metadata (Reader     *reader,
               Value      *meta)
{
  Value *node;

  for (guint i = 0; i < G_N_ELEMENTS (meta_strings); i++)
    {
      g_autofree char *where = g_strconcat ("metadata.", meta_strings[i], NULL);
      g_autofree char *text = NULL;

      if (!optional_member (reader, meta, meta_strings[i], VALUE_STRING, where, &node))
        return FALSE;
      if (node == NULL)
        continue;
      if ((text = reader_string (reader, node, where, NB_FILE_MAX_FIELD_BYTES)) == NULL)
        return FALSE;
      g_object_set (reader->report, meta_strings[i], text, NULL);
    }

  if (!optional_member (reader, meta, "year", VALUE_INT, "metadata.year", &node))
    return FALSE;
  if (node != NULL)
    {
      if (node->integer < 0 || node->integer > 9999)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, "metadata.year",
                            _("%lld is not a year"), (long long)node->integer);
      nb_report_set_year (reader->report, (int)node->integer);
    }

  if (!optional_member (reader, meta, "fee_decimals", VALUE_INT, "metadata.fee_decimals", &node))
    return FALSE;
  if (node != NULL)
    {
      if (node->integer < 0 || node->integer > NB_MONEY_MAX_DECIMALS)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, "metadata.fee_decimals",
                            _("must be between 0 and %d"), NB_MONEY_MAX_DECIMALS);
      nb_report_set_fee_decimals (reader->report, (guint)node->integer);
    }

  /* Optional: who publishes the report, which sets its deadline. */
  if (!optional_member (reader, meta, "level", VALUE_STRING, "metadata.level", &node))
    return FALSE;
  if (node != NULL)
    {
      NbAgencyLevel level;

      if (!nb_agency_level_from_string (node->string, &level))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.level",
                            _("“%s” is not an agency level (department or government)"),
                            node->string);
      nb_report_set_level (reader->report, level);
    }

  /* Optional: the day the report was published, YYYY-MM-DD. */
  if (!optional_member (reader, meta, "published", VALUE_STRING, "metadata.published", &node))
    return FALSE;
  if (node != NULL)
    {
      const char *date = node->string;
      guint y, m, d;
      char end;

      if (sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 || strlen (date) != 10
          || !g_date_valid_dmy (d, m, y))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.published",
                            _("“%s” is not a date (YYYY-MM-DD)"), date);
      nb_report_set_published (reader->report, date);
    }

  /* Optional: the digest that names the published version's frozen copy. */
  if (!optional_member (reader, meta, "published_sha256", VALUE_STRING,
                        "metadata.published_sha256", &node))
    return FALSE;
  if (node != NULL)
    {
      if (!nb_file_is_sha256 (node->string))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.published_sha256",
                            _("“%s” is not a SHA-256 digest (64 hexadecimal digits)"),
                            node->string);
      nb_report_set_published_sha256 (reader->report, node->string);
    }

  /* Optional: the source reports of a summary (汇总). */
  if (!optional_member (reader, meta, "sources", VALUE_ARRAY, "metadata.sources", &node))
    return FALSE;
  if (node != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) sources = NULL;

      for (guint i = 0; i < node->n; i++)
        {
          Value *item = &node->elements[i];
          g_autofree char *where = g_strdup_printf ("metadata.sources[%u]", i);
          g_autofree char *text = NULL;

          if (!reader_expect (reader, item, VALUE_STRING, where))
            return FALSE;
          if ((text = reader_string (reader, item, where, NB_FILE_MAX_FIELD_BYTES)) == NULL)
            return FALSE;
          g_strv_builder_add (builder, text);
        }
      sources = g_strv_builder_end (builder);
      nb_report_set_sources (reader->report, (const char * const *)sources);
    }
  return TRUE;
}

static gboolean
read_paragraph (Reader      *reader,
                Value       *node,
                const char  *where,
                GPtrArray   *paragraphs)
{
  Value *level_node, *runs_node;
  g_autoptr(NbParagraph) paragraph = NULL;
  gint64 level = 0;
  gsize paragraph_bytes = 0; /* of the runs so far, against the limit */

  if (!reader_expect (reader, node, VALUE_OBJECT, where))
    return FALSE;
  level_node = value_member (node, "level");
  if (level_node != NULL)
    {
      if (level_node->type != VALUE_INT)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("“level” must be a whole number"));
      level = level_node->integer;
      if (level < NB_PARAGRAPH_BODY || level > NB_PARAGRAPH_LEVEL_LAST)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("“level” must be between 0 and %d"), NB_PARAGRAPH_LEVEL_LAST);
    }
  paragraph = nb_paragraph_new ((NbParagraphLevel)level);

  runs_node = value_member (node, "runs");
  if (runs_node == NULL || runs_node->type != VALUE_ARRAY)
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("“runs” must be a list"));
  for (guint i = 0; i < runs_node->n; i++)
    {
      Value *run_node = &runs_node->elements[i];
      g_autofree char *run_text = NULL;
      Value *text, *bold;

      if (run_node->type != VALUE_OBJECT)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("a run must be an object"));
      text = value_member (run_node, "text");
      bold = value_member (run_node, "bold");
      if (text == NULL || text->type != VALUE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("a run needs “text”"));
      if (bold != NULL && bold->type != VALUE_BOOLEAN)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("“bold” must be true or false"));
      if ((run_text = reader_string (reader, text, where, NB_FILE_MAX_PARAGRAPH_BYTES)) == NULL)
        return FALSE;
      paragraph_bytes += strlen (text->string);
      if (paragraph_bytes > NB_FILE_MAX_PARAGRAPH_BYTES)
        return reader_fail (reader, NB_FILE_ERROR_TOO_LARGE, where,
                            _("the paragraph is longer than %d bytes"),
                            NB_FILE_MAX_PARAGRAPH_BYTES);
      nb_paragraph_add_run (paragraph, run_text, bold ? bold->boolean : FALSE);
    }
  g_ptr_array_add (paragraphs, g_steal_pointer (&paragraph));
  return TRUE;
}

static gboolean
read_sections (Reader     *reader,
               Value      *sections)
{
  NbEdition *edition = nb_report_get_edition (reader->report);

  for (guint m = 0; m < sections->n; m++)
    {
      const char *id = sections->members[m].name;
      const NbEditionSection *section = nb_edition_find_section (edition, id);
      g_autofree char *where = g_strconcat ("sections.", id, NULL);
      g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
      Value *node = &sections->members[m].value;

      if (section == NULL || section->table_id != NULL)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("edition %s has no narrative section “%s”"),
                            nb_edition_get_id (edition), id);
      if (!reader_expect (reader, node, VALUE_ARRAY, where))
        return FALSE;
      for (guint i = 0; i < node->n; i++)
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", where, i);

          if (!read_paragraph (reader, &node->elements[i], item, paragraphs))
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
            Value                *node,
            const char           *where)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);
  g_autoptr(GError) error = NULL;
  gboolean is_empty = FALSE;
  gint64 value = 0;

  if (node->type == VALUE_NULL)
    return TRUE;

  if (node->type == VALUE_INT && c->kind != NB_VALUE_MONEY)
    {
      value = node->integer;
      if (value < 0 && c->kind == NB_VALUE_COUNT)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("%lld is negative; a count cannot be"), (long long)value);
    }
  else if (node->type == VALUE_STRING)
    {
      g_autofree char *text = reader_string (reader, node, where, NB_FILE_MAX_CELL_BYTES);

      if (text == NULL)
        return FALSE;
      /* The storage precision, not the report's: a file keeps what was typed. */
      if (!nb_number_parse (text, c->kind,
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
  else if (node->type == VALUE_INT)
    {
      /* A whole amount written as a JSON integer. */
      if (node->integer < 0)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("an amount cannot be negative"));
      if (node->integer > G_MAXINT64 / NB_MONEY_SCALE)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where, _("the amount is too large"));
      value = node->integer * NB_MONEY_SCALE;
    }
  else if (node->type == VALUE_DOUBLE)
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
             Value      *tables,
             gboolean    invalid_texts)
{
  NbEdition *edition = nb_report_get_edition (reader->report);
  const char *root = invalid_texts ? "invalid" : "tables";

  for (guint m = 0; m < tables->n; m++)
    {
      const char *table_id = tables->members[m].name;
      const NbEditionTable *table = nb_edition_find_table (edition, table_id);
      g_autofree char *where = g_strconcat (root, ".", table_id, NULL);
      Value *values;

      if (table == NULL)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("edition %s has no table “%s”"), nb_edition_get_id (edition),
                            table_id);
      values = object_or_null (reader, &tables->members[m].value, where);
      if (values == NULL)
        {
          if (reader->error != NULL)
            return FALSE;
          continue;
        }
      for (guint k = 0; k < values->n; k++)
        {
          const char *key = values->members[k].name;
          int cell = nb_edition_table_find_cell_by_key (table, key);
          g_autofree char *cell_where = g_strconcat (where, ".", key, NULL);
          Value *node = &values->members[k].value;

          if (cell < 0)
            return reader_fail (reader, NB_FILE_ERROR_INVALID, cell_where,
                                _("table %s of edition %s has no cell “%s”"), table_id,
                                nb_edition_get_id (edition), key);
          if (!invalid_texts)
            {
              if (!read_value (reader, table, (guint)cell, node, cell_where))
                return FALSE;
            }
          else if (!reader_expect (reader, node, VALUE_STRING, cell_where))
            return FALSE;
          else
            {
              g_autofree char *text = reader_string (reader, node, cell_where,
                                                     NB_FILE_MAX_CELL_BYTES);

              if (text == NULL)
                return FALSE;
              nb_report_set_stated (reader->report, table, (guint)cell, NB_CELL_INVALID, 0, text);
            }
        }
    }
  return TRUE;
}

/* "reference": last year's report (see nb_report_get_reference), stored
 * as a complete report of its own, one level deep: its bytes in the file
 * are read as a file of their own. */
static gboolean
read_reference (Reader *reader,
                Value  *object)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL; /* set by the load */
  g_autoptr(NbReport) reference = nb_file_load_data_full (reader->data + object->start,
                                                          object->end - object->start,
                                                          &warnings, &error);

  if (reference == NULL)
    return reader_fail (reader, NB_FILE_ERROR_INVALID, "reference", "%s", error->message);
  for (guint i = 0; reader->warnings != NULL && i < warnings->len; i++)
    g_ptr_array_add (reader->warnings,
                     g_strconcat ("reference.", (char *)g_ptr_array_index (warnings, i), NULL));
  nb_report_set_reference (reference, NULL);
  nb_report_set_reference (reader->report, reference);
  return TRUE;
}

NbReport *
nb_file_load_data (const char  *data,
                   gsize        length,
                   GError     **error)
{
  return nb_file_load_data_full (data, length, NULL, error);
}

/* What can be refused before parsing: the size, emptiness, the encoding. */
static gboolean
check_bytes (const char  *data,
             gsize        length,
             GError     **error)
{
  const char *end = NULL;

  if (length > NB_FILE_MAX_SIZE)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
                   _("The file is too large to be a report (%llu bytes; at most %d)"),
                   (unsigned long long)length, NB_FILE_MAX_SIZE);
      return FALSE;
    }
  if (length == 0)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_TRUNCATED,
                           _("The file is empty"));
      return FALSE;
    }
  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_ENCODING,
                   _("The file is not UTF-8 text (invalid byte at offset %llu)"),
                   (unsigned long long)(end - data));
      return FALSE;
    }
  return TRUE;
}

/* "format", "version" and "edition": whether this is a report we can read,
 * and in which edition. */
static NbEdition *
read_header (Value   *root,
             GError **error)
{
  g_autoptr(GError) lookup_error = NULL;
  NbEdition *edition;
  Value *node;

  if (root->type != VALUE_OBJECT)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_NOT_A_REPORT,
                           _("The file is JSON, but not a Nianbao report"));
      return NULL;
    }
  node = value_member (root, "format");
  if (node == NULL || node->type != VALUE_STRING
      || strcmp (node->string, NB_FILE_FORMAT_NAME) != 0)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_NOT_A_REPORT,
                           _("The file is JSON, but not a Nianbao report (no \"format\": \"nianbao\")"));
      return NULL;
    }

  node = value_member (root, "version");
  if (node == NULL || node->type != VALUE_INT || node->integer < 1)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID,
                           _("version: expected a whole number of at least 1"));
      return NULL;
    }
  if (node->integer > NB_FILE_FORMAT_VERSION)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_NEW,
                   _("The file was written by a newer Nianbao (file version %lld); this version reads "
                     "files up to version %d. Please update Nianbao."),
                   (long long)node->integer, NB_FILE_FORMAT_VERSION);
      return NULL;
    }

  node = value_member (root, "edition");
  if (node == NULL || node->type != VALUE_STRING)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID,
                           _("edition: expected the format edition as text, such as \"2021\""));
      return NULL;
    }
  edition = nb_edition_lookup (node->string, &lookup_error);
  if (edition == NULL)
    g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_UNKNOWN_EDITION, "%s", lookup_error->message);
  return edition;
}

/* The report's parts, each optional, up to the first error. */
static void
read_body (Reader *reader,
           Value  *root)
{
  Value *object;

  object = member_object (reader, root, "metadata", "metadata");
  if (object != NULL)
    read_metadata (reader, object);
  if (reader->error == NULL && (object = member_object (reader, root, "sections", "sections")))
    read_sections (reader, object);
  if (reader->error == NULL && (object = member_object (reader, root, "tables", "tables")))
    read_tables (reader, object, FALSE);
  if (reader->error == NULL && (object = member_object (reader, root, "invalid", "invalid")))
    read_tables (reader, object, TRUE);
  if (reader->error == NULL && (object = member_object (reader, root, "reference", "reference")))
    read_reference (reader, object);
}

/* @warnings: what was changed to load the file (characters that are not
 * text), one message each; the caller shows them. */
NbReport *
nb_file_load_data_full (const char  *data,
                        gsize        length,
                        GPtrArray  **warnings,
                        GError     **error)
{
  g_auto(Arena) arena = { NULL, };
  g_autoptr(NbEdition) edition = NULL;
  g_autoptr(NbReport) report = NULL;
  Value *root;
  Reader reader = { NULL, NULL, NULL, data };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_bytes (data, length, error))
    return NULL;
  if ((root = _nb_json_parse_strict (data, length, &arena, error)) == NULL)
    return NULL;
  if ((edition = read_header (root, error)) == NULL)
    return NULL;

  report = nb_report_new (edition);
  nb_report_set_history_enabled (report, FALSE);
  nb_report_set_quiet (report, TRUE);
  reader.report = report;
  if (warnings != NULL)
    reader.warnings = g_ptr_array_new_with_free_func (g_free);

  read_body (&reader, root);
  if (reader.error != NULL)
    {
      g_clear_pointer (&reader.warnings, g_ptr_array_unref);
      g_propagate_error (error, reader.error);
      return NULL;
    }
  if (warnings != NULL)
    *warnings = reader.warnings;

  nb_report_set_history_enabled (report, TRUE);
  nb_report_forget_history (report);
  nb_report_set_quiet (report, FALSE);
  return g_steal_pointer (&report);
}

NbReport *
nb_file_load_full (const char  *path,
                   GPtrArray  **warnings,
                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  goffset size = 0;
  gsize length;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);

  /* Huge files, folders and pipes are refused before anything is read. */
  bytes = nb_file_read_regular (path, NB_FILE_MAX_SIZE, &size, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
                     _("The file is too large to be a report (%llu bytes; at most %d)"),
                     (unsigned long long)size, NB_FILE_MAX_SIZE);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  return nb_file_load_data_full (data ? data : "", length, warnings, error);
}

NbReport *
nb_file_load (const char  *path,
              GError     **error)
{
  return nb_file_load_full (path, NULL, error);
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
