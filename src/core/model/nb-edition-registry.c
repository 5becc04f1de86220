/* nb-edition-registry.c: the built-in editions, loaded from the resources
 * when first asked for
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-edition"

#include "config.h"

#include "nb-core-resources.h"
#include "nb-edition-private.h"

#define EDITIONS_RESOURCE_PATH "/io/github/nianbao/Nianbao/editions/"

G_LOCK_DEFINE_STATIC (registry);
static GHashTable *registry;
static char      **registry_ids;

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
registry_ensure_locked (void)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_auto(GStrv) names = NULL;

  if (registry != NULL)
    return;

  /* Referencing the resource keeps the linker from dropping it. */
  g_resources_register (nb_core_get_resource ());
  registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  names = g_resources_enumerate_children (EDITIONS_RESOURCE_PATH, 0, NULL);
  ids = g_ptr_array_new ();
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".json"))
      g_ptr_array_add (ids, g_strndup (names[i], strlen (names[i]) - strlen (".json")));
  /* Newest first: the default edition leads the list. */
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len / 2; i++)
    {
      gpointer tmp = ids->pdata[i];

      ids->pdata[i] = ids->pdata[ids->len - 1 - i];
      ids->pdata[ids->len - 1 - i] = tmp;
    }
  g_ptr_array_add (ids, NULL);
  registry_ids = (char **)g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

const char * const *
nb_edition_list_ids (void)
{
  G_LOCK (registry);
  registry_ensure_locked ();
  G_UNLOCK (registry);
  return (const char * const *)registry_ids;
}

const char *
nb_edition_default_id (void)
{
  return nb_edition_list_ids ()[0];
}

NbEdition *
nb_edition_lookup (const char  *id,
                   GError     **error)
{
  NbEdition *edition;

  g_return_val_if_fail (id != NULL, NULL);

  G_LOCK (registry);
  registry_ensure_locked ();
  edition = g_hash_table_lookup (registry, id);
  if (edition == NULL && g_strv_contains ((const char * const *)registry_ids, id))
    {
      g_autofree char *path = g_strconcat (EDITIONS_RESOURCE_PATH, id, ".json", NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);

      if (bytes != NULL)
        edition = nb_edition_new_from_bytes (bytes, error);
      if (edition != NULL)
        g_hash_table_insert (registry, g_strdup (id), edition);
    }
  else if (edition == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", registry_ids);

      g_set_error (error, NB_EDITION_ERROR, NB_EDITION_ERROR_UNKNOWN,
                   "Unknown format edition “%s” (known editions: %s)", id, known);
    }
  G_UNLOCK (registry);

  return edition ? g_object_ref (edition) : NULL;
}

const char *
nb_edition_id_for_year (int year)
{
  const char * const *ids = nb_edition_list_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(NbEdition) edition = nb_edition_lookup (ids[i], NULL);

      if (edition != NULL && year >= edition->first_year
          && (edition->last_year == 0 || year <= edition->last_year))
        return ids[i];
    }
  return nb_edition_default_id ();
}
