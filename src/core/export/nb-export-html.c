/* nb-export-html.c: one self-contained page for the agency's website
 *
 * No script, no external resource: a web editor publishes the file as it is
 * or pastes it into a CMS.  The tables are real <table> markup built from the
 * edition's printed layout, so the merged cells are the official ones.  The
 * borders are also set on each cell, because a CMS often keeps the body of a
 * pasted page and drops its <style>.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-html"

#include "config.h"

#include "nb-export.h"
#include "nb-xml-writer.h"

/* Tables wider than this many grid columns get a smaller type, as on paper. */
#define WIDE_TABLE_COLUMNS 10

#define CELL_STYLE "border:1px solid #000;padding:0.3em 0.4em"

static const char stylesheet[] =
  "body{margin:0;background:#fff;color:#000}\n"
  ".nb-report{box-sizing:border-box;max-width:52em;margin:0 auto;padding:1em;"
  "font-family:FangSong,\"仿宋\",\"仿宋_GB2312\",STFangsong,\"Noto Serif CJK SC\","
  "\"Source Han Serif SC\",serif;font-size:1.125rem;line-height:1.9}\n"
  ".nb-report h1{font-family:\"方正小标宋简体\",\"FZXiaoBiaoSong-B05S\",\"Noto Serif CJK SC\","
  "\"Source Han Serif SC\",SimSun,serif;font-size:1.6em;font-weight:bold;text-align:center;"
  "line-height:1.5;margin:1em 0}\n"
  ".nb-report h2,.nb-report h3{font-family:SimHei,\"黑体\",\"Noto Sans CJK SC\","
  "\"Source Han Sans SC\",sans-serif}\n"
  ".nb-report h2{font-size:1.1em;margin:1.2em 0 0.5em}\n"
  ".nb-report h3{font-size:1em;margin:0.8em 0 0.3em;text-indent:2em}\n"
  ".nb-report h4{font-family:KaiTi,\"楷体\",\"楷体_GB2312\",\"AR PL UKai CN\",serif;"
  "font-size:1em;margin:0.6em 0 0.3em;text-indent:2em}\n"
  ".nb-report h5,.nb-report h6{font-size:1em;font-weight:normal;margin:0.4em 0;text-indent:2em}\n"
  ".nb-report p{margin:0 0 0.5em;text-indent:2em;text-align:justify}\n"
  ".nb-table{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:0.8em 0 1.2em}\n"
  ".nb-table table{border-collapse:collapse;width:100%;font-family:SimSun,\"宋体\","
  "\"Noto Serif CJK SC\",\"Source Han Serif SC\",serif;font-size:0.85em;line-height:1.5}\n"
  ".nb-table table.nb-wide{min-width:50em;font-size:0.8em}\n"
  ".nb-table table:not(.nb-wide){min-width:36em}\n"
  ".nb-table caption{font-weight:bold;padding:0.3em}\n"
  ".nb-table th,.nb-table td{border:1px solid #000;padding:0.3em 0.4em;vertical-align:middle}\n"
  ".nb-table th{font-weight:normal;text-align:center}\n"
  ".nb-table th[scope=row]{text-align:left}\n"
  ".nb-table th[scope=col],.nb-table td{min-width:3em}\n"
  ".nb-table th.nb-block{font-weight:bold}\n"
  ".nb-table td{text-align:center;white-space:nowrap}\n"
  "@media print{\n"
  "@page{size:A4;margin:37mm 26mm 35mm 28mm}\n"
  /* "— N —" on the outer side, where a browser supports margin boxes. */
  "@page :right{@bottom-right{content:\"— \" counter(page) \" —\";font:14pt SimSun,\"宋体\","
  "\"Noto Serif CJK SC\",serif;vertical-align:top;padding-top:7mm;margin-right:14pt}}\n"
  "@page :left{@bottom-left{content:\"— \" counter(page) \" —\";font:14pt SimSun,\"宋体\","
  "\"Noto Serif CJK SC\",serif;vertical-align:top;padding-top:7mm;margin-left:14pt}}\n"
  ".nb-report{max-width:none;padding:0;font-size:16pt;line-height:28pt}\n"
  ".nb-table{overflow:visible}\n"
  ".nb-table table,.nb-table table.nb-wide,.nb-table table:not(.nb-wide){min-width:0;"
  "font-size:10.5pt;line-height:1.3}\n"
  ".nb-table th[scope=col],.nb-table td{min-width:0;padding:0.2em}\n"
  ".nb-table table.nb-wide{font-size:9pt}\n"
  ".nb-table td{white-space:normal}\n"
  "thead{display:table-header-group}\n"
  "tr{break-inside:avoid;page-break-inside:avoid}\n"
  "h1,h2,h3,h4,h5,h6{break-after:avoid;page-break-after:avoid}\n"
  "}\n";

/* Text with its line breaks kept. */
static void
append_text (GString    *out,
             const char *text)
{
  const char *line = text;

  for (const char *p = text; ; p++)
    {
      if (*p == '\n' || *p == '\0')
        {
          nb_xml_append_escaped (out, line, p - line);
          if (*p == '\0')
            break;
          g_string_append (out, "<br>");
          line = p + 1;
        }
    }
}

static void
append_paragraph (GString           *out,
                  const NbParagraph *paragraph)
{
  g_autoptr(GPtrArray) runs = nb_paragraph_dup_merged_runs (paragraph);
  /* h2 is a section; paragraph headings "一、", "（一）", "1.", "（1）"
   * come below it. */
  guint rank = paragraph->level == NB_PARAGRAPH_BODY ? 0 : paragraph->level + 2;

  if (runs->len == 0)
    return;
  if (rank > 0)
    g_string_append_printf (out, "<h%u>", rank);
  else
    g_string_append (out, "<p>");
  for (guint i = 0; i < runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (runs, i);

      if (run->bold && rank == 0)
        g_string_append (out, "<strong>");
      append_text (out, run->text);
      if (run->bold && rank == 0)
        g_string_append (out, "</strong>");
    }
  if (rank > 0)
    g_string_append_printf (out, "</h%u>\n", rank);
  else
    g_string_append (out, "</p>\n");
}

static void
append_spans (GString            *out,
              const NbLayoutItem *item)
{
  if (item->row_span > 1)
    g_string_append_printf (out, " rowspan=\"%u\"", item->row_span);
  if (item->column_span > 1)
    g_string_append_printf (out, " colspan=\"%u\"", item->column_span);
}

static void
append_cell (GString              *out,
             NbReport             *report,
             const NbEditionTable *table,
             const NbLayoutItem   *item)
{
  const char *scope = NULL;
  const char *class = NULL;

  switch (item->role)
    {
    case NB_LAYOUT_VALUE:
      {
        const NbEditionCell *cell = nb_edition_table_get_cell (table, item->cell);
        g_autofree char *text = nb_report_dup_cell_text (report, table, item->cell);

        g_string_append (out, "<td");
        append_spans (out, item);
        g_string_append (out, " data-cell=\"");
        nb_xml_append_escaped (out, cell->key, -1);
        g_string_append (out, "\" style=\"" CELL_STYLE ";text-align:center\">");
        nb_xml_append_escaped (out, text, -1);
        g_string_append (out, "</td>");
        return;
      }
    case NB_LAYOUT_EMPTY:
      g_string_append (out, "<td");
      append_spans (out, item);
      g_string_append (out, " style=\"" CELL_STYLE "\"></td>");
      return;
    case NB_LAYOUT_CORNER:
    case NB_LAYOUT_HEADER:
      scope = item->column_span > 1 ? "colgroup" : "col";
      break;
    case NB_LAYOUT_BLOCK:
      /* Each block is its own <tbody>, which this title heads. */
      scope = "rowgroup";
      class = "nb-block";
      break;
    case NB_LAYOUT_GROUP:
    case NB_LAYOUT_LABEL:
    default:
      scope = "row";
      break;
    }

  g_string_append_printf (out, "<th scope=\"%s\"", scope);
  if (class != NULL)
    g_string_append_printf (out, " class=\"%s\"", class);
  append_spans (out, item);
  g_string_append (out, " style=\"" CELL_STYLE "\">");
  append_text (out, item->text != NULL ? item->text : "");
  g_string_append (out, "</th>");
}

static gboolean
row_starts_block (const NbLayoutItem **grid,
                  guint                width,
                  guint                row)
{
  for (guint c = 0; c < width; c++)
    {
      const NbLayoutItem *item = grid[row * width + c];

      if (item != NULL && item->row == row && item->role == NB_LAYOUT_BLOCK)
        return TRUE;
    }
  return FALSE;
}

static gboolean
row_is_header (const NbLayoutItem **grid,
               guint                width,
               guint                row)
{
  for (guint c = 0; c < width; c++)
    {
      const NbLayoutItem *item = grid[row * width + c];

      if (item != NULL && item->row == row && !item->is_header)
        return FALSE;
    }
  return TRUE;
}

static void
append_table (GString              *out,
              NbReport             *report,
              const NbEditionTable *table)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint height = nb_edition_table_get_grid_height (table);
  g_autofree const NbLayoutItem **grid = nb_layout_grid_new (table);
  const char *group = NULL;

  g_string_append (out, "<div class=\"nb-table\" style=\"overflow-x:auto\">\n<table");
  if (width > WIDE_TABLE_COLUMNS)
    g_string_append (out, " class=\"nb-wide\"");
  g_string_append (out, " style=\"border-collapse:collapse\">\n<caption>");
  append_text (out, nb_edition_table_get_caption (table));
  g_string_append (out, "</caption>\n");

  for (guint r = 0; r < height; r++)
    {
      /* The header rows on top form the <thead> a browser repeats on each
       * printed page; a block title opens a <tbody> of its own. */
      gboolean block = row_starts_block (grid, width, r);
      gboolean header = row_is_header (grid, width, r);
      const char *next = group;

      if (block || (group != NULL && g_str_equal (group, "thead") && !header))
        next = "tbody";
      else if (group == NULL)
        next = header ? "thead" : "tbody";
      if (block || g_strcmp0 (next, group) != 0)
        {
          if (group != NULL)
            g_string_append_printf (out, "</%s>\n", group);
          g_string_append_printf (out, "<%s>\n", next);
          group = next;
        }

      g_string_append (out, "<tr>");
      for (guint c = 0; c < width; c++)
        {
          const NbLayoutItem *item = grid[r * width + c];

          if (item != NULL && item->row == r && item->column == c)
            append_cell (out, report, table, item);
          else if (item == NULL)
            g_string_append (out, "<td style=\"" CELL_STYLE "\"></td>");
        }
      g_string_append (out, "</tr>\n");
    }
  if (group != NULL)
    g_string_append_printf (out, "</%s>\n", group);
  g_string_append (out, "</table>\n</div>\n");
}

GBytes *
nb_export_html (NbReport  *report,
                GError   **error)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autofree char *title = nb_report_dup_title (report);
  GString *out = g_string_new (NULL);

  g_string_append (out,
                   "<!DOCTYPE html>\n"
                   "<html lang=\"zh-CN\">\n"
                   "<head>\n"
                   "<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"Nianbao " PACKAGE_VERSION "\">\n"
                   "<title>");
  nb_xml_append_escaped (out, title, -1);
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", stylesheet);
  g_string_append (out, "<article class=\"nb-report\">\n<h1>");
  nb_xml_append_escaped (out, title, -1);
  g_string_append (out, "</h1>\n");

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);

      g_string_append (out, "<section id=\"");
      nb_xml_append_escaped (out, section->id, -1);
      g_string_append (out, "\">\n<h2>");
      nb_xml_append_escaped (out, section->heading, -1);
      g_string_append (out, "</h2>\n");
      for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
        append_paragraph (out, g_ptr_array_index (paragraphs, i));
      if (section->table_id != NULL)
        append_table (out, report, nb_edition_find_table (edition, section->table_id));
      g_string_append (out, "</section>\n");
    }

  g_string_append (out, "</article>\n</body>\n</html>\n");
  return g_string_free_to_bytes (out);
}
