/* nb-import-docx.c: a Word file of a report
 *
 * A DOCX is a ZIP (read with libarchive, as the DOCX export writes it) whose
 * word/document.xml holds paragraphs (w:p, runs w:r with w:b for bold) and
 * tables (w:tbl; merged cells as w:gridSpan and w:vMerge).  Heading levels
 * come from the paragraph style, looked up in word/styles.xml.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "nb-import-private.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* A document part larger than this is no report. */
#define MAX_PART_SIZE NB_IMPORT_MAX_DOCX_TEXT

typedef struct
{
  NbImportDoc *doc;
  GHashTable  *heading_styles; /* style id -> heading level (1–9) */
  guint        depth_warned;
} Reader;

static gboolean
is_w (xmlNode    *node,
      const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL
         && g_strcmp0 ((const char *)node->ns->href, W_NS) == 0
         && g_strcmp0 ((const char *)node->name, name) == 0;
}

static xmlNode *
w_child (xmlNode    *node,
         const char *name)
{
  for (xmlNode *child = node ? node->children : NULL; child != NULL; child = child->next)
    if (is_w (child, name))
      return child;
  return NULL;
}

/* w:val, or NULL; free with xmlFree. */
static char *
w_val (xmlNode *node)
{
  if (node == NULL)
    return NULL;
  return (char *)xmlGetNsProp (node, (const xmlChar *)"val", (const xmlChar *)W_NS);
}

/* <w:b/> or <w:b w:val="true|1|on"/> is bold; w:val="0|false|off" is not. */
static gboolean
toggle_on (xmlNode *node)
{
  char *value;
  gboolean on;

  if (node == NULL)
    return FALSE;
  value = w_val (node);
  on = value == NULL || !(g_str_equal (value, "0") || g_str_equal (value, "false")
                          || g_str_equal (value, "off") || g_str_equal (value, "none"));
  if (value != NULL)
    xmlFree (value);
  return on;
}

static guint
w_number (xmlNode *node,
          guint    fallback,
          guint    max)
{
  char *value = w_val (node);
  guint64 number = fallback;

  if (value != NULL)
    {
      number = g_ascii_strtoull (value, NULL, 10);
      xmlFree (value);
    }
  return (guint)CLAMP (number, 1, max);
}

/* Runs of a paragraph, with hyperlinks, inserted text, smart tags and
 * content controls looked into. */
static void
add_runs (Reader       *reader,
          xmlNode      *parent,
          NbImportText *text,
          gboolean      style_bold,
          guint         depth)
{
  if (depth > NB_IMPORT_MAX_DEPTH)
    return;
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      if (is_w (node, "r"))
        {
          xmlNode *properties = w_child (node, "rPr");
          gboolean bold = style_bold;

          if (properties != NULL && w_child (properties, "b") != NULL)
            bold = toggle_on (w_child (properties, "b"));
          for (xmlNode *piece = node->children; piece != NULL; piece = piece->next)
            {
              if (is_w (piece, "t"))
                {
                  xmlChar *content = xmlNodeGetContent (piece);

                  nb_import_text_append (text, (const char *)content, bold);
                  xmlFree (content);
                }
              else if (is_w (piece, "tab"))
                nb_import_text_append (text, "\t", bold);
              else if (is_w (piece, "br") || is_w (piece, "cr"))
                nb_import_text_append (text, " ", bold);
            }
        }
      else if (is_w (node, "hyperlink") || is_w (node, "ins") || is_w (node, "smartTag")
               || is_w (node, "sdt") || is_w (node, "sdtContent") || is_w (node, "fldSimple")
               || is_w (node, "customXml"))
        add_runs (reader, node, text, style_bold, depth + 1);
    }
}

static int
paragraph_heading (Reader  *reader,
                   xmlNode *paragraph)
{
  xmlNode *properties = w_child (paragraph, "pPr");
  char *style;
  int level = 0;

  if (properties == NULL)
    return 0;
  if (w_child (properties, "outlineLvl") != NULL)
    {
      char *value = w_val (w_child (properties, "outlineLvl"));

      if (value != NULL)
        {
          level = (int)g_ascii_strtoll (value, NULL, 10) + 1;
          xmlFree (value);
        }
      if (level >= 1 && level <= 9)
        return level;
    }
  style = w_val (w_child (properties, "pStyle"));
  if (style != NULL)
    {
      level = GPOINTER_TO_INT (g_hash_table_lookup (reader->heading_styles, style));
      xmlFree (style);
    }
  return level;
}

static NbParagraph *
read_paragraph (Reader  *reader,
                xmlNode *node)
{
  NbImportText text;
  NbParagraph *paragraph;

  nb_import_text_init (&text, FALSE);
  add_runs (reader, node, &text, FALSE, 0);
  paragraph = nb_import_text_finish (&text);
  nb_import_text_clear (&text);
  return paragraph;
}

/* All text of a table cell, paragraphs joined (Chinese needs no space). */
static void
cell_text (Reader  *reader,
           xmlNode *cell,
           GString *out,
           guint    depth)
{
  if (depth > NB_IMPORT_MAX_DEPTH || out->len > 65536)
    return;
  for (xmlNode *node = cell->children; node != NULL; node = node->next)
    {
      if (is_w (node, "p"))
        {
          g_autoptr(NbParagraph) paragraph = read_paragraph (reader, node);

          if (paragraph != NULL)
            {
              g_autofree char *text = nb_paragraph_dup_text (paragraph);

              g_string_append (out, text);
            }
        }
      else if (node->type == XML_ELEMENT_NODE)
        cell_text (reader, node, out, depth + 1);
    }
}

static void
read_table (Reader  *reader,
            xmlNode *table)
{
  g_autoptr(NbImportGrid) grid = nb_import_grid_new ();

  for (xmlNode *row = table->children; row != NULL; row = row->next)
    {
      xmlNode *row_properties;

      if (!is_w (row, "tr"))
        continue;
      nb_import_grid_next_row (grid);
      row_properties = w_child (row, "trPr");
      if (row_properties != NULL && w_child (row_properties, "gridBefore") != NULL)
        nb_import_grid_skip (grid, w_number (w_child (row_properties, "gridBefore"), 0,
                                             NB_IMPORT_MAX_COLUMNS));
      for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
        {
          xmlNode *properties, *merge;
          guint span = 1;
          gboolean continued = FALSE;

          if (is_w (cell, "sdt"))
            cell = w_child (w_child (cell, "sdtContent"), "tc") ?: cell;
          if (!is_w (cell, "tc"))
            continue;
          properties = w_child (cell, "tcPr");
          if (properties != NULL)
            {
              span = w_number (w_child (properties, "gridSpan"), 1, NB_IMPORT_MAX_SPAN);
              merge = w_child (properties, "vMerge");
              if (merge != NULL)
                {
                  char *value = w_val (merge);

                  /* <w:vMerge/> continues the cell above; "restart" begins one. */
                  continued = value == NULL || !g_str_equal (value, "restart");
                  if (value != NULL)
                    xmlFree (value);
                }
              if (w_child (properties, "hMerge") != NULL)
                {
                  char *value = w_val (w_child (properties, "hMerge"));

                  continued = continued || value == NULL || !g_str_equal (value, "restart");
                  if (value != NULL)
                    xmlFree (value);
                }
            }
          if (continued)
            nb_import_grid_continue_cell (grid, span);
          else
            {
              g_autoptr(GString) text = g_string_new (NULL);

              cell_text (reader, cell, text, 0);
              g_strstrip (text->str);
              nb_import_grid_add_cell (grid, text->str, 1, span);
            }
        }
    }
  nb_import_grid_finish (grid, reader->doc);
}

static void
read_body (Reader  *reader,
           xmlNode *parent,
           guint    depth)
{
  if (depth > NB_IMPORT_MAX_DEPTH)
    {
      if (!reader->depth_warned++)
        nb_import_doc_add_finding (reader->doc, NB_SEVERITY_ERROR, "DOC-TOO-DEEP", NULL,
                                   _("The document nests its parts too deeply; the innermost were not read"));
      return;
    }
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      if (is_w (node, "p"))
        nb_import_doc_add_paragraph (reader->doc, read_paragraph (reader, node),
                                     paragraph_heading (reader, node), 0);
      else if (is_w (node, "tbl"))
        read_table (reader, node);
      else if (is_w (node, "sdt") || is_w (node, "sdtContent") || is_w (node, "customXml")
               || is_w (node, "ins"))
        read_body (reader, node, depth + 1);
    }
}

/* "Heading1", "heading 1", "标题 1", or a style whose name is one. */
static int
heading_level_of_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  const char *p = NULL;

  if (g_str_has_prefix (lower, "heading"))
    p = lower + strlen ("heading");
  else if (g_str_has_prefix (lower, "标题"))
    p = lower + strlen ("标题");
  if (p == NULL)
    return 0;
  while (*p == ' ')
    p++;
  if (*p >= '1' && *p <= '9' && p[1] == '\0')
    return *p - '0';
  return 0;
}

static void
read_styles (Reader     *reader,
             const char *data,
             gsize       length)
{
  xmlDoc *xml = xmlReadMemory (data, (int)length, "styles.xml", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlNode *root = xml ? xmlDocGetRootElement (xml) : NULL;

  for (xmlNode *style = root ? root->children : NULL; style != NULL; style = style->next)
    {
      char *id, *name;
      int level;

      if (!is_w (style, "style"))
        continue;
      id = (char *)xmlGetNsProp (style, (const xmlChar *)"styleId", (const xmlChar *)W_NS);
      name = w_val (w_child (style, "name"));
      level = heading_level_of_name (name ? name : (id ? id : ""));
      if (level == 0 && w_child (w_child (style, "pPr"), "outlineLvl") != NULL)
        level = (int)w_number (w_child (w_child (style, "pPr"), "outlineLvl"), 0, 8) + 1;
      if (id != NULL && level > 0)
        g_hash_table_insert (reader->heading_styles, g_strdup (id), GINT_TO_POINTER (level));
      if (id != NULL)
        xmlFree (id);
      if (name != NULL)
        xmlFree (name);
    }
  if (xml != NULL)
    xmlFreeDoc (xml);
}

static GBytes *
read_entry (struct archive  *archive,
            gint64           size,
            GError         **error)
{
  GByteArray *bytes = g_byte_array_new ();
  char buffer[65536];
  la_ssize_t n;

  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      if (bytes->len + (gsize)n > MAX_PART_SIZE)
        {
          g_byte_array_unref (bytes);
          g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE,
                       _("The Word file’s text is too large to be a report (over %d MB)"),
                       MAX_PART_SIZE / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (bytes, (const guint8 *)buffer, (guint)n);
    }
  if (n < 0)
    {
      g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_DAMAGED,
                   _("The Word file is damaged: %s"), archive_error_string (archive));
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
nb_import_read_docx (const char   *data,
                     gsize         length,
                     NbImportDoc  *doc,
                     GError      **error)
{
  struct archive *archive;
  struct archive_entry *entry;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GBytes) styles = NULL;
  g_autoptr(GError) local_error = NULL;
  Reader reader = { doc, NULL, 0 };
  gboolean is_zip = FALSE;
  xmlDoc *xml;
  xmlNode *root, *body;
  int status;

  archive = archive_read_new ();
  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_DAMAGED,
                           _("This is not a Word (.docx) file: it is not a ZIP archive"));
      archive_read_free (archive);
      return FALSE;
    }
  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK
         || status == ARCHIVE_WARN)
    {
      const char *name = archive_entry_pathname (entry);

      is_zip = TRUE;
      if (name == NULL)
        continue;
      if (g_str_equal (name, "word/document.xml") && document == NULL)
        document = read_entry (archive, archive_entry_size (entry), &local_error);
      else if (g_str_equal (name, "word/styles.xml") && styles == NULL)
        styles = read_entry (archive, archive_entry_size (entry), &local_error);
      if (local_error != NULL)
        break;
    }
  if (local_error == NULL && status != ARCHIVE_EOF && status != ARCHIVE_OK
      && status != ARCHIVE_WARN)
    g_set_error (&local_error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_DAMAGED,
                 is_zip ? _("The Word file is damaged: %s")
                        : _("This is not a Word (.docx) file: %s"),
                 archive_error_string (archive) ? archive_error_string (archive) : "");
  archive_read_free (archive);

  if (local_error != NULL && document == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (document == NULL)
    {
      g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_DAMAGED,
                           _("This ZIP archive is no Word document: it has no word/document.xml"));
      return FALSE;
    }
  if (local_error != NULL)
    nb_import_doc_add_finding (doc, NB_SEVERITY_WARNING, "DOCX-DAMAGED", NULL, local_error->message);

  reader.heading_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (styles != NULL)
    read_styles (&reader, g_bytes_get_data (styles, NULL), g_bytes_get_size (styles));

  /* No entity expansion and no network: a hostile file cannot reach out
   * or blow up. */
  xmlInitParser ();
  xml = xmlReadMemory (g_bytes_get_data (document, NULL), (int)g_bytes_get_size (document),
                       "document.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = xml ? xmlDocGetRootElement (xml) : NULL;
  body = w_child (root, "body");
  if (body == NULL)
    {
      if (xml != NULL)
        xmlFreeDoc (xml);
      g_hash_table_unref (reader.heading_styles);
      g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_DAMAGED,
                           _("The Word file is damaged: its document part is not readable XML with a body"));
      return FALSE;
    }
  read_body (&reader, body, 0);
  xmlFreeDoc (xml);
  g_hash_table_unref (reader.heading_styles);
  return TRUE;
}
