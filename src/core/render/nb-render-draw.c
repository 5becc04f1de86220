/* nb-render-draw.c: the pages drawn with cairo: the preview, the printer
 * and the PDF
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <pango/pango.h>

#include "nb-render-private.h"
#include "nb-text-renderer.h"

typedef struct
{
  NbRender       *self;
  cairo_t        *cr;
  cairo_matrix_t  base; /* the caller's: the preview scales */
} CairoOutput;

static void
cairo_set_walk_matrix (CairoOutput          *out,
                       const cairo_matrix_t *ctm)
{
  cairo_matrix_t m;

  cairo_matrix_multiply (&m, ctm, &out->base);
  cairo_set_matrix (out->cr, &m);
}

static void
cairo_text_line (gpointer                 user_data,
                 const cairo_matrix_t    *ctm,
                 double                   x,
                 double                   y,
                 PangoLayoutLine         *line,
                 NbFontRole               role,
                 const cairo_rectangle_t *clip)
{
  CairoOutput *out = user_data;

  cairo_save (out->cr);
  cairo_set_walk_matrix (out, ctm);
  if (clip != NULL)
    {
      cairo_rectangle (out->cr, clip->x, clip->y, clip->width, clip->height);
      cairo_clip (out->cr);
    }
  cairo_move_to (out->cr, x, y);
  nb_text_renderer_show_layout_line (out->self->text_renderer, out->cr, line);
  cairo_restore (out->cr);
}

static void
cairo_rule (gpointer                 user_data,
            const cairo_matrix_t    *ctm,
            const cairo_rectangle_t *rect,
            double                   line_width)
{
  CairoOutput *out = user_data;

  cairo_save (out->cr);
  cairo_set_walk_matrix (out, ctm);
  cairo_set_line_width (out->cr, line_width);
  cairo_rectangle (out->cr, rect->x, rect->y, rect->width, rect->height);
  cairo_stroke (out->cr);
  cairo_restore (out->cr);
}

static const NbPageVisitor cairo_visitor = { cairo_text_line, cairo_rule };

/* Draws one page in points, the sheet's top left corner at the origin. */
void
nb_render_draw_page (NbRender *self,
                     cairo_t  *cr,
                     guint     page)
{
  CairoOutput out = { self, cr };

  g_return_if_fail (NB_IS_RENDER (self));
  _nb_render_ensure_paginated (self);
  g_return_if_fail (page < self->pages->len);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_get_matrix (cr, &out.base);
  nb_render_visit_page (self, page, &cairo_visitor, &out);
  cairo_restore (cr);
}
