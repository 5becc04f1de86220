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
 * The page is a libxml2 HTML tree, serialised by libxml2's HTML writer
 * (void elements, escaping); line breaks between blocks are text nodes of
 * their own, so the source stays readable.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-html"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLtree.h>

#include "nb-export.h"
#include "nb-fonts.h"
#include "nb-package.h"

/* Tables wider than this many grid columns get a smaller type, as on paper. */
#define WIDE_TABLE_COLUMNS 10

/* The font stacks are data (data/fonts.json, the "web" ones): styles name
 * them by these tokens, filled in as they are written (expand_fonts ()). */
#define FONT_SANS "font-family:@SANS@"
#define FONT_SONG "font-family:@SERIF@"
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
  "@page :right{@bottom-right{content:\"— \" counter(page) \" —\";font:14pt @PRINT_SERIF@;"
  "vertical-align:top;padding-top:7mm;margin-right:14pt}}\n"
  "@page :left{@bottom-left{content:\"— \" counter(page) \" —\";font:14pt @PRINT_SERIF@;"
  "vertical-align:top;padding-top:7mm;margin-left:14pt}}\n"
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

static char *
expand_fonts (const char *css)
{
  static const struct
  {
    const char *token;
    NbWebFont   font;
  } tokens[] = {
    { "@SANS@", NB_WEB_FONT_SANS },
    { "@SERIF@", NB_WEB_FONT_SERIF },
    { "@PRINT_SERIF@", NB_WEB_FONT_PRINT_SERIF },
  };
  GString *out = g_string_new (css);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_string_replace (out, tokens[i].token, nb_fonts_get_web_stack (tokens[i].font), 0);
  return g_string_free (out, FALSE);
}

/* Text and attribute values lose what XML forbids (nb_xml_dup_text ());
 * libxml2 escapes the rest when it writes the page. */
static void
add_text_len (xmlNodePtr  parent,
              const char *text,
              gssize      length)
{
  g_autofree char *clean = nb_xml_dup_text (text != NULL ? text : "", length);

  if (clean[0] != '\0')
    xmlAddChild (parent, xmlNewDocText (parent->doc, (const xmlChar *)clean));
}

static void
add_text (xmlNodePtr  parent,
          const char *text)
{
  add_text_len (parent, text, -1);
}

/* A line break in the source, between blocks. */
static void
add_newline (xmlNodePtr parent)
{
  xmlAddChild (parent, xmlNewDocText (parent->doc, (const xmlChar *)"\n"));
}

static void
set_attr (xmlNodePtr  node,
          const char *name,
          const char *value)
{
  g_autofree char *clean = nb_xml_dup_text (value != NULL ? value : "", -1);

  xmlNewProp (node, (const xmlChar *)name, (const xmlChar *)clean);
}

static void
set_attr_printf (xmlNodePtr  node,
                 const char *name,
                 const char *format,
                 ...) G_GNUC_PRINTF (3, 4);

static void
set_attr_printf (xmlNodePtr  node,
                 const char *name,
                 const char *format,
                 ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  set_attr (node, name, value);
}

static void
set_style (xmlNodePtr  node,
           const char *style)
{
  g_autofree char *css = expand_fonts (style);

  set_attr (node, "style", css);
}

/* An element with its inline style (NULL for none). */
static xmlNodePtr
add_element (xmlNodePtr  parent,
             const char *name,
             const char *style)
{
  xmlNodePtr node = xmlNewChild (parent, NULL, (const xmlChar *)name, NULL);

  if (style != NULL)
    set_style (node, style);
  return node;
}

/* Text with its line breaks kept. */
static void
add_lines (xmlNodePtr  parent,
           const char *text)
{
  const char *line = text;

  for (const char *p = text; ; p++)
    {
      if (*p == '\n' || *p == '\0')
        {
          add_text_len (parent, line, p - line);
          if (*p == '\0')
            break;
          add_element (parent, "br", NULL);
          line = p + 1;
        }
    }
}

/* rank: the outline level of the tag, which never skips one (h2 then h4 is
 * a broken outline for a screen reader); the look follows the paragraph's
 * own level.  Returns whether the paragraph had any text. */
static gboolean
add_paragraph (xmlNodePtr         parent,
               const NbParagraph *paragraph,
               guint             *last_rank)
{
  g_autoptr(GPtrArray) runs = nb_paragraph_dup_merged_runs (paragraph);
  xmlNodePtr block;
  guint rank = 0;

  if (runs->len == 0)
    return FALSE;
  if (paragraph->level != NB_PARAGRAPH_BODY)
    {
      g_autofree char *tag = NULL;

      rank = MIN (paragraph->level + 2, *last_rank + 1);
      *last_rank = rank;
      tag = g_strdup_printf ("h%u", rank);
      block = add_element (parent, tag, level_styles[paragraph->level]);
    }
  else
    block = add_element (parent, "p", PARA_STYLE);
  for (guint i = 0; i < runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (runs, i);

      if (run->bold && rank == 0)
        add_lines (add_element (block, "strong", "font-weight:bold;color:inherit"), run->text);
      else
        add_lines (block, run->text);
    }
  add_newline (parent);
  return TRUE;
}

static void
set_spans (xmlNodePtr          node,
           const NbLayoutItem *item)
{
  if (item->row_span > 1)
    set_attr_printf (node, "rowspan", "%u", item->row_span);
  if (item->column_span > 1)
    set_attr_printf (node, "colspan", "%u", item->column_span);
}

static gboolean
is_header_cell (const NbLayoutItem *item)
{
  return item != NULL && item->role != NB_LAYOUT_VALUE && item->role != NB_LAYOUT_EMPTY;
}

static char *
dup_cell_id (const NbEditionTable *table,
             const NbLayoutItem   *item)
{
  return g_strdup_printf ("nb-%s-r%uc%u", nb_edition_table_get_id (table), item->row,
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
set_headers (xmlNodePtr            node,
             const NbEditionTable *table,
             const NbLayoutItem  **grid,
             guint                 width,
             const NbLayoutItem   *item)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GString) ids = g_string_new (NULL);

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
  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *id = dup_cell_id (table, g_ptr_array_index (found, i));

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, id);
    }
  set_attr (node, "headers", ids->str);
}

static void
add_cell (xmlNodePtr            row,
          NbReport             *report,
          const NbEditionTable *table,
          const NbLayoutItem  **grid,
          guint                 width,
          const NbLayoutItem   *item)
{
  g_autofree char *id = NULL;
  const char *scope = NULL;
  const char *style = NULL;
  xmlNodePtr cell;

  switch (item->role)
    {
    case NB_LAYOUT_VALUE:
      {
        const NbEditionCell *value = nb_edition_table_get_cell (table, item->cell);
        g_autofree char *text = nb_report_dup_cell_text (report, table, item->cell);

        cell = add_element (row, "td", NULL);
        set_spans (cell, item);
        set_headers (cell, table, grid, width, item);
        set_attr (cell, "data-cell", value->key);
        set_style (cell, CELL_STYLE ";text-align:center;white-space:nowrap;"
                                 "min-width:3em;font-weight:normal");
        add_text (cell, text);
        return;
      }
    case NB_LAYOUT_EMPTY:
      cell = add_element (row, "td", NULL);
      set_spans (cell, item);
      set_style (cell, CELL_STYLE);
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

  id = dup_cell_id (table, item);
  cell = add_element (row, "th", NULL);
  set_attr (cell, "scope", scope);
  set_attr (cell, "id", id);
  set_spans (cell, item);
  set_style (cell, style);
  add_lines (cell, item->text != NULL ? item->text : "");
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
add_table (xmlNodePtr            parent,
           NbReport             *report,
           const NbEditionTable *table,
           const char           *heading_id)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint height = nb_edition_table_get_grid_height (table);
  g_autofree const NbLayoutItem **grid = nb_edition_table_dup_grid (table);
  gboolean wide = width > WIDE_TABLE_COLUMNS;
  xmlNodePtr wrap, node, group = NULL;

  /* A region that scrolls sideways on a phone must be reachable by keyboard. */
  wrap = add_element (parent, "div", NULL);
  set_attr (wrap, "data-table", nb_edition_table_get_id (table));
  /* Named by the table's caption text: the section already carries the
   * heading's name, and two landmarks of one name confuse navigation. */
  set_attr (wrap, "role", "region");
  set_attr (wrap, "tabindex", "0");
  set_attr (wrap, "aria-label", nb_edition_table_get_caption (table));
  set_style (wrap, TABLE_WRAP_STYLE);
  add_newline (wrap);
  node = add_element (wrap, "table", NULL);
  if (heading_id != NULL)
    set_attr (node, "aria-labelledby", heading_id);
  if (wide)
    set_attr (node, "data-wide", "");
  set_style (node, wide ? TABLE_STYLE ";min-width:50em" : TABLE_STYLE ";min-width:36em");
  add_newline (node);
  if (heading_id == NULL)
    {
      g_autofree char *caption_id = g_strdup_printf ("nb-caption-%s",
                                                     nb_edition_table_get_id (table));
      xmlNodePtr caption = add_element (node, "caption", NULL);

      set_attr (caption, "id", caption_id);
      set_style (caption, CAPTION_STYLE);
      add_lines (caption, nb_edition_table_get_caption (table));
      add_newline (node);
    }

  for (guint r = 0; r < height; r++)
    {
      /* The header rows on top form the <thead> a browser repeats on each
       * printed page; a block title opens a <tbody> of its own. */
      gboolean block = row_starts_block (grid, width, r);
      gboolean header = row_is_header (grid, width, r);
      const char *current = group != NULL ? (const char *)group->name : NULL;
      const char *next = current;
      xmlNodePtr tr;

      if (block || (g_strcmp0 (current, "thead") == 0 && !header))
        next = "tbody";
      else if (current == NULL)
        next = header ? "thead" : "tbody";
      if (block || g_strcmp0 (next, current) != 0)
        {
          group = add_element (node, next, NULL);
          add_newline (group);
          add_newline (node);
        }

      tr = add_element (group, "tr", NULL);
      for (guint c = 0; c < width; c++)
        {
          const NbLayoutItem *item = grid[r * width + c];

          if (item != NULL && item->row == r && item->column == c)
            add_cell (tr, report, table, grid, width, item);
          else if (item == NULL)
            add_element (tr, "td", CELL_STYLE);
        }
      add_newline (group);
    }
  add_newline (wrap);
  add_newline (parent);
}

/* The report itself: what the full page shows and the fragment is. */
static xmlNodePtr
add_body (xmlNodePtr              parent,
          NbReport               *report,
          const NbExportOptions  *options)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autofree char *title = nb_report_dup_title (report);
  xmlNodePtr article = add_element (parent, "article", NULL);

  set_attr (article, "lang", "zh-CN");
  set_style (article, ROOT_STYLE);
  add_newline (article);
  add_text (add_element (article, "h1", TITLE_STYLE), title);
  add_newline (article);

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);
      g_autofree char *heading_id = g_strconcat ("nb-heading-", section->id, NULL);
      xmlNodePtr block = add_element (article, "section", NULL);
      xmlNodePtr heading;
      guint last_rank = 2;
      gboolean text = FALSE;

      set_attr (block, "id", section->id);
      set_attr (block, "aria-labelledby", heading_id);
      set_style (block, SECTION_BLOCK_STYLE);
      add_newline (block);
      heading = add_element (block, "h2", NULL);
      set_attr (heading, "id", heading_id);
      set_style (heading, SECTION_STYLE);
      add_text (heading, section->heading);
      add_newline (block);
      for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
        text |= add_paragraph (block, g_ptr_array_index (paragraphs, i), &last_rank);
      /* The heading names the table unless text comes between them: one
       * title, not a caption repeating the heading. */
      if (section->table_id != NULL)
        add_table (block, report, nb_edition_find_table (edition, section->table_id),
                   text ? NULL : heading_id);
      add_newline (article);
    }

  if (options != NULL && options->published != NULL)
    {
      g_autofree char *stamp = nb_export_dup_published_stamp (report, options->published);
      xmlNodePtr node = add_element (article, "p", NULL);

      set_attr (node, "data-published", options->published);
      set_style (node, STAMP_STYLE);
      add_text (node, stamp);
      add_newline (article);
    }
  add_newline (parent);
  return article;
}

static GBytes *
serialise (xmlDocPtr  doc,
           xmlNodePtr node,
           GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  xmlBufferPtr buffer = xmlBufferCreate ();
  xmlOutputBufferPtr output = buffer != NULL ? xmlOutputBufferCreateBuffer (buffer, NULL) : NULL;
  int written;

  if (output == NULL)
    {
      g_clear_pointer (&buffer, xmlBufferFree);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the web page"));
      return NULL;
    }
  /* UTF-8 as it is, not character references: the page says charset=utf-8. */
  if (node == NULL)
    htmlDocContentDumpFormatOutput (output, doc, "UTF-8", 0);
  else
    htmlNodeDumpFormatOutput (output, doc, node, "UTF-8", 0);
  written = xmlOutputBufferClose (output);
  if (written < 0)
    {
      xmlBufferFree (buffer);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the web page"));
      return NULL;
    }
  g_byte_array_append (bytes, xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  /* The node writer stops at the element; a file ends with a line. */
  if (node != NULL)
    g_byte_array_append (bytes, (const guint8 *)"\n", 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

GBytes *
nb_export_html_full (NbReport               *report,
                     const NbExportOptions  *options,
                     GError                **error)
{
  g_autofree char *title = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  xmlNodePtr html, head, node, body, main;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  doc = htmlNewDocNoDtD (NULL, NULL);
  if (options != NULL && options->fragment)
    {
      /* The fragment is the article alone, in a scratch element. */
      xmlNodePtr scratch = xmlNewDocNode (doc, NULL, (const xmlChar *)"div", NULL);

      xmlDocSetRootElement (doc, scratch);
      return serialise (doc, add_body (scratch, report, options), error);
    }

  title = nb_report_dup_title (report);
  xmlCreateIntSubset (doc, (const xmlChar *)"html", NULL, NULL);
  html = xmlNewDocNode (doc, NULL, (const xmlChar *)"html", NULL);
  xmlDocSetRootElement (doc, html);
  set_attr (html, "lang", "zh-CN");
  add_newline (html);
  head = add_element (html, "head", NULL);
  add_newline (html);
  add_newline (head);
  set_attr (add_element (head, "meta", NULL), "charset", "utf-8");
  add_newline (head);
  node = add_element (head, "meta", NULL);
  set_attr (node, "name", "viewport");
  set_attr (node, "content", "width=device-width, initial-scale=1");
  add_newline (head);
  node = add_element (head, "meta", NULL);
  set_attr (node, "name", "generator");
  set_attr (node, "content", "Nianbao " PACKAGE_VERSION);
  add_newline (head);
  add_text (add_element (head, "title", NULL), title);
  add_newline (head);
  /* libxml2 writes a <style>'s text as it is, unescaped. */
  node = add_element (head, "style", NULL);
  add_newline (node);
  {
    g_autofree char *css = expand_fonts (print_stylesheet);

    add_text (node, css);
  }
  add_newline (head);
  body = add_element (html, "body", NULL);
  add_newline (html);
  add_newline (body);
  main = add_element (body, "main", NULL);
  add_newline (body);
  add_newline (main);
  add_body (main, report, options);
  return serialise (doc, NULL, error);
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
