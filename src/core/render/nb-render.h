/* nb-render.h: the report laid out on pages, for print, preview and PDF
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

#include "nb-font-subsets.h"
#include "nb-fonts.h"
#include "nb-report.h"

G_BEGIN_DECLS

/* Every length is in points (1/72 inch).  Defaults follow GB/T 9704-2012 on
 * A4: see shared/reference/print-layout.md. */
typedef struct
{
  double              page_width;
  double              page_height;
  double              margin_top;
  double              margin_left;       /* the binding side: odd pages' left */
  double              type_width;        /* the type area (版心) */
  double              type_height;
  double              line_pitch;        /* body lines */
  double              body_size;         /* 3号 = 16 pt */
  double              title_size;        /* 2号 = 22 pt */
  double              page_number_size;  /* 4号 = 14 pt */
  gboolean            landscape_tables;  /* wide tables on pages turned 90° */
  const char * const *sections;          /* section ids to print; NULL for all */
} NbRenderOptions;

#define NB_MM_TO_POINTS(mm) ((mm) * 72.0 / 25.4)
#define NB_LINE_PITCH_DEFAULT 28.9

/* What a page holds, for outputs cairo does not write (OFD).  Coordinates
 * are those @ctm maps to the sheet's, in points from its top left corner. */
typedef struct
{
  /* @line's baseline starts at (@x, @y); nothing shows outside @clip
   * (NULL: no clip).  @role is the font role the text was set in. */
  void (*text_line) (gpointer                 user_data,
                     const cairo_matrix_t    *ctm,
                     double                   x,
                     double                   y,
                     PangoLayoutLine         *line,
                     NbFontRole               role,
                     const cairo_rectangle_t *clip);
  /* A stroked rectangle: a table's rules and frame. */
  void (*rectangle) (gpointer                 user_data,
                     const cairo_matrix_t    *ctm,
                     const cairo_rectangle_t *rect,
                     double                   line_width);
} NbPageVisitor;

void             nb_render_options_init         (NbRenderOptions       *options);

#define NB_TYPE_RENDER (nb_render_get_type ())
G_DECLARE_FINAL_TYPE (NbRender, nb_render, NB, RENDER, GObject)

NbRender        *nb_render_new                  (NbReport              *report,
                                                 const NbRenderOptions *options);
NbReport        *nb_render_get_report           (NbRender              *self);
const NbRenderOptions *nb_render_get_options    (NbRender              *self);
void             nb_render_paginate             (NbRender              *self);
guint            nb_render_get_n_pages          (NbRender              *self);
gboolean         nb_render_page_is_landscape    (NbRender              *self,
                                                 guint                  page);
void             nb_render_draw_page            (NbRender              *self,
                                                 cairo_t               *cr,
                                                 guint                  page);
void             nb_render_visit_page           (NbRender              *self,
                                                 guint                  page,
                                                 const NbPageVisitor   *visitor,
                                                 gpointer               user_data);
char            *nb_render_dup_page_text        (NbRender              *self,
                                                 guint                  page);
gboolean         nb_render_get_page_table_rows  (NbRender              *self,
                                                 guint                  page,
                                                 const char            *table_id,
                                                 gboolean              *starts,
                                                 guint                 *n_head_rows,
                                                 guint                 *n_body_rows);
char           **nb_render_dup_missing_characters (NbRender            *self);
void             nb_render_prepare_vector_output (NbRender            *self);
NbFontSubsets   *nb_render_new_embedding_subsets (NbRender            *self);
guint            nb_render_get_n_font_subsets   (NbRender              *self,
                                                 guint                 *n_runs_drawn,
                                                 guint                 *n_runs_missed);
GBytes          *nb_render_to_pdf               (NbRender              *self,
                                                 GError               **error);

G_END_DECLS
