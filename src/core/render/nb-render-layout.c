/* nb-render-layout.c: the report's text as Pango layouts in the render's
 * context: fonts by role, characters no font can draw, the body's line grid
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <math.h>
#include <pango/pango.h>

#include "nb-fonts.h"
#include "nb-render-private.h"

static GQuark
role_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("nb-render-font-role");
  return quark;
}

NbFontRole
_nb_render_layout_get_role (PangoLayout *layout)
{
  guint role = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (layout), role_quark ()));

  return role > 0 ? role - 1 : NB_FONT_FANGSONG;
}

/* Noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF) are never text, and
 * cairo refuses a whole PDF over one: they print as U+FFFD, the mark of a
 * character that is not there. */
static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

static void
append_drawable (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A line break typed inside a paragraph is no paragraph break. */
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else if (is_noncharacter (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

PangoLayout *
_nb_render_new_layout (NbRender   *self,
                       NbFontRole  role,
                       double      size,
                       const char *text)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = nb_fonts_new_description (role, size);

  /* Outputs that name fonts (OFD) name the role's official face. */
  g_object_set_qdata (G_OBJECT (layout), role_quark (), GUINT_TO_POINTER (role + 1));
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text ? text : "", -1);
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    if (is_noncharacter (g_utf8_get_char (p)))
      {
        g_autoptr(GString) clean = g_string_new (NULL);

        /* Line breaks stay: a title or a cell may have them. */
        for (const char *q = text; *q; q = g_utf8_next_char (q))
          if (is_noncharacter (g_utf8_get_char (q)))
            g_string_append_unichar (clean, 0xFFFD);
          else
            g_string_append_len (clean, q, g_utf8_next_char (q) - q);
        pango_layout_set_text (layout, clean->str, -1);
        break;
      }
  return layout;
}

/* Body paragraphs hold 28 characters a line in the type area (GB/T 9704):
 * 28 × 16 pt is a little wider than 156 mm, so the characters close up by a
 * fraction of a point, as Word's "snap to grid" does. */
static double
body_letter_spacing (NbRender *self,
                     double    width)
{
  double chars = floor (width / self->options.body_size + 0.5);

  if (chars < 1)
    return 0;
  return width / chars - self->options.body_size;
}

PangoLayout *
_nb_render_paragraph_layout (NbRender          *self,
                             const NbParagraph *paragraph,
                             double             width)
{
  NbFontRole role = NB_FONT_FANGSONG;
  double spacing = body_letter_spacing (self, width);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  PangoLayout *layout;

  switch (paragraph->level)
    {
    case NB_PARAGRAPH_HEADING_1:
      role = NB_FONT_HEI;
      break;
    case NB_PARAGRAPH_HEADING_2:
      role = NB_FONT_KAI;
      break;
    case NB_PARAGRAPH_BODY:
    case NB_PARAGRAPH_HEADING_3:
    case NB_PARAGRAPH_HEADING_4:
    default:
      break;
    }

  for (guint i = 0; paragraph->runs != NULL && i < paragraph->runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (paragraph->runs, i);
      guint start = text->len;

      if (run->text == NULL)
        continue;
      append_drawable (text, run->text);
      if (run->bold)
        {
          PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

          attr->start_index = start;
          attr->end_index = text->len;
          pango_attr_list_insert (attrs, attr);
        }
    }

  if (spacing != 0)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (PU (spacing)));

  layout = _nb_render_new_layout (self, role, self->options.body_size, text->str);
  pango_layout_set_attributes (layout, attrs);
  /* A hair of slack, or rounding pushes the 28th character to the next line. */
  pango_layout_set_width (layout, PU (width + 0.5));
  pango_layout_set_indent (layout, PU (2 * (self->options.body_size + spacing)));
  pango_layout_set_justify (layout, TRUE);
  return layout;
}

double
_nb_render_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return FROM_PU (logical.width);
}

double
_nb_render_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return FROM_PU (logical.height);
}
