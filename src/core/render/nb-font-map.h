/* nb-font-map.h: the fonts pages are laid out and drawn with
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

PangoFontMap        *nb_font_map_get_default      (void);
void                 nb_font_map_get_font_matrix  (PangoFont      *font,
                                                   cairo_matrix_t *font_matrix);
const cairo_font_options_t *
                     nb_font_map_get_font_options (void);
cairo_scaled_font_t *nb_font_map_get_scaled_font  (PangoFont      *font);

G_END_DECLS
