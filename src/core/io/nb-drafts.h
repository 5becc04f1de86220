/* nb-drafts.h: the app's data folder: drafts, session markers
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
 *   history/, published/      the version history (see nb-history.h)
 * A draft whose session no longer holds its lock was left by a crash.
 */
#pragma once

#include <gio/gio.h>

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

#define NB_TYPE_DRAFT_INFO (nb_draft_info_get_type ())
GType        nb_draft_info_get_type   (void) G_GNUC_CONST;
NbDraftInfo *nb_draft_info_copy       (const NbDraftInfo *info);
void         nb_draft_info_free       (NbDraftInfo       *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbDraftInfo, nb_draft_info_free)

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

G_END_DECLS
