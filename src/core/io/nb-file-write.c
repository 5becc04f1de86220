/* nb-file-write.c: a report as the bytes of a .nianbao file, within the reader's limits
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>
#include <string.h>

#include "nb-file-private.h"
#include "nb-file.h"

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

static gboolean
is_raw_control (char c)
{
  return (guchar)c < 0x20 && c != '\n';
}

/* json-glib 1.6 writes U+001F in a string as the raw byte (its escaping
 * stops below it), which JSON forbids and our reader refuses: every control
 * byte but the layout's newlines is inside a string, so it is escaped here.
 * Takes @data; adds the final newline text files have. */
static GBytes *
escape_control_characters (char  *data,
                           gsize  length)
{
  GString *out;
  gsize i = 0;

  while (i < length && !is_raw_control (data[i]))
    i++;
  if (i == length)
    {
      data = g_realloc (data, length + 2);
      data[length++] = '\n';
      data[length] = '\0';
      return g_bytes_new_take (data, length);
    }

  out = g_string_sized_new (length + 64);
  for (i = 0; i < length; i++)
    {
      if (is_raw_control (data[i]))
        g_string_append_printf (out, "\\u%04x", (guint)(guchar)data[i]);
      else
        g_string_append_c (out, data[i]);
    }
  g_string_append_c (out, '\n');
  g_free (data);
  return g_string_free_to_bytes (out);
}

static void
add_paragraph (JsonBuilder       *builder,
               const NbParagraph *paragraph)
{
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

/* "metadata": the optional members only when set. */
static void
add_metadata (JsonBuilder *builder,
              NbReport    *report)
{
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
  if (nb_report_get_published_sha256 (report) != NULL)
    {
      json_builder_set_member_name (builder, "published_sha256");
      json_builder_add_string_value (builder, nb_report_get_published_sha256 (report));
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
}

/* "sections": the narrative sections of the edition, in its order. */
static void
add_sections (JsonBuilder *builder,
              NbReport    *report)
{
  NbEdition *edition = nb_report_get_edition (report);

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
        add_paragraph (builder, g_ptr_array_index (paragraphs, p));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

/* "tables", then "invalid" when any cell holds text that is not a valid
 * value (kept so that nothing typed is lost). */
static void
add_tables (JsonBuilder *builder,
            NbReport    *report)
{
  NbEdition *edition = nb_report_get_edition (report);

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

  add_metadata (builder, report);
  add_sections (builder, report);
  add_tables (builder, report);
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
  return escape_control_characters (data, length);
}

/* One limit for reading and writing: a report Nianbao writes is one it can
 * open again. */
gboolean
nb_file_check_size (gsize    length,
                    GError **error)
{
  if (length <= NB_FILE_MAX_SIZE)
    return TRUE;
  g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
               _("The report would be %llu bytes, more than the %d a report may have "
                 "(%d MiB); it was not written. Shorten its longest texts."),
               (unsigned long long)length, NB_FILE_MAX_SIZE, NB_FILE_MAX_SIZE / (1024 * 1024));
  return FALSE;
}

static gboolean check_length (gsize        length,
                              gsize        max_bytes,
                              GError     **error,
                              const char  *where_format,
                              ...) G_GNUC_PRINTF (4, 5);

/* The text's name (@where_format) is formatted only for the error: the
 * check runs before every autosave. */
static gboolean
check_length (gsize        length,
              gsize        max_bytes,
              GError     **error,
              const char  *where_format,
              ...)
{
  g_autofree char *where = NULL;
  va_list args;

  if (length <= max_bytes)
    return TRUE;
  va_start (args, where_format);
  where = g_strdup_vprintf (where_format, args);
  va_end (args);
  g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
               _("The report was not written: %s: the text is %llu bytes long; at most %llu "
                 "are allowed"),
               where, (unsigned long long)length, (unsigned long long)max_bytes);
  return FALSE;
}

/* The bytes of a paragraph's text, which the reader limits. */
static gsize
paragraph_bytes (const NbParagraph *paragraph)
{
  gsize length = 0;

  for (guint r = 0; r < paragraph->runs->len; r++)
    length += strlen (((const NbRun *)g_ptr_array_index (paragraph->runs, r))->text);
  return length;
}

/* The loader's limits on single texts (NB_FILE_MAX_FIELD_BYTES and the
 * others), checked before writing: a report Nianbao writes is one it can
 * open again.  Main thread: reads the report. */
gboolean
nb_file_check_texts (NbReport  *report,
                     GError   **error)
{
  NbEdition *edition = nb_report_get_edition (report);
  const char * const *sources = nb_report_get_sources (report);

  for (guint i = 0; i < G_N_ELEMENTS (meta_strings); i++)
    {
      g_autofree char *text = NULL;

      g_object_get (report, meta_strings[i], &text, NULL);
      if (!check_length (text ? strlen (text) : 0, NB_FILE_MAX_FIELD_BYTES, error,
                         "metadata.%s", meta_strings[i]))
        return FALSE;
    }
  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    if (!check_length (strlen (sources[i]), NB_FILE_MAX_FIELD_BYTES, error,
                       "metadata.sources[%u]", i))
      return FALSE;
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      GPtrArray *paragraphs;

      if (section->table_id != NULL)
        continue;
      paragraphs = nb_report_get_paragraphs (report, section->id);
      for (guint p = 0; p < paragraphs->len; p++)
        if (!check_length (paragraph_bytes (g_ptr_array_index (paragraphs, p)),
                           NB_FILE_MAX_PARAGRAPH_BYTES, error, "sections.%s[%u]", section->id, p))
          return FALSE;
    }
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const char *invalid = NULL;

          if (nb_report_get_cell (report, table, c, NULL, &invalid) == NB_CELL_INVALID
              && invalid != NULL
              && !check_length (strlen (invalid), NB_FILE_MAX_CELL_BYTES, error, "invalid.%s.%s",
                                nb_edition_table_get_id (table),
                                nb_edition_table_get_cell (table, c)->key))
            return FALSE;
        }
    }
  return TRUE;
}

/* The bytes of @report as a file, or an error when they would be more than
 * a reader accepts. */
GBytes *
nb_file_serialize_checked (NbReport  *report,
                           GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!nb_file_check_texts (report, error))
    return NULL;
  bytes = nb_file_serialize (report);
  if (!nb_file_check_size (g_bytes_get_size (bytes), error))
    return NULL;
  return g_steal_pointer (&bytes);
}

gboolean
nb_file_save_full (NbReport          *report,
                   const char        *path,
                   NbFileWriteFlags   flags,
                   GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = nb_file_serialize_checked (report, error);
  if (bytes == NULL)
    return FALSE;
  nb_file_sweep_temporaries (path);
  if (!nb_file_write_bytes_full (path, bytes, flags, error))
    return FALSE;
  nb_report_set_modified (report, FALSE);
  return TRUE;
}

/* Save: replaces @path, in place (after a backup) if only the file, not
 * its folder, is writable. */
gboolean
nb_file_save (NbReport    *report,
              const char  *path,
              GError     **error)
{
  return nb_file_save_full (report, path, NB_FILE_WRITE_REPLACE | NB_FILE_WRITE_IN_PLACE, error);
}
