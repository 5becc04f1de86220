/* nb-export-summary.c: the picture summary (一图读懂) of a report
 *
 * One portrait picture, as wide as a phone screen shows it (750 px, twice
 * 375 pt), that an agency posts beside its report: the requests of the
 * year, their outcomes as bars, the proactive disclosure figures, reviews
 * and lawsuits with their outcomes, the fee line.  What it shows is data:
 * the edition's "summary" lists the panels, their labels and the cells each
 * figure adds up, so no label lives in C.  Drawn with cairo in the official
 * faces (小标宋 title, 黑体 text, with their free substitutes).
 *
 * cairo's SVG has glyph outlines, no text.  Every string drawn also goes
 * into a list, written into the SVG as its <title> and <desc> (what a
 * screen reader reads out, as for any image on a government site), and is
 * what nb_export_summary_dup_text() returns: text drawn and text listed
 * come from one call, draw_text().
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-summary"

#include "config.h"

#include <cairo-svg.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <string.h>

#include "nb-export.h"
#include "nb-font-map.h"
#include "nb-fonts.h"
#include "nb-package.h"
#include "nb-text-renderer.h"

#define WIDTH       750.0
#define MARGIN      32.0
#define PANEL_GAP   28.0
#define INNER       (WIDTH - 2 * MARGIN)

/* Colours: a government red for the title band and the bars, text at more
 * than 7:1 on its background. */
#define RED         0.718, 0.110, 0.110 /* #b71c1c */
#define INK         0.102, 0.102, 0.102 /* #1a1a1a */
#define MUTED       0.259, 0.259, 0.259 /* #424242 */
#define PAPER       1.000, 0.992, 0.976 /* #fffdf9 */
#define CARD        0.980, 0.937, 0.925 /* #faefec */
#define TRACK       0.925, 0.878, 0.867 /* #ece0dd */
#define WHITE       1.0, 1.0, 1.0

typedef struct
{
  gboolean  empty;   /* every cell empty, or one not a number: shown as "—" */
  gint64    value;
  NbValueKind kind;
  guint     decimals;
} Figure;

typedef struct
{
  NbReport              *report;
  NbReport              *previous;
  const NbExportOptions *options;
  cairo_t               *cr;      /* NULL: only measure */
  PangoContext          *context;
  NbTextRenderer        *renderer;
  GString               *text;    /* every string drawn, for <desc> */
  double                 y;
} Painter;

/* The sum of an item's cells in one report. */
static Figure
compute_figure (NbReport            *report,
                const NbSummaryItem *item)
{
  NbEdition *edition = nb_report_get_edition (report);
  Figure figure = { TRUE, 0, NB_VALUE_COUNT, 0 };
  gboolean invalid = FALSE;

  for (guint i = 0; item->cells[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (item->cells[i], ":", 2);
      const NbEditionTable *table = nb_edition_find_table (edition, parts[0]);
      int cell = table != NULL && parts[1] != NULL
                 ? nb_edition_table_find_cell_by_key (table, parts[1]) : -1;
      gint64 value = 0;

      /* Last year's report may be of another edition without this cell. */
      if (cell < 0)
        {
          invalid = TRUE;
          continue;
        }
      figure.kind = nb_edition_table_get_cell (table, cell)->kind;
      figure.decimals = MAX (figure.decimals, nb_report_get_cell_decimals (report, table, cell));
      switch (nb_report_get_cell (report, table, cell, &value, NULL))
        {
        case NB_CELL_VALUE:
          figure.empty = FALSE;
          if (__builtin_add_overflow (figure.value, value, &figure.value))
            invalid = TRUE;
          break;
        case NB_CELL_INVALID:
          invalid = TRUE;
          break;
        case NB_CELL_EMPTY:
        default:
          break;
        }
    }
  if (invalid)
    figure.empty = TRUE;
  return figure;
}

static char *
figure_dup_text (const Figure *figure)
{
  if (figure->empty)
    return g_strdup ("—");
  return nb_number_format (figure->value, figure->kind, (int)figure->decimals);
}

/* "比上年 ↑12", "比上年 ↓3", "比上年 →0" (the words are the edition's).  NULL
 * when there is nothing to compare with: no last year, an empty figure, a
 * cell last year's edition does not have, a difference beyond 64 bits. */
static char *
dup_change_text (Painter             *p,
                 const NbSummaryItem *item,
                 const Figure        *now)
{
  const char *compared = nb_edition_get_label (nb_report_get_edition (p->report),
                                               "summary_compared");
  Figure before;
  gint64 delta;
  g_autofree char *amount = NULL;
  const char *arrow;

  if (p->previous == NULL || now->empty || compared == NULL)
    return NULL;
  before = compute_figure (p->previous, item);
  if (before.empty || before.kind != now->kind
      || __builtin_sub_overflow (now->value, before.value, &delta) || delta == G_MININT64)
    return NULL;
  arrow = delta > 0 ? "↑" : delta < 0 ? "↓" : "→";
  amount = nb_number_format (ABS (delta), now->kind == NB_VALUE_SIGNED ? NB_VALUE_COUNT : now->kind,
                             (int)MAX (now->decimals, before.decimals));
  return g_strdup_printf ("%s %s%s", compared, arrow, amount);
}

static PangoLayout *
new_layout (Painter    *p,
            NbFontRole  role,
            double      size,
            gboolean    bold,
            const char *text,
            double      width)
{
  PangoLayout *layout = pango_layout_new (p->context);
  g_autoptr(PangoFontDescription) font = nb_fonts_new_description (role, size);

  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws text with its top left at x, y (or centred in width when centre),
 * lists it, and returns its height. */
static double
draw_text (Painter    *p,
           NbFontRole  role,
           double      size,
           gboolean    bold,
           const char *text,
           double      x,
           double      y,
           double      width,
           gboolean    centre,
           double      r,
           double      g,
           double      b)
{
  g_autoptr(PangoLayout) layout = new_layout (p, role, size, bold, text, width);
  PangoRectangle logical;

  if (centre)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (p->cr != NULL)
    {
      cairo_save (p->cr);
      cairo_set_source_rgb (p->cr, r, g, b);
      cairo_move_to (p->cr, x, y);
      nb_text_renderer_show_layout (p->renderer, p->cr, layout);
      cairo_restore (p->cr);
    }
  return logical.height;
}

static void
fill_rect (Painter *p,
           double   x,
           double   y,
           double   w,
           double   h,
           double   r,
           double   g,
           double   b)
{
  if (p->cr == NULL)
    return;
  cairo_set_source_rgb (p->cr, r, g, b);
  cairo_rectangle (p->cr, x, y, w, h);
  cairo_fill (p->cr);
}

/* The listing, one line per drawn figure: "heading,label,value[,change]". */
static void
list_line (Painter    *p,
           const char *heading,
           const char *label,
           const char *value,
           const char *change)
{
  g_string_append_printf (p->text, "%s,%s,%s%s%s\n", heading, label, value,
                          change != NULL ? "," : "", change != NULL ? change : "");
}

static void
draw_title (Painter *p)
{
  NbEdition *edition = nb_report_get_edition (p->report);
  g_autofree char *title = nb_report_dup_title (p->report);
  g_autofree char *shown = g_strdup (title);
  const char *agency = nb_report_get_agency (p->report);
  const char *subtitle = nb_edition_get_label (edition, "summary_title");
  double top = p->y, h;
  Painter measure = *p;

  /* Measured first: the band's height depends on how the title wraps.  A
   * title too long for one line breaks after the agency's name, not
   * inside a word ("信息公|开"). */
  measure.cr = NULL;
  h = draw_text (&measure, NB_FONT_TITLE, 36, TRUE, title, MARGIN, 0, INNER, TRUE, WHITE);
  if (agency != NULL && agency[0] != '\0' && g_str_has_prefix (title, agency)
      && title[strlen (agency)] != '\0'
      && h > 1.5 * draw_text (&measure, NB_FONT_TITLE, 36, TRUE, agency, MARGIN, 0, INNER, TRUE,
                              WHITE))
    {
      g_free (shown);
      shown = g_strconcat (agency, "\n", title + strlen (agency), NULL);
      h = draw_text (&measure, NB_FONT_TITLE, 36, TRUE, shown, MARGIN, 0, INNER, TRUE, WHITE);
    }
  fill_rect (p, 0, top, WIDTH, h + (subtitle != NULL ? 150 : 90), RED);
  p->y += 40;
  p->y += draw_text (p, NB_FONT_TITLE, 36, TRUE, shown, MARGIN, p->y, INNER, TRUE, WHITE);
  g_string_append_printf (p->text, "%s\n", title);
  if (subtitle != NULL)
    {
      p->y += 14;
      p->y += draw_text (p, NB_FONT_HEI, 30, TRUE, subtitle, MARGIN, p->y, INNER, TRUE, WHITE);
      g_string_append_printf (p->text, "%s\n", subtitle);
    }
  p->y = top + h + (subtitle != NULL ? 150 : 90) + PANEL_GAP;
}

static void
draw_heading (Painter    *p,
              const char *heading)
{
  double h;

  h = draw_text (p, NB_FONT_HEI, 30, TRUE, heading, MARGIN + 22, p->y, INNER - 22, FALSE, INK);
  fill_rect (p, MARGIN, p->y + 4, 8, h - 8, RED);
  p->y += h + 14;
}

/* Big numbers, two to a row, on light cards. */
static void
draw_figures (Painter              *p,
              const NbSummaryGroup *group)
{
  const double gap = 20, card_w = (INNER - gap) / 2;

  for (guint i = 0; i < group->n_items; i += 2)
    {
      double row_h = 0;

      /* Measure both cards of the row, then draw them equally tall. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint k = i; k < MIN (i + 2, group->n_items); k++)
          {
            const NbSummaryItem *item = &group->items[k];
            Figure figure = compute_figure (p->report, item);
            g_autofree char *value = figure_dup_text (&figure);
            g_autofree char *change = dup_change_text (p, item, &figure);
            Painter measure = *p;
            Painter *q = pass == 0 ? &measure : p;
            double x = MARGIN + (k - i) * (card_w + gap), y = p->y + 18, h;

            if (pass == 0)
              measure.cr = NULL;
            else
              {
                fill_rect (p, x, p->y, card_w, row_h, CARD);
                list_line (p, group->heading, item->label, value, change);
              }
            y += draw_text (q, NB_FONT_HEI, 46, TRUE, value, x + 12, y, card_w - 24, TRUE, RED);
            y += 4;
            y += draw_text (q, NB_FONT_HEI, 22, FALSE, item->label, x + 12, y, card_w - 24, TRUE,
                            INK);
            if (change != NULL)
              y += 2 + draw_text (q, NB_FONT_HEI, 20, FALSE, change, x + 12, y + 2, card_w - 24,
                                  TRUE, MUTED);
            h = y + 18 - p->y;
            if (pass == 0)
              row_h = MAX (row_h, h);
          }
      p->y += row_h + gap;
    }
}

/* One bar per part, scaled to the largest: label, bar, number. */
static void
draw_bars (Painter              *p,
           const NbSummaryGroup *group)
{
  const double label_w = 150, value_w = 150, bar_x = MARGIN + label_w + 12;
  const double bar_w = INNER - label_w - value_w - 24;
  g_autofree Figure *figures = g_new0 (Figure, group->n_items);
  gint64 largest = 0;

  for (guint i = 0; i < group->n_items; i++)
    {
      figures[i] = compute_figure (p->report, &group->items[i]);
      if (!figures[i].empty)
        largest = MAX (largest, figures[i].value);
    }
  for (guint i = 0; i < group->n_items; i++)
    {
      const NbSummaryItem *item = &group->items[i];
      g_autofree char *value = figure_dup_text (&figures[i]);
      g_autofree char *change = dup_change_text (p, item, &figures[i]);
      double h, filled = 0;

      list_line (p, group->heading, item->label, value, change);
      h = draw_text (p, NB_FONT_HEI, 24, FALSE, item->label, MARGIN, p->y, label_w, FALSE, INK);
      fill_rect (p, bar_x, p->y + 6, bar_w, h - 12, TRACK);
      if (largest > 0 && !figures[i].empty && figures[i].value > 0)
        filled = MAX (4.0, bar_w * ((double)figures[i].value / (double)largest));
      fill_rect (p, bar_x, p->y + 6, filled, h - 12, RED);
      /* A very long number wraps: the row grows with it. */
      h = MAX (h, draw_text (p, NB_FONT_HEI, 26, TRUE, value, bar_x + bar_w + 12, p->y - 1,
                             value_w, FALSE, INK) - 1);
      p->y += h;
      if (change != NULL)
        p->y += draw_text (p, NB_FONT_HEI, 18, FALSE, change, bar_x + bar_w + 12, p->y - 4,
                           value_w, FALSE, MUTED) - 4;
      p->y += 10;
    }
  p->y += PANEL_GAP - 10;
}

static void
paint (Painter *p)
{
  NbEdition *edition = nb_report_get_edition (p->report);

  if (p->cr != NULL)
    {
      cairo_set_source_rgb (p->cr, PAPER);
      cairo_paint (p->cr);
    }
  p->y = 0;
  draw_title (p);
  for (guint g = 0; g < nb_edition_get_n_summary_groups (edition); g++)
    {
      const NbSummaryGroup *group = nb_edition_get_summary_group (edition, g);

      draw_heading (p, group->heading);
      if (group->kind == NB_SUMMARY_BARS)
        draw_bars (p, group);
      else
        draw_figures (p, group);
    }
  if (p->options != NULL && p->options->published != NULL)
    {
      g_autofree char *stamp = nb_export_dup_published_stamp (p->report, p->options->published);

      if (stamp != NULL)
        {
          p->y += draw_text (p, NB_FONT_HEI, 20, FALSE, stamp, MARGIN, p->y, INNER, TRUE, MUTED);
          g_string_append_printf (p->text, "%s\n", stamp);
          p->y += PANEL_GAP;
        }
    }
  p->y += MARGIN;
}

static void
painter_init (Painter               *p,
              NbReport              *report,
              const NbExportOptions *options)
{
  *p = (Painter) { 0 };
  p->report = report;
  p->options = options;
  p->previous = options != NULL && options->previous != NULL ? options->previous
                                                             : nb_report_get_reference (report);
  p->context = pango_font_map_create_context (nb_font_map_get_default ());
  p->renderer = nb_text_renderer_new ();
  p->text = g_string_new (NULL);
}

static void
painter_clear (Painter *p)
{
  g_clear_object (&p->context);
  g_clear_object (&p->renderer);
  if (p->text != NULL)
    g_string_free (p->text, TRUE);
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* An element of text, written and escaped by libxml2. */
static void
write_text_element (xmlTextWriterPtr  writer,
                    const char       *name,
                    const char       *id,
                    const char       *text)
{
  g_autofree char *clean = nb_xml_dup_text (text, -1);

  xmlTextWriterWriteRaw (writer, (const xmlChar *)"\n");
  xmlTextWriterStartElement (writer, (const xmlChar *)name);
  xmlTextWriterWriteAttribute (writer, (const xmlChar *)"id", (const xmlChar *)id);
  xmlTextWriterWriteString (writer, (const xmlChar *)clean);
  xmlTextWriterEndElement (writer);
}

/* After the root's opening tag: the title and the listing, which is what a
 * screen reader says for the picture (and what a test reads back). */
static GBytes *
add_svg_text (GByteArray *svg,
              Painter    *p)
{
  g_autofree char *title = nb_report_dup_title (p->report);
  const char *subtitle = nb_edition_get_label (nb_report_get_edition (p->report), "summary_title");
  g_autofree char *name = subtitle != NULL ? g_strconcat (title, " ", subtitle, NULL)
                                           : g_strdup (title);
  g_autoptr(GString) out = g_string_new_len ((const char *)svg->data, svg->len);
  const char *root = strstr (out->str, "<svg");
  const char *end = root != NULL ? strchr (root, '>') : NULL;
  xmlBufferPtr meta;
  xmlTextWriterPtr writer;
  gsize at;

  g_byte_array_unref (svg);
  if (end == NULL)
    return NULL;
  at = (gsize)(end - out->str);
  g_string_insert (out, at, " role=\"img\" aria-labelledby=\"nb-title nb-desc\"");
  at = (gsize)(strchr (out->str + at, '>') - out->str) + 1;
  meta = xmlBufferCreate ();
  writer = xmlNewTextWriterMemory (meta, 0);
  write_text_element (writer, "title", "nb-title", name);
  write_text_element (writer, "desc", "nb-desc", p->text->str);
  /* Freeing the writer flushes it into the buffer. */
  xmlFreeTextWriter (writer);
  g_string_insert_len (out, at, (const char *)xmlBufferContent (meta), xmlBufferLength (meta));
  xmlBufferFree (meta);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

typedef enum
{
  SUMMARY_SVG,
  SUMMARY_PNG,
  SUMMARY_PDF,
} SummaryFormat;

static GBytes *
render (NbReport               *report,
        const NbExportOptions  *options,
        SummaryFormat           format,
        GError                **error)
{
  Painter p;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  double height;

  painter_init (&p, report, options);
  paint (&p); /* measures: no cairo_t yet */
  height = ceil (p.y);
  g_string_truncate (p.text, 0);

  switch (format)
    {
    case SUMMARY_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_bytes, bytes, WIDTH, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      break;
    case SUMMARY_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, WIDTH, height);
      break;
    case SUMMARY_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)WIDTH, (int)height);
      break;
    }
  p.cr = cairo_create (surface);
  paint (&p);
  cairo_destroy (p.cr);
  p.cr = NULL;
  if (format == SUMMARY_PNG)
    cairo_surface_write_to_png_stream (surface, append_to_bytes, bytes);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      painter_clear (&p);
      g_set_error (error, NB_EXPORT_ERROR, NB_EXPORT_ERROR_FAILED,
                   _("Could not draw the picture summary: %s"), cairo_status_to_string (status));
      return NULL;
    }
  if (format == SUMMARY_SVG)
    {
      GBytes *svg = add_svg_text (g_steal_pointer (&bytes), &p);

      painter_clear (&p);
      return svg;
    }
  painter_clear (&p);
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

GBytes *
nb_export_summary_image (NbReport               *report,
                         const NbExportOptions  *options,
                         gboolean                png,
                         GError                **error)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  return render (report, options, png ? SUMMARY_PNG : SUMMARY_SVG, error);
}

GBytes *
nb_export_summary_svg (NbReport  *report,
                       GError   **error)
{
  return nb_export_summary_image (report, NULL, FALSE, error);
}

/* For tests: the same drawing as a PDF, whose text a PDF reader extracts
 * from the glyphs drawn (cairo keeps their characters in a PDF). */
GBytes *
nb_export_summary_pdf (NbReport               *report,
                       const NbExportOptions  *options,
                       GError                **error)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  return render (report, options, SUMMARY_PDF, error);
}

char *
nb_export_summary_dup_text (NbReport              *report,
                            const NbExportOptions *options)
{
  Painter p;
  char *text;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  painter_init (&p, report, options);
  paint (&p);
  text = g_strdup (p.text->str);
  painter_clear (&p);
  return text;
}
