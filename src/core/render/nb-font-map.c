/* nb-font-map.c: the fonts pages are laid out and drawn with
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-font-map"

#include "config.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>

#include "nb-font-map.h"

/* Why not Pango's cairo font map: its fonts measure every glyph through
 * cairo and FreeType, which opens each 20 MB Noto CJK face (5–7 ms) and
 * loads every glyph outline at every size, just to lay text out.  The FT2
 * font map's fonts measure with HarfBuzz from the font tables, as Pango's
 * cairo fonts do for everything but ink extents, so lines, breaks and pages
 * come out the same; the sample report lays out 20 ms faster.  Drawing
 * goes through nb-text-renderer.c with cairo fonts made from the same
 * fontconfig patterns, as Pango's cairo fonts are.
 *
 * Metrics are device independent: 72 dpi, so a point is a unit, and no
 * hinting, whatever the desktop's font settings say, so the layout is the
 * same on screen, paper and PDF. */

static void
substitute_unhinted (FcPattern *pattern,
                     gpointer   data)
{
  FcPatternDel (pattern, FC_HINTING);
  FcPatternAddBool (pattern, FC_HINTING, FcFalse);
}

static void
font_map_free (gpointer data)
{
  g_object_unref (data);
}

/* One per thread, as pango_cairo_font_map_get_default(): Pango's font maps
 * are not thread-safe. */
PangoFontMap *
nb_font_map_get_default (void)
{
  static GPrivate per_thread = G_PRIVATE_INIT (font_map_free);
  PangoFontMap *map = g_private_get (&per_thread);

  if (map == NULL)
    {
      map = pango_ft2_font_map_new ();
      pango_ft2_font_map_set_resolution (PANGO_FT2_FONT_MAP (map), 72, 72);
      pango_fc_font_map_set_default_substitute (PANGO_FC_FONT_MAP (map), substitute_unhinted,
                                                NULL, NULL);
      g_private_set (&per_thread, map);
    }
  return map;
}

static GQuark
scaled_font_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("nb-scaled-font"));
  return (GQuark)quark;
}

static double
pattern_get_size (const FcPattern *pattern)
{
  double size;

  /* At 72 dpi the pixel size is the size in points. */
  if (FcPatternGetDouble (pattern, FC_PIXEL_SIZE, 0, &size) == FcResultMatch)
    return size;
  if (FcPatternGetDouble (pattern, FC_SIZE, 0, &size) == FcResultMatch)
    return size;
  return 12;
}

/* The matrix that scales @font's glyphs: the pattern's size and slant, as
 * Pango's cairo fonts have it. */
void
nb_font_map_get_font_matrix (PangoFont      *font,
                             cairo_matrix_t *font_matrix)
{
  const FcPattern *pattern;
  FcMatrix fc_matrix, *fc_matrix_value;
  double size;

  g_return_if_fail (PANGO_IS_FC_FONT (font));

  pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font));
  size = pattern_get_size (pattern);
  FcMatrixInit (&fc_matrix);
  for (int i = 0; FcPatternGetMatrix (pattern, FC_MATRIX, i, &fc_matrix_value) == FcResultMatch; i++)
    FcMatrixMultiply (&fc_matrix, &fc_matrix, fc_matrix_value);
  cairo_matrix_init (font_matrix, fc_matrix.xx, -fc_matrix.yx, -fc_matrix.xy, fc_matrix.yy, 0, 0);
  cairo_matrix_scale (font_matrix, size, size);
}

/* Unhinted outlines and metrics, on every device. */
const cairo_font_options_t *
nb_font_map_get_font_options (void)
{
  static gsize options;

  if (g_once_init_enter (&options))
    {
      cairo_font_options_t *new_options = cairo_font_options_create ();

      cairo_font_options_set_hint_metrics (new_options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (new_options, CAIRO_HINT_STYLE_NONE);
      g_once_init_leave (&options, (gsize)new_options);
    }
  return (const cairo_font_options_t *)options;
}

/* The cairo font that draws @font whole: its face from the font's
 * fontconfig pattern (file, index, synthetic bold), with the matrix and
 * options above.  Made when first drawn, as opening a big face costs
 * milliseconds, and kept with the font.  NULL when cairo cannot load it. */
cairo_scaled_font_t *
nb_font_map_get_scaled_font (PangoFont *font)
{
  cairo_scaled_font_t *scaled;
  cairo_font_face_t *face;
  cairo_matrix_t font_matrix, ctm;

  g_return_val_if_fail (PANGO_IS_FC_FONT (font), NULL);

  if ((scaled = g_object_get_qdata (G_OBJECT (font), scaled_font_quark ())) != NULL)
    return scaled;

  nb_font_map_get_font_matrix (font, &font_matrix);
  cairo_matrix_init_identity (&ctm);
  face = cairo_ft_font_face_create_for_pattern (pango_fc_font_get_pattern (PANGO_FC_FONT (font)));
  scaled = cairo_scaled_font_create (face, &font_matrix, &ctm, nb_font_map_get_font_options ());
  cairo_font_face_destroy (face);
  /* Drawing with it would put the cairo context in error for good. */
  if (cairo_scaled_font_status (scaled) != CAIRO_STATUS_SUCCESS)
    {
      g_warning_once ("A font could not be loaded (%s): its text is drawn as boxes",
                      cairo_status_to_string (cairo_scaled_font_status (scaled)));
      cairo_scaled_font_destroy (scaled);
      return NULL;
    }

  g_object_set_qdata_full (G_OBJECT (font), scaled_font_quark (), scaled,
                           (GDestroyNotify)cairo_scaled_font_destroy);
  return scaled;
}
