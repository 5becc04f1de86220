/* nb-text-renderer.c: draws laid-out text with cairo, from font subsets when there are
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-text-renderer"

#include "config.h"

#include <hb.h>

#include "nb-font-map.h"
#include "nb-text-renderer.h"

/* Pages are laid out with nb-font-map.c's fonts, which Pango cannot draw
 * with cairo itself: this renderer does, glyph run by glyph run, with the
 * cairo font made from each font's pattern, or from the font's subset once
 * a PDF or print job has made them (nb-font-subsets.c).  Runs go through
 * cairo_show_text_glyphs() with their clusters, so a PDF's text can be
 * searched and copied, as with Pango's own cairo renderer. */

struct _NbTextRenderer
{
  PangoRenderer  parent_instance;
  NbFontSubsets *subsets;       /* unowned, NULL until a PDF or print job */
  cairo_t       *cr;            /* while drawing */
  double         x_offset;      /* the origin, kept unrounded as Pango's cairo */
  double         y_offset;      /* renderer does: glyphs land on the same pixels */
  guint          n_subset_runs; /* drawn from a subset */
  guint          n_missed_runs; /* of a subset face, but with a glyph not in it */
};

typedef struct
{
  PangoRendererClass parent_class;
} NbTextRendererClass;

G_DEFINE_FINAL_TYPE (NbTextRenderer, nb_text_renderer, PANGO_TYPE_RENDERER)

static void
set_source_for_part (NbTextRenderer  *self,
                     PangoRenderPart  part)
{
  PangoColor *color = pango_renderer_get_color (PANGO_RENDERER (self), part);
  guint16 alpha = pango_renderer_get_alpha (PANGO_RENDERER (self), part);

  if (color != NULL)
    cairo_set_source_rgba (self->cr, color->red / 65535.0, color->green / 65535.0,
                           color->blue / 65535.0, alpha ? alpha / 65535.0 : 1.0);
}

static gboolean
glyph_is_drawn (PangoGlyph glyph)
{
  return glyph != PANGO_GLYPH_EMPTY && (glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0;
}

/* The subset's glyph numbers for @run, or NULL to draw from the font. */
static const hb_map_t *
subset_mapping (NbTextRenderer     *self,
                PangoGlyphItem     *run,
                cairo_font_face_t **face)
{
  const hb_map_t *old_to_new;

  if (self->subsets == NULL
      || !nb_font_subsets_lookup (self->subsets, run->item->analysis.font, face, &old_to_new))
    return NULL;
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    {
      PangoGlyph glyph = run->glyphs->glyphs[i].glyph;

      if (glyph_is_drawn (glyph) && !hb_map_has (old_to_new, glyph))
        {
          self->n_missed_runs++;
          return NULL;
        }
    }
  self->n_subset_runs++;
  return old_to_new;
}

/* A character no installed font has, or one whose font cairo cannot load:
 * an empty box, as Pango draws one. */
static void
draw_missing_box (NbTextRenderer *self,
                  PangoFont      *font,
                  PangoGlyph      glyph,
                  double          x,
                  double          y)
{
  PangoRectangle ink;

  if (glyph == PANGO_GLYPH_EMPTY || glyph == (0x20 | PANGO_GLYPH_UNKNOWN_FLAG)
      || glyph == PANGO_GLYPH_INVALID_INPUT)
    return;
  pango_font_get_glyph_extents (font, glyph, &ink, NULL);
  if (ink.width <= 0 || ink.height <= 0)
    return;
  cairo_save (self->cr);
  /* About a stroke of the font's own weight: 0.8 pt at 三号. */
  cairo_set_line_width (self->cr, (double)ink.height / PANGO_SCALE / 25);
  cairo_rectangle (self->cr, x + (double)ink.x / PANGO_SCALE, y + (double)ink.y / PANGO_SCALE,
                   (double)ink.width / PANGO_SCALE, (double)ink.height / PANGO_SCALE);
  cairo_stroke (self->cr);
  cairo_restore (self->cr);
}

static void
nb_text_renderer_draw_glyph_item (PangoRenderer  *renderer,
                                  const char     *text,
                                  PangoGlyphItem *run,
                                  int             x,
                                  int             y)
{
  NbTextRenderer *self = NB_TEXT_RENDERER (renderer);
  PangoFont *font = run->item->analysis.font;
  PangoGlyphString *glyphs = run->glyphs;
  double dx = self->x_offset + (double)x / PANGO_SCALE;
  double dy = self->y_offset + (double)y / PANGO_SCALE;
  gboolean backward = run->item->analysis.level % 2 != 0;
  g_autofree cairo_glyph_t *out = NULL;
  g_autoptr(GArray) clusters = NULL;
  cairo_font_face_t *subset_face = NULL;
  cairo_scaled_font_t *whole = NULL;
  const hb_map_t *old_to_new;
  PangoGlyphItemIter iter;
  int n_out = 0, pending_bytes = 0;
  double advance = 0;

  if (font == NULL)
    return;
  /* A subset run leaves the big face unopened.  A font cairo cannot load
   * (its file gone since) gets boxes, as with Pango. */
  old_to_new = subset_mapping (self, run, &subset_face);
  if (old_to_new == NULL)
    whole = nb_font_map_get_scaled_font (font);

  cairo_save (self->cr);
  set_source_for_part (self, PANGO_RENDER_PART_FOREGROUND);
  out = g_new (cairo_glyph_t, MAX (glyphs->num_glyphs, 1));
  for (int i = 0; i < glyphs->num_glyphs; i++)
    {
      const PangoGlyphInfo *info = &glyphs->glyphs[i];
      double gx = dx + (advance + info->geometry.x_offset) / PANGO_SCALE;
      double gy = dy + (double)info->geometry.y_offset / PANGO_SCALE;

      if (glyph_is_drawn (info->glyph) && (old_to_new != NULL || whole != NULL))
        {
          out[n_out].index = old_to_new != NULL ? hb_map_get (old_to_new, info->glyph)
                                                : info->glyph;
          out[n_out].x = gx;
          out[n_out].y = gy;
          n_out++;
        }
      else
        draw_missing_box (self, font, info->glyph, gx, gy);
      advance += info->geometry.width;
    }

  /* The clusters tie glyphs to text, so the PDF can be searched and copied.
   * A missing character has no glyph to carry its text: its bytes join the
   * cluster before (or after, at the start), so its text is still there. */
  clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  for (gboolean more = pango_glyph_item_iter_init_start (&iter, run, text); more;
       more = pango_glyph_item_iter_next_cluster (&iter))
    {
      cairo_text_cluster_t cluster = { iter.end_index - iter.start_index + pending_bytes, 0 };
      /* A right-to-left cluster's glyphs are (end_glyph, start_glyph]. */
      int first = backward ? iter.end_glyph + 1 : iter.start_glyph;
      int end = backward ? iter.start_glyph + 1 : iter.end_glyph;

      for (int g = first; g < end; g++)
        cluster.num_glyphs += glyph_is_drawn (glyphs->glyphs[g].glyph);
      pending_bytes = 0;
      if (cluster.num_glyphs > 0)
        g_array_append_val (clusters, cluster);
      else if (clusters->len > 0)
        g_array_index (clusters, cairo_text_cluster_t, clusters->len - 1).num_bytes += cluster.num_bytes;
      else
        pending_bytes = cluster.num_bytes;
    }

  if (old_to_new != NULL)
    {
      cairo_matrix_t font_matrix;

      nb_font_map_get_font_matrix (font, &font_matrix);
      cairo_set_font_face (self->cr, subset_face);
      cairo_set_font_matrix (self->cr, &font_matrix);
      cairo_set_font_options (self->cr, nb_font_map_get_font_options ());
    }
  else if (whole != NULL)
    cairo_set_scaled_font (self->cr, whole);
  if (n_out > 0)
    cairo_show_text_glyphs (self->cr, text + run->item->offset, run->item->length, out, n_out,
                            (cairo_text_cluster_t *)(gpointer)clusters->data, clusters->len,
                            backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
  cairo_restore (self->cr);
}

/* Underlines and strike-throughs; the report uses none today. */
static void
nb_text_renderer_draw_rectangle (PangoRenderer   *renderer,
                                 PangoRenderPart  part,
                                 int              x,
                                 int              y,
                                 int              width,
                                 int              height)
{
  NbTextRenderer *self = NB_TEXT_RENDERER (renderer);

  cairo_save (self->cr);
  set_source_for_part (self, part);
  cairo_rectangle (self->cr, self->x_offset + (double)x / PANGO_SCALE,
                   self->y_offset + (double)y / PANGO_SCALE,
                   (double)width / PANGO_SCALE, (double)height / PANGO_SCALE);
  cairo_fill (self->cr);
  cairo_restore (self->cr);
}

static void
nb_text_renderer_class_init (NbTextRendererClass *klass)
{
  PangoRendererClass *renderer_class = PANGO_RENDERER_CLASS (klass);

  renderer_class->draw_glyph_item = nb_text_renderer_draw_glyph_item;
  renderer_class->draw_rectangle = nb_text_renderer_draw_rectangle;
}

static void
nb_text_renderer_init (NbTextRenderer *self)
{
}

NbTextRenderer *
nb_text_renderer_new (void)
{
  return g_object_new (NB_TYPE_TEXT_RENDERER, NULL);
}

/* Draw from @subsets' fonts from now on (NULL: from the installed fonts).
 * The subsets must outlive their use here. */
void
nb_text_renderer_set_subsets (NbTextRenderer *self,
                              NbFontSubsets  *subsets)
{
  g_return_if_fail (NB_IS_TEXT_RENDERER (self));

  self->subsets = subsets;
  self->n_subset_runs = 0;
  self->n_missed_runs = 0;
}

/* As pango_cairo_show_layout(): the layout's top left at the current point. */
void
nb_text_renderer_show_layout (NbTextRenderer *self,
                              cairo_t        *cr,
                              PangoLayout    *layout)
{
  g_return_if_fail (NB_IS_TEXT_RENDERER (self));

  cairo_get_current_point (cr, &self->x_offset, &self->y_offset);
  self->cr = cr;
  pango_renderer_draw_layout (PANGO_RENDERER (self), layout, 0, 0);
  self->cr = NULL;
}

/* As pango_cairo_show_layout_line(): the baseline's left end at the current
 * point. */
void
nb_text_renderer_show_layout_line (NbTextRenderer  *self,
                                   cairo_t         *cr,
                                   PangoLayoutLine *line)
{
  g_return_if_fail (NB_IS_TEXT_RENDERER (self));

  cairo_get_current_point (cr, &self->x_offset, &self->y_offset);
  self->cr = cr;
  pango_renderer_draw_layout_line (PANGO_RENDERER (self), line, 0, 0);
  self->cr = NULL;
}

/* How many runs were drawn from a subset since the subsets were set, and
 * how many of a subset face were not (a glyph missing from it): for tests. */
guint
nb_text_renderer_get_n_subset_runs (NbTextRenderer *self,
                                    guint          *n_missed)
{
  g_return_val_if_fail (NB_IS_TEXT_RENDERER (self), 0);

  if (n_missed != NULL)
    *n_missed = self->n_missed_runs;
  return self->n_subset_runs;
}
