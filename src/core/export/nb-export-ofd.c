/* nb-export-ofd.c: the printed report as OFD (GB/T 33190-2016), from the
 * same laid-out pages as the PDF
 *
 * The pages are walked as the PDF's are drawn (nb_render_visit_page()):
 * every line of text becomes a TextObject per run of one font, its glyph
 * positions as DeltaX, so the text is selectable and searchable and sits
 * where the PDF's does; every table rule a PathObject.  The fonts are
 * embedded as subsets of the faces the layout used and named by the
 * official face of their role (仿宋_GB2312, 方正小标宋简体…), as offices'
 * readers look fonts up by name.  The mapping is documented in docs/ofd.md.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export-ofd"

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <math.h>
#include <pango/pangofc-font.h>

#include "nb-export-ofd.h"
#include "nb-font-map.h"
#include "nb-package.h"
#include "nb-render.h"

#define OFD_NS        "http://www.ofdspec.org/2016"
#define MM_PER_POINT  (25.4 / 72.0)
#define MM(points)    ((points) * MM_PER_POINT)
/* Closer than this, in points, is the same place. */
#define EPSILON_POINTS 0.01

typedef struct
{
  guint       id;
  char       *font_name;  /* what readers look the font up by */
  char       *family;
  gboolean    bold;
  guint       file;       /* index into Export.files, G_MAXUINT for none */
} FontResource;

typedef struct
{
  hb_face_t *face;        /* the installed face, the key */
  char      *name;        /* "Font_3.otf" */
  GBytes    *data;
} FontFile;

typedef struct
{
  NbRender       *render;
  NbFontSubsets  *subsets;
  guint           next_id;
  GHashTable     *fonts;       /* "face:role" → FontResource */
  GPtrArray      *font_order;  /* FontResource, in the order of their IDs */
  GArray         *files;       /* FontFile */
  NbXmlPart      *page;        /* the page being written */
  double          page_width;  /* points */
  double          page_height;
} Export;

static void
font_resource_free (gpointer data)
{
  FontResource *font = data;

  g_free (font->font_name);
  g_free (font->family);
  g_free (font);
}

static void
font_file_clear (gpointer data)
{
  FontFile *file = data;

  g_free (file->name);
  g_clear_pointer (&file->data, g_bytes_unref);
}

static guint
new_id (Export *e)
{
  return ++e->next_id;
}

static void
append_mm (GString *out,
           double   points)
{
  nb_xml_append_number (out, MM (points), 3);
}

/* "x y w h" in millimetres. */
static char *
dup_box (double x0,
         double y0,
         double x1,
         double y1)
{
  GString *out = g_string_new (NULL);

  append_mm (out, x0);
  g_string_append_c (out, ' ');
  append_mm (out, y0);
  g_string_append_c (out, ' ');
  append_mm (out, x1 - x0);
  g_string_append_c (out, ' ');
  append_mm (out, y1 - y0);
  return g_string_free (out, FALSE);
}

/* Fonts ----------------------------------------------------------------------- */

static gboolean
font_is_emboldened (PangoFont *font)
{
  FcPattern *pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font));
  FcBool embolden;

  return FcPatternGetBool (pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch && embolden;
}

static gboolean
font_is_bold (PangoFont *font)
{
  g_autoptr(PangoFontDescription) desc = pango_font_describe (font);

  return pango_font_description_get_weight (desc) >= PANGO_WEIGHT_SEMIBOLD;
}

static guint
font_file_for (Export    *e,
               PangoFont *font,
               hb_face_t *face)
{
  g_autoptr(GBytes) data = NULL;
  gboolean is_cff = FALSE;
  FontFile file = { face };

  for (guint i = 0; i < e->files->len; i++)
    if (g_array_index (e->files, FontFile, i).face == face)
      return i;
  data = nb_font_subsets_get_file (e->subsets, font, NULL, &is_cff);
  if (data == NULL)
    return G_MAXUINT;
  file.name = g_strdup_printf ("Font_%u.%s", e->files->len, is_cff ? "otf" : "ttf");
  file.data = g_steal_pointer (&data);
  g_array_append_val (e->files, file);
  return e->files->len - 1;
}

/* The resource for text of @role set in @font.  Text in the face chosen
 * for its role is named by the role's official face, so a reader that
 * looks fonts up by name prints it in the office's own font; text in a
 * face Pango fell back to (a character the role's face lacks) by that
 * face's family. */
static FontResource *
font_resource_for (Export     *e,
                   PangoFont  *font,
                   NbFontRole  role)
{
  hb_face_t *face = hb_font_get_face (pango_font_get_hb_font (font));
  g_autoptr(PangoFontDescription) desc = pango_font_describe (font);
  const char *family = pango_font_description_get_family (desc);
  g_autofree char *key = NULL;
  g_autofree char *a = NULL, *b = NULL;
  FontResource *resource;
  gboolean official;

  a = g_utf8_casefold (family ? family : "", -1);
  b = g_utf8_casefold (nb_fonts_get_family (role), -1);
  official = g_str_equal (a, b);
  key = g_strdup_printf ("%p:%d", (void *)face, official ? (int)role : -1);
  resource = g_hash_table_lookup (e->fonts, key);
  if (resource != NULL)
    return resource;

  resource = g_new0 (FontResource, 1);
  resource->id = new_id (e);
  if (official)
    resource->font_name = g_strdup (nb_font_role_get_preferred (role)[0]);
  else
    {
      resource->font_name = g_strdup (family ? family : "");
      resource->bold = pango_font_description_get_weight (desc) >= PANGO_WEIGHT_SEMIBOLD;
    }
  resource->family = g_strdup (resource->font_name);
  resource->file = font_file_for (e, font, face);
  g_hash_table_insert (e->fonts, g_steal_pointer (&key), resource);
  g_ptr_array_add (e->font_order, resource);
  return resource;
}

/* Text -------------------------------------------------------------------------- */

/* "3.175 g 27 5.644 4.8": advances, runs of one value written "g N value". */
static void
append_deltas (GString      *out,
               const double *values,
               guint         n)
{
  for (guint i = 0; i < n; )
    {
      guint same = 1;

      while (i + same < n && fabs (values[i + same] - values[i]) < 0.0005)
        same++;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (same > 2)
        g_string_append_printf (out, "g %u ", same);
      else
        same = 1;
      nb_xml_append_number (out, values[i], 3);
      i += same;
    }
}

typedef struct
{
  guint  position;   /* first character of the cluster, in the TextCode */
  guint  n_chars;
  GArray *glyphs;    /* guint: the embedded font's glyph numbers */
} Transform;

static void
transform_clear (gpointer data)
{
  g_clear_pointer (&((Transform *)data)->glyphs, g_array_unref);
}

/* The box @rect covers once @ctm has turned it, in points on the sheet. */
static void
transform_box (const cairo_matrix_t    *ctm,
               const cairo_rectangle_t *rect,
               double                  *x0,
               double                  *y0,
               double                  *x1,
               double                  *y1)
{
  double corners[4][2] = {
    { rect->x, rect->y },
    { rect->x + rect->width, rect->y },
    { rect->x + rect->width, rect->y + rect->height },
    { rect->x, rect->y + rect->height },
  };

  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < 4; i++)
    {
      cairo_matrix_transform_point (ctm, &corners[i][0], &corners[i][1]);
      *x0 = MIN (*x0, corners[i][0]);
      *y0 = MIN (*y0, corners[i][1]);
      *x1 = MAX (*x1, corners[i][0]);
      *y1 = MAX (*y1, corners[i][1]);
    }
}

/* A text object cut by its cell shows only its box, which has been cut to
 * the cell: said twice, as the box and as a clip area over all of it (in
 * the object's own space), for readers that heed only one of them. */
static void
write_clip (Export *e,
            double  width,
            double  height)
{
  g_autoptr(GString) path = g_string_new ("M 0 0 L ");
  g_autofree char *box = dup_box (0, 0, width, height);

  append_mm (path, width);
  g_string_append (path, " 0 L ");
  append_mm (path, width);
  g_string_append_c (path, ' ');
  append_mm (path, height);
  g_string_append (path, " L 0 ");
  append_mm (path, height);
  g_string_append (path, " C");
  nb_xml_start (e->page, "ofd:Clips");
  nb_xml_start (e->page, "ofd:Clip");
  nb_xml_start (e->page, "ofd:Area");
  nb_xml_start (e->page, "ofd:Path");
  nb_xml_attr (e->page, "Boundary", box);
  nb_xml_element (e->page, "ofd:AbbreviatedData", path->str);
  nb_xml_end (e->page);
  nb_xml_end (e->page);
  nb_xml_end (e->page);
  nb_xml_end (e->page);
}

/* A run's characters in reading order (what the XML cannot hold left
 * out), each at the x of its cluster's first glyph; a cluster drawn with
 * other glyphs than its characters' own (U+2014 drawn as U+2015's
 * full-width dash) says which, in a CGTransform. */
static void
collect_run_characters (PangoGlyphItem *run,
                        const char     *text,
                        const double   *glyph_x,
                        hb_font_t      *hb_font,
                        const hb_map_t *old_to_new,
                        GString        *chars,
                        GArray         *char_x,
                        GArray         *transforms)
{
  PangoGlyphString *glyphs = run->glyphs;
  gboolean backward = run->item->analysis.level % 2 != 0;
  PangoGlyphItemIter iter;

  for (gboolean more = pango_glyph_item_iter_init_start (&iter, run, text); more;
       more = pango_glyph_item_iter_next_cluster (&iter))
    {
      int first = backward ? iter.end_glyph + 1 : iter.start_glyph;
      int end = backward ? iter.start_glyph + 1 : iter.end_glyph;
      double gx = glyph_x[first] + (double)glyphs->glyphs[first].geometry.x_offset / PANGO_SCALE;
      guint position = char_x->len, n_chars = 0;
      gboolean nominal = TRUE, drawable = TRUE;
      g_autoptr(GArray) new_glyphs = g_array_new (FALSE, FALSE, sizeof (guint));

      for (const char *p = text + iter.start_index; p < text + iter.end_index;
           p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* What the XML cannot hold has no place in the text either. */
          if (!nb_xml_char_is_allowed (c) || c == '\n')
            continue;
          g_string_append_unichar (chars, c == '\t' ? ' ' : c);
          g_array_append_val (char_x, gx);
          n_chars++;
        }
      if (n_chars == 0)
        continue;
      for (int g = first; g < end; g++)
        {
          PangoGlyph glyph = glyphs->glyphs[g].glyph;
          hb_codepoint_t expected;

          if (glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0
              || old_to_new == NULL || !hb_map_has (old_to_new, glyph))
            {
              drawable = FALSE;
              continue;
            }
          g_array_append_val (new_glyphs, (guint){ hb_map_get (old_to_new, glyph) });
          if (end - first != 1 || n_chars != 1
              || !hb_font_get_nominal_glyph (hb_font, g_utf8_get_char (text + iter.start_index),
                                             &expected)
              || expected != glyph)
            nominal = FALSE;
        }
      if (!nominal && drawable && new_glyphs->len > 0)
        {
          Transform t = { position, n_chars, g_steal_pointer (&new_glyphs) };

          g_array_append_val (transforms, t);
        }
    }
}

/* The run's box on the page: its advance and the line's height, turned as
 * the page is, inside the sheet whatever a glyph's overhang, and inside the
 * cell that clips it.  FALSE when nothing of the run shows. */
static gboolean
run_box (Export                  *e,
         const cairo_matrix_t    *ctm,
         double                   x,
         double                   top,
         double                   bottom,
         double                   width,
         const cairo_rectangle_t *clip,
         double                   box[4])
{
  transform_box (ctm, &(cairo_rectangle_t){ x, top, MAX (width, 0.1), bottom - top },
                 &box[0], &box[1], &box[2], &box[3]);
  box[0] = MAX (box[0], 0);
  box[1] = MAX (box[1], 0);
  box[2] = MIN (box[2], e->page_width);
  box[3] = MIN (box[3], e->page_height);
  if (clip != NULL)
    {
      double cx0, cy0, cx1, cy1;

      transform_box (ctm, clip, &cx0, &cy0, &cx1, &cy1);
      box[0] = MAX (box[0], cx0);
      box[1] = MAX (box[1], cy0);
      box[2] = MIN (box[2], cx1);
      box[3] = MIN (box[3], cy1);
      if (box[2] - box[0] < EPSILON_POINTS || box[3] - box[1] < EPSILON_POINTS)
        return FALSE;
    }
  return TRUE;
}

static void
write_transforms (Export  *e,
                  GArray  *transforms,
                  GString *value)
{
  for (guint i = 0; i < transforms->len; i++)
    {
      Transform *t = &g_array_index (transforms, Transform, i);

      nb_xml_start (e->page, "ofd:CGTransform");
      nb_xml_attr_printf (e->page, "CodePosition", "%u", t->position);
      nb_xml_attr_printf (e->page, "CodeCount", "%u", t->n_chars);
      nb_xml_attr_printf (e->page, "GlyphCount", "%u", t->glyphs->len);
      g_string_truncate (value, 0);
      for (guint g = 0; g < t->glyphs->len; g++)
        g_string_append_printf (value, "%s%u", g ? " " : "", g_array_index (t->glyphs, guint, g));
      nb_xml_element (e->page, "ofd:Glyphs", value->str);
      nb_xml_end (e->page);
    }
}

/* The characters, where the first one starts and how far each next one
 * is: on a turned page in the run's own coordinates, else in the box's. */
static void
write_text_code (Export               *e,
                 const cairo_matrix_t *ctm,
                 gboolean              turned,
                 double                x,
                 double                y,
                 const double          box[4],
                 GString              *chars,
                 GArray               *char_x,
                 GString              *value)
{
  nb_xml_start (e->page, "ofd:TextCode");
  g_string_truncate (value, 0);
  if (turned)
    {
      append_mm (value, x + g_array_index (char_x, double, 0));
      nb_xml_attr (e->page, "X", value->str);
      g_string_truncate (value, 0);
      append_mm (value, y);
    }
  else
    {
      append_mm (value, ctm->x0 + x + g_array_index (char_x, double, 0) - box[0]);
      nb_xml_attr (e->page, "X", value->str);
      g_string_truncate (value, 0);
      append_mm (value, ctm->y0 + y - box[1]);
    }
  nb_xml_attr (e->page, "Y", value->str);
  if (char_x->len > 1)
    {
      g_autofree double *deltas = g_new (double, char_x->len - 1);

      for (guint i = 0; i + 1 < char_x->len; i++)
        deltas[i] = MM (g_array_index (char_x, double, i + 1) - g_array_index (char_x, double, i));
      g_string_truncate (value, 0);
      append_deltas (value, deltas, char_x->len - 1);
      nb_xml_attr (e->page, "DeltaX", value->str);
    }
  nb_xml_text (e->page, chars->str, chars->len);
  nb_xml_end (e->page);
}

/* One run of one font: a TextObject whose TextCode holds the run's
 * characters, each at its glyph's position. */
static void
write_run (Export               *e,
           const cairo_matrix_t *ctm,
           double                x,
           double                y,
           double                top,
           double                bottom,
           const char           *text,
           PangoGlyphItem       *run,
           NbFontRole            role,
           const cairo_rectangle_t *clip)
{
  PangoFont *font = run->item->analysis.font;
  PangoGlyphString *glyphs = run->glyphs;
  const hb_map_t *old_to_new = NULL;
  g_autofree double *glyph_x = g_new (double, glyphs->num_glyphs + 1);
  g_autoptr(GString) chars = g_string_new (NULL);
  g_autoptr(GArray) char_x = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) transforms = g_array_new (FALSE, TRUE, sizeof (Transform));
  g_autoptr(GString) value = g_string_new (NULL);
  cairo_matrix_t font_matrix;
  FontResource *resource;
  double box[4];
  gboolean turned = ctm->xy != 0 || ctm->yx != 0;

  g_array_set_clear_func (transforms, transform_clear);
  resource = font_resource_for (e, font, role);
  if (resource->file != G_MAXUINT)
    {
      /* Only the glyph map is wanted here; the map lives in the subsets,
       * which outlive this. */
      GBytes *file = nb_font_subsets_get_file (e->subsets, font, &old_to_new, NULL);

      g_clear_pointer (&file, g_bytes_unref);
    }

  glyph_x[0] = 0;
  for (int g = 0; g < glyphs->num_glyphs; g++)
    glyph_x[g + 1] = glyph_x[g] + (double)glyphs->glyphs[g].geometry.width / PANGO_SCALE;
  collect_run_characters (run, text, glyph_x, pango_font_get_hb_font (font), old_to_new, chars,
                          char_x, transforms);
  if (char_x->len == 0
      || !run_box (e, ctm, x, top, bottom, glyph_x[glyphs->num_glyphs], clip, box))
    return;

  nb_font_map_get_font_matrix (font, &font_matrix);

  nb_xml_start (e->page, "ofd:TextObject");
  nb_xml_attr_printf (e->page, "ID", "%u", new_id (e));
  {
    g_autofree char *boundary = dup_box (box[0], box[1], box[2], box[3]);

    nb_xml_attr (e->page, "Boundary", boundary);
  }
  nb_xml_attr_printf (e->page, "Font", "%u", resource->id);
  append_mm (value, font_matrix.yy);
  nb_xml_attr (e->page, "Size", value->str);
  if (turned)
    {
      /* Text on a page turned for a wide table: the CTM turns it, from the
       * run's own coordinates (millimetres) to the box's. */
      g_string_truncate (value, 0);
      for (guint i = 0; i < 4; i++)
        {
          nb_xml_append_number (value, (double[]){ ctm->xx, ctm->yx, ctm->xy, ctm->yy }[i], 6);
          g_string_append_c (value, ' ');
        }
      append_mm (value, ctm->x0 - box[0]);
      g_string_append_c (value, ' ');
      append_mm (value, ctm->y0 - box[1]);
      nb_xml_attr (e->page, "CTM", value->str);
    }
  /* Bold the text asked for (a lead-in phrase), also where the face is a
   * synthetic bold; the title's substitute is heavy by design only. */
  if (font_is_emboldened (font) || (role != NB_FONT_TITLE && font_is_bold (font)))
    nb_xml_attr (e->page, "Weight", "700");
  if (clip != NULL)
    write_clip (e, box[2] - box[0], box[3] - box[1]);
  write_transforms (e, transforms, value);
  write_text_code (e, ctm, turned, x, y, box, chars, char_x, value);
  nb_xml_end (e->page);
}

static void
ofd_text_line (gpointer                 user_data,
               const cairo_matrix_t    *ctm,
               double                   x,
               double                   y,
               PangoLayoutLine         *line,
               NbFontRole               role,
               const cairo_rectangle_t *clip)
{
  Export *e = user_data;
  const char *text = pango_layout_get_text (line->layout);
  PangoRectangle logical;
  double top, bottom;

  pango_layout_line_get_extents (line, NULL, &logical);
  top = y + (double)logical.y / PANGO_SCALE;
  bottom = top + (double)logical.height / PANGO_SCALE;
  /* Only a line its cell cuts is clipped (a label cut by a page break);
   * the rest stay whole, as every reader shows them alike. */
  if (clip != NULL && top >= clip->y - EPSILON_POINTS
      && bottom <= clip->y + clip->height + EPSILON_POINTS
      && x >= clip->x - EPSILON_POINTS
      && x + (double)logical.width / PANGO_SCALE <= clip->x + clip->width + EPSILON_POINTS)
    clip = NULL;
  for (GSList *r = line->runs; r != NULL; r = r->next)
    {
      PangoGlyphItem *run = r->data;

      if (run->item->analysis.font != NULL)
        write_run (e, ctm, x, y, top, bottom, text, run, role, clip);
      x += (double)pango_glyph_string_get_width (run->glyphs) / PANGO_SCALE;
    }
}

/* Rules ------------------------------------------------------------------------- */

static void
ofd_rectangle (gpointer                 user_data,
               const cairo_matrix_t    *ctm,
               const cairo_rectangle_t *rect,
               double                   line_width)
{
  Export *e = user_data;
  double corners[4][2] = {
    { rect->x, rect->y },
    { rect->x + rect->width, rect->y },
    { rect->x + rect->width, rect->y + rect->height },
    { rect->x, rect->y + rect->height },
  };
  double bx0 = G_MAXDOUBLE, by0 = G_MAXDOUBLE, bx1 = -G_MAXDOUBLE, by1 = -G_MAXDOUBLE;
  double half = line_width / 2;
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *box = NULL;

  for (guint i = 0; i < 4; i++)
    {
      cairo_matrix_transform_point (ctm, &corners[i][0], &corners[i][1]);
      bx0 = MIN (bx0, corners[i][0]);
      by0 = MIN (by0, corners[i][1]);
      bx1 = MAX (bx1, corners[i][0]);
      by1 = MAX (by1, corners[i][1]);
    }
  /* The box holds the stroke, which is centred on the path. */
  bx0 -= half;
  by0 -= half;
  bx1 += half;
  by1 += half;
  for (guint i = 0; i < 4; i++)
    {
      g_string_append (path, i == 0 ? "M " : " L ");
      append_mm (path, corners[i][0] - bx0);
      g_string_append_c (path, ' ');
      append_mm (path, corners[i][1] - by0);
    }
  g_string_append (path, " C");

  box = dup_box (bx0, by0, bx1, by1);
  nb_xml_start (e->page, "ofd:PathObject");
  nb_xml_attr_printf (e->page, "ID", "%u", new_id (e));
  nb_xml_attr (e->page, "Boundary", box);
  {
    g_autoptr(GString) width = g_string_new (NULL);

    append_mm (width, line_width);
    nb_xml_attr (e->page, "LineWidth", width->str);
  }
  nb_xml_element (e->page, "ofd:AbbreviatedData", path->str);
  nb_xml_end (e->page);
}

static const NbPageVisitor ofd_visitor = { ofd_text_line, ofd_rectangle };

/* The package ------------------------------------------------------------------- */

static char *
dup_creation_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;

  /* A reproducible build of a document says when its sources were made. */
  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, NULL, NULL))
    now = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));
  else
    now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static NbXmlPart *
build_ofd_xml (NbReport *report)
{
  NbXmlPart *part = nb_xml_part_new ();
  g_autofree char *title = nb_report_dup_title (report);
  g_autofree char *date = dup_creation_date ();
  g_autofree char *doc_id = NULL;
  const char *agency = nb_report_get_agency (report);

  /* The same report gives the same DocID. */
  doc_id = g_compute_checksum_for_string (G_CHECKSUM_MD5, title, -1);
  nb_xml_start (part, "ofd:OFD");
  nb_xml_attr (part, "xmlns:ofd", OFD_NS);
  nb_xml_attr (part, "Version", "1.0");
  nb_xml_attr (part, "DocType", "OFD");
  nb_xml_start (part, "ofd:DocBody");
  nb_xml_start (part, "ofd:DocInfo");
  nb_xml_element (part, "ofd:DocID", doc_id);
  nb_xml_element (part, "ofd:Title", title);
  if (agency != NULL && agency[0] != '\0')
    nb_xml_element (part, "ofd:Author", agency);
  nb_xml_element (part, "ofd:CreationDate", date);
  nb_xml_element (part, "ofd:Creator", "Nianbao");
  nb_xml_element (part, "ofd:CreatorVersion", PACKAGE_VERSION);
  nb_xml_end (part);
  nb_xml_element (part, "ofd:DocRoot", "Doc_0/Document.xml");
  nb_xml_end (part);
  nb_xml_end (part);
  return part;
}

static NbXmlPart *
build_document_xml (Export *e,
                    GArray *page_ids)
{
  NbXmlPart *part = nb_xml_part_new ();
  const NbRenderOptions *o = nb_render_get_options (e->render);
  g_autoptr(GString) box = g_string_new ("0 0 ");
  g_autofree char *max_id = g_strdup_printf ("%u", e->next_id);

  append_mm (box, o->page_width);
  g_string_append_c (box, ' ');
  append_mm (box, o->page_height);

  nb_xml_start (part, "ofd:Document");
  nb_xml_attr (part, "xmlns:ofd", OFD_NS);
  nb_xml_start (part, "ofd:CommonData");
  nb_xml_element (part, "ofd:MaxUnitID", max_id);
  nb_xml_start (part, "ofd:PageArea");
  nb_xml_element (part, "ofd:PhysicalBox", box->str);
  nb_xml_end (part);
  nb_xml_element (part, "ofd:PublicRes", "PublicRes.xml");
  nb_xml_end (part);
  nb_xml_start (part, "ofd:Pages");
  for (guint i = 0; i < page_ids->len; i++)
    {
      nb_xml_start (part, "ofd:Page");
      nb_xml_attr_printf (part, "ID", "%u", g_array_index (page_ids, guint, i));
      nb_xml_attr_printf (part, "BaseLoc", "Pages/Page_%u/Content.xml", i);
      nb_xml_end (part);
    }
  nb_xml_end (part);
  nb_xml_end (part);
  return part;
}

static NbXmlPart *
build_public_res_xml (Export *e)
{
  NbXmlPart *part = nb_xml_part_new ();

  nb_xml_start (part, "ofd:Res");
  nb_xml_attr (part, "xmlns:ofd", OFD_NS);
  nb_xml_attr (part, "BaseLoc", "Res");
  nb_xml_start (part, "ofd:Fonts");
  for (guint i = 0; i < e->font_order->len; i++)
    {
      FontResource *font = g_ptr_array_index (e->font_order, i);

      nb_xml_start (part, "ofd:Font");
      nb_xml_attr_printf (part, "ID", "%u", font->id);
      nb_xml_attr (part, "FontName", font->font_name);
      nb_xml_attr (part, "FamilyName", font->family);
      if (font->bold)
        nb_xml_attr (part, "Bold", "true");
      if (font->file != G_MAXUINT)
        nb_xml_element (part, "ofd:FontFile",
                        g_array_index (e->files, FontFile, font->file).name);
      nb_xml_end (part);
    }
  nb_xml_end (part);
  nb_xml_end (part);
  return part;
}

/* OFD.xml first, as readers look for it; then the document, its
 * resources, the pages and the fonts. */
static gboolean
add_parts (NbPackage  *package,
           Export     *e,
           NbXmlPart  *ofd_xml,
           NbXmlPart  *document_xml,
           NbXmlPart  *public_res_xml,
           GPtrArray  *pages,
           GError    **error)
{
  if (!nb_package_add_part (package, "OFD.xml", ofd_xml, error)
      || !nb_package_add_part (package, "Doc_0/Document.xml", document_xml, error)
      || !nb_package_add_part (package, "Doc_0/PublicRes.xml", public_res_xml, error))
    return FALSE;
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("Doc_0/Pages/Page_%u/Content.xml", i);

      if (!nb_package_add_part (package, name, g_ptr_array_index (pages, i), error))
        return FALSE;
    }
  for (guint i = 0; i < e->files->len; i++)
    {
      FontFile *file = &g_array_index (e->files, FontFile, i);
      g_autofree char *name = g_strconcat ("Doc_0/Res/", file->name, NULL);
      gsize length;
      const void *data = g_bytes_get_data (file->data, &length);

      if (!nb_package_add (package, name, data, length, error))
        return FALSE;
    }
  return TRUE;
}

/* Every section, laid out with @options (NULL: the defaults) as the PDF:
 * the same pages, lines and breaks. */
GBytes *
nb_export_ofd_full (NbReport               *report,
                    const NbRenderOptions  *options,
                    char                 ***missing_characters,
                    GError                **error)
{
  g_autoptr(NbReport) prepared = nb_export_prepare (report);
  g_autoptr(NbRender) render = NULL;
  g_autoptr(NbFontSubsets) subsets = NULL;
  g_autoptr(NbPackage) package = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_xml_part_free);
  g_autoptr(GArray) page_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(NbXmlPart) ofd_xml = NULL;
  g_autoptr(NbXmlPart) document_xml = NULL;
  g_autoptr(NbXmlPart) public_res_xml = NULL;
  NbRenderOptions defaults;
  Export e = { 0 };
  gboolean ok;
  guint n_pages;

  if (options == NULL)
    {
      nb_render_options_init (&defaults);
      options = &defaults;
    }
  /* Characters no format can carry are replaced first, as for the PDF. */
  render = nb_render_new (prepared, options);
  n_pages = nb_render_get_n_pages (render);
  subsets = nb_render_new_embedding_subsets (render);

  e.render = render;
  e.subsets = subsets;
  e.fonts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, font_resource_free);
  e.font_order = g_ptr_array_new ();
  e.files = g_array_new (FALSE, TRUE, sizeof (FontFile));
  g_array_set_clear_func (e.files, font_file_clear);
  e.page_width = options->page_width;
  e.page_height = options->page_height;

  for (guint i = 0; i < n_pages; i++)
    {
      NbXmlPart *part = nb_xml_part_new ();
      guint page_id = new_id (&e);

      g_array_append_val (page_ids, page_id);
      e.page = part;
      nb_xml_start (part, "ofd:Page");
      nb_xml_attr (part, "xmlns:ofd", OFD_NS);
      nb_xml_start (part, "ofd:Content");
      nb_xml_start (part, "ofd:Layer");
      nb_xml_attr_printf (part, "ID", "%u", new_id (&e));
      nb_render_visit_page (render, i, &ofd_visitor, &e);
      nb_xml_end (part);
      nb_xml_end (part);
      nb_xml_end (part);
      g_ptr_array_add (parts, part);
    }

  ofd_xml = build_ofd_xml (prepared);
  document_xml = build_document_xml (&e, page_ids);
  public_res_xml = build_public_res_xml (&e);

  package = nb_package_new (error);
  ok = package != NULL && add_parts (package, &e, ofd_xml, document_xml, public_res_xml, parts, error);
  if (ok && missing_characters != NULL)
    *missing_characters = nb_render_dup_missing_characters (render);

  g_hash_table_unref (e.fonts);
  g_ptr_array_unref (e.font_order);
  g_array_unref (e.files);
  return ok ? nb_package_finish (package, error) : NULL;
}

GBytes *
nb_export_ofd (NbReport  *report,
               GError   **error)
{
  return nb_export_ofd_full (report, NULL, NULL, error);
}
