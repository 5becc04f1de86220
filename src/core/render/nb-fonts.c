/* nb-fonts.c: the font roles of an official document and what stands in for them
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-fonts"

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <pango/pango.h>

#include "nb-font-map.h"
#include "nb-fonts.h"

typedef struct
{
  const char  *name;
  const char  *preferred[6];
  const char  *substitutes[6];
  PangoWeight  substitute_weight;
} RoleInfo;

/* The official names as offices install them: the Windows names, the
 * names UOS and Kylin ship (仿宋, 楷体 without _GB2312), and the English
 * family names of the same faces.  The substitutes are the free faces
 * closest in design, in Debian 12 packages: fonts-fandol (FandolFang is a
 * 仿宋, FandolKai a mainland 楷体, FandolHei a 黑体), fonts-arphic-gkai00mp
 * (KaitiM GB puts the comma low at the left, as mainland print does; UKai
 * centres it) and fonts-noto-cjk (the SC families, for mainland glyph
 * forms).  The last substitute is always installed with the app. */
static const RoleInfo roles[NB_FONT_N_ROLES] = {
  [NB_FONT_SONG] = { "宋体", { "宋体", "SimSun", "NSimSun", NULL },
                     { "Noto Serif CJK SC", "FandolSong", NULL }, PANGO_WEIGHT_NORMAL },
  [NB_FONT_FANGSONG] = { "仿宋", { "仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong", NULL },
                         { "FandolFang", "Noto Serif CJK SC", NULL }, PANGO_WEIGHT_NORMAL },
  [NB_FONT_KAI] = { "楷体", { "楷体_GB2312", "楷体", "KaiTi_GB2312", "KaiTi", NULL },
                    { "FandolKai", "AR PL KaitiM GB", "AR PL UKai CN", "Noto Serif CJK SC", NULL },
                    PANGO_WEIGHT_NORMAL },
  [NB_FONT_HEI] = { "黑体", { "黑体", "SimHei", NULL },
                    { "Noto Sans CJK SC", "FandolHei", NULL }, PANGO_WEIGHT_NORMAL },
  [NB_FONT_TITLE] = { "小标宋", { "方正小标宋简体", "方正小标宋_GBK", "小标宋", "FZXiaoBiaoSong-B05S",
                                  NULL },
                      { "Noto Serif CJK SC", "FandolSong", NULL }, PANGO_WEIGHT_BOLD },
};

typedef struct
{
  const char  *family;
  gboolean     substitute;
  PangoWeight  weight;
} Resolved;

static Resolved resolved[NB_FONT_N_ROLES];

static gboolean
has_family (GHashTable *installed,
            const char *family)
{
  g_autofree char *key = g_utf8_casefold (family, -1);

  return g_hash_table_contains (installed, key);
}

/* Asks fontconfig which families exist, under every name a font has,
 * rather than which font it would pick: fontconfig answers any name with
 * some font (DejaVu Sans for 仿宋_GB2312 here), and that is exactly the
 * silent substitution to avoid.  Every name, because office fonts carry
 * several ("FangSong_GB2312" first, "仿宋_GB2312" second) and Pango's list
 * of families has the first only. */
static gpointer
resolve_roles (gpointer data)
{
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  FcPattern *pattern = FcPatternCreate ();
  FcObjectSet *objects = FcObjectSetBuild (FC_FAMILY, NULL);
  FcFontSet *fonts;

  /* The font map pages are laid out with uses fontconfig's current
   * configuration: make sure it is loaded before asking it. */
  (void)nb_font_map_get_default ();
  fonts = FcFontList (NULL, pattern, objects);
  for (int i = 0; fonts != NULL && i < fonts->nfont; i++)
    {
      FcChar8 *family;

      for (int n = 0; FcPatternGetString (fonts->fonts[i], FC_FAMILY, n, &family) == FcResultMatch;
           n++)
        g_hash_table_add (installed, g_utf8_casefold ((const char *)family, -1));
    }
  if (fonts != NULL)
    FcFontSetDestroy (fonts);
  FcObjectSetDestroy (objects);
  FcPatternDestroy (pattern);

  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    {
      const RoleInfo *info = &roles[r];

      resolved[r].family = NULL;
      for (guint i = 0; info->preferred[i] != NULL && resolved[r].family == NULL; i++)
        if (has_family (installed, info->preferred[i]))
          resolved[r].family = info->preferred[i];
      if (resolved[r].family != NULL)
        continue;
      resolved[r].substitute = TRUE;
      for (guint i = 0; info->substitutes[i] != NULL && resolved[r].family == NULL; i++)
        if (has_family (installed, info->substitutes[i]))
          resolved[r].family = info->substitutes[i];
      /* Nothing installed at all: let fontconfig choose, and say so. */
      if (resolved[r].family == NULL)
        resolved[r].family = "Serif";
    }
  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    resolved[r].weight = resolved[r].substitute ? roles[r].substitute_weight : PANGO_WEIGHT_NORMAL;
  /* Level-2 headings must not look like the body: with no 楷体 of any
   * kind, the body's own face stands in, and in bold. */
  if (g_ascii_strcasecmp (resolved[NB_FONT_KAI].family, resolved[NB_FONT_FANGSONG].family) == 0)
    resolved[NB_FONT_KAI].weight = PANGO_WEIGHT_BOLD;
  return NULL;
}

static void
ensure_resolved (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, resolve_roles, NULL);
}

const char *
nb_font_role_get_name (NbFontRole role)
{
  g_return_val_if_fail (role < NB_FONT_N_ROLES, NULL);
  return roles[role].name;
}

const char * const *
nb_font_role_get_preferred (NbFontRole role)
{
  g_return_val_if_fail (role < NB_FONT_N_ROLES, NULL);
  return roles[role].preferred;
}

/* The family that prints this role. */
const char *
nb_fonts_get_family (NbFontRole role)
{
  g_return_val_if_fail (role < NB_FONT_N_ROLES, NULL);
  ensure_resolved ();
  return resolved[role].family;
}

gboolean
nb_fonts_is_substitute (NbFontRole role)
{
  g_return_val_if_fail (role < NB_FONT_N_ROLES, FALSE);
  ensure_resolved ();
  return resolved[role].substitute;
}

/* A substitute for 小标宋 is a bold serif: the real face is heavy by
 * design.  A 楷体 that is the body's face is bold too. */
PangoWeight
nb_fonts_get_weight (NbFontRole role)
{
  g_return_val_if_fail (role < NB_FONT_N_ROLES, PANGO_WEIGHT_NORMAL);
  ensure_resolved ();
  return resolved[role].weight;
}

PangoFontDescription *
nb_fonts_new_description (NbFontRole role,
                          double     size_points)
{
  PangoFontDescription *desc = pango_font_description_new ();
  g_autofree char *families = NULL;

  g_return_val_if_fail (role < NB_FONT_N_ROLES, desc);

  /* Noto Serif CJK SC after the chosen family covers any character an
   * office font lacks, so nothing prints as a box. */
  families = g_strdup_printf ("%s,Noto Serif CJK SC", nb_fonts_get_family (role));
  pango_font_description_set_family (desc, families);
  pango_font_description_set_weight (desc, nb_fonts_get_weight (role));
  pango_font_description_set_size (desc, (int)(size_points * PANGO_SCALE + 0.5));
  return desc;
}

/* "仿宋: Noto Serif CJK SC (substitute)", one role a line, for logs and --help. */
char *
nb_fonts_dup_summary (void)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    g_string_append_printf (out, "%s: %s%s\n", roles[r].name, nb_fonts_get_family (r),
                            nb_fonts_is_substitute (r) ? " (substitute)" : "");
  return g_string_free (out, FALSE);
}

/* "Noto Serif CJK SC Bold": the family and, when it is not the regular
 * weight, the weight a role prints in. */
static char *
dup_face_name (NbFontRole role)
{
  if (nb_fonts_get_weight (role) >= PANGO_WEIGHT_BOLD)
    return g_strdup_printf ("%s Bold", nb_fonts_get_family (role));
  return g_strdup (nb_fonts_get_family (role));
}

/* Which official fonts are missing, by name, what prints in their place,
 * and how to get them: for the print preview and the command line's
 * exports.  NULL when every official font is installed. */
char *
nb_fonts_dup_missing_notice (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    {
      g_autofree char *face = NULL;

      if (!nb_fonts_is_substitute (r))
        continue;
      face = dup_face_name (r);
      /* TRANSLATORS: an official font's name, then the free font printed instead */
      g_string_append_printf (out, _("%s is not installed: printed in %s instead."),
                              roles[r].preferred[0], face);
      g_string_append_c (out, '\n');
    }
  if (out->len == 0)
    return NULL;
  g_string_append (out, _("UOS and Kylin include the official fonts. Elsewhere, copy the "
                          "agency's licensed font files into ~/.local/share/fonts (the Flatpak "
                          "sees them there too) and start Nianbao again."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
