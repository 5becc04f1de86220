/* nb-render-private.h: what the parts of NbRender share
 *
 * nb-render.c is the object and its options; nb-render-layout.c makes the
 * Pango layouts of the report's text; nb-render-table.c measures a table
 * for a frame; nb-render-flow.c flows the report onto pages;
 * nb-render-walk.c walks the laid-out pages for every output, and
 * nb-render-draw.c draws them with cairo; nb-render-text.c answers what the
 * pages say (missing characters, page text, table rows); nb-render-pdf.c
 * makes the PDF and the font subsets it embeds.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "nb-font-subsets.h"
#include "nb-render.h"
#include "nb-text-renderer.h"

G_BEGIN_DECLS

#define PU(x)          ((int)((x) * PANGO_SCALE + 0.5))
#define FROM_PU(x)     ((double)(x) / PANGO_SCALE)
#define EPSILON        0.01
#define TABLE_GAP      0.4     /* of a line pitch, around a table */
#define MIN_TABLE_SIZE 7.5     /* points: below 小六 a table is unreadable */

/* A table measured for one frame width: column positions, row heights and a
 * Pango layout for every cell that has text. */
typedef struct
{
  const NbEditionTable *table;
  guint                 width;    /* grid columns */
  guint                 height;   /* grid rows */
  double                font_size;
  double               *column_x; /* width + 1 edges */
  double               *row_height;
  gboolean             *header_row;
  gboolean             *keep_with_next; /* a short spanning label joins the rows */
  PangoLayout         **layouts;  /* one per layout item, NULL for none */
} TableLayout;

typedef enum
{
  ITEM_LINES,   /* lines of a paragraph on the line grid */
  ITEM_LAYOUT,  /* a whole layout at a point */
  ITEM_TABLE,   /* rows of a table */
} ItemKind;

typedef struct
{
  ItemKind     kind;
  double       x;
  double       y;
  PangoLayout *layout;      /* LINES, LAYOUT */
  int          first_line;  /* LINES */
  int          n_lines;     /* LINES */
  double       pitch;       /* LINES */
  TableLayout *table;       /* TABLE */
  guint        first_row;   /* TABLE: rows [first_row, end_row) */
  guint        end_row;
  gboolean     repeated;    /* TABLE: head rows again on a new page */
} Item;

typedef struct
{
  GArray      *items;     /* Item */
  gboolean     landscape; /* content turned 90°, the head towards the binding */
  PangoLayout *number;    /* "— N —", made when first needed */
} Page;

struct _NbRender
{
  GObject          parent_instance;

  NbReport        *report;
  NbRenderOptions  options;
  char           **sections;
  PangoContext    *context;
  GPtrArray       *pages;  /* Page */
  GPtrArray       *tables; /* TableLayout */
  NbFontSubsets   *subsets; /* for PDF and print, once prepared */
  NbTextRenderer  *text_renderer;
  gboolean         paginated;
};

/* nb-render-layout.c */
PangoLayout *_nb_render_new_layout             (NbRender          *self,
                                                NbFontRole         role,
                                                double             size,
                                                const char        *text);
PangoLayout *_nb_render_paragraph_layout       (NbRender          *self,
                                                const NbParagraph *paragraph,
                                                double             width);
NbFontRole   _nb_render_layout_get_role        (PangoLayout       *layout);
double       _nb_render_layout_width           (PangoLayout       *layout);
double       _nb_render_layout_height          (PangoLayout       *layout);

/* nb-render-table.c */
TableLayout *_nb_render_table_layout_new       (NbRender             *self,
                                                const NbEditionTable *table,
                                                double                frame_width,
                                                double                frame_height);
/* The height of rows [@first, @end). */
double       _nb_render_table_rows_height      (TableLayout *t,
                                                guint        first,
                                                guint        end);

/* nb-render-flow.c */
void         _nb_render_ensure_paginated       (NbRender *self);

/* nb-render-walk.c */
/* Every layout of text the pages draw, once each, in reading order. */
void         _nb_render_foreach_text_layout    (NbRender *self,
                                                GFunc     func,
                                                gpointer  user_data);
PangoLayout *_nb_render_get_page_number_layout (NbRender *self,
                                                guint     page);

G_END_DECLS
