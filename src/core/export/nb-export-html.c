/* nb-export-html.c: the report for the agency's website
 *
 * Two shapes of one body: a self-contained page for offline use, and a
 * fragment (the body only) for pasting into a CMS editor.  CMS editors keep
 * the pasted markup but drop <style> and class attributes, so every look
 * that matters on screen is an inline style on the element itself, and an
 * element that holds text states its own font, size and colour: a site's
 * stylesheet ("td{font-size:12px}") then cannot change it.  The full page
 * adds a <style> for printing only.
 *
 * Accessibility as government sites require (GB/T 37668-2019): real tables
 * whose merged headers are tied to their cells with headers/id, headings
 * in order, text at 17:1 contrast, fonts that read well on screens (a sans
 * face; 仿宋 is for paper).  No script, no external resource.
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

/* Single quotes inside: these go into style="…". */
#define FONT_SANS "font-family:'Microsoft YaHei','PingFang SC','Hiragino Sans GB','Noto Sans CJK SC'," \
                  "'Source Han Sans SC','WenQuanYi Micro Hei',sans-serif"
#define FONT_SONG "font-family:SimSun,'Songti SC','Noto Serif CJK SC','Source Han Serif SC',serif"
#define INK       "color:#1a1a1a"
#define TEXT_BASE FONT_SANS ";" INK ";font-style:normal;letter-spacing:normal"

#define ROOT_STYLE  TEXT_BASE ";box-sizing:border-box;max-width:52em;margin:0 auto;padding:16px;" \
                    "background:#fff;font-size:18px;line-height:1.8"
#define TITLE_STYLE FONT_SONG ";" INK ";font-size:26px;font-weight:bold;text-align:center;" \
                    "line-height:1.5;margin:24px 0;padding:0;text-indent:0"
#define SECTION_STYLE TEXT_BASE ";font-size:20px;font-weight:bold;line-height:1.6;" \
                      "margin:28px 0 12px;padding:0;text-indent:0;text-align:left"
#define PARA_STYLE  TEXT_BASE ";font-size:18px;font-weight:normal;line-height:1.8;" \
                    "margin:0 0 12px;padding:0;text-indent:2em;text-align:justify"
/* Containers state the font too: a site's "div{font-size:12px}" would
 * otherwise change them (and what inherits from them). */
#define BLOCK_STYLE TEXT_BASE ";font-size:18px;font-weight:normal;line-height:1.8;text-indent:0;" \
                    "text-align:left;max-width:none;background:transparent"
#define SECTION_BLOCK_STYLE BLOCK_STYLE ";margin:0;padding:0"
#define TABLE_WRAP_STYLE BLOCK_STYLE ";overflow-x:auto;margin:12px 0 20px;padding:0"
#define TABLE_STYLE TEXT_BASE ";border-collapse:collapse;border-spacing:0;width:100%;" \
                    "font-size:15px;line-height:1.5;background:#fff;margin:0"
#define CAPTION_STYLE TEXT_BASE ";font-size:16px;font-weight:bold;line-height:1.5;padding:6px;" \
                      "text-align:center"
#define CELL_STYLE  TEXT_BASE ";font-size:15px;line-height:1.5;border:1px solid #333;" \
                    "padding:4px 6px;vertical-align:middle;background:#fff"
#define STAMP_STYLE TEXT_BASE ";font-size:16px;font-weight:normal;line-height:1.8;" \
                    "margin:24px 0 0;padding:0;text-indent:0;text-align:right"

/* For printing the full page; screens use the inline styles alone.  The
 * print rules must beat inline styles, hence !important. */
static const char print_stylesheet[] =
  "body{margin:0;background:#fff}\n"
  "@media print{\n"
  "@page{size:A4;margin:37mm 26mm 35mm 28mm}\n"
  /* "— N —" on the outer side, where a browser supports margin boxes. */
  "@page :right{@bottom-right{content:\"— \" counter(page) \" —\";font:14pt SimSun,"
  "\"Noto Serif CJK SC\",serif;vertical-align:top;padding-top:7mm;margin-right:14pt}}\n"
  "@page :left{@bottom-left{content:\"— \" counter(page) \" —\";font:14pt SimSun,"
  "\"Noto Serif CJK SC\",serif;vertical-align:top;padding-top:7mm;margin-left:14pt}}\n"
  "article{max-width:none!important;padding:0!important}\n"
  "div[data-table]{overflow:visible!important}\n"
  "table{min-width:0!important;font-size:10.5pt!important}\n"
  "th,td{min-width:0!important;padding:0.2em!important;font-size:10.5pt!important;"
  "white-space:normal!important}\n"
  "table[data-wide] th,table[data-wide] td{font-size:9pt!important}\n"
  "thead{display:table-header-group}\n"
  "tr{break-inside:avoid;page-break-inside:avoid}\n"
  "h1,h2,h3,h4,h5,h6{break-after:avoid;page-break-after:avoid}\n"
  "}\n";

/* The look of each paragraph level: "一、" bold, "（一）" bold, "1." and "（1）"
 * as body text, all indented like the body. */
static const char * const level_styles[] = {
  [NB_PARAGRAPH_BODY] = PARA_STYLE,
  [NB_PARAGRAPH_HEADING_1] = TEXT_BASE ";font-size:18px;font-weight:bold;line-height:1.8;"
                             "margin:16px 0 8px;padding:0;text-indent:2em;text-align:left",
  [NB_PARAGRAPH_HEADING_2] = TEXT_BASE ";font-size:18px;font-weight:bold;line-height:1.8;"
                             "margin:12px 0 6px;padding:0;text-indent:2em;text-align:left",
  [NB_PARAGRAPH_HEADING_3] = TEXT_BASE ";font-size:18px;font-weight:normal;line-height:1.8;"
                             "margin:8px 0 4px;padding:0;text-indent:2em;text-align:left",
  [NB_PARAGRAPH_HEADING_4] = TEXT_BASE ";font-size:18px;font-weight:normal;line-height:1.8;"
                             "margin:8px 0 4px;padding:0;text-indent:2em;text-align:left",
};

G_STATIC_ASSERT (G_N_ELEMENTS (level_styles) == NB_PARAGRAPH_LEVEL_LAST + 1);

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

/* rank: the outline level of the tag, which never skips one (h2 then h4 is
 * a broken outline for a screen reader); the look follows the paragraph's
 * own level. */
static void
append_paragraph (GString           *out,
                  const NbParagraph *paragraph,
                  guint             *last_rank)
{
  g_autoptr(GPtrArray) runs = nb_paragraph_dup_merged_runs (paragraph);
  guint rank = 0;

  if (runs->len == 0)
    return;
  if (paragraph->level != NB_PARAGRAPH_BODY)
    {
      rank = MIN (paragraph->level + 2, *last_rank + 1);
      *last_rank = rank;
      g_string_append_printf (out, "<h%u style=\"%s\">", rank, level_styles[paragraph->level]);
    }
  else
    g_string_append (out, "<p style=\"" PARA_STYLE "\">");
  for (guint i = 0; i < runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (runs, i);

      if (run->bold && rank == 0)
        g_string_append (out, "<strong style=\"font-weight:bold;color:inherit\">");
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

static gboolean
is_header_cell (const NbLayoutItem *item)
{
  return item != NULL && item->role != NB_LAYOUT_VALUE && item->role != NB_LAYOUT_EMPTY;
}

static void
append_cell_id (GString              *out,
                const NbEditionTable *table,
                const NbLayoutItem   *item)
{
  g_string_append_printf (out, "nb-%s-r%uc%u", nb_edition_table_get_id (table), item->row,
                          item->column);
}

static void
add_unique (GPtrArray          *list,
            const NbLayoutItem *item)
{
  if (!g_ptr_array_find (list, item, NULL))
    g_ptr_array_add (list, (gpointer)item);
}

/* Every header cell that names a value cell: the column headers above it up
 * to its block's title, and the row labels to its left.  With merged
 * headers over several rows, scope alone leaves a screen reader guessing. */
static void
append_headers (GString              *out,
                const NbEditionTable *table,
                const NbLayoutItem  **grid,
                guint                 width,
                const NbLayoutItem   *item)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint c = item->column; c < item->column + item->column_span; c++)
    for (guint r = item->row; r-- > 0;)
      {
        const NbLayoutItem *above = grid[r * width + c];

        if (!is_header_cell (above) || above->role == NB_LAYOUT_LABEL
            || above->role == NB_LAYOUT_GROUP)
          continue;
        add_unique (found, above);
        if (above->role == NB_LAYOUT_BLOCK)
          break;
      }
  for (guint r = item->row; r < item->row + item->row_span; r++)
    for (guint c = item->column; c-- > 0;)
      {
        const NbLayoutItem *left = grid[r * width + c];

        if (left != NULL && (left->role == NB_LAYOUT_LABEL || left->role == NB_LAYOUT_GROUP))
          add_unique (found, left);
      }
  if (found->len == 0)
    return;
  g_string_append (out, " headers=\"");
  for (guint i = 0; i < found->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_cell_id (out, table, g_ptr_array_index (found, i));
    }
  g_string_append_c (out, '"');
}

static void
append_cell (GString              *out,
             NbReport             *report,
             const NbEditionTable *table,
             const NbLayoutItem  **grid,
             guint                 width,
             const NbLayoutItem   *item)
{
  const char *scope = NULL;
  const char *style = NULL;

  switch (item->role)
    {
    case NB_LAYOUT_VALUE:
      {
        const NbEditionCell *cell = nb_edition_table_get_cell (table, item->cell);
        g_autofree char *text = nb_report_dup_cell_text (report, table, item->cell);

        g_string_append (out, "<td");
        append_spans (out, item);
        append_headers (out, table, grid, width, item);
        g_string_append (out, " data-cell=\"");
        nb_xml_append_escaped (out, cell->key, -1);
        g_string_append (out, "\" style=\"" CELL_STYLE ";text-align:center;white-space:nowrap;"
                              "min-width:3em;font-weight:normal\">");
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
      style = CELL_STYLE ";text-align:center;font-weight:normal;min-width:3em";
      break;
    case NB_LAYOUT_BLOCK:
      /* Each block is its own <tbody>, which this title heads. */
      scope = "rowgroup";
      style = CELL_STYLE ";text-align:center;font-weight:bold";
      break;
    case NB_LAYOUT_GROUP:
    case NB_LAYOUT_LABEL:
    default:
      scope = "row";
      style = CELL_STYLE ";text-align:left;font-weight:normal";
      break;
    }

  g_string_append_printf (out, "<th scope=\"%s\" id=\"", scope);
  append_cell_id (out, table, item);
  g_string_append_c (out, '"');
  append_spans (out, item);
  g_string_append_printf (out, " style=\"%s\">", style);
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

/* heading_id: the heading right above the table, which names it; NULL when
 * text comes between them, and the table gets its own caption. */
static void
append_table (GString              *out,
              NbReport             *report,
              const NbEditionTable *table,
              const char           *heading_id)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint height = nb_edition_table_get_grid_height (table);
  g_autofree const NbLayoutItem **grid = nb_layout_grid_new (table);
  const char *group = NULL;
  gboolean wide = width > WIDE_TABLE_COLUMNS;

  g_autofree char *caption_id = g_strdup_printf ("nb-caption-%s", nb_edition_table_get_id (table));

  /* A region that scrolls sideways on a phone must be reachable by keyboard. */
  g_string_append (out, "<div data-table=\"");
  nb_xml_append_escaped (out, nb_edition_table_get_id (table), -1);
  /* Named by the table's caption text: the section already carries the
   * heading's name, and two landmarks of one name confuse navigation. */
  g_string_append (out, "\" role=\"region\" tabindex=\"0\" aria-label=\"");
  nb_xml_append_escaped (out, nb_edition_table_get_caption (table), -1);
  g_string_append (out, "\" style=\"" TABLE_WRAP_STYLE "\">\n<table");
  if (heading_id != NULL)
    {
      g_string_append (out, " aria-labelledby=\"");
      nb_xml_append_escaped (out, heading_id, -1);
      g_string_append_c (out, '"');
    }
  if (wide)
    g_string_append (out, " data-wide=\"\"");
  g_string_append (out, " style=\"" TABLE_STYLE ";min-width:");
  g_string_append (out, wide ? "50em\">\n" : "36em\">\n");
  if (heading_id == NULL)
    {
      g_string_append_printf (out, "<caption id=\"%s\" style=\"" CAPTION_STYLE "\">", caption_id);
      append_text (out, nb_edition_table_get_caption (table));
      g_string_append (out, "</caption>\n");
    }

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
            append_cell (out, report, table, grid, width, item);
          else if (item == NULL)
            g_string_append (out, "<td style=\"" CELL_STYLE "\"></td>");
        }
      g_string_append (out, "</tr>\n");
    }
  if (group != NULL)
    g_string_append_printf (out, "</%s>\n", group);
  g_string_append (out, "</table>\n</div>\n");
}

/* The report itself: what the full page shows and the fragment is. */
static void
append_body (GString                *out,
             NbReport               *report,
             const NbExportOptions  *options)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autofree char *title = nb_report_dup_title (report);

  g_string_append (out, "<article lang=\"zh-CN\" style=\"" ROOT_STYLE "\">\n"
                        "<h1 style=\"" TITLE_STYLE "\">");
  nb_xml_append_escaped (out, title, -1);
  g_string_append (out, "</h1>\n");

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);
      g_autofree char *heading_id = g_strconcat ("nb-heading-", section->id, NULL);
      guint last_rank = 2;
      gboolean text = FALSE;

      g_string_append (out, "<section id=\"");
      nb_xml_append_escaped (out, section->id, -1);
      g_string_append (out, "\" aria-labelledby=\"");
      nb_xml_append_escaped (out, heading_id, -1);
      g_string_append (out, "\" style=\"" SECTION_BLOCK_STYLE "\">\n<h2 id=\"");
      nb_xml_append_escaped (out, heading_id, -1);
      g_string_append (out, "\" style=\"" SECTION_STYLE "\">");
      nb_xml_append_escaped (out, section->heading, -1);
      g_string_append (out, "</h2>\n");
      for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
        {
          gsize before = out->len;

          append_paragraph (out, g_ptr_array_index (paragraphs, i), &last_rank);
          text |= out->len != before;
        }
      /* The heading names the table unless text comes between them: one
       * title, not a caption repeating the heading. */
      if (section->table_id != NULL)
        append_table (out, report, nb_edition_find_table (edition, section->table_id),
                      text ? NULL : heading_id);
      g_string_append (out, "</section>\n");
    }

  if (options != NULL && options->published != NULL)
    {
      g_autofree char *stamp = nb_export_dup_published_stamp (report, options->published);

      g_string_append (out, "<p data-published=\"");
      nb_xml_append_escaped (out, options->published, -1);
      g_string_append (out, "\" style=\"" STAMP_STYLE "\">");
      nb_xml_append_escaped (out, stamp, -1);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</article>\n");
}

GBytes *
nb_export_html_full (NbReport               *report,
                     const NbExportOptions  *options,
                     GError                **error)
{
  g_autofree char *title = NULL;
  GString *out;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  out = g_string_new (NULL);
  if (options != NULL && options->fragment)
    {
      append_body (out, report, options);
      return g_string_free_to_bytes (out);
    }

  title = nb_report_dup_title (report);
  g_string_append (out,
                   "<!DOCTYPE html>\n"
                   "<html lang=\"zh-CN\">\n"
                   "<head>\n"
                   "<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"Nianbao " PACKAGE_VERSION "\">\n"
                   "<title>");
  nb_xml_append_escaped (out, title, -1);
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", print_stylesheet);
  g_string_append (out, "<main>\n");
  append_body (out, report, options);
  g_string_append (out, "</main>\n</body>\n</html>\n");
  return g_string_free_to_bytes (out);
}

GBytes *
nb_export_html (NbReport  *report,
                GError   **error)
{
  return nb_export_html_full (report, NULL, error);
}

GBytes *
nb_export_html_fragment (NbReport  *report,
                         GError   **error)
{
  NbExportOptions options = { .fragment = TRUE };

  return nb_export_html_full (report, &options, error);
}
