/* nb-render-pdf.c: the laid-out pages as a PDF, with the fonts embedded
 * as subsets made once for the whole document
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pango.h>

#include "nb-export.h"
#include "nb-render-private.h"

/* PDF ------------------------------------------------------------------------ */

/* Before drawing to a PDF or a printer: the big CJK fonts are then embedded
 * from small subsets made once for the whole document (see
 * nb-font-subsets.c), which is most of the time a PDF takes otherwise.  The
 * pages look the same; a screen needs no such thing. */
static void
add_layout_to_subsets (gpointer layout,
                       gpointer subsets)
{
  nb_font_subsets_add_layout (subsets, layout);
}

void
nb_render_prepare_vector_output (NbRender *self)
{
  g_autoptr(NbFontSubsets) subsets = NULL;

  g_return_if_fail (NB_IS_RENDER (self));
  _nb_render_ensure_paginated (self);
  if (self->subsets != NULL)
    return;

  subsets = nb_font_subsets_new ();
  for (guint page = 0; page < self->pages->len; page++)
    nb_font_subsets_add_layout (subsets, _nb_render_get_page_number_layout (self, page));
  _nb_render_foreach_text_layout (self, add_layout_to_subsets, subsets);
  nb_font_subsets_build (subsets);
  self->subsets = g_steal_pointer (&subsets);
  nb_text_renderer_set_subsets (self->text_renderer, self->subsets);
}

/* Subsets of every face the pages use, with their character maps, for a
 * file that embeds its fonts and draws text from characters (OFD). */
NbFontSubsets *
nb_render_new_embedding_subsets (NbRender *self)
{
  NbFontSubsets *subsets;

  g_return_val_if_fail (NB_IS_RENDER (self), NULL);
  _nb_render_ensure_paginated (self);

  subsets = nb_font_subsets_new_for_embedding ();
  for (guint page = 0; page < self->pages->len; page++)
    nb_font_subsets_add_layout (subsets, _nb_render_get_page_number_layout (self, page));
  _nb_render_foreach_text_layout (self, add_layout_to_subsets, subsets);
  nb_font_subsets_build (subsets);
  return subsets;
}

/* How many fonts are drawn from subsets made here; how many runs of text
 * were, and how many of those fonts were not: for tests. */
guint
nb_render_get_n_font_subsets (NbRender *self,
                              guint    *n_runs_drawn,
                              guint    *n_runs_missed)
{
  guint drawn = 0, missed = 0, n = 0;

  g_return_val_if_fail (NB_IS_RENDER (self), 0);
  if (self->subsets != NULL)
    {
      n = nb_font_subsets_get_n_subsets (self->subsets);
      drawn = nb_text_renderer_get_n_subset_runs (self->text_renderer, &missed);
    }
  if (n_runs_drawn != NULL)
    *n_runs_drawn = drawn;
  if (n_runs_missed != NULL)
    *n_runs_missed = missed;
  return n;
}

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
nb_render_to_pdf (NbRender  *self,
                  GError   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (NB_IS_RENDER (self), NULL);
  nb_render_prepare_vector_output (self);

  surface = cairo_pdf_surface_create_for_stream (write_to_array, bytes, self->options.page_width,
                                                 self->options.page_height);
  title = nb_report_dup_title (self->report);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Nianbao " PACKAGE_VERSION);
  if (nb_report_get_agency (self->report) != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                    nb_report_get_agency (self->report));

  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      nb_render_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, NB_EXPORT_ERROR, NB_EXPORT_ERROR_FAILED,
                   _("Could not make the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
