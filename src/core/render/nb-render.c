/* nb-render.c: the report laid out on pages, for print, preview and PDF
 *
 * One layout, made once in a device-independent Pango context (72 dpi, no
 * hinting of metrics), is drawn unchanged on any cairo surface: the preview,
 * the printer and the PDF show the same line breaks and page breaks.
 *
 * This file is the object and its options.  The pages are made in
 * nb-render-flow.c (with nb-render-layout.c and nb-render-table.c), walked
 * in nb-render-walk.c and drawn in nb-render-draw.c; see
 * nb-render-private.h.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <pango/pango.h>

#include "nb-font-map.h"
#include "nb-font-subsets.h"
#include "nb-render-private.h"
#include "nb-text-renderer.h"

G_DEFINE_FINAL_TYPE (NbRender, nb_render, G_TYPE_OBJECT)

void
nb_render_options_init (NbRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->page_width = NB_MM_TO_POINTS (210);
  options->page_height = NB_MM_TO_POINTS (297);
  options->margin_top = NB_MM_TO_POINTS (37);
  options->margin_left = NB_MM_TO_POINTS (28);
  options->type_width = NB_MM_TO_POINTS (156);
  options->type_height = NB_MM_TO_POINTS (225);
  options->line_pitch = NB_LINE_PITCH_DEFAULT;
  options->body_size = 16;
  options->title_size = 22;
  options->page_number_size = 14;
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_array_unref (page->items);
  g_clear_object (&page->number);
  g_free (page);
}

static void
table_layout_free (gpointer data)
{
  TableLayout *t = data;
  guint n = nb_edition_table_get_n_layout (t->table);

  for (guint i = 0; i < n; i++)
    g_clear_object (&t->layouts[i]);
  g_free (t->layouts);
  g_free (t->column_x);
  g_free (t->row_height);
  g_free (t->header_row);
  g_free (t->keep_with_next);
  g_free (t);
}

/* The object ----------------------------------------------------------------- */

static void
nb_render_finalize (GObject *object)
{
  NbRender *self = (NbRender *)object;

  g_clear_object (&self->text_renderer);
  g_clear_pointer (&self->subsets, nb_font_subsets_free);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_strfreev);
  g_clear_object (&self->context);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_render_parent_class)->finalize (object);
}

static void
nb_render_class_init (NbRenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nb_render_finalize;
}

static void
nb_render_init (NbRender *self)
{
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->tables = g_ptr_array_new_with_free_func (table_layout_free);
  self->text_renderer = nb_text_renderer_new ();
}

NbRender *
nb_render_new (NbReport              *report,
               const NbRenderOptions *options)
{
  NbRender *self;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  self = g_object_new (NB_TYPE_RENDER, NULL);
  self->report = g_object_ref (report);
  if (options != NULL)
    self->options = *options;
  else
    nb_render_options_init (&self->options);
  if (self->options.line_pitch <= 0)
    self->options.line_pitch = NB_LINE_PITCH_DEFAULT;
  self->sections = options && options->sections ? g_strdupv ((char **)options->sections) : NULL;
  self->options.sections = (const char * const *)self->sections;

  /* Metrics independent of any device: the layout is made once and drawn
   * the same on screen, paper and PDF. */
  self->context = pango_font_map_create_context (nb_font_map_get_default ());
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
  return self;
}

NbReport *
nb_render_get_report (NbRender *self)
{
  g_return_val_if_fail (NB_IS_RENDER (self), NULL);
  return self->report;
}

const NbRenderOptions *
nb_render_get_options (NbRender *self)
{
  g_return_val_if_fail (NB_IS_RENDER (self), NULL);
  return &self->options;
}

guint
nb_render_get_n_pages (NbRender *self)
{
  g_return_val_if_fail (NB_IS_RENDER (self), 0);
  _nb_render_ensure_paginated (self);
  return self->pages->len;
}

gboolean
nb_render_page_is_landscape (NbRender *self,
                             guint     page)
{
  g_return_val_if_fail (NB_IS_RENDER (self), FALSE);
  _nb_render_ensure_paginated (self);
  g_return_val_if_fail (page < self->pages->len, FALSE);
  return ((Page *)g_ptr_array_index (self->pages, page))->landscape;
}
