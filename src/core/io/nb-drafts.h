/* nb-drafts.h: the app's data folder: drafts, session markers, version history
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout, under g_get_user_data_dir()/nianbao/ (XDG_DATA_HOME in tests):
 *   sessions/<session>.lock   held with flock() while the app runs
 *   drafts/<id>.nianbao       the draft itself
 *   drafts/<id>.ini           which session wrote it, for which file, its title,
 *                             and which version of the file its work is based on
 *   drafts/<id>.ini.next      a new info, until the content it goes with is
 *                             written (see nb_drafts_write)
 *   history/<key>/<usec>.nianbao  autosaved versions, newest last
 *   published/<sha256>.nianbao  published versions, named by their digest
 * A draft whose session no longer holds its lock was left by a crash.
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;
  char      *path;       /* the draft's content */
  char      *file_path;  /* the report's own file, NULL for an untitled report */
  char      *title;
  GDateTime *modified;
  /* SHA-256 (hex) of the file's content the work was based on; NULL for an
   * untitled report, a base that was not known, or a draft from before
   * drafts recorded it. */
  char      *base;
} NbDraftInfo;

typedef struct
{
  char      *path;
  GDateTime *time;
  goffset    size;
} NbHistoryEntry;

#define NB_TYPE_DRAFT_INFO (nb_draft_info_get_type ())
GType        nb_draft_info_get_type   (void) G_GNUC_CONST;
NbDraftInfo *nb_draft_info_copy       (const NbDraftInfo *info);
void         nb_draft_info_free       (NbDraftInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbDraftInfo, nb_draft_info_free)

#define NB_TYPE_HISTORY_ENTRY (nb_history_entry_get_type ())
GType           nb_history_entry_get_type (void) G_GNUC_CONST;
NbHistoryEntry *nb_history_entry_copy     (const NbHistoryEntry *entry);
void            nb_history_entry_free     (NbHistoryEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbHistoryEntry, nb_history_entry_free)

#define NB_HISTORY_MAX_BYTES (32 * 1024 * 1024)

const char *nb_drafts_get_data_dir      (void);

/* The running session: begun on first use, ended by a clean quit. */
const char *nb_drafts_get_session_id    (void);
void        nb_drafts_end_session       (void);

char       *nb_drafts_new_id            (void);
char       *nb_drafts_get_draft_path    (const char   *id);
/* Thread-safe: a kill at any moment leaves the draft as it was or as it
 * is after (see nb-drafts.c); once the content is on disk, it is kept.
 * base: see NbDraftInfo (NULL or "" when not known). */
gboolean    nb_drafts_write             (const char   *id,
                                         const char   *file_path,
                                         const char   *base,
                                         const char   *title,
                                         GBytes       *bytes,
                                         GError      **error);
void        nb_drafts_remove            (const char   *id);
/* The running session takes over a recovered draft: not offered again
 * while it runs, offered again if it crashes too. */
gboolean    nb_drafts_adopt             (const char   *id,
                                         GError      **error);
/* Drafts left by sessions that ended without a clean quit, newest first. */
GPtrArray  *nb_drafts_list_orphans      (void);

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
