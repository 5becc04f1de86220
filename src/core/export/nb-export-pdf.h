/* nb-export-pdf.h: the printed report as PDF, with the caller's layout
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-export.h"
#include "nb-render.h"

G_BEGIN_DECLS

/* @options: NULL for the defaults.  @missing_characters: see
 * nb_render_dup_missing_characters (). */
GBytes *nb_export_pdf_full (NbReport               *report,
                            const NbRenderOptions  *options,
                            char                 ***missing_characters,
                            GError                **error);

G_END_DECLS
