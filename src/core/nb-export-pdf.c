/* nb-export-pdf.c: the printed report as PDF, drawn by the page renderer
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-pdf"

#include "config.h"

#include "nb-export.h"
#include "nb-render.h"

/* Every section, with the layout options last chosen in the print preview
 * (landscape tables, line pitch): the PDF is the print-out the user saw. */
GBytes *
nb_export_pdf (NbReport  *report,
               GError   **error)
{
  g_autoptr(NbRender) render = NULL;
  NbRenderOptions options;

  nb_render_options_load_saved (&options);
  render = nb_render_new (report, &options);

  return nb_render_to_pdf (render, error);
}
