/* nb-cli-check-output.c: what --check prints: the summary table and the findings as CSV
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-cli-private.h"
#include "nb-export.h"

void
_nb_cli_summary_row_free (SummaryRow *row)
{
  g_free (row->file);
  g_free (row->agency);
  g_free (row->year);
  g_free (row->edition);
  g_free (row);
}

SummaryRow *
_nb_cli_summary_row_new (GPtrArray  *rows,
                         const char *file,
                         NbReport   *report,
                         GPtrArray  *findings)
{
  SummaryRow *row = g_new0 (SummaryRow, 1);

  row->file = g_strdup (file);
  if (report != NULL)
    {
      row->agency = g_strdup (nb_report_get_agency (report) ?: "");
      row->year = g_strdup_printf ("%d", nb_report_get_year (report));
      row->edition = g_strdup (nb_edition_get_id (nb_report_get_edition (report)));
      row->n_errors = nb_findings_count (findings, NB_SEVERITY_ERROR);
      row->n_warnings = nb_findings_count (findings, NB_SEVERITY_WARNING);
      row->status = row->n_errors > 0 ? "errors" : row->n_warnings > 0 ? "warnings" : "ok";
    }
  else
    {
      row->agency = g_strdup ("");
      row->year = g_strdup ("");
      row->edition = g_strdup ("");
      row->status = "unreadable";
    }
  g_ptr_array_add (rows, row);
  return row;
}

/* Terminal columns: CJK characters take two, so Chinese names still align. */
static gsize
display_width (const char *text)
{
  gsize width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

static void
append_padded (GString    *line,
               const char *text,
               gsize       width,
               gboolean    last)
{
  g_string_append (line, text);
  if (!last)
    for (gsize i = display_width (text); i < width + 2; i++)
      g_string_append_c (line, ' ');
}

void
_nb_cli_print_summary_text (GPtrArray *rows)
{
  enum { N_COLUMNS = 7 };
  const char *headers[N_COLUMNS] = { _("File"), _("Agency"), _("Year"), _("Edition"),
                                     _("Errors"), _("Warnings"), _("Status") };
  gsize widths[N_COLUMNS];
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    widths[c] = display_width (headers[c]);

  /* Two passes over the rows: measure, then print. */
  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          g_string_truncate (line, 0);
          for (guint c = 0; c < N_COLUMNS; c++)
            append_padded (line, headers[c], widths[c], c + 1 == N_COLUMNS);
          _nb_cli_print_line (stdout, "%s\n", line->str);
        }
      for (guint r = 0; r < rows->len; r++)
        {
          SummaryRow *row = g_ptr_array_index (rows, r);
          char errors[16], warnings[16];
          const char *cells[N_COLUMNS] = { row->file, row->agency, row->year, row->edition,
                                           errors, warnings, row->status };

          g_snprintf (errors, sizeof errors, "%u", row->n_errors);
          g_snprintf (warnings, sizeof warnings, "%u", row->n_warnings);
          g_string_truncate (line, 0);
          for (guint c = 0; c < N_COLUMNS; c++)
            {
              if (pass == 0)
                widths[c] = MAX (widths[c], display_width (cells[c]));
              else
                append_padded (line, cells[c], widths[c], c + 1 == N_COLUMNS);
            }
          if (pass == 1)
            _nb_cli_print_line (stdout, "%s\n", line->str);
        }
    }
}

/* RFC 4180 quoting, and text a spreadsheet would run as a formula
 * neutralised (see nb_export_csv_append_field). */
static void
append_csv_field (GString    *line,
                  const char *text,
                  gboolean    last)
{
  nb_export_csv_append_field (line, text);
  g_string_append (line, last ? "\r\n" : ",");
}

/* Prints the rows and drops them: CSV needs no widths, so a province's
 * summary streams out in constant memory. */
void
_nb_cli_print_summary_csv (GPtrArray *rows,
                           gboolean   header)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (header)
    g_string_append (line, "file,agency,year,edition,errors,warnings,status\r\n");
  for (guint r = 0; r < rows->len; r++)
    {
      SummaryRow *row = g_ptr_array_index (rows, r);
      char errors[16], warnings[16];
      const char *cells[] = { row->file, row->agency, row->year, row->edition,
                              errors, warnings, row->status };

      g_snprintf (errors, sizeof errors, "%u", row->n_errors);
      g_snprintf (warnings, sizeof warnings, "%u", row->n_warnings);
      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        append_csv_field (line, cells[c], c + 1 == G_N_ELEMENTS (cells));
      fputs (line->str, stdout);
      g_string_truncate (line, 0);
    }
  fputs (line->str, stdout);
  g_ptr_array_set_size (rows, 0);
}

/* One finding as a CSV row: its place split into columns (ids of the file
 * format, paragraph and characters counted from 1) for scripts, and as
 * `--check` prints it for people. */
void
_nb_cli_append_finding_csv (GString    *out,
                            const char *file,
                            const char *rule,
                            const char *severity,
                            NbFinding  *finding,
                            NbReport   *report,
                            const char *message)
{
  g_autofree char *location = finding ? nb_finding_dup_location (finding, report) : g_strdup ("");
  g_autofree char *paragraph = NULL;
  g_autofree char *characters = NULL;
  const char *row = "", *column = "";

  if (finding != NULL && finding->table_id != NULL && finding->cell >= 0)
    {
      const NbEditionTable *table =
        nb_edition_find_table (nb_report_get_edition (report), finding->table_id);
      const NbEditionCell *cell = nb_edition_table_get_cell (table, (guint)finding->cell);

      row = nb_edition_table_get_row (table, cell->row)->id;
      column = nb_edition_table_get_column (table, cell->column)->id;
    }
  if (finding != NULL && finding->section_id != NULL && finding->paragraph >= 0)
    {
      paragraph = g_strdup_printf ("%d", finding->paragraph + 1);
      characters = finding->length == 0
        ? g_strdup_printf ("%u", finding->offset + 1)
        : g_strdup_printf ("%u-%u", finding->offset + 1, finding->offset + finding->length);
    }

  {
    const char *cells[] = {
      file, rule, severity,
      finding && finding->section_id ? finding->section_id : "",
      finding && finding->table_id ? finding->table_id : "",
      row, column, paragraph ?: "", characters ?: "",
      finding && finding->field ? finding->field : "",
      location, message,
    };

    for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
      append_csv_field (out, cells[c], c + 1 == G_N_ELEMENTS (cells));
  }
}
