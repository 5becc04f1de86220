/* nb-import-labels.c: labels as agencies write them, matched to the edition's
 *
 * Normalizes labels (full width, spaces, punctuation), tells labels from
 * values, reads the importer's word lists, and reads each table of an
 * edition into the rows its labels name: shared by the mapping step and by
 * pasting a block with its labels.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <json-glib/json-glib.h>

#include "nb-core-resources.h"
#include "nb-import-labels.h"

#define IMPORT_LEXICON_RESOURCE "/io/github/nianbao/Nianbao/import/lexicon.json"

/* Labels */

gboolean
_nb_import_is_space_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x3000 || c == 0x200B || c == 0xFEFF;
}

char *
nb_import_normalize_label (const char *text)
{
  g_autofree char *nfkc = NULL;
  GString *out;
  gunichar previous = 0;

  if (text == NULL)
    return g_strdup ("");
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (nfkc == NULL) /* not UTF-8: readers validate, but never crash */
    return g_strdup ("");

  out = g_string_sized_new (strlen (nfkc));
  for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_nb_import_is_space_char (c))
        continue;
      switch (c)
        {
        case 0x201C: /* “ */
        case 0x201D: /* ” */
        case 0x300C: /* 「 */
        case 0x300D: /* 」 */
        case 0x300E: /* 『 */
        case 0x300F: /* 』 */
          c = '"';
          break;
        case 0x2018:
        case 0x2019:
          c = '\'';
          break;
        case 0x3010: /* 【 */
        case 0x3014: /* 〔 */
          c = '[';
          break;
        case 0x3011:
        case 0x3015:
          c = ']';
          break;
        case 0x3001: /* 、 after a digit: "1、属于" is "1.属于" */
          if (previous >= '0' && previous <= '9')
            c = '.';
          break;
        case 0xFF0E: /* ． (NFKC leaves none, but be sure) */
        case 0x3002: /* 。 after a digit */
          if (c == 0xFF0E || (previous >= '0' && previous <= '9'))
            c = '.';
          break;
        default:
          c = g_unichar_tolower (c);
          break;
        }
      g_string_append_unichar (out, c);
      previous = c;
    }
  /* "规章：" is "规章". */
  while (out->len > 0 && (out->str[out->len - 1] == ':' || out->str[out->len - 1] == ','))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

gboolean
_nb_import_has_letters (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Digits with separators or signs: a number, or a value meant as one. */
gboolean
_nb_import_looks_numeric (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  gboolean digit = FALSE;

  if (nfkc == NULL)
    return FALSE;
  for (const char *p = nfkc; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (!strchr (" ,.-+", *p))
        return FALSE;
    }
  return digit;
}

gboolean
_nb_import_is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!_nb_import_is_space_char (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* A word written in a value cell for "nothing" ("无", "暂无"): a value,
 * if not a number, never a row's label. */

static GStrv
lexicon_strv (JsonObject *root,
              const char *member)
{
  JsonArray *array = json_object_has_member (root, member)
                       ? json_object_get_array_member (root, member)
                       : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

const NbImportLexicon *
_nb_import_lexicon (void)
{
  static NbImportLexicon *lexicon;

  if (g_once_init_enter (&lexicon))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GBytes) bytes = NULL;
      NbImportLexicon *loaded = g_new0 (NbImportLexicon, 1);
      JsonObject *root;

      g_resources_register (nb_core_get_resource ());
      bytes = g_resources_lookup_data (IMPORT_LEXICON_RESOURCE, 0, &error);
      /* Built into the program: a broken one is a build defect. */
      if (bytes == NULL
          || !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                          (gssize)g_bytes_get_size (bytes), &error))
        g_error ("%s: %s", IMPORT_LEXICON_RESOURCE, error->message);
      root = json_node_get_object (json_parser_get_root (parser));
      loaded->nil_words = lexicon_strv (root, "nil_words");
      loaded->report_names = lexicon_strv (root, "report_names");
      loaded->footer_strong = lexicon_strv (root, "footer_strong");
      loaded->footer_weak = lexicon_strv (root, "footer_weak");
      loaded->count_units = lexicon_strv (root, "count_units");
      g_once_init_leave (&lexicon, loaded);
    }
  return lexicon;
}

gboolean
_nb_import_is_nil_word (const char *text)
{
  g_autofree char *key = nb_import_normalize_label (text);

  return g_strv_contains ((const char * const *)_nb_import_lexicon ()->nil_words, key);
}

/* Short, for messages: the first 24 characters of a text. */
char *
_nb_import_excerpt_n (const char *text,
                      glong       limit)
{
  g_autofree char *flat = g_strdup (text);
  glong length;

  g_strstrip (g_strdelimit (flat, "\t\r\n", ' '));
  length = g_utf8_strlen (flat, -1);
  if (length <= limit)
    return g_steal_pointer (&flat);
  {
    g_autofree char *head = g_utf8_substring (flat, 0, limit);

    return g_strconcat (head, "…", NULL);
  }
}

char *
_nb_import_excerpt (const char *text)
{
  return _nb_import_excerpt_n (text, 24);
}


static void
row_info_free (gpointer data)
{
  NbImportRowInfo *info = data;

  g_free (info->label);
  g_strfreev (info->groups);
  g_free (info->full);
  g_array_unref (info->cells);
  g_free (info);
}

void
_nb_import_table_info_free (gpointer data)
{
  NbImportTableInfo *info = data;

  g_ptr_array_unref (info->rows);
  g_hash_table_unref (info->headers);
  g_hash_table_unref (info->groups);
  g_hash_table_unref (info->labels);
  g_hash_table_unref (info->variants);
  for (guint i = 0; i < nb_edition_table_get_n_rows (info->table); i++)
    g_free (info->sources[i]);
  g_free (info->sources);
  g_free (info);
}

static int
compare_cells_by_column (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  const NbEditionTable *table = user_data;
  guint ca = nb_edition_table_get_cell (table, *(const guint *)a)->column;
  guint cb = nb_edition_table_get_cell (table, *(const guint *)b)->column;

  return (ca > cb) - (ca < cb);
}

/* A normalized label without its parenthesized notes: "本年收费金额(单位:
 * 万元,保留4位小数)" is the header "本年收费金额(单位:万元)". */
char *
_nb_import_label_stem (const char *key)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = key; *p; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
add_normalized (GHashTable *set,
                const char *text)
{
  if (text != NULL && *text != '\0')
    {
      char *key = nb_import_normalize_label (text);
      char *stem = _nb_import_label_stem (key);

      if (*key != '\0')
        g_hash_table_add (set, key);
      else
        g_free (key);
      /* Stems are marked, so they cannot collide with a full label. */
      if (*stem != '\0')
        g_hash_table_add (set, g_strconcat ("~", stem, NULL));
      g_free (stem);
    }
}

gboolean
_nb_import_is_header (NbImportTableInfo *info,
                      const char        *key)
{
  g_autofree char *stem = NULL;
  g_autofree char *marked = NULL;

  if (g_hash_table_contains (info->headers, key))
    return TRUE;
  stem = _nb_import_label_stem (key);
  marked = g_strconcat ("~", stem, NULL);
  return *stem != '\0' && g_hash_table_contains (info->headers, marked);
}

/* The other editions' wording of the same rows (2021's 行政规范性文件 is
 * 2019's 规范性文件): read as the row, and reported (LABEL-VARIANT). */
static void
add_other_editions_labels (NbImportTableInfo *info,
                           NbEdition         *edition)
{
  const char * const *ids = nb_edition_list_ids ();
  const char *table_id = nb_edition_table_get_id (info->table);

  for (guint e = 0; ids[e] != NULL; e++)
    {
      g_autoptr(NbEdition) other = NULL;
      const NbEditionTable *table;

      if (g_str_equal (ids[e], nb_edition_get_id (edition))
          || (other = nb_edition_lookup (ids[e], NULL)) == NULL
          || (table = nb_edition_find_table (other, table_id)) == NULL)
        continue;
      for (guint r = 0; r < nb_edition_table_get_n_rows (table); r++)
        {
          const NbEditionRow *row = nb_edition_table_get_row (table, r);
          int mine = nb_edition_table_find_row (info->table, row->id);
          g_autofree char *label = nb_import_normalize_label (row->label ? row->label : "");
          NbImportRowInfo *ri;

          if (mine < 0 || *label == '\0')
            continue;
          ri = g_ptr_array_index (info->rows, (guint)mine);
          if (g_str_equal (ri->label, label) || g_hash_table_contains (info->labels, label))
            continue;
          g_hash_table_insert (info->variants, g_strdup (label), ri);
          g_hash_table_add (info->labels, g_steal_pointer (&label));
        }
    }
}

NbImportTableInfo *
_nb_import_table_info_new (NbEdition            *edition,
                           const NbEditionTable *table)
{
  NbImportTableInfo *info = g_new0 (NbImportTableInfo, 1);
  guint n_rows = nb_edition_table_get_n_rows (table);

  info->table = table;
  info->section = nb_edition_find_section (edition, nb_edition_table_get_section_id (table));
  info->rows = g_ptr_array_new_with_free_func (row_info_free);
  info->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  info->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  info->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  info->variants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  info->sources = g_new0 (char *, n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      const NbEditionRow *row = nb_edition_table_get_row (table, r);
      NbImportRowInfo *ri = g_new0 (NbImportRowInfo, 1);
      g_autoptr(GStrvBuilder) groups = g_strv_builder_new ();
      GString *full = g_string_new (NULL);
      const char *label = row->label ? row->label : "";
      const char *full_label = row->full_label ? row->full_label : label;

      ri->row = r;
      ri->label = nb_import_normalize_label (label);
      /* full_label is the group labels and the label, separated by spaces. */
      if (g_str_has_suffix (full_label, label) && strlen (full_label) > strlen (label))
        {
          g_autofree char *prefix = g_strndup (full_label, strlen (full_label) - strlen (label));
          g_auto(GStrv) parts = g_strsplit (prefix, " ", -1);
          guint depth = 0;

          for (guint i = 0; parts[i] != NULL; i++)
            {
              g_autofree char *group = nb_import_normalize_label (parts[i]);

              if (*group == '\0')
                continue;
              g_strv_builder_add (groups, group);
              g_string_append (full, group);
              if (!g_hash_table_contains (info->groups, group))
                g_hash_table_insert (info->groups, g_strdup (group), GUINT_TO_POINTER (depth + 1));
              depth++;
            }
        }
      g_string_append (full, ri->label);
      ri->groups = g_strv_builder_end (groups);
      ri->full = g_string_free (full, FALSE);
      if (*ri->label != '\0')
        g_hash_table_add (info->labels, g_strdup (ri->label));
      g_hash_table_add (info->labels, g_strdup (ri->full));
      ri->cells = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (info->rows, ri);
    }

  for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
    {
      NbImportRowInfo *ri = g_ptr_array_index (info->rows, nb_edition_table_get_cell (table, c)->row);

      g_array_append_val (ri->cells, c);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      NbImportRowInfo *ri = g_ptr_array_index (info->rows, r);

      g_array_sort_with_data (ri->cells, compare_cells_by_column, (gpointer)table);
    }

  add_other_editions_labels (info, edition);

  for (guint i = 0; i < nb_edition_table_get_n_layout (table); i++)
    {
      const NbLayoutItem *item = nb_edition_table_get_layout (table, i);

      if (item->role == NB_LAYOUT_CORNER || item->role == NB_LAYOUT_HEADER
          || item->role == NB_LAYOUT_BLOCK)
        add_normalized (info->headers, item->text);
    }
  for (guint c = 0; c < nb_edition_table_get_n_columns (table); c++)
    add_normalized (info->headers, nb_edition_table_get_column (table, c)->label);
  return info;
}

static gboolean
groups_fit (const NbImportRowInfo *ri,
            GPtrArray             *context)
{
  for (guint d = 0; ri->groups[d] != NULL; d++)
    if (d >= context->len || g_strcmp0 (g_ptr_array_index (context, d), ri->groups[d]) != 0)
      return FALSE;
  return TRUE;
}

/* Rows whose label is @key (or, loosely, starts the same way), preferring
 * those in the current groups. */
GPtrArray *
_nb_import_find_rows (NbImportTableInfo *info,
                      const char        *key,
                      const char        *joined,
                      GPtrArray         *context,
                      gboolean          *loose,
                      gboolean          *variant)
{
  GPtrArray *candidates = g_ptr_array_new ();
  GPtrArray *fitting = g_ptr_array_new ();
  NbImportRowInfo *other_edition = g_hash_table_lookup (info->variants, key);

  *loose = FALSE;
  *variant = FALSE;
  if (other_edition != NULL)
    {
      *variant = TRUE;
      g_ptr_array_add (candidates, other_edition);
    }
  for (guint pass = 0; pass < 3 && candidates->len == 0; pass++)
    for (guint r = 0; r < info->rows->len; r++)
      {
        NbImportRowInfo *ri = g_ptr_array_index (info->rows, r);
        gboolean hit = FALSE;

        if (pass == 0)
          hit = g_str_equal (ri->label, key);
        else if (pass == 1)
          hit = g_str_equal (ri->full, joined) || g_str_equal (ri->full, key);
        else if (*key != '\0' && *ri->label != '\0')
          {
            const char *shorter = strlen (key) < strlen (ri->label) ? key : ri->label;
            const char *longer = shorter == key ? ri->label : key;

            hit = g_utf8_strlen (shorter, -1) >= 4 && g_str_has_prefix (longer, shorter);
            *loose = TRUE;
          }
        if (hit)
          g_ptr_array_add (candidates, ri);
      }
  if (candidates->len == 0)
    *loose = FALSE;

  for (guint i = 0; i < candidates->len; i++)
    if (groups_fit (g_ptr_array_index (candidates, i), context))
      g_ptr_array_add (fitting, g_ptr_array_index (candidates, i));
  if (fitting->len > 0)
    {
      g_ptr_array_unref (candidates);
      return fitting;
    }
  g_ptr_array_unref (fitting);
  return candidates;
}
