/* nb-font-subsets.h: small copies of the big CJK fonts, for PDF and print
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <hb.h>
#include <gio/gio.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct _NbFontSubsets NbFontSubsets;

NbFontSubsets *nb_font_subsets_new             (void);
NbFontSubsets *nb_font_subsets_new_for_embedding (void);
void           nb_font_subsets_free            (NbFontSubsets   *self);
void           nb_font_subsets_add_layout      (NbFontSubsets   *self,
                                                PangoLayout     *layout);
void           nb_font_subsets_build           (NbFontSubsets   *self);
guint          nb_font_subsets_get_n_subsets   (NbFontSubsets   *self);
gboolean       nb_font_subsets_lookup          (NbFontSubsets      *self,
                                                PangoFont          *font,
                                                cairo_font_face_t **face,
                                                const hb_map_t    **old_to_new);

GBytes        *nb_font_subsets_get_file        (NbFontSubsets      *self,
                                                PangoFont          *font,
                                                const hb_map_t    **old_to_new,
                                                gboolean           *is_cff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbFontSubsets, nb_font_subsets_free)

G_END_DECLS
