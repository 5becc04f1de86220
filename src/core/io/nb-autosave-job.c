/* nb-autosave-job.c: one autosave write, in the worker thread
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NbAutosave (nb-autosave.c) fills a WriteJob on the main thread; here it
 * is carried out: the file is compared with what autosave last saw of it
 * (its stamp), written, or refused and the work kept in a draft, and a
 * version is added to the history.  Nothing here touches the NbAutosave or
 * the report: only the job and the file system.
 */
/* The object's domain: G_MESSAGES_DEBUG=nb-autosave still shows the "No
 * history version" message, as before the write had a file of its own. */
#define G_LOG_DOMAIN "nb-autosave"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nb-autosave-private.h"
#include "nb-drafts.h"
#include "nb-file.h"
#include "nb-history.h"

static NbAutosaveWrittenFunc written_func;
static gpointer              written_data;

void
nb_autosave_set_written_func (NbAutosaveWrittenFunc func,
                              gpointer              user_data)
{
  written_func = func;
  written_data = user_data;
}

void
_nb_autosave_write_job_free (WriteJob *job)
{
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->path);
  g_free (job->draft_id);
  g_free (job->title);
  g_free (job->history_key);
  g_free (job->message);
  g_clear_error (&job->error);
  g_clear_error (&job->limit_error);
  g_free (job);
}

FileStamp
_nb_autosave_stamp_path (const char *path)
{
  FileStamp stamp = { FALSE, };
  struct stat st;

  if (path != NULL && stat (path, &st) == 0)
    {
      stamp.exists = TRUE;
      stamp.dev = st.st_dev;
      stamp.ino = st.st_ino;
      stamp.size = st.st_size;
      stamp.mtime_ns = (gint64)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
      stamp.ctime_ns = (gint64)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
    }
  return stamp;
}

gboolean
_nb_autosave_stamp_equal (const FileStamp *a,
                          const FileStamp *b)
{
  if (a->exists != b->exists)
    return FALSE;
  if (!a->exists)
    return TRUE;
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size
         && a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

void
_nb_autosave_stamp_set_hash (FileStamp  *stamp,
                             const char *data,
                             gsize       length)
{
  g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data,
                                                       length);

  g_strlcpy (stamp->hash, hash, sizeof stamp->hash);
}

/* The file as we left it, or at least its content: a sync tool rewriting
 * the same bytes, or a touch, is no conflict.  Fills current's hash when
 * it had to read the file. */
gboolean
_nb_autosave_stamp_same_content (const FileStamp *expected,
                                 const char      *path,
                                 FileStamp       *current)
{
  g_autofree char *data = NULL;
  gsize length;

  if (_nb_autosave_stamp_equal (expected, current))
    return TRUE;
  if (!expected->exists || !current->exists || expected->hash[0] == '\0'
      || !g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  _nb_autosave_stamp_set_hash (current, data, length);
  return g_str_equal (current->hash, expected->hash);
}

/* The stamp of what was just written at @path.  Another program may rename
 * its file over ours at once (a sync tool, an editor): a stat taken then
 * would describe their file, and the next save would take theirs for ours
 * and write over it.  So the file is looked at, read and looked at again,
 * and its stat is kept only when it holds our bytes throughout; otherwise
 * the stamp keeps our bytes' hash alone, and the next save or change
 * compares content and finds the conflict. */
static FileStamp
stamp_written (const char *path,
               const char *data,
               gsize       length)
{
  FileStamp ours = { .exists = TRUE };
  FileStamp before = _nb_autosave_stamp_path (path);
  g_autofree char *contents = NULL;
  gsize contents_length = 0;

  _nb_autosave_stamp_set_hash (&ours, data, length);
  if (before.exists && g_file_get_contents (path, &contents, &contents_length, NULL)
      && contents_length == length && memcmp (contents, data, length) == 0)
    {
      FileStamp after = _nb_autosave_stamp_path (path);

      if (_nb_autosave_stamp_equal (&before, &after))
        {
          memcpy (after.hash, ours.hash, sizeof after.hash);
          return after;
        }
    }
  return ours;
}

FileStamp
_nb_autosave_stamp_path_with_hash (const char *path)
{
  FileStamp stamp = _nb_autosave_stamp_path (path);
  g_autofree char *data = NULL;
  gsize length;

  if (stamp.exists && g_file_get_contents (path, &data, &length, NULL))
    _nb_autosave_stamp_set_hash (&stamp, data, length);
  return stamp;
}

/* What the user can act on, not errno names. */
static char *
describe_error (const GError *error)
{
  if (error->domain == G_FILE_ERROR)
    switch (error->code)
      {
      case G_FILE_ERROR_ROFS:
        return g_strdup (_("The folder is read-only"));
      case G_FILE_ERROR_ACCES:
      case G_FILE_ERROR_PERM:
        return g_strdup (_("You are not allowed to write in this folder"));
      case G_FILE_ERROR_NOSPC:
        return g_strdup (_("The disk is full"));
      case G_FILE_ERROR_NOENT:
      case G_FILE_ERROR_NOTDIR:
        return g_strdup (_("The folder is gone (was the drive removed?)"));
      case G_FILE_ERROR_IO:
      case G_FILE_ERROR_NXIO:
      case G_FILE_ERROR_NODEV:
        return g_strdup (_("The disk could not be written (was the drive removed?)"));
      default:
        break;
      }
  /* GFileError has no code for these; the errno text is in the message. */
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_FAILED))
    {
      if (strstr (error->message, g_strerror (EDQUOT)) != NULL)
        return g_strdup (_("Your disk quota is used up"));
      if (strstr (error->message, g_strerror (EFBIG)) != NULL)
        return g_strdup (_("The file is larger than this disk or account allows"));
    }
  return g_strdup (error->message);
}

/* Neither the file nor a draft gets what could not be opened again. */
static gboolean
write_job_refuse_limits (WriteJob *job)
{
  /* A text too long, found on the main thread, or else the whole too large. */
  GError *error = g_steal_pointer (&job->limit_error);

  if (error == NULL && nb_file_check_size (g_bytes_get_size (job->bytes), &error))
    return FALSE;
  job->state = NB_AUTOSAVE_FAILED;
  job->message = g_strdup (error->message);
  job->error = error;
  return TRUE;
}

/* Whether the file at @target may be written: not when it is gone, or
 * changed by another program, since autosave last saw it. */
static gboolean
write_job_may_write (WriteJob   *job,
                     const char *target,
                     FileStamp  *current)
{
  if (job->check && job->expected.exists && !current->exists)
    {
      job->state = NB_AUTOSAVE_FAILED;
      job->message = g_strdup (_("The file was deleted or moved"));
      g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, job->message);
      return FALSE;
    }
  else if (job->check && !_nb_autosave_stamp_same_content (&job->expected, target, current))
    {
      job->state = NB_AUTOSAVE_CONFLICT;
      job->message = g_strdup (_("The file was changed by another program"));
      g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG, job->message);
      return FALSE;
    }
  return TRUE;
}

static void
write_job_write_file (WriteJob *job)
{
  /* Write through a link, not over it. */
  g_autofree char *real = realpath (job->path, NULL);
  const char *target = real ? real : job->path;
  FileStamp current = _nb_autosave_stamp_path (target);
  g_autoptr(GError) error = NULL;

  if (job->sweep)
    nb_file_sweep_temporaries (target);

  if (!write_job_may_write (job, target, &current))
    return;

  if (nb_file_write_bytes (target, job->bytes, &error))
    {
      gsize length;
      const char *data = g_bytes_get_data (job->bytes, &length);

      if (written_func != NULL)
        written_func (target, written_data);
      job->state = NB_AUTOSAVE_SAVED;
      job->stamp = stamp_written (target, data, length);
    }
  else
    {
      job->state = NB_AUTOSAVE_FAILED;
      job->message = describe_error (error);
      job->error = g_steal_pointer (&error);
    }
}

/* In a conflict the file is left alone: only the draft is written. */
static void
write_job_keep_conflict (WriteJob *job)
{
  job->state = NB_AUTOSAVE_CONFLICT;
  /* The conflict's own message (see write_job_new), if it has one. */
  if (job->message == NULL)
    job->message = g_strdup (_("The file was changed by another program"));
  g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG, job->message);
}

/* The draft: the untitled report's home, the titled one's safety net.
 * It says which version of the file its work is based on, so that a
 * recovery after a crash can tell whether the file changed since. */
static void
write_job_write_draft (WriteJob *job)
{
  g_autoptr(GError) draft_error = NULL;

  if (nb_drafts_write (job->draft_id, job->path,
                       job->expected.exists ? job->expected.hash : NULL, job->title,
                       job->bytes, &draft_error))
    job->draft_written = TRUE;
  if (job->path == NULL)
    {
      if (job->draft_written)
        job->state = NB_AUTOSAVE_SAVED;
      else
        {
          job->state = NB_AUTOSAVE_FAILED;
          job->message = describe_error (draft_error);
          job->error = g_steal_pointer (&draft_error);
        }
    }
  else if (!job->draft_written)
    {
      /* Both failed: only memory holds the work now.  Say so. */
      char *message = g_strdup_printf (_("%s; the backup copy failed too: %s"), job->message,
                                       draft_error->message);

      g_free (job->message);
      job->message = message;
    }
}

static void
write_job_add_version (WriteJob *job)
{
  g_autoptr(GError) error = NULL;

  /* A version is a convenience: failing to keep one is no save error. */
  if (!nb_history_add (job->history_key, job->bytes, job->history_limit,
                       job->history_interval, &error))
    g_debug ("No history version for %s: %s", job->history_key, error->message);
}

/* Worker thread: touches only the job and the file system. */
void
_nb_autosave_write_job_run (WriteJob *job)
{
  if (write_job_refuse_limits (job))
    return;

  if (job->path != NULL && !job->draft_only)
    write_job_write_file (job);
  else if (job->path != NULL)
    write_job_keep_conflict (job);

  if (job->path == NULL || job->state != NB_AUTOSAVE_SAVED)
    write_job_write_draft (job);
  else
    nb_drafts_remove (job->draft_id);

  if (job->state == NB_AUTOSAVE_SAVED && job->history_key != NULL && job->history_limit > 0)
    write_job_add_version (job);
}

void
_nb_autosave_write_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  _nb_autosave_write_job_run (task_data);
  g_task_return_boolean (task, TRUE);
}
