/* nb-font-subsets.h: small copies of the big CJK fonts, for PDF and print
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef struct _NbFontSubsets NbFontSubsets;

NbFontSubsets *nb_font_subsets_new             (void);
void           nb_font_subsets_free            (NbFontSubsets   *self);
void           nb_font_subsets_add_layout      (NbFontSubsets   *self,
                                                PangoLayout     *layout);
void           nb_font_subsets_build           (NbFontSubsets   *self);
guint          nb_font_subsets_get_n_subsets   (NbFontSubsets   *self);
guint          nb_font_subsets_get_n_runs_drawn (NbFontSubsets  *self,
                                                 guint          *n_missed);
void           nb_font_subsets_show_layout     (NbFontSubsets   *self,
                                                cairo_t         *cr,
                                                PangoLayout     *layout);
void           nb_font_subsets_show_layout_line (NbFontSubsets  *self,
                                                 cairo_t        *cr,
                                                 PangoLayoutLine *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbFontSubsets, nb_font_subsets_free)

G_END_DECLS
