/* test-xml-text.c: what every DOCX and OFD text goes through: the
 * characters XML forbids dropped (nb_xml_dup_text ()), libxml2's escaping
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nb-edition.h"
#include "nb-package.h"

/* @text written as an element's text, or as an attribute's value, the
 * way the exporters write it. */
static char *
write_xml (const char *text,
           gssize      length,
           gboolean    attribute)
{
  g_autoptr(NbXmlPart) part = nb_xml_part_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  const char *start;
  const char *end;

  nb_xml_start (part, "t");
  if (attribute)
    nb_xml_attr (part, "a", text); /* whole: an attribute has no length */
  else
    nb_xml_text (part, text, length);
  nb_xml_end (part);
  bytes = nb_xml_part_end (part, "test", &error);
  g_assert_no_error (error);
  all = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_true (g_str_has_prefix (all, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"));
  if (attribute)
    {
      start = strstr (all, "<t a=\"");
      g_assert_nonnull (start);
      start += strlen ("<t a=\"");
      end = strstr (start, "\"/>");
    }
  else
    {
      start = strstr (all, "<t>");
      g_assert_nonnull (start);
      start += strlen ("<t>");
      end = strstr (start, "</t>");
    }
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static char *
escape (const char *text,
        gssize      length)
{
  return write_xml (text, length, FALSE);
}

static void
test_markup (void)
{
  const char *cases[][2] = {
    { "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
    { "&amp; & AT&T", "&amp;amp; &amp; AT&amp;T" },
    { "\"double\" 'single'", "&quot;double&quot; 'single'" },
    { "]]>", "]]&gt;" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = escape (cases[i][0], -1);

      g_assert_cmpstr (got, ==, cases[i][1]);
    }
}

/* In an attribute the quote that closes it is escaped too. */
static void
test_attribute (void)
{
  g_autofree char *got = write_xml ("a\"b'c<&>", -1, TRUE);
  g_autofree char *dropped = write_xml ("x\x01y\xef\xbf\xbez", -1, TRUE);

  g_assert_cmpstr (got, ==, "a&quot;b'c&lt;&amp;&gt;");
  g_assert_cmpstr (dropped, ==, "xyz");
}

/* Normal text, however exotic, passes unchanged: emoji, characters outside
 * the BMP, bidi controls, full-width punctuation, tab and line feed. */
static void
test_kept (void)
{
  const char *kept[] = {
    "😀👍🏽 𠀋",
    "\u200f\u202eRTL\u202c\u200e",
    "（一）“三安全一稳定”、——…",
    "tab\tand\nline",
    "\u00a0no-break\u3000ideographic space",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *got = escape (kept[i], -1);

      g_assert_cmpstr (got, ==, kept[i]);
    }
}

/* What XML 1.0 forbids, and C1 controls and noncharacters, are dropped
 * without taking the text around them. */
static void
test_dropped (void)
{
  g_autofree char *controls = escape ("a\x01" "b\x07" "c\x1b" "d\x7f" "e\r" "f", -1);
  g_autofree char *c1 = escape ("next\xc2\x85line\xc2\x9f", -1);
  g_autofree char *nonchar = escape ("x\xef\xbf\xbe" "y\xef\xbf\xbf" "z\xef\xb7\x90", -1);
  g_autofree char *plane = escape ("p\xf0\x9f\xbf\xbe" "q", -1); /* U+1FFFE */

  g_assert_cmpstr (controls, ==, "abcdef");
  g_assert_cmpstr (c1, ==, "nextline");
  g_assert_cmpstr (nonchar, ==, "xyz");
  g_assert_cmpstr (plane, ==, "pq");
  g_assert_false (nb_xml_char_is_allowed (0));
  g_assert_false (nb_xml_char_is_allowed (0xD800));
  g_assert_true (nb_xml_char_is_allowed (0x10FFFD));
}

/* Bytes that are no UTF-8 show as U+FFFD instead of breaking the document;
 * a length cuts the text where it says. */
static void
test_invalid_utf8 (void)
{
  g_autofree char *bad = escape ("a\xff" "b\xc3", -1);
  g_autofree char *cut = escape ("<ab>", 2);

  g_assert_true (g_utf8_validate (bad, -1, NULL));
  g_assert_cmpstr (bad, ==, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
  g_assert_cmpstr (cut, ==, "&lt;a");
}

/* The grid maps every position to the item covering it. */
static void
test_layout_grid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", &error);
  const NbEditionTable *table;
  g_autofree const NbLayoutItem **grid = NULL;
  guint width;

  g_assert_no_error (error);
  table = nb_edition_find_table (edition, "t3");
  grid = nb_edition_table_dup_grid (table);
  width = nb_edition_table_get_grid_width (table);
  for (guint k = 0; k < width * nb_edition_table_get_grid_height (table); k++)
    g_assert_nonnull (grid[k]);
  /* The corner note covers 3 × 3 at the top left. */
  g_assert_true (grid[0] == grid[2 * width + 2]);
  g_assert_cmpuint (grid[2 * width + 2]->row_span, ==, 3);
  g_assert_cmpuint (nb_edition_table_get_first_value_column (table), ==, 3);
  g_assert_cmpuint (nb_edition_table_get_first_value_column (nb_edition_find_table (edition, "t4")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/xml/markup", test_markup);
  g_test_add_func ("/export/xml/attribute", test_attribute);
  g_test_add_func ("/export/xml/kept", test_kept);
  g_test_add_func ("/export/xml/dropped", test_dropped);
  g_test_add_func ("/export/xml/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/export/xml/layout-grid", test_layout_grid);
  return g_test_run ();
}
