/* nb-print-preview.h: the print preview, drawn by the page renderer
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-render.h"
#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_PRINT_PREVIEW (nb_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (NbPrintPreview, nb_print_preview, NB, PRINT_PREVIEW, AdwWindow)

NbPrintPreview *nb_print_preview_new          (GtkWindow      *parent,
                                               NbReport       *report);
NbReport       *nb_print_preview_get_report   (NbPrintPreview *self);
NbRender       *nb_print_preview_get_render   (NbPrintPreview *self);
guint           nb_print_preview_get_page     (NbPrintPreview *self);
void            nb_print_preview_set_page     (NbPrintPreview *self,
                                               guint           page);
double          nb_print_preview_get_zoom     (NbPrintPreview *self);

G_END_DECLS
