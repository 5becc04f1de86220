/* nb-import-html.c: a saved web page of a published report
 *
 * libxml2's HTML parser copes with the tag soup of real sites; this walks
 * its tree into paragraphs and tables.  Tables that contain tables are page
 * layout, not data: their content is read as ordinary flow.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>

#include "nb-import-private.h"

typedef struct
{
  NbImportDoc  *doc;
  NbImportText  text;
  int           heading;
  guint         depth_warned;
  guint         furniture;  /* depth of the site's own elements around the text */
} Walker;

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

static gboolean
name_in (xmlNode            *node,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (name_is (node, names[i]))
      return TRUE;
  return FALSE;
}

static const char * const skipped[] = {
  "head", "script", "style", "noscript", "template", "iframe", "object", "svg", "select",
  "button", "textarea", NULL
};

static const char * const blocks[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
  "section", "article", "header", "footer", "main", "nav", "aside", "blockquote", "center",
  "pre", "form", "fieldset", "address", "figure", "figcaption", "body", "html", "hr", "tr",
  "td", "th", "caption", "thead", "tbody", "tfoot", NULL
};

static gboolean
style_is_bold (xmlNode *node)
{
  g_autofree char *lower = NULL;
  xmlChar *style = xmlGetProp (node, (const xmlChar *)"style");
  gboolean bold = FALSE;

  if (style == NULL)
    return FALSE;
  lower = g_ascii_strdown ((const char *)style, -1);
  xmlFree (style);
  if (strstr (lower, "font-weight") != NULL)
    bold = strstr (lower, "bold") != NULL || strstr (lower, "700") != NULL
           || strstr (lower, "800") != NULL || strstr (lower, "900") != NULL
           || strstr (lower, "600") != NULL;
  return bold;
}

static int
heading_of (xmlNode *node)
{
  if (node->type == XML_ELEMENT_NODE && g_ascii_tolower (node->name[0]) == 'h'
      && node->name[1] >= '1' && node->name[1] <= '6' && node->name[2] == '\0')
    return node->name[1] - '0';
  return 0;
}

/* Marks the blocks added since @n_blocks as the site's, when inside an
 * element of it. */
static void
mark_furniture (Walker *w,
                guint   n_blocks)
{
  for (guint i = n_blocks; w->furniture > 0 && i < w->doc->blocks->len; i++)
    ((NbImportBlock *)g_ptr_array_index (w->doc->blocks, i))->furniture = TRUE;
}

static void
flush (Walker *w)
{
  NbParagraph *paragraph = nb_import_text_finish (&w->text);
  guint n_blocks = w->doc->blocks->len;

  nb_import_doc_add_paragraph (w->doc, paragraph, w->heading, 0);
  mark_furniture (w, n_blocks);
}

/* The site around the report, not the report: the page footer, navigation
 * and sidebars, share buttons.  Told by the element, its ARIA role, or a
 * word of its class or id ("footer", "fy_foot", "bdsharebuttonbox"). */
static gboolean
is_furniture (xmlNode *node)
{
  static const char * const attributes[] = { "class", "id", "role", NULL };
  gboolean found = FALSE;

  if (name_is (node, "footer") || name_is (node, "nav") || name_is (node, "aside"))
    return TRUE;
  for (guint a = 0; attributes[a] != NULL && !found; a++)
    {
      xmlChar *value = xmlGetProp (node, (const xmlChar *)attributes[a]);
      g_autofree char *lower = NULL;
      g_auto(GStrv) words = NULL;

      if (value == NULL)
        continue;
      lower = g_ascii_strdown ((const char *)value, -1);
      xmlFree (value);
      g_strdelimit (lower, " \t\r\n-_:.", ' ');
      words = g_strsplit (lower, " ", -1);
      for (guint i = 0; words[i] != NULL && !found; i++)
        found = g_str_equal (words[i], "foot") || g_str_has_prefix (words[i], "footer")
                || g_str_has_prefix (words[i], "copyright") || g_str_equal (words[i], "share")
                || g_str_has_prefix (words[i], "bdshare") || g_str_equal (words[i], "jiathis")
                || g_str_equal (words[i], "contentinfo") || g_str_equal (words[i], "navigation");
    }
  return found;
}

/* All the text under @node, for a table cell. */
static void
collect_text (xmlNode *node,
              GString *out,
              guint    depth)
{
  if (depth > NB_IMPORT_MAX_DEPTH || out->len > 65536)
    return;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            g_string_append (out, (const char *)child->content);
        }
      else if (child->type == XML_ELEMENT_NODE && !name_in (child, skipped))
        {
          if (name_is (child, "br") || name_is (child, "p") || name_is (child, "div"))
            g_string_append_c (out, ' ');
          collect_text (child, out, depth + 1);
        }
    }
}

/* Folds white space (&nbsp; included) the way a browser shows it. */
static char *
fold_text (const char *text)
{
  NbImportText builder;
  NbParagraph *paragraph;
  char *result;

  nb_import_text_init (&builder, TRUE);
  nb_import_text_append (&builder, text, FALSE);
  paragraph = nb_import_text_finish (&builder);
  nb_import_text_clear (&builder);
  if (paragraph == NULL)
    return g_strdup ("");
  result = nb_paragraph_dup_text (paragraph);
  nb_paragraph_free (paragraph);
  return g_strstrip (result);
}

static guint
span_attribute (xmlNode    *cell,
                const char *name)
{
  xmlChar *value = xmlGetProp (cell, (const xmlChar *)name);
  guint64 span = 1;

  if (value != NULL)
    {
      span = g_ascii_strtoull ((const char *)value, NULL, 10);
      xmlFree (value);
    }
  return (guint)CLAMP (span, 1, NB_IMPORT_MAX_SPAN);
}

static void
add_rows (NbImportGrid *grid,
          xmlNode      *parent,
          guint         depth)
{
  if (depth > 8)
    return;
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    {
      if (name_is (child, "tr"))
        {
          nb_import_grid_next_row (grid);
          for (xmlNode *cell = child->children; cell != NULL; cell = cell->next)
            if (name_is (cell, "td") || name_is (cell, "th"))
              {
                g_autoptr(GString) raw = g_string_new (NULL);
                g_autofree char *text = NULL;

                collect_text (cell, raw, 0);
                text = fold_text (raw->str);
                nb_import_grid_add_cell (grid, text, span_attribute (cell, "rowspan"),
                                         span_attribute (cell, "colspan"));
              }
        }
      else if (name_is (child, "thead") || name_is (child, "tbody") || name_is (child, "tfoot"))
        add_rows (grid, child, depth + 1);
    }
}

static gboolean
contains_table (xmlNode *node,
                guint    depth)
{
  if (depth > NB_IMPORT_MAX_DEPTH)
    return FALSE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (name_is (child, "table") || (child->type == XML_ELEMENT_NODE && contains_table (child, depth + 1)))
      return TRUE;
  return FALSE;
}

/* The most cells any row of a table has (rows of nested tables aside). */
static guint
max_cells_per_row (xmlNode *node,
                   guint    depth)
{
  guint most = 0;

  if (depth > 8)
    return 0;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (name_is (child, "tr"))
        {
          guint n = 0;

          for (xmlNode *cell = child->children; cell != NULL; cell = cell->next)
            if (name_is (cell, "td") || name_is (cell, "th"))
              n++;
          most = MAX (most, n);
        }
      else if (name_is (child, "thead") || name_is (child, "tbody") || name_is (child, "tfoot"))
        most = MAX (most, max_cells_per_row (child, depth + 1));
    }
  return most;
}

/* Page layout, not data: a table around other tables, or a table of one
 * column (a frame around the text). */
static gboolean
is_layout_table (xmlNode *table)
{
  return contains_table (table, 0) || max_cells_per_row (table, 0) <= 1;
}

static void walk (Walker *w, xmlNode *node, gboolean bold, guint depth);

static void
walk_children (Walker  *w,
               xmlNode *node,
               gboolean bold,
               guint    depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    walk (w, child, bold, depth + 1);
}

static void
walk (Walker  *w,
      xmlNode *node,
      gboolean bold,
      guint    depth)
{
  if (depth > NB_IMPORT_MAX_DEPTH)
    {
      if (!w->depth_warned++)
        nb_import_doc_add_finding (w->doc, NB_SEVERITY_ERROR, "DOC-TOO-DEEP", NULL,
                                   _("The page nests its elements too deeply; the innermost were not read"));
      return;
    }
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        nb_import_text_append (&w->text, (const char *)node->content, bold);
      return;
    }
  if (node->type != XML_ELEMENT_NODE || name_in (node, skipped))
    return;

  if (name_is (node, "br"))
    {
      flush (w);
      return;
    }
  if (is_furniture (node))
    {
      flush (w);
      w->furniture++;
      walk_children (w, node, bold, depth);
      flush (w);
      w->furniture--;
      return;
    }
  if (name_is (node, "table") && !is_layout_table (node))
    {
      g_autoptr(NbImportGrid) grid = nb_import_grid_new ();
      guint n_blocks;

      flush (w);
      n_blocks = w->doc->blocks->len;
      add_rows (grid, node, 0);
      nb_import_grid_finish (grid, w->doc);
      mark_furniture (w, n_blocks);
      return;
    }

  bold = bold || name_is (node, "b") || name_is (node, "strong") || style_is_bold (node);
  if (name_in (node, blocks) || name_is (node, "table"))
    {
      int heading = heading_of (node);

      flush (w);
      if (heading > 0)
        w->heading = heading;
      walk_children (w, node, bold, depth);
      flush (w);
      if (heading > 0)
        w->heading = 0;
      return;
    }
  walk_children (w, node, bold, depth);
}

/* The charset a page declares, or GB 18030 for a Chinese page that declares
 * none and is not UTF-8. */
static const char *
fallback_encoding (const char *data,
                   gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 4096));

  if (strstr (head, "charset") != NULL || strstr (head, "encoding=") != NULL)
    return NULL;
  if (g_utf8_validate_len (data, length, NULL))
    return "UTF-8";
  return "GB18030";
}

/* Whether the page says it is UTF-8. */
static gboolean
declares_utf8 (const char *data,
               gsize       length)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (length, 4096));
  g_autoptr(GRegex) regex = g_regex_new ("(charset|encoding)\\s*=\\s*[\"']?\\s*utf-?8", G_REGEX_RAW, 0,
                                         NULL);

  return g_regex_match (regex, head, 0, NULL);
}

/* A stray byte in a page that says it is UTF-8: libxml2 would read all
 * that follows as Latin-1 (mojibake), so only the byte is replaced, by
 * U+FFFD, and the import says so. */
static char *
repair_utf8 (const char  *data,
             gsize       *length,
             NbImportDoc *doc)
{
  g_autofree char *message = NULL;
  const char *end;
  gsize at;
  char *repaired;

  if (g_utf8_validate_len (data, *length, &end) || !declares_utf8 (data, *length))
    return NULL;
  at = (gsize)(end - data);
  repaired = g_utf8_make_valid (data, (gssize)*length);
  *length = strlen (repaired);
  message = g_strdup_printf (_("The page says it is UTF-8 but is not: bytes that are not text "
                               "(the first at byte %llu) were replaced by “\uFFFD”"),
                             (unsigned long long)at);
  nb_import_doc_add_finding (doc, NB_SEVERITY_WARNING, "DOC-ENCODING", NULL, message);
  return repaired;
}

gboolean
nb_import_read_html (const char   *data,
                     gsize         length,
                     NbImportDoc  *doc,
                     GError      **error)
{
  g_autofree char *repaired = NULL;
  htmlDocPtr html;
  xmlNode *root;
  Walker w = { doc };

  if (memchr (data, '\0', MIN (length, 4096)) != NULL && !(length >= 2 && (data[0] == '\xFF' || data[0] == '\xFE')))
    {
      g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_DAMAGED,
                           _("This is not a web page: it contains binary data"));
      return FALSE;
    }

  if ((repaired = repair_utf8 (data, &length, doc)) != NULL)
    data = repaired;
  xmlInitParser ();
  html = htmlReadMemory (data, (int)length, NULL, fallback_encoding (data, length),
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                           | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
  root = html ? xmlDocGetRootElement (html) : NULL;
  if (root == NULL)
    {
      if (html != NULL)
        xmlFreeDoc (html);
      g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_NOT_A_REPORT,
                           _("The web page could not be read: it has no content"));
      return FALSE;
    }

  nb_import_text_init (&w.text, TRUE);
  for (xmlNode *node = root; node != NULL; node = node->next)
    walk (&w, node, FALSE, 0);
  flush (&w);
  nb_import_text_clear (&w.text);
  xmlFreeDoc (html);
  return TRUE;
}
