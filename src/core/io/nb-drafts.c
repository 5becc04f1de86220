/* nb-drafts.c: the app's data folder: drafts, session markers, version history
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-drafts"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "nb-drafts-private.h"
#include "nb-drafts.h"
#include "nb-file.h"

#define DRAFT_GROUP "Draft"

G_LOCK_DEFINE_STATIC (session);
static char *session_id;
static int   session_fd = -1;

static NbDraftsStepFunc step_func;

G_DEFINE_BOXED_TYPE (NbDraftInfo, nb_draft_info, nb_draft_info_copy, nb_draft_info_free)
G_DEFINE_BOXED_TYPE (NbHistoryEntry, nb_history_entry, nb_history_entry_copy,
                     nb_history_entry_free)

NbDraftInfo *
nb_draft_info_copy (const NbDraftInfo *info)
{
  NbDraftInfo *copy = g_new0 (NbDraftInfo, 1);

  copy->id = g_strdup (info->id);
  copy->path = g_strdup (info->path);
  copy->file_path = g_strdup (info->file_path);
  copy->title = g_strdup (info->title);
  copy->modified = info->modified ? g_date_time_ref (info->modified) : NULL;
  copy->base = g_strdup (info->base);
  return copy;
}

void
nb_draft_info_free (NbDraftInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->path);
  g_free (info->file_path);
  g_free (info->title);
  g_clear_pointer (&info->modified, g_date_time_unref);
  g_free (info->base);
  g_free (info);
}

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

const char *
nb_drafts_get_data_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, g_build_filename (g_get_user_data_dir (), "nianbao", NULL));
  return dir;
}

static char *
subdir (const char *name)
{
  return g_build_filename (nb_drafts_get_data_dir (), name, NULL);
}

/* Ids and keys become file names: nothing but letters, digits and '-'. */
static gboolean
is_safe_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 128)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_sha256 (const char *hex)
{
  if (strlen (hex) != 64)
    return FALSE;
  for (const char *p = hex; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* Sessions */

const char *
nb_drafts_get_session_id (void)
{
  const char *id;

  G_LOCK (session);
  if (session_id == NULL)
    {
      g_autofree char *dir = subdir ("sessions");
      g_autofree char *id_new = g_uuid_string_random ();
      g_autofree char *name = g_strconcat (id_new, ".lock", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      int fd = -1;

      /* Without a lock the session still works; it only looks crashed to a
       * second instance, which is the safe side: drafts get offered, not lost. */
      if (g_mkdir_with_parents (dir, 0700) == 0)
        fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          fd = -1;
        }
      if (fd < 0)
        g_warning ("Could not create the session marker %s: %s", path, g_strerror (errno));
      else
        {
          g_autofree char *pid = g_strdup_printf ("%d\n", (int)getpid ());

          if (write (fd, pid, strlen (pid)) < 0)
            {
              /* Only informative. */
            }
        }
      session_fd = fd;
      session_id = g_steal_pointer (&id_new);
    }
  id = session_id;
  G_UNLOCK (session);
  return id;
}

/* A clean quit: the marker goes, so nothing of this session is "crashed". */
void
nb_drafts_end_session (void)
{
  G_LOCK (session);
  if (session_id != NULL)
    {
      g_autofree char *name = g_strconcat (session_id, ".lock", NULL);
      g_autofree char *path = g_build_filename (nb_drafts_get_data_dir (), "sessions", name,
                                                NULL);

      g_unlink (path);
      if (session_fd >= 0)
        close (session_fd);
      session_fd = -1;
      g_clear_pointer (&session_id, g_free);
    }
  G_UNLOCK (session);
}

static gboolean
session_is_alive (const char *id)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gboolean alive;
  int fd;

  if (!is_safe_name (id))
    return FALSE;
  G_LOCK (session);
  alive = g_strcmp0 (id, session_id) == 0;
  G_UNLOCK (session);
  if (alive)
    return TRUE;

  name = g_strconcat (id, ".lock", NULL);
  path = g_build_filename (nb_drafts_get_data_dir (), "sessions", name, NULL);
  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  /* The kernel drops a dead process's lock: if we can take it, nobody holds it. */
  alive = flock (fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);
  if (!alive)
    g_unlink (path);
  return alive;
}

/* Drafts */

void
nb_drafts_set_step_func (NbDraftsStepFunc func)
{
  step_func = func;
}

static void
step_done (const char *step)
{
  if (step_func != NULL)
    step_func (step);
}

char *
nb_drafts_new_id (void)
{
  return g_uuid_string_random ();
}

char *
nb_drafts_get_draft_path (const char *id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (is_safe_name (id), NULL);
  name = g_strconcat (id, ".nianbao", NULL);
  return g_build_filename (nb_drafts_get_data_dir (), "drafts", name, NULL);
}

static char *
draft_info_path (const char *id)
{
  g_autofree char *name = g_strconcat (id, ".ini", NULL);

  return g_build_filename (nb_drafts_get_data_dir (), "drafts", name, NULL);
}

static char *
pending_info_path (const char *id)
{
  g_autofree char *name = g_strconcat (id, ".ini.next", NULL);

  return g_build_filename (nb_drafts_get_data_dir (), "drafts", name, NULL);
}

/* The info as written, less the content's checksum (which changes with
 * every content and matters only while the info is pending). */
static char *
info_without_checksum (const char *path)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_COMMENTS, NULL))
    return NULL;
  g_key_file_remove_key (keyfile, DRAFT_GROUP, "content", NULL);
  return g_key_file_to_data (keyfile, NULL, NULL);
}

/* A draft is two files, and no write of two files is atomic; so a new info
 * waits beside the draft as <id>.ini.next, with the checksum of the content
 * it goes with, until that content is written; then it replaces the old
 * info.  A kill before the content lands leaves the old pair (the pending
 * info's checksum names content that is not there, and the next start
 * drops it); a kill after leaves the new content, and the next start
 * completes the new pair (settle_pending_info).  The content comes first:
 * once the work is on disk, it is what the next start offers. */
gboolean
nb_drafts_write (const char  *id,
                 const char  *file_path,
                 const char  *base,
                 const char  *title,
                 GBytes      *bytes,
                 GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *dir = subdir ("drafts");
  g_autofree char *info_path = NULL;
  g_autofree char *pending_path = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *old_info = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(GBytes) pending_bytes = NULL;
  gsize info_length;

  g_return_val_if_fail (is_safe_name (id), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  g_key_file_set_string (keyfile, DRAFT_GROUP, "session", nb_drafts_get_session_id ());
  g_key_file_set_string (keyfile, DRAFT_GROUP, "file", file_path ? file_path : "");
  g_key_file_set_string (keyfile, DRAFT_GROUP, "title", title ? title : "");
  /* Added later: a draft without it is from an older version (base unknown). */
  if (file_path != NULL && base != NULL && *base != '\0')
    g_key_file_set_string (keyfile, DRAFT_GROUP, "base", base);
  info = g_key_file_to_data (keyfile, NULL, NULL);
  info_path = draft_info_path (id);
  draft_path = nb_drafts_get_draft_path (id);

  /* The info rarely changes: then the content alone is written, in one
   * atomic step, sparing the info's flush. */
  old_info = info_without_checksum (info_path);
  if (g_strcmp0 (old_info, info) == 0)
    {
      if (!nb_file_write_bytes (draft_path, bytes, error))
        return FALSE;
      step_done ("content");
      return TRUE;
    }

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_key_file_set_string (keyfile, DRAFT_GROUP, "content", checksum);
  g_clear_pointer (&info, g_free);
  info = g_key_file_to_data (keyfile, &info_length, NULL);
  pending_bytes = g_bytes_new_take (g_steal_pointer (&info), info_length);
  pending_path = pending_info_path (id);
  if (!nb_file_write_bytes (pending_path, pending_bytes, error))
    return FALSE;
  step_done ("pending info");
  if (!nb_file_write_bytes (draft_path, bytes, error))
    {
      g_unlink (pending_path);
      return FALSE;
    }
  step_done ("content");
  if (g_rename (pending_path, info_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write the file %s: %s"), info_path, g_strerror (saved_errno));
      return FALSE;
    }
  step_done ("info");
  return TRUE;
}

void
nb_drafts_remove (const char *id)
{
  g_autofree char *draft_path = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *pending_path = NULL;

  g_return_if_fail (is_safe_name (id));

  /* Content first: an info without content is ignored, never the reverse;
   * a pending info without its content is dropped. */
  draft_path = nb_drafts_get_draft_path (id);
  info_path = draft_info_path (id);
  pending_path = pending_info_path (id);
  g_unlink (draft_path);
  g_unlink (pending_path);
  g_unlink (info_path);
}

gboolean
nb_drafts_adopt (const char  *id,
                 GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *info_path = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_return_val_if_fail (is_safe_name (id), FALSE);

  info_path = draft_info_path (id);
  if (!g_key_file_load_from_file (keyfile, info_path, G_KEY_FILE_NONE, error))
    return FALSE;
  g_key_file_set_string (keyfile, DRAFT_GROUP, "session", nb_drafts_get_session_id ());
  info = g_key_file_to_data (keyfile, &length, NULL);
  bytes = g_bytes_new_take (g_steal_pointer (&info), length);
  return nb_file_write_bytes (info_path, bytes, error);
}

static int
compare_drafts_newest_first (gconstpointer a,
                             gconstpointer b)
{
  const NbDraftInfo *da = *(NbDraftInfo * const *)a;
  const NbDraftInfo *db = *(NbDraftInfo * const *)b;

  return g_date_time_compare (db->modified, da->modified);
}

/* A pending info a dead session left (see nb_drafts_write): it becomes the
 * info if the content it names was written, and goes otherwise. */
static void
settle_pending_info (const char *dir,
                     const char *name)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *id = g_strndup (name, strlen (name) - strlen (".ini.next"));
  g_autofree char *pending_path = g_build_filename (dir, name, NULL);
  g_autofree char *session = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *content = NULL;
  g_autofree char *content_checksum = NULL;
  gsize length;

  if (!is_safe_name (id)
      || !g_key_file_load_from_file (keyfile, pending_path, G_KEY_FILE_KEEP_COMMENTS, NULL))
    return;
  session = g_key_file_get_string (keyfile, DRAFT_GROUP, "session", NULL);
  /* A live session may be between two steps of its write. */
  if (session_is_alive (session))
    return;
  checksum = g_key_file_get_string (keyfile, DRAFT_GROUP, "content", NULL);
  draft_path = nb_drafts_get_draft_path (id);
  if (checksum != NULL && g_file_get_contents (draft_path, &content, &length, NULL))
    content_checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)content,
                                                    length);
  if (content_checksum != NULL && g_str_equal (checksum, content_checksum))
    {
      g_autofree char *info_path = draft_info_path (id);

      if (g_rename (pending_path, info_path) == 0)
        return;
    }
  g_unlink (pending_path);
}

GPtrArray *
nb_drafts_list_orphans (void)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_draft_info_free);
  g_autofree char *dir = subdir ("drafts");
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (gdir == NULL)
    return drafts;

  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".ini.next"))
      g_ptr_array_add (pending, g_strdup (name));
  for (guint i = 0; i < pending->len; i++)
    settle_pending_info (dir, g_ptr_array_index (pending, i));
  g_dir_rewind (gdir);

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autoptr(GKeyFile) keyfile = g_key_file_new ();
      g_autofree char *id = NULL;
      g_autofree char *info_path = NULL;
      g_autofree char *session = NULL;
      g_autofree char *file_path = NULL;
      g_autofree char *base = NULL;
      GStatBuf st;
      NbDraftInfo *info;

      if (!g_str_has_suffix (name, ".ini"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".ini"));
      if (!is_safe_name (id))
        continue;
      info_path = g_build_filename (dir, name, NULL);
      if (!g_key_file_load_from_file (keyfile, info_path, G_KEY_FILE_NONE, NULL))
        continue;
      session = g_key_file_get_string (keyfile, DRAFT_GROUP, "session", NULL);
      if (session_is_alive (session))
        continue;

      info = g_new0 (NbDraftInfo, 1);
      info->id = g_steal_pointer (&id);
      info->path = nb_drafts_get_draft_path (info->id);
      if (g_stat (info->path, &st) != 0)
        {
          /* A removal cut short: the info alone is of no use. */
          g_unlink (info_path);
          nb_draft_info_free (info);
          continue;
        }
      file_path = g_key_file_get_string (keyfile, DRAFT_GROUP, "file", NULL);
      info->file_path = (file_path && *file_path) ? g_steal_pointer (&file_path) : NULL;
      info->title = g_key_file_get_string (keyfile, DRAFT_GROUP, "title", NULL);
      base = g_key_file_get_string (keyfile, DRAFT_GROUP, "base", NULL);
      if (info->file_path != NULL && base != NULL && is_sha256 (base))
        info->base = g_steal_pointer (&base);
      info->modified = g_date_time_new_from_unix_local (st.st_mtime);
      g_ptr_array_add (drafts, info);
    }
  g_ptr_array_sort (drafts, compare_drafts_newest_first);
  return drafts;
}

/* History */

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

  g_return_val_if_fail (is_safe_name (key), NULL);

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

  g_return_val_if_fail (is_safe_name (key), FALSE);
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

  g_return_val_if_fail (is_safe_name (key), entries);

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

  g_return_if_fail (is_safe_name (from_key));
  g_return_if_fail (is_safe_name (to_key));

  from = history_dir (from_key);
  to = history_dir (to_key);
  /* The file's own versions, if it has some, win; the draft's go. */
  if (g_file_test (to, G_FILE_TEST_EXISTS) || g_rename (from, to) != 0)
    remove_history_dir (from);
}

void
nb_history_prune (guint max_age_days)
{
  g_autofree char *root = subdir ("history");
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

      if (!is_safe_name (name))
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

  g_return_val_if_fail (is_safe_name (key), FALSE);
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
