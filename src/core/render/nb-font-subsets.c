/* nb-font-subsets.c: small copies of the big CJK fonts, for PDF and print
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-font-subsets"

#include "config.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <pango/pangofc-font.h>

#include "nb-font-subsets.h"

/* Why: cairo 1.16 copies a CFF font's whole outline table (17–20 MB for
 * each Noto CJK face) into memory two or three times while it writes a
 * PDF, which cost 280 ms of a 410 ms export of the sample report.  We hand
 * cairo a copy of each face holding only the glyphs the document uses,
 * made with HarfBuzz's subsetter, and nb-text-renderer.c draws the glyphs
 * with it.  Layout still uses the installed font, so metrics, line breaks
 * and the printed page are the same; only the bytes cairo reads are fewer.
 * Fonts with TrueType outlines, synthetic bold or slant, or variations are
 * drawn whole: cairo handles those cheaply, or the pattern's synthetic
 * styles must apply. */

typedef struct
{
  hb_face_t         *face;        /* the installed face Pango shapes with */
  hb_set_t          *glyphs;      /* every glyph drawn with it */
  hb_set_t          *characters;  /* characters drawn with their default glyph */
  hb_set_t          *shaped;      /* glyphs shaping chose instead of a default */
  hb_subset_plan_t  *plan;        /* once built: maps old glyphs to new */
  hb_blob_t         *subset_blob; /* the subset font file */
  cairo_font_face_t *cairo_face;  /* the subset, as cairo draws it */
} FaceSubset;

struct _NbFontSubsets
{
  GHashTable *faces;  /* hb_face_t* → FaceSubset* */
  GHashTable *fonts;  /* PangoFont* → FaceSubset*, NULL for fonts drawn whole */
  gboolean built;
  /* Fonts to embed in a file that draws text from its characters (OFD):
   * every face is subset, TrueType too, and keeps its character map. */
  gboolean for_embedding;
};

static FT_Library
shared_ft_library (void)
{
  static FT_Library library;
  static gsize initialized;

  /* cairo keeps font faces alive in its caches after we are gone, so the
   * library that made their FT_Faces must live as long as the process. */
  if (g_once_init_enter (&initialized))
    {
      if (FT_Init_FreeType (&library) != 0)
        {
          g_warning ("FreeType could not start; PDF fonts are embedded whole");
          library = NULL;
        }
      g_once_init_leave (&initialized, 1);
    }
  return library;
}

static void
face_subset_free (gpointer data)
{
  FaceSubset *fs = data;

  g_clear_pointer (&fs->cairo_face, cairo_font_face_destroy);
  g_clear_pointer (&fs->plan, hb_subset_plan_destroy);
  g_clear_pointer (&fs->subset_blob, hb_blob_destroy);
  g_clear_pointer (&fs->glyphs, hb_set_destroy);
  g_clear_pointer (&fs->characters, hb_set_destroy);
  g_clear_pointer (&fs->shaped, hb_set_destroy);
  g_clear_pointer (&fs->face, hb_face_destroy);
  g_free (fs);
}

/* Collecting ------------------------------------------------------------------ */

static gboolean
font_is_synthetic (PangoFont *font)
{
  FcPattern *pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font));
  FcMatrix *matrix;
  FcBool embolden;

  if (FcPatternGetBool (pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch && embolden)
    return TRUE;
  if (FcPatternGetMatrix (pattern, FC_MATRIX, 0, &matrix) == FcResultMatch
      && (matrix->xx != 1 || matrix->xy != 0 || matrix->yx != 0 || matrix->yy != 1))
    return TRUE;
  return FALSE;
}

static gboolean
face_has_cff (hb_face_t *face)
{
  hb_blob_t *cff = hb_face_reference_table (face, HB_TAG ('C', 'F', 'F', ' '));
  gboolean has = hb_blob_get_length (cff) > 0;

  hb_blob_destroy (cff);
  return has;
}

/* The face to subset for @font, or NULL when the font is drawn whole. */
static hb_face_t *
subsettable_face (NbFontSubsets *self,
                  PangoFont     *font)
{
  hb_font_t *hb_font;
  unsigned int n_coords = 0;

  if (!PANGO_IS_FC_FONT (font) || (hb_font = pango_font_get_hb_font (font)) == NULL)
    return NULL;
  /* A reader applies synthetic bold itself (the text's weight). */
  if (self->for_embedding)
    return hb_font_get_face (hb_font);
  if (font_is_synthetic (font))
    return NULL;
  hb_font_get_var_coords_normalized (hb_font, &n_coords);
  if (n_coords != 0 || !face_has_cff (hb_font_get_face (hb_font)))
    return NULL;
  return hb_font_get_face (hb_font);
}

static FaceSubset *
subset_for_font (NbFontSubsets *self,
                 PangoFont     *font)
{
  FaceSubset *fs = NULL;
  hb_face_t *face;

  if (g_hash_table_lookup_extended (self->fonts, font, NULL, (gpointer *)&fs))
    return fs;

  if ((face = subsettable_face (self, font)) != NULL)
    {
      fs = g_hash_table_lookup (self->faces, face);
      if (fs == NULL)
        {
          fs = g_new0 (FaceSubset, 1);
          fs->face = hb_face_reference (face);
          fs->glyphs = hb_set_create ();
          fs->characters = hb_set_create ();
          fs->shaped = hb_set_create ();
          g_hash_table_insert (self->faces, face, fs);
        }
    }
  g_hash_table_insert (self->fonts, g_object_ref (font), fs);
  return fs;
}

NbFontSubsets *
nb_font_subsets_new (void)
{
  NbFontSubsets *self = g_new0 (NbFontSubsets, 1);

  self->faces = g_hash_table_new_full (NULL, NULL, NULL, face_subset_free);
  self->fonts = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  return self;
}

/* Subsets to embed in a file whose reader finds each glyph from its
 * character, as an OFD reader does: every face, with its character map, is
 * subset; nothing is loaded for cairo.  nb_font_subsets_get_file() hands
 * them out. */
NbFontSubsets *
nb_font_subsets_new_for_embedding (void)
{
  NbFontSubsets *self = nb_font_subsets_new ();

  self->for_embedding = TRUE;
  return self;
}

void
nb_font_subsets_free (NbFontSubsets *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->fonts, g_hash_table_unref);
  g_clear_pointer (&self->faces, g_hash_table_unref);
  g_free (self);
}

/* A character drawn with its default glyph is noted as the character: from
 * characters HarfBuzz plans a subset ten times faster than from glyphs,
 * which make it map the whole character table back.  Glyphs that shaping
 * chose otherwise are noted as glyphs. */
static void
add_cluster (NbFontSubsets            *self,
             FaceSubset               *fs,
             hb_font_t                *hb_font,
             const PangoGlyphString   *glyphs,
             const char               *text,
             const PangoGlyphItemIter *iter)
{
  const char *start = text + iter->start_index;
  const char *end = text + iter->end_index;
  int first = MIN (iter->start_glyph, iter->end_glyph);
  int last = MAX (iter->start_glyph, iter->end_glyph);
  hb_codepoint_t nominal;
  PangoGlyph only = PANGO_GLYPH_EMPTY;
  int n = 0;

  for (int g = first; g < last; g++)
    if (glyphs->glyphs[g].glyph != PANGO_GLYPH_EMPTY)
      only = glyphs->glyphs[g].glyph, n++;
  if (n == 0)
    return;
  /* The reader looks every character up in the character map. */
  if (self->for_embedding)
    for (const char *p = start; p < end; p = g_utf8_next_char (p))
      hb_set_add (fs->characters, g_utf8_get_char (p));
  if (n == 1 && start < end && g_utf8_next_char (start) == end
      && hb_font_get_nominal_glyph (hb_font, g_utf8_get_char (start), &nominal)
      && nominal == only)
    {
      hb_set_add (fs->characters, g_utf8_get_char (start));
      hb_set_add (fs->glyphs, only);
      return;
    }
  for (int g = first; g < last; g++)
    {
      PangoGlyph glyph = glyphs->glyphs[g].glyph;

      if (glyph != PANGO_GLYPH_EMPTY && (glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0)
        {
          hb_set_add (fs->glyphs, glyph);
          hb_set_add (fs->shaped, glyph);
        }
    }
}

/* Notes every glyph of every line of @layout; call it for everything that
 * will be drawn, before nb_font_subsets_build(). */
void
nb_font_subsets_add_layout (NbFontSubsets *self,
                            PangoLayout   *layout)
{
  const char *text;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->built);

  text = pango_layout_get_text (layout);
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;

      for (GSList *r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          PangoGlyphItemIter iter;
          hb_font_t *hb_font;
          FaceSubset *fs;

          if (run->item->analysis.font == NULL
              || (fs = subset_for_font (self, run->item->analysis.font)) == NULL)
            continue;
          hb_font = pango_font_get_hb_font (run->item->analysis.font);
          for (gboolean more = pango_glyph_item_iter_init_start (&iter, run, text); more;
               more = pango_glyph_item_iter_next_cluster (&iter))
            add_cluster (self, fs, hb_font, run->glyphs, text, &iter);
        }
    }
}

/* Glyphs that shaping chose are often some other character's default glyph
 * (the full-width dash Pango picks for U+2014 is U+2015's): noted as that
 * character, the face can still be planned from characters.  FALSE when a
 * glyph has no character of its own. */
static gboolean
find_characters_for_shaped (FaceSubset *fs)
{
  hb_set_t *all, *missing;
  hb_font_t *font;
  hb_codepoint_t c = HB_SET_VALUE_INVALID;
  gboolean found_all;

  if (hb_set_is_empty (fs->shaped))
    return TRUE;
  all = hb_set_create ();
  missing = hb_set_copy (fs->shaped);
  font = hb_font_create (fs->face);
  hb_face_collect_unicodes (fs->face, all);
  while (!hb_set_is_empty (missing) && hb_set_next (all, &c))
    {
      hb_codepoint_t glyph;

      if (hb_font_get_nominal_glyph (font, c, &glyph) && hb_set_has (missing, glyph))
        {
          hb_set_add (fs->characters, c);
          hb_set_del (missing, glyph);
        }
    }
  found_all = hb_set_is_empty (missing);
  g_debug ("%u glyphs for %u characters; %u glyphs chosen by shaping, %s",
           hb_set_get_population (fs->glyphs), hb_set_get_population (fs->characters),
           hb_set_get_population (fs->shaped),
           found_all ? "each some character's default" : "not all a character's default");
  hb_font_destroy (font);
  hb_set_destroy (missing);
  hb_set_destroy (all);
  return found_all;
}

static gboolean
face_subset_make (FaceSubset *fs,
                  gboolean    for_embedding)
{
  static const hb_tag_t unused_tables[] = {
    /* Shaping is done; the PDF needs outlines, widths and names only.  The
     * character map goes too: the text reaches the PDF through the clusters
     * given to cairo_show_text_glyphs(), and mapping it back costs 5 ms. */
    HB_TAG ('G', 'S', 'U', 'B'), HB_TAG ('G', 'P', 'O', 'S'), HB_TAG ('G', 'D', 'E', 'F'),
    HB_TAG ('B', 'A', 'S', 'E'), HB_TAG ('J', 'S', 'T', 'F'), HB_TAG ('M', 'A', 'T', 'H'),
    HB_TAG ('V', 'O', 'R', 'G'), HB_TAG ('v', 'h', 'e', 'a'), HB_TAG ('v', 'm', 't', 'x'),
    HB_TAG ('D', 'S', 'I', 'G'), HB_TAG ('k', 'e', 'r', 'n'), HB_TAG ('c', 'm', 'a', 'p'),
  };
  hb_subset_input_t *input;
  hb_face_t *subset;

  if ((input = hb_subset_input_create_or_fail ()) == NULL)
    return FALSE;
  if (!find_characters_for_shaped (fs))
    {
      hb_set_union (hb_subset_input_glyph_set (input), fs->glyphs);
      if (for_embedding)
        hb_set_union (hb_subset_input_unicode_set (input), fs->characters);
    }
  else
    hb_set_union (hb_subset_input_unicode_set (input), fs->characters);
  /* Flattening the subroutines is twice as fast here as subsetting them. */
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_DESUBROUTINIZE);
  for (gsize i = 0; i < G_N_ELEMENTS (unused_tables); i++)
    if (!for_embedding || unused_tables[i] != HB_TAG ('c', 'm', 'a', 'p'))
      hb_set_add (hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG), unused_tables[i]);
  fs->plan = hb_subset_plan_create_or_fail (fs->face, input);
  hb_subset_input_destroy (input);
  if (fs->plan == NULL)
    return FALSE;

  subset = hb_subset_plan_execute_or_fail (fs->plan);
  if (subset != NULL)
    {
      fs->subset_blob = hb_face_reference_blob (subset);
      hb_face_destroy (subset);
    }
  if (fs->subset_blob == NULL || hb_blob_get_length (fs->subset_blob) == 0)
    {
      g_clear_pointer (&fs->plan, hb_subset_plan_destroy);
      return FALSE;
    }
  return TRUE;
}

static void
destroy_ft_face (gpointer data)
{
  FT_Done_Face (data);
}

static void
destroy_blob (gpointer data)
{
  hb_blob_destroy (data);
}

static gboolean
face_subset_load (FaceSubset *fs)
{
  static const cairo_user_data_key_t ft_face_key, blob_key;
  FT_Library library = shared_ft_library ();
  FT_Face ft_face = NULL;
  const char *data;
  unsigned int length;

  if (fs->plan == NULL || library == NULL)
    return FALSE;
  data = hb_blob_get_data (fs->subset_blob, &length);
  if (FT_New_Memory_Face (library, (const FT_Byte *)data, length, 0, &ft_face) != 0)
    {
      g_clear_pointer (&fs->plan, hb_subset_plan_destroy);
      return FALSE;
    }

  fs->cairo_face = cairo_ft_font_face_create_for_ft_face (ft_face, 0);
  if (cairo_font_face_set_user_data (fs->cairo_face, &ft_face_key, ft_face, destroy_ft_face)
      != CAIRO_STATUS_SUCCESS)
    FT_Done_Face (ft_face);
  if (cairo_font_face_set_user_data (fs->cairo_face, &blob_key,
                                     hb_blob_reference (fs->subset_blob), destroy_blob)
      != CAIRO_STATUS_SUCCESS)
    hb_blob_destroy (fs->subset_blob);
  if (cairo_font_face_status (fs->cairo_face) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&fs->cairo_face, cairo_font_face_destroy);
      g_clear_pointer (&fs->plan, hb_subset_plan_destroy);
      return FALSE;
    }
  return TRUE;
}

/* Makes the subsets.  A face that cannot be subset is drawn whole, as it
 * would have been without us. */
void
nb_font_subsets_build (NbFontSubsets *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->built);

  g_hash_table_iter_init (&iter, self->faces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!face_subset_make (value, self->for_embedding)
        || (!self->for_embedding && !face_subset_load (value)))
      g_debug ("A font could not be subset; cairo embeds it as it is");
  self->built = TRUE;
}

/* How many faces are drawn from a subset: for tests. */
guint
nb_font_subsets_get_n_subsets (NbFontSubsets *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_hash_table_iter_init (&iter, self->faces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((FaceSubset *)value)->cairo_face != NULL
         || (self->for_embedding && ((FaceSubset *)value)->subset_blob != NULL);
  return n;
}

/* The subset @font is drawn from: its cairo face, and its glyph numbers
 * for the font's.  FALSE when the font is drawn whole. */
gboolean
nb_font_subsets_lookup (NbFontSubsets      *self,
                        PangoFont          *font,
                        cairo_font_face_t **face,
                        const hb_map_t    **old_to_new)
{
  FaceSubset *fs;

  g_return_val_if_fail (self != NULL && self->built, FALSE);

  fs = g_hash_table_lookup (self->fonts, font);
  if (fs == NULL || fs->plan == NULL || fs->cairo_face == NULL)
    return FALSE;
  *face = fs->cairo_face;
  *old_to_new = hb_subset_plan_old_to_new_glyph_mapping (fs->plan);
  return TRUE;
}

/* The subset font file embedding @font's face, its glyph numbers for the
 * font's, and whether it has CFF outlines (an .otf) rather than TrueType
 * ones.  NULL when the face could not be subset. */
GBytes *
nb_font_subsets_get_file (NbFontSubsets   *self,
                          PangoFont       *font,
                          const hb_map_t **old_to_new,
                          gboolean        *is_cff)
{
  FaceSubset *fs;
  const char *data;
  unsigned int length;

  g_return_val_if_fail (self != NULL && self->built, NULL);

  fs = g_hash_table_lookup (self->fonts, font);
  if (fs == NULL || fs->plan == NULL || fs->subset_blob == NULL)
    return NULL;
  if (old_to_new != NULL)
    *old_to_new = hb_subset_plan_old_to_new_glyph_mapping (fs->plan);
  if (is_cff != NULL)
    *is_cff = face_has_cff (fs->face);
  data = hb_blob_get_data (fs->subset_blob, &length);
  return g_bytes_new_with_free_func (data, length, (GDestroyNotify)hb_blob_destroy,
                                     hb_blob_reference (fs->subset_blob));
}
