/* nb-file-disk.c: files read only when regular, written atomically and durably
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-file"
#define _GNU_SOURCE /* renameat2 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nb-file.h"

/* Opens @path for reading, only if it is a regular file: a named pipe
 * would block a reader for ever (until something writes to it), a device
 * may never end.  O_NONBLOCK makes the open itself return at once for a
 * pipe; fstat() on the open descriptor then decides, so nothing can swap
 * the file between the check and the read.  Returns the descriptor, or -1. */
int
nb_file_open_regular (const char  *path,
                      goffset     *size,
                      GError     **error)
{
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, -1);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                   g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                   g_strerror (saved));
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      if (S_ISDIR (st.st_mode))
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                             _("This is a folder, not a file"));
      else
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                             S_ISFIFO (st.st_mode)
                               ? _("This is a named pipe (FIFO), not a file; only files are read")
                               : _("This is a device or socket, not a file; only files are read"));
      return -1;
    }
  if (size != NULL)
    *size = st.st_size;
  return fd;
}

/* The whole of a regular file of at most @max_size bytes.  A larger one
 * fails with G_IO_ERROR_MESSAGE_TOO_LARGE and its size in @size, so each
 * reader can name its own limit.
 *
 * Read, not mapped: unmapping flushes the TLB of every core running a
 * thread of the process, which made the workers of a folder check
 * interrupt each other once per file; and a mapped file that shrinks
 * under the reader kills it with SIGBUS.  A file that changes while it is
 * read is read up to where it ends then, within the limit. */
GBytes *
nb_file_read_regular (const char  *path,
                      goffset      max_size,
                      goffset     *size,
                      GError     **error)
{
  g_autofree char *data = NULL;
  goffset file_size = 0;
  gsize capacity, length = 0;
  int fd;

  fd = nb_file_open_regular (path, &file_size, error);
  if (fd < 0)
    return NULL;
  if (size != NULL)
    *size = file_size;
  if (file_size > max_size)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The file is too large (%llu bytes; at most %llu)"),
                   (unsigned long long)file_size, (unsigned long long)max_size);
      return NULL;
    }
  /* One byte more than the size: the read that finds the end needs room. */
  capacity = (gsize)file_size + 1;
  data = g_malloc (capacity);
  for (;;)
    {
      gssize n;

      if (length == capacity)
        {
          /* It grew since fstat(). */
          if (length > (gsize)max_size)
            {
              close (fd);
              if (size != NULL)
                *size = (goffset)length;
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           _("The file is too large (%llu bytes; at most %llu)"),
                           (unsigned long long)length, (unsigned long long)max_size);
              return NULL;
            }
          capacity = MIN (capacity * 2, (gsize)max_size + 1);
          data = g_realloc (data, capacity);
        }
      n = read (fd, data + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                       g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize)n;
    }
  close (fd);
  if (length == 0)
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

#define STALE_TEMP_AGE_S (10 * 60)

/* A write killed half-way leaves its temporary file ("NAME.XXXXXX", as
 * g_file_set_contents and write_no_clobber name them) next to the file,
 * never in place of it.  Every writer of @path removes the old ones (the
 * window once per file, the command line before each write); a write takes
 * seconds, not ten minutes, so a younger one may still be in use. */
void
nb_file_sweep_temporaries (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  size_t base_length = strlen (base);
  const char *name;

  if (gdir == NULL)
    return;
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *stale = NULL;
      struct stat st;
      gboolean match;

      if (strlen (name) != base_length + 7 || strncmp (name, base, base_length) != 0
          || name[base_length] != '.')
        continue;
      match = TRUE;
      for (const char *p = name + base_length + 1; *p; p++)
        match &= g_ascii_isalnum (*p);
      if (!match)
        continue;
      stale = g_build_filename (dir, name, NULL);
      if (lstat (stale, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > STALE_TEMP_AGE_S)
        g_unlink (stale);
    }
}

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Could not write %s: %s"),
               display, g_strerror (saved));
  return FALSE;
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Creates @path only if nothing has that name, atomically: the content goes
 * to a temporary file (named as g_file_set_contents names them, so one sweep
 * finds both), is flushed, and then gets the final name by link(), which
 * fails with EEXIST if another writer got there first: no window between a
 * check and a rename in which two writers both "win".  File systems without
 * hard links get renameat2 (RENAME_NOREPLACE), the same guarantee. */
static gboolean
write_no_clobber (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *temp = g_strconcat (path, ".XXXXXX", NULL);
  gsize done = 0;
  int fd, saved;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_errno_error (error, errno, path);
  while (done < length)
    {
      ssize_t n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved = n < 0 ? errno : ENOSPC;
          goto fail;
        }
      done += (gsize)n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      saved = errno;
      fd = -1;
      goto fail;
    }
  fd = -1;

  if (link (temp, path) != 0)
    {
      saved = errno;
      if (saved == EPERM || saved == EOPNOTSUPP || saved == ENOSYS || saved == EMLINK)
        {
          if (renameat2 (AT_FDCWD, temp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
            {
              sync_folder (path);
              return TRUE;
            }
          saved = errno;
          if (saved == EINVAL || saved == ENOSYS)
            {
              g_unlink (temp);
              g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                                   _("This file system cannot create a file without the risk of "
                                     "replacing one written at the same moment"));
              return FALSE;
            }
        }
      goto fail;
    }
  g_unlink (temp);
  sync_folder (path);
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  if (saved == EEXIST)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("%s already exists; it was not replaced"), display);
      return FALSE;
    }
  return set_errno_error (error, saved, path);
}

static gboolean
folder_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) == 0;
}

/* Where write_in_place() keeps the old content of @path: one copy a file
 * (named by its absolute path's hash, its own name and extension kept so it
 * opens as it is), in the data folder, replaced by the next save in place. */
char *
nb_file_dup_backup_path (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  absolute = g_file_get_path (file);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  base = g_path_get_basename (absolute);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    {
      *dot = '\0';
      name = g_strdup_printf ("%s-%.12s.%s", base, hash, dot + 1);
    }
  else
    name = g_strdup_printf ("%s-%.12s", base, hash);
  /* The app's data folder (nb_drafts_get_data_dir (), whose module reads
   * this one: not included, so the two do not include each other). */
  return g_build_filename (g_get_user_data_dir (), "nianbao", "backups", name, NULL);
}

static gboolean
read_all (int     fd,
          GBytes **out)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[65536];

  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (data->len + (gsize)n > 4 * (gsize)NB_FILE_MAX_SIZE)
        {
          errno = EFBIG;
          return FALSE;
        }
      g_byte_array_append (data, buffer, (guint)n);
    }
  *out = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return TRUE;
}

static gboolean
write_all_at_start (int         fd,
                    const char *data,
                    gsize       length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = pwrite (fd, data + done, length - done, (off_t)done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      done += (gsize)n;
    }
  return ftruncate (fd, (off_t)length) == 0 && fsync (fd) == 0;
}

/* A writable file in a folder that is not (a shared folder where only the
 * file was made writable for you): no temporary file can be made beside it,
 * so the file is rewritten in place, but only once a copy of its old content
 * is in the data folder, flushed and read back equal.  Before the first byte
 * is written, any failure leaves the file as it was; after it, the message
 * names the copy (a crash then too could leave half a file, and the copy is
 * where the old one is). */
static gboolean
write_in_place (const char  *path,
                const char  *data,
                gsize        length,
                GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *backup = nb_file_dup_backup_path (path);
  g_autofree char *backup_dir = g_path_get_dirname (backup);
  g_autofree char *backup_display = g_filename_display_name (backup);
  g_autoptr(GBytes) old = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *check = NULL;
  gsize check_length = 0;
  const char *old_data;
  gsize old_length;
  struct stat st;
  int fd, saved;

  fd = g_open (path, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_errno_error (error, errno, path);
  errno = 0;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || !read_all (fd, &old))
    {
      saved = errno != 0 ? errno : EINVAL;
      close (fd);
      return set_errno_error (error, saved, path);
    }
  old_data = g_bytes_get_data (old, &old_length);

  if (g_mkdir_with_parents (backup_dir, 0700) != 0)
    {
      saved = errno;
      local_error = g_error_new_literal (G_FILE_ERROR, g_file_error_from_errno (saved),
                                         g_strerror (saved));
    }
  else if (g_file_set_contents_full (backup, old_data ? old_data : "", (gssize)old_length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0600, &local_error)
           && g_file_get_contents (backup, &check, &check_length, &local_error)
           && (check_length != old_length || (old_length > 0 && memcmp (check, old_data, old_length) != 0)))
    local_error = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_IO,
                                       _("the copy read back differs from the file"));
  if (local_error != NULL)
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _("Cannot save %s: its folder is read-only for you, and the file could be "
                     "rewritten in place only after a copy of it was kept in %s, which failed "
                     "(%s); the file is unchanged: save to another folder instead"),
                   display, backup_display, local_error->message);
      return FALSE;
    }

  if (!write_all_at_start (fd, data, length))
    {
      saved = errno;
      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write %s in place (its folder is read-only for you): %s. Its "
                     "old content is kept in %s"),
                   display, g_strerror (saved), backup_display);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write %s in place (its folder is read-only for you): %s. Its "
                     "old content is kept in %s"),
                   display, g_strerror (saved), backup_display);
      return FALSE;
    }
  return TRUE;
}

/* Atomic and durable: a temporary file in the same folder, flushed, then
 * renamed over the old one (or, with NB_FILE_WRITE_NO_CLOBBER, linked to a
 * name nothing has), so a crash leaves either the old file or the new one,
 * never a mix; the folder is then synced, so the rename survives a power cut
 * too (G_FILE_SET_CONTENTS_DURABLE). */
gboolean
nb_file_write_bytes_full (const char        *path,
                          GBytes            *bytes,
                          NbFileWriteFlags   flags,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  gboolean ok;
  int mode = 0644;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_return_val_if_fail (path != NULL, FALSE);

  if (flags & NB_FILE_WRITE_NO_CLOBBER)
    ok = write_no_clobber (path, data ? data : "", length, &local_error);
  else
    {
      if (g_stat (path, &st) == 0)
        mode = st.st_mode & 0777;
      ok = g_file_set_contents_full (path, data, (gssize)length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     mode, &local_error);
    }
  if (ok)
    return TRUE;
  if ((g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES)
       || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_PERM)
       || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ROFS))
      && !folder_writable (path))
    {
      /* The file itself may be writable: then in place, after a backup.
       * Autosave does not ask for it: its draft keeps the work, and a
       * backup on every pause in typing would be too much. */
      if ((flags & NB_FILE_WRITE_IN_PLACE) && !(flags & NB_FILE_WRITE_NO_CLOBBER)
          && g_access (path, W_OK) == 0)
        return write_in_place (path, data ? data : "", length, error);
      /* Else say why, instead of naming a temporary file the user never
       * heard of. */
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("Cannot save in this folder: it is read-only for you. Nianbao saves by "
                     "writing a new copy beside the file and swapping it in, so that a crash "
                     "never leaves half a file, or, when only the file is writable, in place "
                     "after keeping a copy; save to another folder instead (%s)"),
                   local_error->message);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
nb_file_write_bytes (const char  *path,
                     GBytes      *bytes,
                     GError     **error)
{
  return nb_file_write_bytes_full (path, bytes, NB_FILE_WRITE_REPLACE, error);
}
