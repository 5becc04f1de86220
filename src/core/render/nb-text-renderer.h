/* nb-text-renderer.h: draws laid-out text with cairo, from font subsets when there are
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "nb-font-subsets.h"

G_BEGIN_DECLS

typedef struct _NbTextRenderer NbTextRenderer;

/* A PangoRenderer.  Declared by hand: G_DECLARE_FINAL_TYPE needs an
 * autoptr for PangoRenderer, which Pango 1.50 does not define. */
#define NB_TYPE_TEXT_RENDERER (nb_text_renderer_get_type ())
#define NB_TEXT_RENDERER(obj) \
  (G_TYPE_CHECK_INSTANCE_CAST ((obj), NB_TYPE_TEXT_RENDERER, NbTextRenderer))
#define NB_IS_TEXT_RENDERER(obj) (G_TYPE_CHECK_INSTANCE_TYPE ((obj), NB_TYPE_TEXT_RENDERER))

GType           nb_text_renderer_get_type          (void);
NbTextRenderer *nb_text_renderer_new               (void);
void            nb_text_renderer_set_subsets       (NbTextRenderer  *self,
                                                    NbFontSubsets   *subsets);
void            nb_text_renderer_show_layout       (NbTextRenderer  *self,
                                                    cairo_t         *cr,
                                                    PangoLayout     *layout);
void            nb_text_renderer_show_layout_line  (NbTextRenderer  *self,
                                                    cairo_t         *cr,
                                                    PangoLayoutLine *line);
guint           nb_text_renderer_get_n_subset_runs (NbTextRenderer  *self,
                                                    guint           *n_missed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbTextRenderer, g_object_unref)

G_END_DECLS
