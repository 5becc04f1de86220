/* nb-export-pdf.c: the printed report as PDF, drawn by the page renderer
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-pdf"

#include "config.h"

#include "nb-export-pdf.h"

/* Every section, laid out with @options (NULL: the defaults); the command
 * line and the windows pass the layout last chosen in the print preview
 * (nb_settings_load_render_options ()), so the PDF is the print-out the user
 * saw.  @missing_characters, if not NULL, gets the characters that came out
 * as boxes (nb_render_dup_missing_characters()). */
GBytes *
nb_export_pdf_full (NbReport               *report,
                    const NbRenderOptions  *options,
                    char                 ***missing_characters,
                    GError                **error)
{
  g_autoptr(NbReport) prepared = nb_export_prepare (report);
  g_autoptr(NbRender) render = NULL;
  NbRenderOptions defaults;
  GBytes *bytes;

  if (options == NULL)
    {
      nb_render_options_init (&defaults);
      options = &defaults;
    }
  render = nb_render_new (prepared, options);
  bytes = nb_render_to_pdf (render, error);
  if (bytes != NULL && missing_characters != NULL)
    *missing_characters = nb_render_dup_missing_characters (render);
  return bytes;
}

GBytes *
nb_export_pdf (NbReport  *report,
               GError   **error)
{
  return nb_export_pdf_full (report, NULL, NULL, error);
}
