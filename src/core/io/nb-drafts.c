/* nb-drafts.c: the app's data folder: drafts, session markers
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

const char *
nb_drafts_get_data_dir (void)
{
  static char *dir;

  if (g_once_init_enter (&dir))
    g_once_init_leave (&dir, g_build_filename (g_get_user_data_dir (), "nianbao", NULL));
  return dir;
}

char *
_nb_drafts_subdir (const char *name)
{
  return g_build_filename (nb_drafts_get_data_dir (), name, NULL);
}

/* Ids and keys become file names: nothing but letters, digits and '-'. */
gboolean
_nb_drafts_is_safe_name (const char *name)
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
      g_autofree char *dir = _nb_drafts_subdir ("sessions");
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

  if (!_nb_drafts_is_safe_name (id))
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

  g_return_val_if_fail (_nb_drafts_is_safe_name (id), NULL);
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
  g_autofree char *dir = _nb_drafts_subdir ("drafts");
  g_autofree char *info_path = NULL;
  g_autofree char *pending_path = NULL;
  g_autofree char *draft_path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *old_info = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(GBytes) pending_bytes = NULL;
  gsize info_length;

  g_return_val_if_fail (_nb_drafts_is_safe_name (id), FALSE);
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

  g_return_if_fail (_nb_drafts_is_safe_name (id));

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

  g_return_val_if_fail (_nb_drafts_is_safe_name (id), FALSE);

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

  if (!_nb_drafts_is_safe_name (id)
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
  g_autofree char *dir = _nb_drafts_subdir ("drafts");
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
      if (!_nb_drafts_is_safe_name (id))
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
