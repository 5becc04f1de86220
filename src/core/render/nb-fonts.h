/* nb-fonts.h: the font roles of an official document and what stands in for them
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* GB/T 9704 names its typefaces; offices install them under these names when
 * they have them.  Each role resolves to the first installed preferred
 * family, else to a free substitute. */
typedef enum
{
  NB_FONT_SONG,      /* 宋体: tables, page numbers */
  NB_FONT_FANGSONG,  /* 仿宋: body, levels 3 and 4 */
  NB_FONT_KAI,       /* 楷体: level 2 */
  NB_FONT_HEI,       /* 黑体: level 1 */
  NB_FONT_TITLE,     /* 小标宋: the title */
} NbFontRole;

#define NB_FONT_N_ROLES (NB_FONT_TITLE + 1)

/* The face a Word document asks for: w:font's name, w:altName, w:family, w:pitch. */
typedef struct
{
  char *name;
  char *alt_name;
  char *family;
  char *pitch;
} NbDocxFont;

/* The web page's CSS font stacks. */
typedef enum
{
  NB_WEB_FONT_SANS,         /* the text on screen */
  NB_WEB_FONT_SERIF,        /* the title */
  NB_WEB_FONT_PRINT_SERIF,  /* page numbers on paper */
} NbWebFont;

#define NB_WEB_FONT_N (NB_WEB_FONT_PRINT_SERIF + 1)

const char            *nb_font_role_get_name           (NbFontRole   role);
const char * const    *nb_font_role_get_preferred      (NbFontRole   role);
const NbDocxFont      *nb_font_role_get_docx           (NbFontRole   role);
const char            *nb_fonts_get_web_stack          (NbWebFont    which);
const char            *nb_fonts_get_fallback_family    (void);
const char            *nb_fonts_get_family             (NbFontRole   role);
gboolean               nb_fonts_is_substitute          (NbFontRole   role);
PangoWeight            nb_fonts_get_weight             (NbFontRole   role);
PangoFontDescription  *nb_fonts_new_description        (NbFontRole   role,
                                                        double       size_points);
char                  *nb_fonts_dup_summary            (void);
char                  *nb_fonts_dup_missing_notice     (void);

G_END_DECLS
