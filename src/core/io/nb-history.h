/* nb-history.h: the version history and the published copies
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout, in the app's data folder (nb_drafts_get_data_dir ()):
 *   history/<key>/<usec>.nianbao     autosaved versions, newest last
 *   history/<key>/published.nianbao  the version marked as published
 *   published/<sha256>.nianbao       published versions, named by their digest
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"

G_BEGIN_DECLS

typedef struct
{
  char      *path;
  GDateTime *time;
  goffset    size;
} NbHistoryEntry;

#define NB_TYPE_HISTORY_ENTRY (nb_history_entry_get_type ())
GType           nb_history_entry_get_type (void) G_GNUC_CONST;
NbHistoryEntry *nb_history_entry_copy     (const NbHistoryEntry *entry);
void            nb_history_entry_free     (NbHistoryEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbHistoryEntry, nb_history_entry_free)

#define NB_HISTORY_MAX_BYTES (32 * 1024 * 1024)

/* The history folder's key for a file (hash of its path) or a draft id. */
char       *nb_history_key_for_file     (GFile        *file);
char       *nb_history_key_for_draft    (const char   *id);
/* Thread-safe.  A version newer than min_interval_s replaces the newest
 * one, so steady typing keeps versions spaced out; then the oldest go until
 * at most limit versions and NB_HISTORY_MAX_BYTES remain. */
gboolean    nb_history_add              (const char   *key,
                                         GBytes       *bytes,
                                         guint         limit,
                                         guint         min_interval_s,
                                         GError      **error);
/* Oldest first. */
GPtrArray  *nb_history_list             (const char   *key);
/* The version that was published ("Mark as Published…"), frozen beside the
 * autosaved ones as history/<key>/published.nianbao: never pruned, never
 * replaced by autosave.  dup_published_path: NULL when there is none. */
gboolean    nb_history_set_published    (const char   *key,
                                         GBytes       *bytes,
                                         GError      **error);
char       *nb_history_dup_published_path (const char *key);
/* The published version frozen as published/<sha256>.nianbao, named by the
 * SHA-256 of its bytes, which the report records (metadata.published_sha256)
 * so the copy is found wherever the file is moved or renamed; never pruned.
 * store: sets *sha256 (hex).  dup_path: NULL when there is no such copy or
 * its bytes no longer have that digest. */
gboolean    nb_published_store          (GBytes       *bytes,
                                         char        **sha256,
                                         GError      **error);
char       *nb_published_dup_path       (const char   *sha256);
/* An untitled report saved as a file keeps its versions. */
void        nb_history_move             (const char   *from_key,
                                         const char   *to_key);
/* Thread-safe: drops the versions of reports not saved for max_age_days,
 * so the folder stays bounded as reports come and go. */
void        nb_history_prune            (guint         max_age_days);
/* How many fields, sections and table cells differ (for the version list);
 * G_MAXUINT when the editions differ. */
guint       nb_history_count_differences (NbReport    *report,
                                          NbReport    *version);
/* Makes report equal to version as one undoable change (for 历史版本 and
 * recovery).  Fails, changing nothing, when the editions differ. */
gboolean    nb_history_restore          (NbReport     *report,
                                         NbReport     *version,
                                         GError      **error);

G_END_DECLS
