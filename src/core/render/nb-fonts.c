/* nb-fonts.c: the font roles of an official document and what stands in for them
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-fonts"

#include "config.h"

#include <pango/pango.h>

#include "nb-font-map.h"
#include "nb-fonts.h"

typedef struct
{
  const char  *name;
  const char  *preferred[4];
  const char  *substitutes[4];
  PangoWeight  substitute_weight;
} RoleInfo;

/* The substitutes are Debian 12 packages: fonts-noto-cjk (the SC families,
 * for mainland glyph forms) and fonts-arphic-gkai00mp (KaitiM GB puts the
 * comma low at the left, as mainland print does; UKai centres it).
 * FandolFang comes with texlive-lang-chinese when someone has it installed.
 * The last substitute is always installed with the app. */
static const RoleInfo roles[NB_FONT_N_ROLES] = {
  [NB_FONT_SONG] = { "宋体", { "宋体", "SimSun", "NSimSun", NULL },
                     { "Noto Serif CJK SC", NULL }, PANGO_WEIGHT_NORMAL },
  [NB_FONT_FANGSONG] = { "仿宋", { "仿宋_GB2312", "FangSong", "FangSong_GB2312", NULL },
                         { "FandolFang", "Noto Serif CJK SC", NULL }, PANGO_WEIGHT_NORMAL },
  [NB_FONT_KAI] = { "楷体", { "楷体_GB2312", "KaiTi", "KaiTi_GB2312", NULL },
                    { "AR PL KaitiM GB", "AR PL UKai CN", "Noto Serif CJK SC", NULL },
                    PANGO_WEIGHT_NORMAL },
  [NB_FONT_HEI] = { "黑体", { "黑体", "SimHei", NULL },
                    { "Noto Sans CJK SC", NULL }, PANGO_WEIGHT_NORMAL },
  [NB_FONT_TITLE] = { "小标宋", { "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", NULL },
                      { "Noto Serif CJK SC", NULL }, PANGO_WEIGHT_BOLD },
};

typedef struct
{
  const char *family;
  gboolean    substitute;
} Resolved;

static Resolved resolved[NB_FONT_N_ROLES];

static gboolean
has_family (GHashTable *installed,
            const char *family)
{
  g_autofree char *key = g_utf8_casefold (family, -1);

  return g_hash_table_contains (installed, key);
}

/* Asks the font map which families exist, rather than fontconfig which font
 * it would pick: fontconfig answers any name with some font (DejaVu Sans for
 * 仿宋_GB2312 here), and that is exactly the silent substitution to avoid. */
static gpointer
resolve_roles (gpointer data)
{
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PangoFontMap *map = nb_font_map_get_default ();
  PangoFontFamily **families = NULL;
  int n_families = 0;

  pango_font_map_list_families (map, &families, &n_families);
  for (int i = 0; i < n_families; i++)
    g_hash_table_add (installed, g_utf8_casefold (pango_font_family_get_name (families[i]), -1));
  g_free (families);

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

/* A substitute for 小标宋 is a bold serif: the real face is heavy by design. */
PangoWeight
nb_fonts_get_weight (NbFontRole role)
{
  g_return_val_if_fail (role < NB_FONT_N_ROLES, PANGO_WEIGHT_NORMAL);
  ensure_resolved ();
  return resolved[role].substitute ? roles[role].substitute_weight : PANGO_WEIGHT_NORMAL;
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
