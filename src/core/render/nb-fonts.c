/* nb-fonts.c: the font roles of an official document and what stands in for them
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-fonts"

#include "config.h"

#include <fontconfig/fontconfig.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <pango/pango.h>

#include "nb-core-resources.h"
#include "nb-font-map.h"
#include "nb-fonts.h"

#define FONTS_RESOURCE "/io/github/nianbao/Nianbao/fonts.json"

typedef struct
{
  char        *name;
  char       **preferred;
  char       **substitutes;
  PangoWeight  substitute_weight;
  NbDocxFont   docx;
} RoleInfo;

/* data/fonts.json: the names are data, the roles' ids tie them to C. */
typedef struct
{
  RoleInfo  roles[NB_FONT_N_ROLES];
  char     *fallback;
  char     *web[NB_WEB_FONT_N];
} FontData;

static const char * const role_ids[NB_FONT_N_ROLES] = {
  [NB_FONT_SONG] = "song",
  [NB_FONT_FANGSONG] = "fangsong",
  [NB_FONT_KAI] = "kai",
  [NB_FONT_HEI] = "hei",
  [NB_FONT_TITLE] = "title",
};

static const char * const web_ids[NB_WEB_FONT_N] = {
  [NB_WEB_FONT_SANS] = "sans",
  [NB_WEB_FONT_SERIF] = "serif",
  [NB_WEB_FONT_PRINT_SERIF] = "print_serif",
};

static char *
dup_string_member (JsonObject  *object,
                   const char  *member,
                   const char  *where,
                   GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING
      || json_node_get_string (node)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: no “%s”", where, member);
      return NULL;
    }
  return g_strdup (json_node_get_string (node));
}

static char **
dup_names_member (JsonObject  *object,
                  const char  *member,
                  const char  *where,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  if (array == NULL || json_array_get_length (array) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: no “%s”", where, member);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);

      if (name == NULL || name[0] == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: “%s” holds a non-name",
                       where, member);
          return NULL;
        }
      g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

static gboolean
load_role (RoleInfo    *info,
           JsonObject  *object,
           const char  *id,
           GError     **error)
{
  g_autofree char *where = g_strdup_printf ("roles.%s", id);
  g_autofree char *docx_where = g_strdup_printf ("roles.%s.docx", id);
  JsonNode *docx_node = json_object_get_member (object, "docx");
  JsonObject *docx = docx_node != NULL && JSON_NODE_HOLDS_OBJECT (docx_node)
                       ? json_node_get_object (docx_node)
                       : NULL;

  info->name = dup_string_member (object, "name", where, error);
  info->preferred = info->name ? dup_names_member (object, "preferred", where, error) : NULL;
  info->substitutes = info->preferred ? dup_names_member (object, "substitutes", where, error)
                                      : NULL;
  if (info->substitutes == NULL)
    return FALSE;
  info->substitute_weight = json_object_get_boolean_member_with_default (object, "substitute_bold",
                                                                          FALSE)
                              ? PANGO_WEIGHT_BOLD
                              : PANGO_WEIGHT_NORMAL;
  /* Kept for the life of the program, as the built-in data is. */
  if (!(info->docx.name = dup_string_member (docx, "name", docx_where, error))
      || !(info->docx.alt_name = dup_string_member (docx, "alt_name", docx_where, error))
      || !(info->docx.family = dup_string_member (docx, "family", docx_where, error))
      || !(info->docx.pitch = dup_string_member (docx, "pitch", docx_where, error)))
    return FALSE;
  return TRUE;
}

static gboolean
load_font_data (FontData  *data,
                GBytes    *bytes,
                GError   **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *web;
  JsonArray *roles;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   error))
    return FALSE;
  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
           ? json_node_get_object (json_parser_get_root (parser))
           : NULL;
  roles = root != NULL && json_object_has_member (root, "roles")
            ? json_object_get_array_member (root, "roles")
            : NULL;
  web = root != NULL && json_object_has_member (root, "web")
          ? json_object_get_object_member (root, "web")
          : NULL;
  if (roles == NULL || web == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no “roles” or “web”");
      return FALSE;
    }
  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    {
      JsonObject *found = NULL;

      for (guint i = 0; i < json_array_get_length (roles) && found == NULL; i++)
        {
          JsonObject *role = json_array_get_object_element (roles, i);

          if (role != NULL
              && g_strcmp0 (json_object_get_string_member_with_default (role, "id", NULL),
                            role_ids[r]) == 0)
            found = role;
        }
      if (found == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no role “%s”", role_ids[r]);
          return FALSE;
        }
      if (!load_role (&data->roles[r], found, role_ids[r], error))
        return FALSE;
    }
  data->fallback = dup_string_member (root, "fallback", "fonts", error);
  if (data->fallback == NULL)
    return FALSE;
  for (guint w = 0; w < NB_WEB_FONT_N; w++)
    if (!(data->web[w] = dup_string_member (web, web_ids[w], "web", error)))
      return FALSE;
  return TRUE;
}

/* The built-in font data, loaded once. */
static const FontData *
get_font_data (void)
{
  static FontData *data;

  if (g_once_init_enter (&data))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      FontData *loaded = g_new0 (FontData, 1);

      g_resources_register (nb_core_get_resource ());
      bytes = g_resources_lookup_data (FONTS_RESOURCE, 0, &error);
      /* Built into the program: a broken one is a build defect. */
      if (bytes == NULL || !load_font_data (loaded, bytes, &error))
        g_error ("%s: %s", FONTS_RESOURCE, error->message);
      g_once_init_leave (&data, loaded);
    }
  return data;
}

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
      const RoleInfo *info = &get_font_data ()->roles[r];

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
    resolved[r].weight = resolved[r].substitute ? get_font_data ()->roles[r].substitute_weight
                                                : PANGO_WEIGHT_NORMAL;
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
  return get_font_data ()->roles[role].name;
}

const char * const *
nb_font_role_get_preferred (NbFontRole role)
{
  g_return_val_if_fail (role < NB_FONT_N_ROLES, NULL);
  return (const char * const *)get_font_data ()->roles[role].preferred;
}

/* How a Word document names the role's face. */
const NbDocxFont *
nb_font_role_get_docx (NbFontRole role)
{
  g_return_val_if_fail (role < NB_FONT_N_ROLES, NULL);
  return &get_font_data ()->roles[role].docx;
}

/* A CSS font-family value for the web page. */
const char *
nb_fonts_get_web_stack (NbWebFont which)
{
  g_return_val_if_fail (which < NB_WEB_FONT_N, NULL);
  return get_font_data ()->web[which];
}

/* The family after every role's own, for characters its face lacks. */
const char *
nb_fonts_get_fallback_family (void)
{
  return get_font_data ()->fallback;
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

  /* The fallback after the chosen family covers any character an office
   * font lacks, so nothing prints as a box. */
  families = g_strdup_printf ("%s,%s", nb_fonts_get_family (role), nb_fonts_get_fallback_family ());
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
    g_string_append_printf (out, "%s: %s%s\n", nb_font_role_get_name (r), nb_fonts_get_family (r),
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
                              nb_font_role_get_preferred (r)[0], face);
      g_string_append_c (out, '\n');
    }
  if (out->len == 0)
    return NULL;
  g_string_append (out, _("UOS and Kylin include the official fonts. Elsewhere, copy the "
                          "agency's licensed font files into ~/.local/share/fonts (the Flatpak "
                          "sees them there too) and start Nianbao again."));
  return g_string_free (g_steal_pointer (&out), FALSE);
}
