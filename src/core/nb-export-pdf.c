/* nb-export-pdf.c: the printed report as PDF, drawn by the page renderer
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-pdf"

#include "config.h"

#include "nb-export.h"
#include "nb-render.h"

/* The default print options: every section, portrait tables, the standard
 * line pitch.  The app's Export PDF uses its own options through NbRender. */
GBytes *
nb_export_pdf (NbReport  *report,
               GError   **error)
{
  g_autoptr(NbRender) render = nb_render_new (report, NULL);

  return nb_render_to_pdf (render, error);
}
