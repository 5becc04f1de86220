/* nb-history.c: the version history and the published copies, in the
 * app's data folder
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-history"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "nb-drafts-private.h"
#include "nb-drafts.h"
#include "nb-file.h"
#include "nb-history.h"

G_DEFINE_BOXED_TYPE (NbHistoryEntry, nb_history_entry, nb_history_entry_copy,
                     nb_history_entry_free)

NbHistoryEntry *
nb_history_entry_copy (const NbHistoryEntry *entry)
{
  NbHistoryEntry *copy = g_new0 (NbHistoryEntry, 1);

  copy->path = g_strdup (entry->path);
  copy->time = entry->time ? g_date_time_ref (entry->time) : NULL;
  copy->size = entry->size;
  return copy;
}

void
nb_history_entry_free (NbHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->path);
  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry);
}

char *
nb_history_key_for_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);

  return g_strndup (hash, 32);
}

char *
nb_history_key_for_draft (const char *id)
{
  return g_strconcat ("draft-", id, NULL);
}

static char *
history_dir (const char *key)
{
  return g_build_filename (nb_drafts_get_data_dir (), "history", key, NULL);
}

/* Not "<microseconds>.nianbao": no version list or limit ever drops it. */
#define PUBLISHED_NAME "published.nianbao"

char *
nb_history_dup_published_path (const char *key)
{
  g_autofree char *dir = NULL;
  char *path;

  g_return_val_if_fail (_nb_drafts_is_safe_name (key), NULL);

  dir = history_dir (key);
  path = g_build_filename (dir, PUBLISHED_NAME, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

gboolean
nb_history_set_published (const char  *key,
                          GBytes      *bytes,
                          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (_nb_drafts_is_safe_name (key), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  dir = history_dir (key);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  path = g_build_filename (dir, PUBLISHED_NAME, NULL);
  return nb_file_write_bytes (path, bytes, error);
}

static char *
published_path (const char *sha256)
{
  g_autofree char *name = g_strconcat (sha256, ".nianbao", NULL);

  return g_build_filename (nb_drafts_get_data_dir (), "published", name, NULL);
}

gboolean
nb_published_store (GBytes  *bytes,
                    char   **sha256,
                    GError **error)
{
  g_autofree char *digest = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  path = published_path (digest);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (!nb_file_write_bytes (path, bytes, error))
    return FALSE;
  *sha256 = g_steal_pointer (&digest);
  return TRUE;
}

char *
nb_published_dup_path (const char *sha256)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *digest = NULL;

  g_return_val_if_fail (sha256 != NULL, NULL);

  if (!nb_file_is_sha256 (sha256))
    return NULL;
  path = published_path (sha256);
  bytes = nb_file_read_regular (path, NB_FILE_MAX_SIZE, NULL, NULL);
  if (bytes == NULL)
    return NULL;
  /* A copy changed since it was frozen is not the published version. */
  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!g_str_equal (digest, sha256))
    return NULL;
  return g_steal_pointer (&path);
}

static int
compare_entries_oldest_first (gconstpointer a,
                              gconstpointer b)
{
  const NbHistoryEntry *ea = *(NbHistoryEntry * const *)a;
  const NbHistoryEntry *eb = *(NbHistoryEntry * const *)b;

  return g_date_time_compare (ea->time, eb->time);
}

/* Names are "<microseconds since 1970>.nianbao"; anything else (a temporary
 * file of an interrupted write) is skipped. */
static gboolean
parse_entry_name (const char *name,
                  gint64     *usec)
{
  g_autofree char *digits = NULL;
  guint64 value;

  if (!g_str_has_suffix (name, ".nianbao"))
    return FALSE;
  digits = g_strndup (name, strlen (name) - strlen (".nianbao"));
  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *usec = (gint64)value;
  return TRUE;
}

GPtrArray *
nb_history_list (const char *key)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_history_entry_free);
  g_autofree char *dir = NULL;
  g_autoptr(GDir) gdir = NULL;
  const char *name;

  g_return_val_if_fail (_nb_drafts_is_safe_name (key), entries);

  dir = history_dir (key);
  gdir = g_dir_open (dir, 0, NULL);
  if (gdir == NULL)
    return entries;
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      NbHistoryEntry *entry;
      GStatBuf st;
      gint64 usec;
      g_autofree char *path = NULL;

      if (!parse_entry_name (name, &usec))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) != 0 || st.st_size == 0)
        continue;
      entry = g_new0 (NbHistoryEntry, 1);
      entry->path = g_steal_pointer (&path);
      entry->size = st.st_size;
      {
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

        entry->time = g_date_time_add (utc, usec % G_USEC_PER_SEC);
      }
      {
        GDateTime *local = g_date_time_to_local (entry->time);

        g_date_time_unref (entry->time);
        entry->time = local;
      }
      g_ptr_array_add (entries, entry);
    }
  g_ptr_array_sort (entries, compare_entries_oldest_first);
  return entries;
}

static void
remove_history_dir (const char *dir)
{
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  const char *name;

  if (gdir == NULL)
    return;
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
nb_history_move (const char *from_key,
                 const char *to_key)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_if_fail (_nb_drafts_is_safe_name (from_key));
  g_return_if_fail (_nb_drafts_is_safe_name (to_key));

  from = history_dir (from_key);
  to = history_dir (to_key);
  /* The file's own versions, if it has some, win; the draft's go. */
  if (g_file_test (to, G_FILE_TEST_EXISTS) || g_rename (from, to) != 0)
    remove_history_dir (from);
}

void
nb_history_prune (guint max_age_days)
{
  g_autofree char *root = _nb_drafts_subdir ("history");
  g_autoptr(GDir) gdir = g_dir_open (root, 0, NULL);
  gint64 now = g_get_real_time ();
  const char *name;

  if (gdir == NULL)
    return;
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autoptr(GPtrArray) entries = NULL;
      g_autofree char *dir = NULL;
      NbHistoryEntry *newest;

      if (!_nb_drafts_is_safe_name (name))
        continue;
      dir = g_build_filename (root, name, NULL);
      /* The published version is a record, not an autosave: kept. */
      {
        g_autofree char *published = g_build_filename (dir, PUBLISHED_NAME, NULL);

        if (g_file_test (published, G_FILE_TEST_EXISTS))
          continue;
      }
      entries = nb_history_list (name);
      if (entries->len > 0)
        {
          newest = g_ptr_array_index (entries, entries->len - 1);
          if (now - g_date_time_to_unix (newest->time) * G_USEC_PER_SEC
              < (gint64)max_age_days * G_TIME_SPAN_DAY)
            continue;
        }
      remove_history_dir (dir);
    }
}

static gboolean
same_content (const char *path,
              GBytes     *bytes)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  return length == g_bytes_get_size (bytes) && memcmp (data, g_bytes_get_data (bytes, NULL),
                                                       length) == 0;
}

gboolean
nb_history_add (const char  *key,
                GBytes      *bytes,
                guint        limit,
                guint        min_interval_s,
                GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 now = g_get_real_time ();
  goffset total = 0;
  gsize length;
  const char *data;

  g_return_val_if_fail (_nb_drafts_is_safe_name (key), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  dir = history_dir (key);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  entries = nb_history_list (key);
  if (entries->len > 0)
    {
      NbHistoryEntry *newest = g_ptr_array_index (entries, entries->len - 1);

      /* A save without a change (Ctrl+S twice) is not a new version. */
      if (same_content (newest->path, bytes))
        return TRUE;
      /* The newest only stands for "the latest state" until the next one,
       * unless it is far enough from the version before it. */
      if (entries->len >= 2)
        {
          NbHistoryEntry *before = g_ptr_array_index (entries, entries->len - 2);

          if (g_date_time_difference (newest->time, before->time)
              < (GTimeSpan)min_interval_s * G_TIME_SPAN_SECOND)
            {
              g_unlink (newest->path);
              g_ptr_array_remove_index (entries, entries->len - 1);
            }
        }
    }

  /* Strictly increasing names, even when the clock steps back. */
  if (entries->len > 0)
    {
      NbHistoryEntry *newest = g_ptr_array_index (entries, entries->len - 1);
      gint64 last = g_date_time_to_unix (newest->time) * G_USEC_PER_SEC
                    + g_date_time_get_microsecond (newest->time);

      if (now <= last)
        now = last + 1;
    }
  name = g_strdup_printf ("%" G_GINT64_FORMAT ".nianbao", now);
  path = g_build_filename (dir, name, NULL);
  data = g_bytes_get_data (bytes, &length);
  /* Consistent (temporary file + rename) but not flushed: a version is a
   * convenience, and an empty one after a power cut is skipped. */
  if (!g_file_set_contents_full (path, data, (gssize)length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return FALSE;

  g_ptr_array_unref (g_steal_pointer (&entries));
  entries = nb_history_list (key);
  for (guint i = 0; i < entries->len; i++)
    total += ((NbHistoryEntry *)g_ptr_array_index (entries, i))->size;
  for (guint i = 0; i + 1 < entries->len; i++)
    {
      NbHistoryEntry *oldest = g_ptr_array_index (entries, i);

      if (entries->len - i <= MAX (limit, 1) && total <= NB_HISTORY_MAX_BYTES)
        break;
      g_unlink (oldest->path);
      total -= oldest->size;
    }
  return TRUE;
}

gboolean
nb_history_restore (NbReport  *report,
                    NbReport  *version,
                    GError   **error)
{
  NbEdition *edition = nb_report_get_edition (report);

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (NB_IS_REPORT (version), FALSE);

  if (g_strcmp0 (nb_edition_get_id (edition), nb_edition_get_id (nb_report_get_edition (version)))
      != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This version uses the %s format edition; the report uses %s"),
                   nb_edition_get_id (nb_report_get_edition (version)),
                   nb_edition_get_id (edition));
      return FALSE;
    }

  /* One user action: one Undo takes it all back. */
  nb_report_begin_user_action (report);
  nb_report_set_agency (report, nb_report_get_agency (version));
  nb_report_set_year (report, nb_report_get_year (version));
  nb_report_set_address (report, nb_report_get_address (version));
  nb_report_set_postcode (report, nb_report_get_postcode (version));
  nb_report_set_phone (report, nb_report_get_phone (version));
  nb_report_set_fee_decimals (report, nb_report_get_fee_decimals (version));
  nb_report_set_level (report, nb_report_get_level (version));
  nb_report_set_sources (report, nb_report_get_sources (version));
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);

      if (section->table_id == NULL)
        nb_report_set_paragraphs (report, section->id,
                                  nb_report_get_paragraphs (version, section->id));
    }
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const char *invalid = NULL;
          gint64 value = 0;
          NbCellState state = nb_report_get_cell (version, table, c, &value, &invalid);

          nb_report_set_stated (report, table, c, state, value, invalid);
        }
    }
  nb_report_end_user_action (report);
  return TRUE;
}

guint
nb_history_count_differences (NbReport *report,
                              NbReport *version)
{
  NbEdition *edition = nb_report_get_edition (report);
  const char * const *sources_a;
  const char * const *sources_b;
  guint count = 0;

  g_return_val_if_fail (NB_IS_REPORT (report), G_MAXUINT);
  g_return_val_if_fail (NB_IS_REPORT (version), G_MAXUINT);

  if (g_strcmp0 (nb_edition_get_id (edition), nb_edition_get_id (nb_report_get_edition (version)))
      != 0)
    return G_MAXUINT;

  count += g_strcmp0 (nb_report_get_agency (report), nb_report_get_agency (version)) != 0;
  count += nb_report_get_year (report) != nb_report_get_year (version);
  count += g_strcmp0 (nb_report_get_address (report), nb_report_get_address (version)) != 0;
  count += g_strcmp0 (nb_report_get_postcode (report), nb_report_get_postcode (version)) != 0;
  count += g_strcmp0 (nb_report_get_phone (report), nb_report_get_phone (version)) != 0;
  count += nb_report_get_fee_decimals (report) != nb_report_get_fee_decimals (version);
  count += nb_report_get_level (report) != nb_report_get_level (version);
  sources_a = nb_report_get_sources (report);
  sources_b = nb_report_get_sources (version);
  count += !((sources_a == NULL && sources_b == NULL)
             || (sources_a != NULL && sources_b != NULL
                 && g_strv_equal ((const char **)sources_a, (const char **)sources_b)));

  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      GPtrArray *a, *b;
      gboolean same;

      if (section->table_id != NULL)
        continue;
      a = nb_report_get_paragraphs (report, section->id);
      b = nb_report_get_paragraphs (version, section->id);
      same = a->len == b->len;
      for (guint p = 0; same && p < a->len; p++)
        same = nb_paragraph_equal (g_ptr_array_index (a, p), g_ptr_array_index (b, p));
      count += !same;
    }

  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const char *invalid_a = NULL, *invalid_b = NULL;
          gint64 value_a = 0, value_b = 0;
          NbCellState state_a = nb_report_get_cell (report, table, c, &value_a, &invalid_a);
          NbCellState state_b = nb_report_get_cell (version, table, c, &value_b, &invalid_b);

          if (nb_edition_table_get_cell (table, c)->computed)
            continue;
          count += state_a != state_b || (state_a == NB_CELL_VALUE && value_a != value_b)
                   || (state_a == NB_CELL_INVALID && g_strcmp0 (invalid_a, invalid_b) != 0);
        }
    }
  return count;
}

