/* nb-autosave.h: saving without being asked, off the main thread
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"

G_BEGIN_DECLS

typedef enum
{
  NB_AUTOSAVE_SAVED,    /* what is on disk is the report */
  NB_AUTOSAVE_PENDING,  /* changes wait for the throttle */
  NB_AUTOSAVE_SAVING,   /* a write is in flight */
  NB_AUTOSAVE_FAILED,   /* the last write failed: see the message; a draft keeps the work */
  NB_AUTOSAVE_CONFLICT, /* the file changed on disk: autosave waits for the user */
} NbAutosaveState;

#define NB_TYPE_AUTOSAVE (nb_autosave_get_type ())
G_DECLARE_FINAL_TYPE (NbAutosave, nb_autosave, NB, AUTOSAVE, GObject)

/* file NULL: an untitled report, saved to a draft in the user data folder. */
NbAutosave      *nb_autosave_new          (NbReport             *report,
                                           GFile                *file);
NbReport        *nb_autosave_get_report   (NbAutosave           *self);
GFile           *nb_autosave_get_file     (NbAutosave           *self);
void             nb_autosave_set_file     (NbAutosave           *self,
                                           GFile                *file);
GFile           *nb_autosave_get_draft_file (NbAutosave         *self);
NbAutosaveState  nb_autosave_get_state    (NbAutosave           *self);
const char      *nb_autosave_get_message  (NbAutosave           *self);
gboolean         nb_autosave_get_draft_kept (NbAutosave         *self);
guint            nb_autosave_get_delay    (NbAutosave           *self);
void             nb_autosave_set_delay    (NbAutosave           *self,
                                           guint                 milliseconds);
/* Save now (Ctrl+S, Retry, "keep mine" after a conflict). */
void             nb_autosave_save_async   (NbAutosave           *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean         nb_autosave_save_finish  (NbAutosave           *self,
                                           GAsyncResult         *result,
                                           GError              **error);
/* Wait for a pending or running save: before a window closes. */
void             nb_autosave_flush_async  (NbAutosave           *self,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean         nb_autosave_flush_finish (NbAutosave           *self,
                                           GAsyncResult         *result,
                                           GError              **error);
/* A clean close: nothing left to recover. */
void             nb_autosave_discard_draft (NbAutosave          *self);

/* State, conflicts and the version history.
 *
 * Properties: "state" (uint, an NbAutosaveState; notify::state), "message"
 * (the failure or conflict, for a banner), "delay" (ms), "history-limit",
 * "history-interval" (s).  Delay and history limit are the caller's to set,
 * best at construction (g_object_new): the core reads no settings; the
 * window gives the GSettings keys autosave-delay and history-limit.
 * Signals: "conflict" (the file changed on disk: nothing is written to it
 * until the user chooses; reload = nb_autosave_reload, on this autosave,
 * keep mine = nb_autosave_save_async, save as = nb_autosave_set_file) and
 * "saved" (after each successful write).
 * save_async writes even over a conflict or a deleted file (the user asked);
 * flush_async fails with G_IO_ERROR_WRONG_ETAG in a conflict and
 * G_IO_ERROR_FAILED after a failed write (the draft then holds the work).
 * set_file (Save As) writes the new file at once and then removes the draft.
 * A titled report's draft exists only while the file could not be written.
 * The file is watched: another program's write shows as a conflict at once,
 * even with nothing to save; the same bytes rewritten (a sync tool, a
 * touch) are no conflict (the content's SHA-256 is compared). */
/* The key of its folder in the version history (see nb-history.h). */
const char      *nb_autosave_get_history_key (NbAutosave        *self);
const char      *nb_autosave_get_draft_id (NbAutosave           *self);
/* TRUE while a save waits for its delay or runs. */
gboolean         nb_autosave_get_busy     (NbAutosave           *self);
/* Conflict → "Reload": the file's content replaces the report's as one
 * undoable change, and autosave resumes from the file as it is now.  Fails
 * with G_IO_ERROR_BUSY while a save of ours or another program's write is
 * under way (try again), or with the loader's error for a bad file. */
gboolean         nb_autosave_reload       (NbAutosave           *self,
                                           GError              **error);
/* Crash recovery: the report's content was just restored from a crashed
 * session's draft (NbDraftInfo: draft_id its id, base its base, NULL when
 * not recorded).  That draft is removed once this autosave holds the work
 * (in the file or in its own draft), or on reload or discard.  For a
 * report with a file, the file is written as usual only if it still holds
 * the version the draft's work was based on; if it changed, cannot be
 * read, or the base is unknown, the state is Conflict (as for a file
 * changed on disk: reload, keep mine, save as), and if it is gone, Failed
 * (Retry writes it, nothing is created before).  Call it right after the
 * report got the draft's content. */
void             nb_autosave_recover      (NbAutosave           *self,
                                           const char           *draft_id,
                                           const char           *base);

G_END_DECLS
