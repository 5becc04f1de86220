/* nb-autosave-private.h: what the two files of NbAutosave share, and what
 * only its tests reach
 *
 * NbAutosave is one object in two files, one job each:
 *   nb-autosave.c      the object: its states, the timer, flushes, the file
 *                      monitor, the properties and the public API
 *   nb-autosave-job.c  one write in the worker thread: the file's stamps, the
 *                      file, the draft and the version; it touches only the
 *                      job and the file system
 * Nothing but these files and the tests of autosave includes this header.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/types.h>

#include "nb-autosave.h"

G_BEGIN_DECLS

/* What the file looked like when we last read or wrote it: another program
 * writing it (or a sync tool renaming a copy over it) changes one of these. */
typedef struct
{
  gboolean exists;
  dev_t    dev;
  ino_t    ino;
  off_t    size;
  gint64   mtime_ns;
  gint64   ctime_ns;
  char     hash[65]; /* SHA-256 of the content, "" when unknown */
} FileStamp;

/* One write: what the main thread hands the worker, and what it finds. */
typedef struct
{
  GBytes          *bytes;
  guint64          revision;
  char            *path;       /* the report's file; NULL when untitled */
  char            *draft_id;
  char            *title;
  char            *history_key;
  guint            history_limit;
  guint            history_interval;
  gboolean         check;      /* refuse to overwrite a file changed by others */
  gboolean         draft_only; /* in a conflict: keep the work, leave the file */
  gboolean         sweep;      /* look for temporary files of killed writes */
  guint            generation;
  FileStamp        expected;
  GError          *limit_error;  /* a text beyond the loader's limits: nothing is written */

  /* Results */
  NbAutosaveState  state;
  FileStamp        stamp;
  char            *message;
  GError          *error;
  gboolean         draft_written;
} WriteJob;

/* nb-autosave-job.c */
FileStamp _nb_autosave_stamp_path           (const char      *path);
gboolean  _nb_autosave_stamp_equal          (const FileStamp *a,
                                             const FileStamp *b);
void      _nb_autosave_stamp_set_hash       (FileStamp       *stamp,
                                             const char      *data,
                                             gsize            length);
gboolean  _nb_autosave_stamp_same_content   (const FileStamp *expected,
                                             const char      *path,
                                             FileStamp       *current);
FileStamp _nb_autosave_stamp_path_with_hash (const char      *path);
void      _nb_autosave_write_job_free       (WriteJob        *job);
void      _nb_autosave_write_job_run        (WriteJob        *job);
void      _nb_autosave_write_thread         (GTask           *task,
                                             gpointer         source_object,
                                             gpointer         task_data,
                                             GCancellable    *cancellable);

/* For the tests: called in the writing thread right after the report's
 * file was written at @path, before autosave looks at it: a test puts
 * another program's file there, as a sync tool renaming its copy over ours
 * at that moment would.  NULL (the default) calls nothing. */
typedef void (*NbAutosaveWrittenFunc) (const char *path,
                                       gpointer    user_data);

void nb_autosave_set_written_func (NbAutosaveWrittenFunc func,
                                   gpointer              user_data);

G_END_DECLS
