/* nb-import-edition.c: which edition's labels the document uses
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-import-map-private.h"

static void
collect_edition_labels (NbEdition  *edition,
                        GHashTable *set)
{
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);
      NbImportTableInfo *info = _nb_import_table_info_new (edition, table);
      GHashTableIter iter;
      gpointer key;

      for (guint r = 0; r < info->rows->len; r++)
        {
          NbImportRowInfo *ri = g_ptr_array_index (info->rows, r);

          if (*ri->label != '\0')
            g_hash_table_add (set, g_strdup (ri->label));
        }
      g_hash_table_iter_init (&iter, info->headers);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (set, g_strdup (key));
      g_hash_table_iter_init (&iter, info->groups);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (set, g_strdup (key));
      _nb_import_table_info_free (info);
    }
}

NbEdition *
_nb_import_detect_edition (NbImportMapper  *m,
                           int              year,
                           char           **reason)
{
  const char * const *ids = nb_edition_list_ids ();
  guint n = g_strv_length ((char **)ids);
  g_autofree guint *scores = g_new0 (guint, n);
  g_autofree char **examples = g_new0 (char *, n);
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  guint best = 0;
  gboolean tie = FALSE;
  const char *id;

  for (guint e = 0; e < n; e++)
    {
      g_autoptr(NbEdition) edition = nb_edition_lookup (ids[e], NULL);
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (edition != NULL)
        collect_edition_labels (edition, set);
      g_ptr_array_add (sets, set);
    }

  /* A label counts for an edition when no other edition has it. */
  for (guint b = 0; b < m->doc->blocks->len; b++)
    {
      NbImportBlock *block = g_ptr_array_index (m->doc->blocks, b);

      if (block->kind != NB_IMPORT_BLOCK_TABLE)
        continue;
      for (guint r = 0; r < block->rows->len; r++)
        {
          NbImportRow *row = g_ptr_array_index (block->rows, r);

          for (guint c = 0; c < row->cells->len; c++)
            {
              const char *text = g_ptr_array_index (row->cells, c);
              g_autofree char *key = NULL;
              int owner = -1;

              if (!_nb_import_has_letters (text))
                continue;
              key = nb_import_normalize_label (text);
              for (guint e = 0; e < n; e++)
                if (g_hash_table_contains (g_ptr_array_index (sets, e), key))
                  owner = owner == -1 ? (int)e : -2;
              if (owner >= 0)
                {
                  scores[owner]++;
                  if (examples[owner] == NULL)
                    examples[owner] = g_strdup (text);
                }
            }
        }
    }

  for (guint e = 1; e < n; e++)
    if (scores[e] > scores[best])
      best = e;
  for (guint e = 0; e < n; e++)
    if (e != best && scores[e] == scores[best])
      tie = TRUE;

  if (scores[best] == 0 || tie)
    {
      id = year != 0 ? nb_edition_id_for_year (year) : nb_edition_default_id ();
      *reason = year != 0 ? g_strdup_printf (_("edition %s (the one for %d; the tables do not tell)"), id, year)
                          : g_strdup_printf (_("edition %s (the default; the tables do not tell)"), id);
    }
  else
    {
      id = ids[best];
      *reason = g_strdup_printf (_("edition %s (from the table labels)"), id);
      for (guint e = 0; e < n; e++)
        if (e != best && scores[e] > 0)
          _nb_import_add_finding (m, NB_SEVERITY_WARNING, "EDITION-MIXED", NULL,
                                  g_strdup_printf (_("The tables mostly follow edition %s, but %u labels belong to edition %s only, such as “%s”"),
                                                   id, scores[e], ids[e], examples[e]));
    }
  for (guint e = 0; e < n; e++)
    g_free (examples[e]);
  return nb_edition_lookup (id, NULL);
}
