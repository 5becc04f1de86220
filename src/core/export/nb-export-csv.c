/* nb-export-csv.c: every value cell as one CSV line, for spreadsheets
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-csv"

#include "config.h"

#include "nb-export.h"

/* A plain number ("-5", "27.25") is data, never a formula. */
static gboolean
is_number (const char *text)
{
  const char *p = text;

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

/* One CSV field: RFC 4180 quoting for a comma, a quote or a line break,
 * and, as OWASP recommends against CSV injection, text that starts like a
 * formula (= + - @, a tab or a carriage return) gets a leading apostrophe,
 * so Excel, Calc and WPS show it instead of running it. */
void
nb_export_csv_append_field (GString    *out,
                            const char *text)
{
  gboolean formula;

  if (text == NULL)
    text = "";
  formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0' && !is_number (text);
  if (!formula && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

GBytes *
nb_export_csv (NbReport  *report,
               GError   **error)
{
  NbEdition *edition = nb_report_get_edition (report);
  GString *out = g_string_new (NULL);

  /* A byte order mark and CRLF: without them Excel and WPS open UTF-8 CSV
   * as mojibake. */
  g_string_append (out, "\xEF\xBB\xBF");
  g_string_append (out, "table,row_id,column_id,row_label,column_label,value\r\n");

  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const NbEditionCell *cell = nb_edition_table_get_cell (table, c);
          const NbEditionRow *row = nb_edition_table_get_row (table, cell->row);
          const NbEditionColumn *column = nb_edition_table_get_column (table, cell->column);
          g_autofree char *value = NULL;

          /* Invalid text is no number: a spreadsheet gets an empty cell. */
          if (nb_report_get_cell (report, table, c, NULL, NULL) == NB_CELL_VALUE)
            value = nb_report_dup_cell_text (report, table, c);

          nb_export_csv_append_field (out, nb_edition_table_get_id (table));
          g_string_append_c (out, ',');
          nb_export_csv_append_field (out, row->id);
          g_string_append_c (out, ',');
          nb_export_csv_append_field (out, column->id);
          g_string_append_c (out, ',');
          nb_export_csv_append_field (out, row->full_label);
          g_string_append_c (out, ',');
          nb_export_csv_append_field (out, column->full_label);
          g_string_append_c (out, ',');
          nb_export_csv_append_field (out, value);
          g_string_append (out, "\r\n");
        }
    }
  return g_string_free_to_bytes (out);
}
