/* nb-export-docx.c: a Word document (Office Open XML) for WPS, Word and LibreOffice
 *
 * The page follows the print layout: A4, margins 37/26/35/28 mm, 3号 仿宋
 * body on a fixed 29 pt line with a two-character first-line indent,
 * headings as real heading styles (so the navigation pane lists the
 * sections), page numbers "— N —" on the outer side of the footer.  The
 * tables are Word tables built from the edition's printed layout, merged
 * cells as gridSpan and vMerge.  The parts are written with libxml2's
 * xmlTextWriter (the text escaped, characters XML 1.0 forbids dropped, so
 * Word never calls the file corrupt) and zipped by libarchive
 * (nb-package.c); the fixed parts are constants written as they are.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-docx"

#include "config.h"

#include "nb-export.h"
#include "nb-fonts.h"
#include "nb-package.h"

/* Twentieths of a point; 1 mm = 56.693 twips. */
#define PAGE_WIDTH    11906 /* 210 mm */
#define PAGE_HEIGHT   16838 /* 297 mm */
#define MARGIN_TOP    2098  /* 37 mm */
#define MARGIN_RIGHT  1474  /* 26 mm */
#define MARGIN_BOTTOM 1984  /* 35 mm */
#define MARGIN_LEFT   1587  /* 28 mm */
#define TYPE_WIDTH    (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
/* The number's line, 14 pt, starts 7 mm below the type area. */
#define FOOTER_DISTANCE 1304
#define BODY_LINE       580 /* 225 mm / 22 lines ≈ 29 pt */

/* Wider tables get 小5 instead of 小4, as on paper. */
#define WIDE_TABLE_COLUMNS 10

/* libxml2's writer starts every part with the XML declaration. */
#define XML_DECLARATION ""
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_PREFIX "application/vnd.openxmlformats-officedocument.wordprocessingml."

static const char content_types[] =
  XML_DECLARATION
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_PREFIX "document.main+xml\"/>"
  "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_PREFIX "styles+xml\"/>"
  "<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_PREFIX "settings+xml\"/>"
  "<Override PartName=\"/word/fontTable.xml\" ContentType=\"" CT_PREFIX "fontTable+xml\"/>"
  "<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT_PREFIX "footer+xml\"/>"
  "<Override PartName=\"/word/footer2.xml\" ContentType=\"" CT_PREFIX "footer+xml\"/>"
  "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
  "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
  "</Types>";

static const char package_rels[] =
  XML_DECLARATION
  "<Relationships xmlns=\"" REL_NS "\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
  "</Relationships>";

static const char document_rels[] =
  XML_DECLARATION
  "<Relationships xmlns=\"" REL_NS "\">"
  "<Relationship Id=\"rId1\" Type=\"" R_NS "/styles\" Target=\"styles.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"" R_NS "/settings\" Target=\"settings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" R_NS "/fontTable\" Target=\"fontTable.xml\"/>"
  "<Relationship Id=\"rId4\" Type=\"" R_NS "/footer\" Target=\"footer1.xml\"/>"
  "<Relationship Id=\"rId5\" Type=\"" R_NS "/footer\" Target=\"footer2.xml\"/>"
  "</Relationships>";

static const char app_properties[] =
  XML_DECLARATION
  "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
  "<Application>Nianbao " PACKAGE_VERSION "</Application>"
  "</Properties>";

/* Odd and even pages number on their outer side (evenAndOddHeaders). */
static const char settings[] =
  XML_DECLARATION
  "<w:settings xmlns:w=\"" W_NS "\">"
  "<w:defaultTabStop w:val=\"420\"/>"
  "<w:evenAndOddHeaders/>"
  "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
  "<w:compat>"
  "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
  "</w:compat>"
  "</w:settings>";

/* The faces' names are data (data/fonts.json): the fixed parts below name
 * a role, "@FANGSONG@", and the role's face is put in when they are written. */
static const struct
{
  const char *token;
  NbFontRole  role;
} font_tokens[] = {
  { "@SONG@", NB_FONT_SONG },
  { "@FANGSONG@", NB_FONT_FANGSONG },
  { "@KAI@", NB_FONT_KAI },
  { "@HEI@", NB_FONT_HEI },
  { "@TITLE@", NB_FONT_TITLE },
};

#define FONTS(EAST_ASIA) \
  "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" EAST_ASIA \
  "\" w:cs=\"Times New Roman\"/>"
#define NO_INDENT "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"
#define HEADING_STYLE(N, OUTLINE, EAST_ASIA) \
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading" N "\">" \
  "<w:name w:val=\"heading " N "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>" \
  "<w:uiPriority w:val=\"9\"/><w:qFormat/>" \
  "<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"" OUTLINE "\"/></w:pPr>" \
  "<w:rPr>" FONTS (EAST_ASIA) "</w:rPr></w:style>"

/* Level 1 "一、" in 黑体, level 2 "（一）" in 楷体, levels 3 and 4 in the
 * body's 仿宋; Heading 1 is the section, paragraph headings start at 2. */
static const char styles[] =
  XML_DECLARATION
  "<w:styles xmlns:w=\"" W_NS "\">"
  "<w:docDefaults>"
  "<w:rPrDefault><w:rPr>" FONTS ("@FANGSONG@") "<w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
  "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
  "<w:pPrDefault><w:pPr><w:spacing w:line=\"" G_STRINGIFY (BODY_LINE) "\" w:lineRule=\"exact\"/>"
  "</w:pPr></w:pPrDefault>"
  "</w:docDefaults>"
  "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
  "<w:name w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:widowControl w:val=\"0\"/>"
  "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"" G_STRINGIFY (BODY_LINE) "\" w:lineRule=\"exact\"/>"
  "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/></w:pPr>"
  "</w:style>"
  "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
  "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>"
  "</w:style>"
  "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
  "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>"
  "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
  "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
  "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
  "</w:tblCellMar></w:tblPr></w:style>"
  "<w:style w:type=\"table\" w:styleId=\"TableGrid\">"
  "<w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/>"
  "<w:tblPr><w:tblBorders>"
  "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
  "</w:tblBorders></w:tblPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Title\">"
  "<w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
  "<w:uiPriority w:val=\"10\"/><w:qFormat/>"
  "<w:pPr><w:keepNext/><w:spacing w:before=\"0\" w:after=\"" G_STRINGIFY (BODY_LINE) "\" w:line=\"240\" w:lineRule=\"auto\"/>"
  NO_INDENT "<w:jc w:val=\"center\"/></w:pPr>"
  "<w:rPr>" FONTS ("@TITLE@") "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
  HEADING_STYLE ("1", "0", "@HEI@")
  HEADING_STYLE ("2", "1", "@HEI@")
  HEADING_STYLE ("3", "2", "@KAI@")
  HEADING_STYLE ("4", "3", "@FANGSONG@")
  HEADING_STYLE ("5", "4", "@FANGSONG@")
  "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"NbTableText\">"
  "<w:name w:val=\"Nianbao Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
  NO_INDENT "<w:jc w:val=\"center\"/></w:pPr>"
  "<w:rPr>" FONTS ("@SONG@") "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"NbTableTextSmall\">"
  "<w:name w:val=\"Nianbao Table Text Small\"/><w:basedOn w:val=\"NbTableText\"/><w:qFormat/>"
  "<w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Footer\">"
  "<w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/>"
  "<w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>" NO_INDENT "</w:pPr>"
  "<w:rPr><w:rFonts w:ascii=\"@SONG@\" w:hAnsi=\"@SONG@\" w:eastAsia=\"@SONG@\" w:cs=\"@SONG@\"/>"
  "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
  "</w:styles>";

/* "— N —", one character (14 pt) in from the outer edge. */
#define FOOTER(JC, INDENT) \
  XML_DECLARATION \
  "<w:ftr xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\">" \
  "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/>" INDENT "<w:jc w:val=\"" JC "\"/></w:pPr>" \
  "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>" \
  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" \
  "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>" \
  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" \
  "<w:r><w:t>1</w:t></w:r>" \
  "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" \
  "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r>" \
  "</w:p></w:ftr>"

static const char footer_odd[] =
  FOOTER ("right", "<w:ind w:right=\"280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>");
static const char footer_even[] =
  FOOTER ("left", "<w:ind w:left=\"280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/>");

/* Runs: a tab and a line break are elements of their own in WordprocessingML. */
static void
append_run (NbXmlPart  *out,
            const char *text,
            gboolean    bold)
{
  const char *start = text;

  nb_xml_start (out, "w:r");
  if (bold)
    {
      nb_xml_start (out, "w:rPr");
      nb_xml_start (out, "w:b");
      nb_xml_end (out);
      nb_xml_start (out, "w:bCs");
      nb_xml_end (out);
      nb_xml_end (out);
    }
  for (const char *p = text; ; p++)
    {
      if (*p != '\0' && *p != '\t' && *p != '\n')
        continue;
      if (p > start)
        {
          nb_xml_start (out, "w:t");
          nb_xml_attr (out, "xml:space", "preserve");
          nb_xml_text (out, start, p - start);
          nb_xml_end (out);
        }
      if (*p == '\0')
        break;
      nb_xml_start (out, *p == '\t' ? "w:tab" : "w:br");
      nb_xml_end (out);
      start = p + 1;
    }
  nb_xml_end (out);
}

static void
append_paragraph_style (NbXmlPart  *out,
                        const char *style)
{
  nb_xml_start (out, "w:pStyle");
  nb_xml_attr (out, "w:val", style);
  nb_xml_end (out);
}

static void
append_styled_paragraph (NbXmlPart  *out,
                         const char *style,
                         const char *text)
{
  nb_xml_start (out, "w:p");
  nb_xml_start (out, "w:pPr");
  append_paragraph_style (out, style);
  nb_xml_end (out);
  append_run (out, text, FALSE);
  nb_xml_end (out);
}

static void
append_paragraph (NbXmlPart         *out,
                  const NbParagraph *paragraph)
{
  g_autoptr(GPtrArray) runs = nb_paragraph_dup_merged_runs (paragraph);
  gboolean heading = paragraph->level != NB_PARAGRAPH_BODY;

  /* As in the other formats, a paragraph without text is not written. */
  if (runs->len == 0)
    return;
  nb_xml_start (out, "w:p");
  if (heading)
    {
      g_autofree char *style = g_strdup_printf ("Heading%d", (int)paragraph->level + 1);

      nb_xml_start (out, "w:pPr");
      append_paragraph_style (out, style);
      nb_xml_end (out);
    }
  for (guint i = 0; i < runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (runs, i);

      /* A heading's weight is its style's. */
      append_run (out, run->text, run->bold && !heading);
    }
  nb_xml_end (out);
}

/* Column widths: value columns share alike; a label column gets room for
 * its longest single-column label, within bounds, so the long labels of
 * table 3 wrap instead of squeezing the numbers. */
static guint *
compute_widths (const NbEditionTable *table)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint first_value = nb_edition_table_get_first_value_column (table);
  g_autofree guint *weights = g_new0 (guint, width);
  guint *widths = g_new0 (guint, width);
  guint total = 0, used = 0;

  for (guint c = 0; c < width; c++)
    weights[c] = 5;
  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      if (item->column < first_value && item->column_span == 1 && item->text != NULL)
        weights[item->column] = CLAMP (g_utf8_strlen (item->text, -1), weights[item->column], 14);
    }
  for (guint c = 0; c < width; c++)
    total += weights[c];
  for (guint c = 0; c < width; c++)
    {
      widths[c] = c + 1 < width ? TYPE_WIDTH * weights[c] / total : TYPE_WIDTH - used;
      used += widths[c];
    }
  return widths;
}

static gboolean
row_has_block (const NbLayoutItem **grid,
               guint                width,
               guint                row)
{
  for (guint c = 0; c < width; c++)
    if (grid[row * width + c] != NULL && grid[row * width + c]->row == row
        && grid[row * width + c]->role == NB_LAYOUT_BLOCK)
      return TRUE;
  return FALSE;
}

static gboolean
row_is_header (const NbLayoutItem **grid,
               guint                width,
               guint                row)
{
  for (guint c = 0; c < width; c++)
    if (grid[row * width + c] != NULL && grid[row * width + c]->row == row
        && !grid[row * width + c]->is_header)
      return FALSE;
  return TRUE;
}

static const char *
item_alignment (const NbLayoutItem *item)
{
  return item != NULL && item->role == NB_LAYOUT_LABEL ? "left" : "center";
}

/* An empty element with one w:val-like attribute: <w:jc w:val="center"/>. */
static void
append_empty (NbXmlPart  *out,
              const char *name,
              const char *attribute,
              const char *value)
{
  nb_xml_start (out, name);
  if (attribute != NULL)
    nb_xml_attr (out, attribute, value);
  nb_xml_end (out);
}

static void
append_width (NbXmlPart  *out,
              const char *name,
              guint       twips)
{
  nb_xml_start (out, name);
  nb_xml_attr_printf (out, "w:w", "%u", twips);
  nb_xml_attr (out, "w:type", "dxa");
  nb_xml_end (out);
}

/* The table's properties: fixed layout over the type area, centred, with
 * narrow cell margins; the look of Word's "Table Grid". */
static const char table_properties[] =
  "<w:jc w:val=\"center\"/>"
  "<w:tblLayout w:type=\"fixed\"/>"
  "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/>"
  "<w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>"
  "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\""
  " w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>";

static void
append_table (NbXmlPart            *out,
              NbReport             *report,
              const NbEditionTable *table)
{
  guint width = nb_edition_table_get_grid_width (table);
  guint height = nb_edition_table_get_grid_height (table);
  g_autofree const NbLayoutItem **grid = nb_edition_table_dup_grid (table);
  g_autofree guint *widths = compute_widths (table);
  const char *text_style = width > WIDE_TABLE_COLUMNS ? "NbTableTextSmall" : "NbTableText";
  /* Only header rows at the very top repeat on a new page: the block
   * headers of table 2 belong to their block. */
  gboolean leading_header = TRUE;

  nb_xml_start (out, "w:tbl");
  nb_xml_start (out, "w:tblPr");
  append_empty (out, "w:tblStyle", "w:val", "TableGrid");
  append_width (out, "w:tblW", TYPE_WIDTH);
  nb_xml_raw (out, table_properties);
  nb_xml_end (out);
  nb_xml_start (out, "w:tblGrid");
  for (guint c = 0; c < width; c++)
    {
      nb_xml_start (out, "w:gridCol");
      nb_xml_attr_printf (out, "w:w", "%u", widths[c]);
      nb_xml_end (out);
    }
  nb_xml_end (out);

  for (guint r = 0; r < height; r++)
    {
      leading_header = leading_header && !row_has_block (grid, width, r)
                       && row_is_header (grid, width, r);
      nb_xml_start (out, "w:tr");
      nb_xml_start (out, "w:trPr");
      append_empty (out, "w:cantSplit", NULL, NULL);
      if (leading_header)
        append_empty (out, "w:tblHeader", NULL, NULL);
      nb_xml_end (out);

      for (guint c = 0; c < width; )
        {
          const NbLayoutItem *item = grid[r * width + c];
          guint span = item != NULL ? item->column_span : 1;
          guint cell_width = 0;
          gboolean origin = item != NULL && item->row == r;

          /* An item starting in an earlier column is covered already. */
          if (item != NULL && item->column != c)
            {
              c++;
              continue;
            }
          for (guint k = c; k < c + span && k < width; k++)
            cell_width += widths[k];

          nb_xml_start (out, "w:tc");
          nb_xml_start (out, "w:tcPr");
          append_width (out, "w:tcW", cell_width);
          if (span > 1)
            {
              nb_xml_start (out, "w:gridSpan");
              nb_xml_attr_printf (out, "w:val", "%u", span);
              nb_xml_end (out);
            }
          if (item != NULL && item->row_span > 1)
            append_empty (out, "w:vMerge", origin ? "w:val" : NULL, "restart");
          append_empty (out, "w:vAlign", "w:val", "center");
          nb_xml_end (out);

          nb_xml_start (out, "w:p");
          nb_xml_start (out, "w:pPr");
          append_paragraph_style (out, text_style);
          if (!g_str_equal (item_alignment (item), "center"))
            append_empty (out, "w:jc", "w:val", item_alignment (item));
          nb_xml_end (out);
          if (origin && item->role == NB_LAYOUT_VALUE)
            {
              g_autofree char *text = nb_report_dup_cell_text (report, table, item->cell);

              if (text[0] != '\0')
                append_run (out, text, FALSE);
            }
          else if (origin && item->text != NULL && item->text[0] != '\0')
            append_run (out, item->text, item->role == NB_LAYOUT_BLOCK);
          nb_xml_end (out);
          nb_xml_end (out);
          c += span;
        }
      nb_xml_end (out);
    }
  nb_xml_end (out);
}

/* The section: A4, the print layout's margins, footers on the outer side. */
static const char section_properties[] =
  "<w:sectPr>"
  "<w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
  "<w:footerReference w:type=\"even\" r:id=\"rId5\"/>"
  "<w:pgSz w:w=\"" G_STRINGIFY (PAGE_WIDTH) "\" w:h=\"" G_STRINGIFY (PAGE_HEIGHT) "\"/>"
  "<w:pgMar w:top=\"" G_STRINGIFY (MARGIN_TOP) "\" w:right=\"" G_STRINGIFY (MARGIN_RIGHT) "\""
  " w:bottom=\"" G_STRINGIFY (MARGIN_BOTTOM) "\" w:left=\"" G_STRINGIFY (MARGIN_LEFT) "\""
  " w:header=\"851\" w:footer=\"" G_STRINGIFY (FOOTER_DISTANCE) "\" w:gutter=\"0\"/>"
  "<w:pgNumType w:start=\"1\"/>"
  "<w:cols w:space=\"425\"/>"
  "</w:sectPr>";

static NbXmlPart *
build_document (NbReport *report)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autofree char *title = nb_report_dup_title (report);
  NbXmlPart *out = nb_xml_part_new ();

  nb_xml_start (out, "w:document");
  nb_xml_attr (out, "xmlns:w", W_NS);
  nb_xml_attr (out, "xmlns:r", R_NS);
  nb_xml_start (out, "w:body");
  append_styled_paragraph (out, "Title", title);

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);

      append_styled_paragraph (out, "Heading1", section->heading);
      for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
        append_paragraph (out, g_ptr_array_index (paragraphs, i));
      if (section->table_id != NULL)
        append_table (out, report, nb_edition_find_table (edition, section->table_id));
    }
  nb_xml_raw (out, section_properties);
  nb_xml_end (out);
  nb_xml_end (out);
  return out;
}

static NbXmlPart *
build_core_properties (NbReport *report)
{
  g_autofree char *title = nb_report_dup_title (report);
  NbXmlPart *out = nb_xml_part_new ();

  nb_xml_start (out, "cp:coreProperties");
  nb_xml_attr (out, "xmlns:cp",
               "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  nb_xml_attr (out, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  nb_xml_attr (out, "xmlns:dcterms", "http://purl.org/dc/terms/");
  nb_xml_attr (out, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  nb_xml_element (out, "dc:title", title);
  nb_xml_element (out, "dc:creator", nb_report_get_agency (report));
  nb_xml_element (out, "dc:language", "zh-CN");
  nb_xml_end (out);
  return out;
}

/* A part whose markup is a constant of this file, written as it is but
 * for the faces' names, which come from the font data. */
static gboolean
add_fixed (NbPackage   *package,
           const char  *name,
           const char  *markup,
           GError     **error)
{
  g_autoptr(NbXmlPart) part = nb_xml_part_new ();
  g_autoptr(GString) filled = g_string_new (markup);

  for (guint i = 0; i < G_N_ELEMENTS (font_tokens); i++)
    {
      g_autofree char *face = g_markup_escape_text (nb_font_role_get_docx (font_tokens[i].role)->name,
                                                    -1);

      g_string_replace (filled, font_tokens[i].token, face, 0);
    }
  nb_xml_raw (part, filled->str);
  return nb_package_add_part (package, name, part, error);
}

/* The faces offices use, with the Windows family names as alternatives so
 * Word and WPS find them whichever name is installed. */
static NbXmlPart *
build_font_table (void)
{
  static const NbFontRole order[] = {
    NB_FONT_FANGSONG, NB_FONT_HEI, NB_FONT_KAI, NB_FONT_SONG, NB_FONT_TITLE,
  };
  NbXmlPart *out = nb_xml_part_new ();

  nb_xml_start (out, "w:fonts");
  nb_xml_attr (out, "xmlns:w", W_NS);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const NbDocxFont *font = nb_font_role_get_docx (order[i]);

      nb_xml_start (out, "w:font");
      nb_xml_attr (out, "w:name", font->name);
      append_empty (out, "w:altName", "w:val", font->alt_name);
      append_empty (out, "w:charset", "w:val", "86");
      append_empty (out, "w:family", "w:val", font->family);
      append_empty (out, "w:pitch", "w:val", font->pitch);
      nb_xml_end (out);
    }
  nb_xml_raw (out, "<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/>"
                   "<w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>");
  nb_xml_end (out);
  return out;
}

GBytes *
nb_export_docx (NbReport  *report,
                GError   **error)
{
  g_autoptr(NbPackage) package = nb_package_new (error);
  g_autoptr(NbXmlPart) document = NULL;
  g_autoptr(NbXmlPart) core = NULL;
  g_autoptr(NbXmlPart) fonts = NULL;

  if (package == NULL)
    return NULL;
  document = build_document (report);
  core = build_core_properties (report);
  fonts = build_font_table ();

  /* [Content_Types].xml first: some readers sniff the package by it. */
  if (!add_fixed (package, "[Content_Types].xml", content_types, error)
      || !add_fixed (package, "_rels/.rels", package_rels, error)
      || !nb_package_add_part (package, "docProps/core.xml", core, error)
      || !add_fixed (package, "docProps/app.xml", app_properties, error)
      || !add_fixed (package, "word/_rels/document.xml.rels", document_rels, error)
      || !nb_package_add_part (package, "word/document.xml", document, error)
      || !add_fixed (package, "word/styles.xml", styles, error)
      || !add_fixed (package, "word/settings.xml", settings, error)
      || !nb_package_add_part (package, "word/fontTable.xml", fonts, error)
      || !add_fixed (package, "word/footer1.xml", footer_odd, error)
      || !add_fixed (package, "word/footer2.xml", footer_even, error))
    return NULL;
  return nb_package_finish (package, error);
}
