/* test-render.c: the page renderer without a display
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "nb-file.h"
#include "nb-font-map.h"
#include "nb-fonts.h"
#include "nb-render.h"
#include "nb-settings.h"
#include "nb-text-renderer.h"

static NbReport *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_file_load_sample (&error);

  g_assert_no_error (error);
  return report;
}

/* All pages as one string without line breaks or page numbers: what a
 * reader would read, in order. */
static char *
dup_flowing_text (NbRender *render)
{
  GString *out = g_string_new (NULL);

  for (guint p = 0; p < nb_render_get_n_pages (render); p++)
    {
      g_autofree char *text = nb_render_dup_page_text (render, p);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (!g_str_has_prefix (lines[i], "— "))
          g_string_append (out, lines[i]);
    }
  return g_string_free (out, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_render_sample (void)
{
  g_autoptr(NbReport) report = load_sample ();
  g_autoptr(NbRender) render = nb_render_new (report, NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint n_pages;

  nb_render_paginate (render);
  n_pages = nb_render_get_n_pages (render);
  g_assert_cmpuint (n_pages, >=, 5);
  g_assert_cmpuint (n_pages, <=, 9);

  first = nb_render_dup_page_text (render, 0);
  g_assert_true (g_str_has_prefix (first, "漯河回族区城市管理局\n2022年政府信息公开工作年度报告\n"));
  g_assert_nonnull (strstr (first, "一、总体情况"));
  g_assert_true (g_str_has_suffix (first, "— 1 —\n"));
  last = nb_render_dup_page_text (render, n_pages - 1);
  g_assert_nonnull (strstr (last, "六、其他需要报告的事项"));

  text = dup_flowing_text (render);
  g_assert_cmpuint (count_occurrences (text, "二、主动公开政府信息情况"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "四、政府信息公开行政复议、行政诉讼情况"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "27.2500"), ==, 1);

  for (guint p = 0; p < n_pages; p++)
    g_assert_false (nb_render_page_is_landscape (render, p));

  pdf = nb_render_to_pdf (render, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
}

/* Several pages of narrative: no line lost, none printed twice, and no page
 * holds more lines than the type area. */
static void
test_render_long_report (void)
{
  g_autoptr(NbReport) report = load_sample ();
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NbRender) render = NULL;
  g_autofree char *flowing = NULL;
  NbRenderOptions options;
  guint max_lines;

  for (guint i = 0; i < 80; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      NbParagraph *paragraph;

      if (i % 10 == 0)
        {
          char *heading = g_strdup_printf ("（%u）第%u组工作情况", i / 10 + 1, i / 10 + 1);

          g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_HEADING_2, heading));
          g_ptr_array_add (texts, heading);
        }
      /* Lengths from a line to several lines, each paragraph unique. */
      g_string_append_printf (text, "第%u段开始。", i);
      for (guint j = 0; j < (i * 7) % 23 + 1; j++)
        g_string_append_printf (text, "依法推进政务公开第%u句，", j);
      g_string_append_printf (text, "第%u段结束。", i);
      paragraph = nb_paragraph_new (NB_PARAGRAPH_BODY);
      nb_paragraph_add_run (paragraph, "一是加强领导。", TRUE);
      nb_paragraph_add_run (paragraph, text->str, FALSE);
      g_ptr_array_add (paragraphs, paragraph);
      g_ptr_array_add (texts, g_strconcat ("一是加强领导。", text->str, NULL));
    }
  nb_report_set_paragraphs (report, "overview", paragraphs);

  nb_render_options_init (&options);
  render = nb_render_new (report, &options);
  nb_render_paginate (render);
  g_assert_cmpuint (nb_render_get_n_pages (render), >=, 15);

  flowing = dup_flowing_text (render);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (count_occurrences (flowing, text) != 1)
        g_error ("paragraph %u printed %u times: %s", i, count_occurrences (flowing, text), text);
    }
  /* In order. */
  for (guint i = 1; i < texts->len; i++)
    g_assert_true (strstr (flowing, g_ptr_array_index (texts, i - 1))
                   < strstr (flowing, g_ptr_array_index (texts, i)));

  max_lines = (guint)(options.type_height / options.line_pitch);
  g_assert_cmpuint (max_lines, ==, 22);
  for (guint p = 1; p < nb_render_get_n_pages (render); p++)
    {
      g_autofree char *page = nb_render_dup_page_text (render, p);

      g_autofree char *next = p + 1 < nb_render_get_n_pages (render)
                                ? nb_render_dup_page_text (render, p + 1) : g_strdup ("");

      /* The tables begin: their cells are no lines, and the page before
       * the first ends early, as the table starts with 5 rows under its
       * heading (issue 18). */
      if (strstr (page, "二、主动公开政府信息情况") != NULL
          || strstr (next, "二、主动公开政府信息情况") != NULL)
        break;
      /* The page number line is the one more. */
      g_assert_cmpuint (count_lines (page), <=, max_lines + 1);
      g_assert_cmpuint (count_lines (page), >=, max_lines - 1);
    }
}

/* The last line of @page's text, page number left out. */
static char *
dup_last_line (NbRender *render,
               guint     page)
{
  g_autofree char *text = nb_render_dup_page_text (render, page);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  /* "…\n— N —\n": the number, then the empty string after it. */
  return n >= 3 ? g_strdup (lines[n - 3]) : g_strdup ("");
}

/* Pagination a reviewer cannot fault (issue 18), on the sample pushed down
 * line by line: with 0 to 23 lines more in the first section, every table
 * and heading lands at every height of a page once.  A table starts with
 * its head and 5 body rows (or all of them) on the page of its section's
 * heading; a page that continues a table repeats its head; no page ends
 * with a heading. */
static void
test_render_pagination_rules (void)
{
  guint n_started_at_foot_before = 0;

  for (guint extra = 0; extra < 24; extra++)
    {
      g_autoptr(NbReport) report = load_sample ();
      NbEdition *edition = nb_report_get_edition (report);
      g_autoptr(GPtrArray) paragraphs = nb_paragraphs_copy (nb_report_get_paragraphs (report,
                                                                                      "overview"));
      g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) filler = g_string_new (NULL);
      g_autoptr(NbRender) render = NULL;
      guint n_pages;

      for (guint i = 0; i < extra * 7; i++)
        g_string_append (filler, "依法公开");
      if (extra > 0)
        g_ptr_array_insert (paragraphs, 0, nb_paragraph_new_text (NB_PARAGRAPH_BODY, filler->str));
      nb_report_set_paragraphs (report, "overview", paragraphs);

      for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
        {
          const NbEditionSection *section = nb_edition_get_section (edition, s);
          GPtrArray *list = nb_report_get_paragraphs (report, section->id);

          g_ptr_array_add (headings, g_strdup (section->heading));
          for (guint i = 0; list != NULL && i < list->len; i++)
            {
              const NbParagraph *paragraph = g_ptr_array_index (list, i);

              if (paragraph->level != NB_PARAGRAPH_BODY)
                g_ptr_array_add (headings, nb_paragraph_dup_text (paragraph));
            }
        }

      render = nb_render_new (report, NULL);
      n_pages = nb_render_get_n_pages (render);
      for (guint p = 0; p < n_pages; p++)
        {
          g_autofree char *last = dup_last_line (render, p);

          for (guint h = 0; h < headings->len; h++)
            if (g_str_equal (last, g_ptr_array_index (headings, h)))
              g_error ("%u lines more: page %u ends with the heading “%s”", extra, p + 1, last);
        }

      for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
        {
          const NbEditionSection *section = nb_edition_get_section (edition, s);
          guint total_body = 0, start_page = G_MAXUINT, start_body = 0;

          if (section->table_id == NULL)
            continue;
          for (guint p = 0; p < n_pages; p++)
            {
              gboolean starts;
              guint head, body;

              if (!nb_render_get_page_table_rows (render, p, section->table_id, &starts, &head,
                                                  &body))
                continue;
              total_body += body;
              if (starts)
                {
                  g_autofree char *text = nb_render_dup_page_text (render, p);

                  start_page = p;
                  start_body = body;
                  if (strstr (text, section->heading) == NULL)
                    g_error ("%u lines more: table %s starts on page %u without its heading",
                             extra, section->table_id, p + 1);
                }
              else if (head == 0)
                g_error ("%u lines more: page %u continues table %s without its head rows",
                         extra, p + 1, section->table_id);
            }
          g_assert_cmpuint (start_page, !=, G_MAXUINT);
          if (start_body < MIN (5, total_body))
            g_error ("%u lines more: table %s starts with %u body rows at the foot of page %u",
                     extra, section->table_id, start_body, start_page + 1);
          n_started_at_foot_before += start_body < total_body;
        }
    }
  /* The reports did hit the case: tables that went on over a page. */
  g_assert_cmpuint (n_started_at_foot_before, >, 10);
}

static void
collect_line (gpointer                 user_data,
              const cairo_matrix_t    *ctm,
              double                   x,
              double                   y,
              PangoLayoutLine         *line,
              NbFontRole               role,
              const cairo_rectangle_t *clip)
{
  const char *text = pango_layout_get_text (line->layout);

  g_ptr_array_add (user_data, g_strndup (text + line->start_index, line->length));
}

static void
ignore_rectangle (gpointer                 user_data,
                  const cairo_matrix_t    *ctm,
                  const cairo_rectangle_t *rect,
                  double                   line_width)
{
}

/* The column heads of tables 3 and 4 wrap between the two-character words
 * of the official labels, never inside one (结果维 / 持), whatever width
 * the columns get: type areas from 110 to 160 mm, landscape pages up to
 * 250 mm. */
static void
test_render_header_words (void)
{
  static const NbPageVisitor visitor = { collect_line, ignore_rectangle };
  static const char * const broken[] = { "结果维", "结果纠", "其他结", "尚未审", "维", "持", "纠",
                                         "正", "审", "结", "社会公", "法律服", "科研机", NULL };
  g_autoptr(NbReport) report = load_sample ();
  guint n_wrapped = 0;

  for (guint mm = 110; mm <= 250; mm += 3)
    {
      g_autoptr(NbRender) render = NULL;
      NbRenderOptions options;

      /* Past the portrait type area: tables on pages turned to landscape,
       * 225 mm wide and more, where heads have room for three characters
       * a line and more. */
      nb_render_options_init (&options);
      if (mm <= 160)
        options.type_width = NB_MM_TO_POINTS (mm);
      else
        {
          options.landscape_tables = TRUE;
          options.type_height = NB_MM_TO_POINTS (mm);
          options.page_height = options.type_height + NB_MM_TO_POINTS (72);
        }
      render = nb_render_new (report, &options);
      for (guint p = 0; p < nb_render_get_n_pages (render); p++)
        {
          g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

          if (!nb_render_get_page_table_rows (render, p, "t4", NULL, NULL, NULL)
              && !nb_render_get_page_table_rows (render, p, "t3", NULL, NULL, NULL))
            continue;
          nb_render_visit_page (render, p, &visitor, lines);
          for (guint i = 0; i < lines->len; i++)
            {
              const char *line = g_ptr_array_index (lines, i);

              n_wrapped += g_str_equal (line, "维持");
              if (g_strv_contains (broken, line))
                g_error ("%u mm wide: a table head wraps inside a word: %s", mm,
                         g_strescape (line, NULL));
            }
        }
    }
  /* The heads did wrap, between the words. */
  g_assert_cmpuint (n_wrapped, >, 0);
}

static void
test_render_options (void)
{
  g_autoptr(NbReport) report = load_sample ();
  const char * const only_overview[] = { "overview", NULL };
  NbRenderOptions options;
  g_autoptr(NbRender) portrait = NULL;
  g_autoptr(NbRender) landscape = NULL;
  g_autoptr(NbRender) overview = NULL;
  g_autoptr(NbRender) wide_pitch = NULL;
  g_autofree char *overview_text = NULL;
  guint n_landscape = 0;

  nb_render_options_init (&options);
  portrait = nb_render_new (report, &options);

  options.landscape_tables = TRUE;
  landscape = nb_render_new (report, &options);
  for (guint p = 0; p < nb_render_get_n_pages (landscape); p++)
    {
      g_autofree char *text = nb_render_dup_page_text (landscape, p);
      gboolean wide = strstr (text, "申请人情况") != NULL || strstr (text, "未经复议直接起诉") != NULL;

      /* Tables 3 and 4 turned, table 2 and the narrative upright. */
      g_assert_cmpint (nb_render_page_is_landscape (landscape, p), ==, wide);
      if (strstr (text, "第二十条第（一）项") != NULL)
        g_assert_false (nb_render_page_is_landscape (landscape, p));
      n_landscape += wide;
    }
  g_assert_cmpuint (n_landscape, >=, 2);

  options.landscape_tables = FALSE;
  options.sections = only_overview;
  overview = nb_render_new (report, &options);
  overview_text = dup_flowing_text (overview);
  g_assert_nonnull (strstr (overview_text, "一、总体情况"));
  g_assert_null (strstr (overview_text, "二、主动公开政府信息情况"));
  g_assert_null (strstr (overview_text, "申请人情况"));
  g_assert_cmpuint (nb_render_get_n_pages (overview), <, nb_render_get_n_pages (portrait));

  options.sections = NULL;
  options.line_pitch = 38;
  wide_pitch = nb_render_new (report, &options);
  g_assert_cmpuint (nb_render_get_n_pages (wide_pitch), >, nb_render_get_n_pages (portrait));
}

/* Every page draws without a cairo error and puts ink on the sheet. */
static void
test_render_draw (void)
{
  g_autoptr(NbReport) report = load_sample ();
  NbRenderOptions options;
  g_autoptr(NbRender) render = NULL;

  nb_render_options_init (&options);
  options.landscape_tables = TRUE;
  render = nb_render_new (report, &options);
  for (guint p = 0; p < nb_render_get_n_pages (render); p++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
      cairo_t *cr = cairo_create (surface);
      const guchar *data;
      guint dark = 0;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, 0.5, 0.5);
      nb_render_draw_page (render, cr, p);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      for (int y = 0; y < 421; y++)
        for (int x = 0; x < 298; x++)
          dark += (data[y * cairo_image_surface_get_stride (surface) + x * 4] < 128);
      g_assert_cmpuint (dark, >, 200);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static cairo_surface_t *
draw_page_image (NbRender *render,
                 guint     page)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1191, 1684);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);
  nb_render_draw_page (render, cr, page);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* PDF and print draw the big CJK fonts from subsets made for the document
 * (nb-font-subsets.c): every page must come out exactly as when drawn from
 * the installed fonts, landscape tables included. */
static void
test_font_subsets (void)
{
  g_autoptr(NbReport) report = load_sample ();
  g_autoptr(NbRender) plain = NULL;
  g_autoptr(NbRender) subset = NULL;
  NbRenderOptions options;

  nb_render_options_init (&options);
  options.landscape_tables = TRUE;
  plain = nb_render_new (report, &options);
  subset = nb_render_new (report, &options);
  nb_render_prepare_vector_output (subset);
  /* fonts-noto-cjk (CFF outlines) is in the package list. */
  g_assert_cmpuint (nb_render_get_n_font_subsets (subset, NULL, NULL), >=, 2);
  g_assert_cmpuint (nb_render_get_n_font_subsets (plain, NULL, NULL), ==, 0);
  g_assert_cmpuint (nb_render_get_n_pages (plain), ==, nb_render_get_n_pages (subset));

  for (guint p = 0; p < nb_render_get_n_pages (plain); p++)
    {
      cairo_surface_t *a, *b;
      int stride;
      const guchar *da, *db;
      guint differing = 0, dark = 0, runs_before, runs_after, missed;

      nb_render_get_n_font_subsets (subset, &runs_before, NULL);
      a = draw_page_image (plain, p);
      b = draw_page_image (subset, p);
      nb_render_get_n_font_subsets (subset, &runs_after, &missed);

      /* Every page has text in a CFF face, drawn from its subset. */
      g_assert_cmpuint (runs_after, >, runs_before);
      /* Every glyph made it into the subsets, page numbers' dashes too. */
      g_assert_cmpuint (missed, ==, 0);
      stride = cairo_image_surface_get_stride (a);
      da = cairo_image_surface_get_data (a);
      db = cairo_image_surface_get_data (b);
      for (int y = 0; y < 1684; y++)
        for (int x = 0; x < 1191; x++)
          {
            const guint32 pa = *(const guint32 *)(gconstpointer)(da + y * stride + x * 4);
            const guint32 pb = *(const guint32 *)(gconstpointer)(db + y * stride + x * 4);

            differing += (pa & 0xffffff) != (pb & 0xffffff);
            dark += (pb & 0xff) < 128;
          }
      g_test_message ("page %u: %u dark pixels, %u differ", p + 1, dark, differing);
      g_assert_cmpuint (dark, >, 1000);
      g_assert_cmpuint (differing, ==, 0);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }

  /* A new layout drops the subsets: they would lack the new glyphs. */
  nb_render_paginate (subset);
  g_assert_cmpuint (nb_render_get_n_font_subsets (subset, NULL, NULL), ==, 0);
}

static PangoLayout *
new_paragraph (PangoContext *context,
               NbFontRole    role,
               double        size,
               const char   *text)
{
  g_autoptr(PangoFontDescription) desc = nb_fonts_new_description (role, size);
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, 453 * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Pages are laid out with nb-font-map.c's fonts, which measure with
 * HarfBuzz instead of cairo: every line of every role and size must break,
 * measure and place its glyphs exactly as with Pango's cairo font map,
 * unhinted at 72 dpi, which laid pages out before. */
static void
test_font_map_metrics (void)
{
  g_autoptr(NbReport) report = load_sample ();
  g_autoptr(PangoFontMap) cairo_map = pango_cairo_font_map_new ();
  /* Pango 1.50 has no autoptr for PangoContext. */
  g_autoptr(GObject) ours = G_OBJECT (pango_font_map_create_context (nb_font_map_get_default ()));
  g_autoptr(GObject) pangos = G_OBJECT (pango_font_map_create_context (cairo_map));
  g_autoptr(GString) text = g_string_new ("（一）2023年，本机关主动公开政府信息 1,234 条；"
                                          "“放管服”改革——全文见 https://www.gov.cn/。");
  const double sizes[] = { 9, 10.5, 14, 16, 22 };
  cairo_font_options_t *options = cairo_font_options_create ();
  guint n_lines = 0;

  pango_cairo_context_set_resolution (PANGO_CONTEXT (pangos), 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (PANGO_CONTEXT (pangos), options);
  cairo_font_options_destroy (options);
  for (GObject **c = (GObject *[]){ ours, pangos, NULL }; *c != NULL; c++)
    {
      pango_context_set_round_glyph_positions (PANGO_CONTEXT (*c), FALSE);
      pango_context_set_language (PANGO_CONTEXT (*c), pango_language_from_string ("zh-cn"));
    }
  for (guint i = 0; i < nb_edition_get_n_sections (nb_report_get_edition (report)); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (nb_report_get_edition (report), i);
      g_autofree char *body = nb_report_dup_section_text (report, section->id);

      if (body != NULL)
        g_string_append (text, body);
    }

  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr(PangoLayout) a = new_paragraph (PANGO_CONTEXT (ours), r, sizes[s], text->str);
        g_autoptr(PangoLayout) b = new_paragraph (PANGO_CONTEXT (pangos), r, sizes[s], text->str);
        GSList *la = pango_layout_get_lines_readonly (a);
        GSList *lb = pango_layout_get_lines_readonly (b);
        int wa, ha, wb, hb;

        pango_layout_get_size (a, &wa, &ha);
        pango_layout_get_size (b, &wb, &hb);
        g_assert_cmpint (wa, ==, wb);
        g_assert_cmpint (ha, ==, hb);
        g_assert_cmpuint (g_slist_length (la), ==, g_slist_length (lb));
        for (; la != NULL && lb != NULL; la = la->next, lb = lb->next, n_lines++)
          {
            PangoLayoutLine *line_a = la->data, *line_b = lb->data;
            PangoRectangle ra, rb;

            g_assert_cmpint (line_a->start_index, ==, line_b->start_index);
            g_assert_cmpint (line_a->length, ==, line_b->length);
            pango_layout_line_get_extents (line_a, NULL, &ra);
            pango_layout_line_get_extents (line_b, NULL, &rb);
            g_assert_cmpint (ra.width, ==, rb.width);
            g_assert_cmpint (ra.height, ==, rb.height);
            g_assert_cmpint (ra.y, ==, rb.y);
          }
      }
  g_test_message ("%u lines compared", n_lines);
  g_assert_cmpuint (n_lines, >, 1000);
}

static guint
count_dark_pixels (cairo_surface_t *surface)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint dark = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      dark += (*(const guint32 *)(gconstpointer)(data + y * stride + x * 4) & 0xff) < 128;
  return dark;
}

/* Draws @layout black on white at 144 dpi: how many pixels are dark, and
 * the cairo context's status after. */
static guint
draw_layout_dark_pixels (PangoLayout    *layout,
                         cairo_status_t *status)
{
  g_autoptr(NbTextRenderer) renderer = nb_text_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 120);
  cairo_t *cr = cairo_create (surface);
  guint dark;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_scale (cr, 2, 2);
  cairo_move_to (cr, 10, 10);
  nb_text_renderer_show_layout (renderer, cr, layout);
  *status = cairo_status (cr);
  cairo_destroy (cr);
  dark = count_dark_pixels (surface);
  cairo_surface_destroy (surface);
  return dark;
}

static guint
draw_text_dark_pixels (const char *text)
{
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (nb_font_map_get_default ()));
  g_autoptr(PangoLayout) layout = new_paragraph (PANGO_CONTEXT (context), NB_FONT_FANGSONG, 16, text);
  cairo_status_t status;
  guint dark = draw_layout_dark_pixels (layout, &status);

  g_assert_cmpint (status, ==, CAIRO_STATUS_SUCCESS);
  return dark;
}

/* A character no installed font has is drawn as an empty box, as Pango
 * draws one, never as nothing: a reader must see something is missing. */
static void
test_missing_character (void)
{
  /* U+0378 is unassigned: no font has a glyph for it. */
  guint missing = draw_text_dark_pixels ("\xcd\xb8");
  guint space = draw_text_dark_pixels (" ");
  guint han = draw_text_dark_pixels ("国");

  g_test_message ("dark pixels: missing %u, space %u, 国 %u", missing, space, han);
  g_assert_cmpuint (space, ==, 0);
  g_assert_cmpuint (han, >, 20);
  g_assert_cmpuint (missing, >, 20);
}

/* Right-to-left runs go to cairo with backward clusters: every glyph and
 * byte of the run in exactly one cluster, or cairo refuses the run and
 * every later drawing (INVALID_CLUSTERS).  Under AddressSanitizer this also
 * catches a cluster reaching outside its run's glyphs. */
static void
test_right_to_left (void)
{
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (nb_font_map_get_default ()));
  g_autoptr(NbTextRenderer) renderer = nb_text_renderer_new ();
  const char *texts[] = {
    "abc שלום\u200cעולם def",
    "مرحبا بالعالم 123",
    "（一）עברית 与 中文",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PangoLayout) layout = new_paragraph (PANGO_CONTEXT (context), NB_FONT_FANGSONG, 16,
                                                    texts[i]);
      cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, 595, 842);
      cairo_t *cr = cairo_create (surface);

      cairo_move_to (cr, 72, 72);
      nb_text_renderer_show_layout (renderer, cr, layout);
      /* Drawn after: still drawn if the run above was accepted. */
      cairo_move_to (cr, 72, 144);
      nb_text_renderer_show_layout (renderer, cr, layout);
      g_assert_cmpstr (cairo_status_to_string (cairo_status (cr)), ==,
                       cairo_status_to_string (CAIRO_STATUS_SUCCESS));
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
    }
}

typedef struct
{
  FcConfig      *config;
  const char    *font_file;
  guint          dark;
  cairo_status_t status;
} GoneFont;

/* On a thread of its own: a font map of its own, seeing only one font. */
static gpointer
draw_with_font_gone (gpointer data)
{
  GoneFont *gone = data;
  PangoFontMap *map = nb_font_map_get_default ();
  g_autoptr(GObject) context = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (map), gone->config);
  context = G_OBJECT (pango_font_map_create_context (map));
  layout = new_paragraph (PANGO_CONTEXT (context), NB_FONT_FANGSONG, 16, "国家");
  pango_layout_get_size (layout, &width, NULL);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (g_unlink (gone->font_file), ==, 0);

  gone->dark = draw_layout_dark_pixels (layout, &gone->status);
  return NULL;
}

/* A font file removed after layout (the font package updated while the app
 * runs): its text comes out as boxes, and the rest of the page still draws;
 * a font cairo cannot load must not put the cairo context in error. */
static void
test_font_file_gone (void)
{
  g_autoptr(GObject) context = G_OBJECT (pango_font_map_create_context (nb_font_map_get_default ()));
  g_autoptr(PangoLayout) layout = new_paragraph (PANGO_CONTEXT (context), NB_FONT_FANGSONG, 16, "国");
  PangoLayoutRun *run = pango_layout_get_line_readonly (layout, 0)->runs->data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nb-font-gone-XXXXXX", &error);
  g_autofree char *copy = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  GoneFont gone = { NULL };
  FcChar8 *file;

  g_assert_no_error (error);
  g_assert_true (FcPatternGetString (pango_fc_font_get_pattern (PANGO_FC_FONT (run->item->analysis.font)),
                                     FC_FILE, 0, &file) == FcResultMatch);
  copy = g_build_filename (dir, "font", NULL);
  source = g_file_new_for_path ((const char *)file);
  target = g_file_new_for_path (copy);
  g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  gone.config = FcConfigCreate ();
  g_assert_true (FcConfigAppFontAddFile (gone.config, (const FcChar8 *)copy));
  gone.font_file = copy;

  g_test_expect_message ("nb-font-map", G_LOG_LEVEL_WARNING, "*could not be loaded*");
  g_thread_join (g_thread_new ("font-gone", draw_with_font_gone, &gone));
  g_test_assert_expected_messages ();
  g_test_message ("dark pixels with the font file gone: %u", gone.dark);
  g_assert_cmpint (gone.status, ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (gone.dark, >, 40);
  FcConfigDestroy (gone.config);
  g_rmdir (dir);
}

/* The characters that print as boxes are listed once each, with the text
 * around their first use, so the user can find and fix them. */
static void
test_missing_characters_listed (void)
{
  g_autoptr(NbReport) report = load_sample ();
  g_autoptr(NbRender) plain = nb_render_new (report, NULL);
  g_autoptr(NbRender) odd = NULL;
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_auto(GStrv) missing = NULL;

  g_assert_null (nb_render_dup_missing_characters (plain));

  paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_paragraph_free);
  g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY,
                                                      "前文ABC，未知字符\xcd\xb8在此，又\xcd\xb9与\xcd\xb8，后文。"));
  nb_report_set_paragraphs (report, "other", paragraphs);
  odd = nb_render_new (report, NULL);
  missing = nb_render_dup_missing_characters (odd);
  g_assert_nonnull (missing);
  g_assert_cmpuint (g_strv_length (missing), ==, 2);
  g_assert_true (g_str_has_prefix (missing[0], "U+0378 in “…"));
  g_assert_nonnull (strstr (missing[0], "未知字符□在此"));
  g_assert_true (g_str_has_prefix (missing[1], "U+0379 in “"));
  g_assert_nonnull (strstr (missing[1], "又□与"));
  g_assert_true (g_str_has_suffix (missing[1], "后文。”"));
}

static void
test_fonts (void)
{
  g_autofree char *summary = nb_fonts_dup_summary ();

  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    {
      g_assert_nonnull (nb_fonts_get_family (r));
      g_assert_nonnull (nb_font_role_get_preferred (r)[0]);
      g_test_message ("%s → %s%s", nb_font_role_get_name (r), nb_fonts_get_family (r),
                      nb_fonts_is_substitute (r) ? " (substitute)" : "");
    }
  g_assert_nonnull (strstr (summary, "仿宋: "));
  /* fonts-noto-cjk is in the package list: no role falls to fontconfig's
   * guess. */
  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    g_assert_cmpstr (nb_fonts_get_family (r), !=, "Serif");
  g_assert_cmpint (nb_fonts_get_weight (NB_FONT_TITLE), ==,
                   nb_fonts_is_substitute (NB_FONT_TITLE) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
}

/* The preview's choices reach Export PDF and the command line. */
static void
test_saved_options (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  NbRenderOptions options;

  nb_settings_load_render_options (&options);
  g_assert_false (options.landscape_tables);
  g_assert_cmpfloat_with_epsilon (options.line_pitch, NB_LINE_PITCH_DEFAULT, 0.001);

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("the GSettings schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "print-landscape-tables", TRUE);
  g_settings_set_double (settings, "print-line-pitch", 30.5);
  nb_settings_load_render_options (&options);
  g_assert_true (options.landscape_tables);
  g_assert_cmpfloat_with_epsilon (options.line_pitch, 30.5, 0.001);
  g_settings_reset (settings, "print-landscape-tables");
  g_settings_reset (settings, "print-line-pitch");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/sample", test_render_sample);
  g_test_add_func ("/render/long-report", test_render_long_report);
  g_test_add_func ("/render/options", test_render_options);
  g_test_add_func ("/render/pagination-rules", test_render_pagination_rules);
  g_test_add_func ("/render/header-words", test_render_header_words);
  g_test_add_func ("/render/draw", test_render_draw);
  g_test_add_func ("/render/fonts", test_fonts);
  g_test_add_func ("/render/font-subsets", test_font_subsets);
  g_test_add_func ("/render/font-map-metrics", test_font_map_metrics);
  g_test_add_func ("/render/missing-character", test_missing_character);
  g_test_add_func ("/render/right-to-left", test_right_to_left);
  g_test_add_func ("/render/font-file-gone", test_font_file_gone);
  g_test_add_func ("/render/missing-characters-listed", test_missing_characters_listed);
  g_test_add_func ("/render/saved-options", test_saved_options);
  return g_test_run ();
}
