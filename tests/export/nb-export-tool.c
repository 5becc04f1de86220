/* nb-export-tool.c: what the Python export tests compare against
 *
 *   nb-export-tool layout FILE|--sample   the report as the edition lays it
 *                                         out: JSON with every table item
 *                                         (position, spans, role, text, value)
 *                                         and every paragraph
 *   nb-export-tool generate SEED EDITION OUT
 *                                         a report with odd text and values
 *   nb-export-tool summary-pdf FILE OUT [PREVIOUS]
 *                                         the picture summary as a PDF
 *   nb-export-tool bench FORMAT N [FILE]  time N exports of the sample report
 *                                         (or of FILE)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-tool"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "export-test-util.h"
#include "nb-export.h"
#include "nb-file.h"

static const char * const role_names[] = {
  "corner", "header", "block", "group", "label", "value", "empty",
};

static void
add_table (JsonBuilder          *builder,
           NbReport             *report,
           const NbEditionTable *table)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, nb_edition_table_get_id (table));
  json_builder_set_member_name (builder, "caption");
  json_builder_add_string_value (builder, nb_edition_table_get_caption (table));
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, nb_edition_table_get_grid_width (table));
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, nb_edition_table_get_grid_height (table));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, item->row);
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, item->column);
      json_builder_set_member_name (builder, "row_span");
      json_builder_add_int_value (builder, item->row_span);
      json_builder_set_member_name (builder, "column_span");
      json_builder_add_int_value (builder, item->column_span);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, role_names[item->role]);
      json_builder_set_member_name (builder, "is_header");
      json_builder_add_boolean_value (builder, item->is_header);
      json_builder_set_member_name (builder, "text");
      if (item->role == NB_LAYOUT_VALUE)
        {
          g_autofree char *text = nb_report_dup_cell_text (report, table, item->cell);

          json_builder_add_string_value (builder, text);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, nb_edition_table_get_cell (table, item->cell)->key);
        }
      else
        json_builder_add_string_value (builder, item->text ? item->text : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static int
dump_layout (NbReport *report)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = nb_report_dup_title (report);
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "agency");
  json_builder_add_string_value (builder, nb_report_get_agency (report));
  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, section->id);
      json_builder_set_member_name (builder, "heading");
      json_builder_add_string_value (builder, section->heading);
      json_builder_set_member_name (builder, "paragraphs");
      json_builder_begin_array (builder);
      for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
        {
          const NbParagraph *paragraph = g_ptr_array_index (paragraphs, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "level");
          json_builder_add_int_value (builder, paragraph->level);
          json_builder_set_member_name (builder, "runs");
          json_builder_begin_array (builder);
          for (guint k = 0; k < paragraph->runs->len; k++)
            {
              const NbRun *run = g_ptr_array_index (paragraph->runs, k);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "text");
              json_builder_add_string_value (builder, run->text);
              json_builder_set_member_name (builder, "bold");
              json_builder_add_boolean_value (builder, run->bold);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "table");
      if (section->table_id != NULL)
        add_table (builder, report, nb_edition_find_table (edition, section->table_id));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);
  puts (json);
  return 0;
}

static int
bench (const char *format,
       guint       n,
       const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = path ? nb_file_load (path, &error) : nb_file_load_sample (&error);
  double best = G_MAXDOUBLE, total = 0;
  gsize size = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = nb_export_to_bytes (report, format, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      if (bytes == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      size = g_bytes_get_size (bytes);
      best = MIN (best, ms);
      total += ms;
    }
  printf ("%-5s %8.3f ms best, %8.3f ms mean of %u, %7" G_GSIZE_FORMAT " bytes\n", format, best,
          total / n, n, size);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;

  if (argc == 3 && g_str_equal (argv[1], "layout"))
    {
      report = g_str_equal (argv[2], "--sample") ? nb_file_load_sample (&error)
                                                 : nb_file_load (argv[2], &error);
      if (report == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      return dump_layout (report);
    }
  if (argc == 5 && g_str_equal (argv[1], "generate"))
    {
      report = export_test_generate_report ((guint32)g_ascii_strtoull (argv[2], NULL, 10), argv[3]);
      if (!nb_file_save (report, argv[4], &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      return 0;
    }
  /* The picture summary drawn into a PDF, whose text pdftotext reads back
   * from the glyphs drawn. */
  if ((argc == 4 || argc == 5) && g_str_equal (argv[1], "summary-pdf"))
    {
      g_autoptr(NbReport) previous = NULL;
      g_autoptr(GBytes) bytes = NULL;
      NbExportOptions options = { 0 };

      report = nb_file_load (argv[2], &error);
      if (report != NULL && argc == 5)
        previous = nb_file_load (argv[4], &error);
      options.previous = previous;
      if (report != NULL && (argc == 4 || previous != NULL))
        bytes = nb_export_summary_pdf (report, &options, &error);
      if (bytes == NULL || !nb_file_write_bytes (argv[3], bytes, &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      return 0;
    }
  if ((argc == 4 || argc == 5) && g_str_equal (argv[1], "bench"))
    return bench (argv[2], (guint)g_ascii_strtoull (argv[3], NULL, 10), argc == 5 ? argv[4] : NULL);
  g_printerr ("usage: nb-export-tool layout FILE|--sample\n"
              "       nb-export-tool generate SEED EDITION OUT\n"
              "       nb-export-tool bench FORMAT N [FILE]\n"
              "       nb-export-tool summary-pdf FILE OUT.pdf [PREVIOUS]\n");
  return 2;
}
