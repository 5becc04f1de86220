/* nb-lexicon.c: the words the checker reads the narrative with
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-lexicon"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "nb-core-resources.h"
#include "nb-lexicon.h"

#define LEXICON_RESOURCE "/io/github/nianbao/Nianbao/checks/lexicon.json"

static void
ustr_init (NbUStr     *str,
           const char *text)
{
  glong len = 0;

  str->chars = g_utf8_to_ucs4_fast (text, -1, &len);
  str->len = (guint)len;
}

/* Longest first: where two words match at one place, the longer one is
 * the more telling ("予以公开及部分公开" over "部分公开"). */
static int
compare_by_length (gconstpointer a,
                   gconstpointer b)
{
  return (int)((const NbUStr *)b)->len - (int)((const NbUStr *)a)->len;
}

static void
ulist_load (NbUList    *list,
            JsonObject *object,
            const char *member)
{
  JsonArray *array = object && json_object_has_member (object, member)
                       ? json_object_get_array_member (object, member)
                       : NULL;

  list->n = array ? json_array_get_length (array) : 0;
  list->items = g_new0 (NbUStr, list->n);
  for (guint i = 0; i < list->n; i++)
    ustr_init (&list->items[i], json_array_get_string_element (array, i));
  /* g_new0 () of nothing is NULL, which qsort () may not be given. */
  if (list->n > 1)
    qsort (list->items, list->n, sizeof (NbUStr), compare_by_length);
}

static void
ulist_clear (NbUList *list)
{
  for (guint i = 0; i < list->n; i++)
    g_free (list->items[i].chars);
  g_free (list->items);
}

static gboolean
readings_load (NbReadings  *readings,
               JsonArray   *array,
               GError     **error)
{
  readings->n = array ? json_array_get_length (array) : 0;
  readings->items = g_new0 (NbReading, readings->n);
  for (guint i = 0; i < readings->n; i++)
    {
      JsonArray *cells = json_array_get_array_element (array, i);
      NbReading *reading = &readings->items[i];

      reading->n = json_array_get_length (cells);
      reading->tables = g_new0 (char *, reading->n + 1);
      reading->keys = g_new0 (char *, reading->n + 1);
      for (guint c = 0; c < reading->n; c++)
        {
          const char *ref = json_array_get_string_element (cells, c);
          const char *colon = ref ? strchr (ref, ':') : NULL;

          if (colon == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "lexicon: “%s” is no TABLE:ROW/COLUMN cell", ref ? ref : "");
              return FALSE;
            }
          reading->tables[c] = g_strndup (ref, (gsize)(colon - ref));
          reading->keys[c] = g_strdup (colon + 1);
        }
    }
  return TRUE;
}

static void
readings_clear (NbReadings *readings)
{
  for (guint i = 0; i < readings->n; i++)
    {
      g_strfreev (readings->items[i].tables);
      g_strfreev (readings->items[i].keys);
    }
  g_free (readings->items);
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  return json_object_has_member (object, member) ? json_object_get_array_member (object, member)
                                                 : NULL;
}

static gboolean
figure_load (NbLexFigure  *figure,
             JsonObject   *object,
             GError      **error)
{
  figure->id = g_intern_string (json_object_get_string_member (object, "id"));
  figure->rule = g_intern_string (json_object_get_string_member (object, "rule"));
  ulist_load (&figure->cues, object, "cues");
  ulist_load (&figure->context, object, "context");
  ulist_load (&figure->exclude, object, "exclude");
  ulist_load (&figure->units, object, "units");
  figure->money = json_object_get_boolean_member_with_default (object, "money", FALSE);
  if (!readings_load (&figure->readings, array_member (object, "readings"), error)
      || !readings_load (&figure->share_of, array_member (object, "share_of"), error)
      || !readings_load (&figure->upheld, array_member (object, "upheld"), error))
    return FALSE;
  if (json_object_has_member (object, "objects"))
    {
      JsonObject *objects = json_object_get_object_member (object, "objects");
      g_autoptr(GList) names = json_object_get_members (objects);
      guint i = 0;

      figure->n_objects = g_list_length (names);
      figure->objects = g_new0 (NbLexObject, figure->n_objects);
      for (GList *l = names; l != NULL; l = l->next, i++)
        {
          ustr_init (&figure->objects[i].word, l->data);
          if (!readings_load (&figure->objects[i].readings,
                              json_object_get_array_member (objects, l->data), error))
            return FALSE;
        }
      qsort (figure->objects, figure->n_objects, sizeof (NbLexObject), compare_by_length);
    }
  return TRUE;
}

void
nb_lexicon_free (NbLexicon *self)
{
  if (self == NULL)
    return;
  ulist_clear (&self->count_units);
  for (guint i = 0; i < self->n_money_units; i++)
    g_free (self->money_units[i].chars);
  g_free (self->money_units);
  g_free (self->money_factors);
  ulist_clear (&self->percent_units);
  ulist_clear (&self->approximate_before);
  ulist_clear (&self->approximate_after);
  ulist_clear (&self->exclude);
  ulist_clear (&self->share_cues);
  ulist_clear (&self->all_upheld);
  ulist_clear (&self->none_stated);
  for (guint f = 0; f < self->n_figures; f++)
    {
      NbLexFigure *figure = &self->figures[f];

      ulist_clear (&figure->cues);
      ulist_clear (&figure->context);
      ulist_clear (&figure->exclude);
      ulist_clear (&figure->units);
      readings_clear (&figure->readings);
      readings_clear (&figure->share_of);
      readings_clear (&figure->upheld);
      for (guint o = 0; o < figure->n_objects; o++)
        {
          g_free (figure->objects[o].word.chars);
          readings_clear (&figure->objects[o].readings);
        }
      g_free (figure->objects);
    }
  g_free (self->figures);
  ulist_clear (&self->enumeration_suffixes);
  ulist_clear (&self->placeholders);
  ulist_clear (&self->slot_cues);
  ulist_clear (&self->slot_measures);
  ulist_clear (&self->slot_before_ok);
  ulist_clear (&self->slot_compounds);
  ulist_clear (&self->comparison_before);
  ulist_clear (&self->comparison_after);
  ulist_clear (&self->fee_words);
  readings_clear (&self->fee_cells);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbLexicon, nb_lexicon_free)

NbLexicon *
nb_lexicon_new_from_bytes (GBytes  *json,
                           GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(NbLexicon) self = g_new0 (NbLexicon, 1);
  JsonObject *root, *numbers, *money, *proofreading;
  JsonArray *figures;
  g_autoptr(GList) names = NULL;
  guint i = 0;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (json, NULL),
                                   (gssize)g_bytes_get_size (json), error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  numbers = json_object_get_object_member (root, "numbers");
  proofreading = json_object_get_object_member (root, "proofreading");
  figures = json_object_get_array_member (root, "figures");
  if (numbers == NULL || proofreading == NULL || figures == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "lexicon: numbers, figures or proofreading missing");
      return NULL;
    }

  ulist_load (&self->count_units, numbers, "count_units");
  ulist_load (&self->percent_units, numbers, "percent_units");
  ulist_load (&self->approximate_before, numbers, "approximate_before");
  ulist_load (&self->approximate_after, numbers, "approximate_after");
  money = json_object_get_object_member (numbers, "money_units");
  names = json_object_get_members (money);
  self->n_money_units = g_list_length (names);
  self->money_units = g_new0 (NbUStr, self->n_money_units);
  self->money_factors = g_new0 (gint64, self->n_money_units);
  for (GList *l = names; l != NULL; l = l->next, i++)
    {
      ustr_init (&self->money_units[i], l->data);
      self->money_factors[i] = json_object_get_int_member (money, l->data);
    }
  ulist_load (&self->exclude, root, "exclude");
  ulist_load (&self->share_cues, root, "share_cues");
  ulist_load (&self->all_upheld, root, "all_upheld");
  ulist_load (&self->none_stated, root, "none_stated");

  self->n_figures = json_array_get_length (figures);
  self->figures = g_new0 (NbLexFigure, self->n_figures);
  for (guint f = 0; f < self->n_figures; f++)
    if (!figure_load (&self->figures[f], json_array_get_object_element (figures, f), error))
      return NULL;

  ulist_load (&self->enumeration_suffixes, proofreading, "enumeration_suffixes");
  ulist_load (&self->placeholders, proofreading, "placeholders");
  ulist_load (&self->slot_cues, proofreading, "slot_cues");
  ulist_load (&self->slot_measures, proofreading, "slot_measures");
  ulist_load (&self->slot_before_ok, proofreading, "slot_before_ok");
  ulist_load (&self->slot_compounds, proofreading, "slot_compounds");
  ulist_load (&self->comparison_before, proofreading, "comparison_before");
  ulist_load (&self->comparison_after, proofreading, "comparison_after");
  ulist_load (&self->fee_words, proofreading, "fee_words");
  self->fee_section = g_intern_string (json_object_get_string_member_with_default (proofreading,
                                                                                  "fee_section", ""));
  self->year_window = (guint)json_object_get_int_member_with_default (proofreading, "year_window", 3);
  if (!readings_load (&self->fee_cells, NULL, error))
    return NULL;
  if (json_object_has_member (proofreading, "fee_cells"))
    {
      /* One reading: the cells any of which, when not 0, asks for the mention. */
      JsonArray *cells = json_object_get_array_member (proofreading, "fee_cells");
      g_autoptr(JsonArray) wrapped = json_array_new ();

      json_array_add_array_element (wrapped, json_array_ref (cells));
      readings_clear (&self->fee_cells);
      if (!readings_load (&self->fee_cells, wrapped, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

/* The built-in lexicon, loaded once; the checker runs in several threads. */
const NbLexicon *
nb_lexicon_get (void)
{
  static NbLexicon *lexicon;

  if (g_once_init_enter (&lexicon))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      NbLexicon *loaded;

      g_resources_register (nb_core_get_resource ());
      bytes = g_resources_lookup_data (LEXICON_RESOURCE, 0, &error);
      loaded = bytes ? nb_lexicon_new_from_bytes (bytes, &error) : NULL;
      /* Built into the program: a broken one is a build defect. */
      if (loaded == NULL)
        g_error ("%s: %s", LEXICON_RESOURCE, error->message);
      g_once_init_leave (&lexicon, loaded);
    }
  return lexicon;
}

gboolean
nb_ustr_ends_at (const gunichar *text,
                 guint           end,
                 const NbUStr   *word)
{
  if (word->len > end)
    return FALSE;
  return memcmp (text + end - word->len, word->chars, word->len * sizeof (gunichar)) == 0;
}

/* The first word of the list found anywhere in [start, end), or -1. */
int
nb_ulist_find_in (const NbUList  *list,
                  const gunichar *text,
                  guint           start,
                  guint           end)
{
  for (guint at = start; at < end; at++)
    for (guint w = 0; w < list->n; w++)
      if (list->items[w].len > 0 && text[at] == list->items[w].chars[0]
          && nb_ustr_at (text, end, at, &list->items[w]))
        return (int)w;
  return -1;
}

/* The longest word of the list that starts at at, or -1. */
int
nb_ulist_match_at (const NbUList  *list,
                   const gunichar *text,
                   guint           n,
                   guint           at)
{
  for (guint w = 0; w < list->n; w++)
    if (nb_ustr_at (text, n, at, &list->items[w]))
      return (int)w;
  return -1;
}
