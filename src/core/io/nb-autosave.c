/* nb-autosave.c: saving without being asked, off the main thread
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is serialised on the main thread (the model is not
 * thread-safe; a serialisation takes about a millisecond) and the bytes go
 * to a worker (nb-autosave-job.c), which checks that the file is still the
 * one we last saw, writes it atomically, and keeps a version in the
 * history.  At most one write is in flight; changes made meanwhile are
 * written right after.  A failed or refused write leaves the file alone
 * and puts the bytes in a draft in the data folder, so nothing typed
 * depends on the file.
 */
#define G_LOG_DOMAIN "nb-autosave"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-autosave.h"
#include "nb-autosave-private.h"
#include "nb-drafts.h"
#include "nb-file.h"
#include "nb-history.h"

#define DEFAULT_DELAY_MS 2000
#define DEFAULT_HISTORY_LIMIT 30
#define DEFAULT_HISTORY_INTERVAL_S 60

struct _NbAutosave
{
  GObject          parent_instance;

  NbReport        *report;
  GFile           *file;
  char            *draft_id;
  GFile           *draft_file;
  char            *history_key;

  NbAutosaveState  state;
  char            *message;
  guint            delay;
  guint            history_limit;
  guint            history_interval;

  guint            timeout_id;
  gboolean         writing;
  gboolean         force_next;     /* an explicit save waits for the running one */
  gboolean         check_file;     /* FALSE right after Save As: the user chose to replace */
  gboolean         discarded;
  gboolean         swept;
  gboolean         writing_draft_only;
  gboolean         draft_kept;     /* the last failed write's work is in a flushed draft */
  GFileMonitor    *monitor;
  guint            generation;     /* a reload makes the writes in flight stale */
  guint64          written_revision; /* in the file, or (after a failure) in the draft */
  FileStamp        stamp;
  char            *recovered_draft_id; /* a crashed session's draft this report continues */
  guint64          recovered_revision; /* the report's revision when it did */

  GPtrArray       *save_tasks;     /* waiting for the next write */
  GPtrArray       *running_tasks;  /* waiting for the running write */
  GPtrArray       *flush_tasks;    /* waiting for quiet */
};

G_DEFINE_FINAL_TYPE (NbAutosave, nb_autosave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_FILE,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_DELAY,
  PROP_HISTORY_LIMIT,
  PROP_HISTORY_INTERVAL,
  N_PROPS
};

enum {
  CONFLICT,
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_write (NbAutosave *self,
                         gboolean    force);

static void
set_state (NbAutosave      *self,
           NbAutosaveState  state,
           const char      *message)
{
  /* Both change before either is announced: a handler of notify::state
   * reads the new message. */
  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
complete_tasks (GPtrArray  *tasks,
                gboolean    success,
                GError     *error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_copy (tasks, NULL, NULL);

  /* The callbacks may queue more work; only the ones seen here finish. */
  g_ptr_array_set_free_func (done, g_object_unref);
  g_ptr_array_set_free_func (tasks, NULL);
  g_ptr_array_set_size (tasks, 0);
  g_ptr_array_set_free_func (tasks, g_object_unref);

  for (guint i = 0; i < done->len; i++)
    {
      GTask *task = g_ptr_array_index (done, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (success)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static gboolean
has_unwritten_changes (NbAutosave *self)
{
  if (self->discarded)
    return FALSE;
  return nb_report_get_revision (self->report) != self->written_revision;
}

static void
state_error (NbAutosave  *self,
             GError     **error)
{
  if (self->state == NB_AUTOSAVE_CONFLICT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                         self->message ? self->message : _("The file was changed by another program"));
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         self->message ? self->message : _("The report could not be saved"));
}

/* Quiet: no timer, no write, nothing new.  Flushes end here. */
static void
maybe_finish_flushes (NbAutosave *self)
{
  g_autoptr(GError) error = NULL;

  if (self->flush_tasks->len == 0 || self->writing || self->timeout_id != 0
      || has_unwritten_changes (self))
    return;
  if (self->state == NB_AUTOSAVE_SAVED)
    complete_tasks (self->flush_tasks, TRUE, NULL);
  else
    {
      state_error (self, &error);
      complete_tasks (self->flush_tasks, FALSE, error);
    }
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  NbAutosave *self = user_data;

  self->timeout_id = 0;
  start_write (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule (NbAutosave *self)
{
  if (self->timeout_id != 0 || self->writing)
    return;
  /* A throttle, not a debounce: steady typing still saves every delay. */
  self->timeout_id = g_timeout_add (self->delay, on_timeout_cb, self);
}

/* The recovered draft is no longer needed once this autosave holds the work
 * (the file or its own draft), or the user chose otherwise (reload,
 * discard).  Until then it stays, offered again if this session crashes too. */
static void
drop_recovered_draft (NbAutosave *self)
{
  if (self->recovered_draft_id == NULL)
    return;
  nb_drafts_remove (self->recovered_draft_id);
  g_clear_pointer (&self->recovered_draft_id, g_free);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  NbAutosave *self = NB_AUTOSAVE (source);
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  NbAutosaveState previous = self->state;

  self->writing = FALSE;

  if (job->generation != self->generation)
    {
      /* From before a reload: the draft it kept is no longer wanted. */
      if (job->draft_written && self->file != NULL)
        nb_drafts_remove (self->draft_id);
      if (job->state == NB_AUTOSAVE_SAVED)
        complete_tasks (self->running_tasks, TRUE, NULL);
      else
        complete_tasks (self->running_tasks, FALSE, job->error);
    }
  else if (job->state == NB_AUTOSAVE_SAVED)
    {
      g_autofree char *path = self->file ? g_file_get_path (self->file) : NULL;

      self->written_revision = job->revision;
      /* Only a write of the current file says anything about it: after a
       * Save As, a draft write still in flight does not. */
      if (path != NULL && g_strcmp0 (path, job->path) == 0)
        {
          self->stamp = job->stamp;
          self->check_file = TRUE;
          if (job->revision == nb_report_get_revision (self->report))
            nb_report_set_modified (self->report, FALSE);
        }
      if (job->revision >= self->recovered_revision)
        drop_recovered_draft (self);
      set_state (self, has_unwritten_changes (self) ? NB_AUTOSAVE_PENDING : NB_AUTOSAVE_SAVED,
                 NULL);
      complete_tasks (self->running_tasks, TRUE, NULL);
      g_signal_emit (self, signals[SAVED], 0);
    }
  else
    {
      self->written_revision = job->revision;
      self->draft_kept = job->draft_written;
      if (job->draft_written && job->revision >= self->recovered_revision)
        drop_recovered_draft (self);
      set_state (self, job->state, job->message);
      complete_tasks (self->running_tasks, FALSE, job->error);
      if (job->state == NB_AUTOSAVE_CONFLICT && previous != NB_AUTOSAVE_CONFLICT)
        g_signal_emit (self, signals[CONFLICT], 0);
    }

  if (self->discarded)
    {
      nb_drafts_remove (self->draft_id);
    }

  if (self->force_next)
    start_write (self, TRUE);
  else if (has_unwritten_changes (self) && !self->discarded)
    {
      /* Someone waits for the changes to reach the disk: no delay then. */
      if (self->flush_tasks->len > 0)
        start_write (self, FALSE);
      else
        schedule (self);
    }
  maybe_finish_flushes (self);
}

static WriteJob *
write_job_new (NbAutosave *self,
               gboolean    force)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  /* Here, not in the worker: it reads the report. */
  if (nb_file_check_texts (self->report, &job->limit_error))
    job->bytes = nb_file_serialize (self->report);
  else
    job->bytes = g_bytes_new (NULL, 0);
  job->revision = nb_report_get_revision (self->report);
  job->path = self->file ? g_file_get_path (self->file) : NULL;
  job->draft_id = g_strdup (self->draft_id);
  job->title = nb_report_dup_title (self->report);
  job->history_key = g_strdup (self->history_key);
  job->history_limit = self->history_limit;
  job->history_interval = self->history_interval;
  job->check = !force && self->check_file;
  job->draft_only = !force && self->state == NB_AUTOSAVE_CONFLICT;
  if (job->draft_only)
    job->message = g_strdup (self->message);
  job->expected = self->stamp;
  job->generation = self->generation;
  job->sweep = job->path != NULL && !self->swept;
  self->swept |= job->sweep;
  return job;
}

static void
start_write (NbAutosave *self,
             gboolean    force)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->writing)
    {
      self->force_next |= force;
      return;
    }
  self->force_next = FALSE;
  self->discarded = FALSE;

  job = write_job_new (self, force);
  if (!job->draft_only)
    set_state (self, NB_AUTOSAVE_SAVING, self->state == NB_AUTOSAVE_FAILED ? self->message : NULL);

  /* Explicit saves asked before this write are answered by it. */
  g_ptr_array_extend_and_steal (self->running_tasks, g_steal_pointer (&self->save_tasks));
  self->save_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  self->writing = TRUE;
  self->writing_draft_only = job->draft_only;
  task = g_task_new (self, NULL, write_done_cb, NULL);
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, job, (GDestroyNotify)_nb_autosave_write_job_free);
  g_task_run_in_thread (task, _nb_autosave_write_thread);
}

/* Another program wrote the file while we had nothing to save: say so now,
 * so the user can reload before typing over a stale copy. */
static void
on_file_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    NbAutosave        *self)
{
  g_autofree char *path = NULL;
  FileStamp current;

  if (self->writing || !self->check_file || self->state == NB_AUTOSAVE_CONFLICT
      || self->file == NULL)
    return;
  path = g_file_get_path (self->file);
  current = _nb_autosave_stamp_path (path);
  /* Gone: the next save reports it; our own writes end with a new stamp. */
  if (!current.exists || _nb_autosave_stamp_equal (&self->stamp, &current))
    return;
  if (_nb_autosave_stamp_same_content (&self->stamp, path, &current))
    {
      self->stamp = current;
      return;
    }
  set_state (self, NB_AUTOSAVE_CONFLICT, _("The file was changed by another program"));
  g_signal_emit (self, signals[CONFLICT], 0);
}

static void
watch_file (NbAutosave *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_file_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->file == NULL)
    return;
  /* Without a monitor (no inotify) conflicts still show at the next save. */
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect (self->monitor, "changed", G_CALLBACK (on_file_changed_cb), self);
}

static void
on_report_changed_cb (NbAutosave *self)
{
  self->discarded = FALSE;
  if (self->state == NB_AUTOSAVE_SAVED)
    set_state (self, NB_AUTOSAVE_PENDING, NULL);
  schedule (self);
}

static void
update_history_key (NbAutosave *self)
{
  g_free (self->history_key);
  self->history_key = self->file ? nb_history_key_for_file (self->file)
                                 : nb_history_key_for_draft (self->draft_id);
}

#define HISTORY_MAX_AGE_DAYS 90

static void
prune_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  nb_history_prune (HISTORY_MAX_AGE_DAYS);
  g_task_return_boolean (task, TRUE);
}

/* Once per process, in the background: versions of reports nobody has
 * saved for months go, so the data folder stays bounded. */
static void
prune_history_once (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_run_in_thread (task, prune_thread);
      g_once_init_leave (&once, 1);
    }
}

static void
nb_autosave_constructed (GObject *object)
{
  NbAutosave *self = (NbAutosave *)object;
  g_autofree char *draft_path = NULL;

  G_OBJECT_CLASS (nb_autosave_parent_class)->constructed (object);

  g_assert (NB_IS_REPORT (self->report));

  self->draft_id = nb_drafts_new_id ();
  draft_path = nb_drafts_get_draft_path (self->draft_id);
  self->draft_file = g_file_new_for_path (draft_path);
  update_history_key (self);
  /* The report as loaded is what the file holds. */
  self->written_revision = nb_report_get_revision (self->report);
  if (self->file != NULL)
    {
      g_autofree char *path = g_file_get_path (self->file);

      self->stamp = _nb_autosave_stamp_path_with_hash (path);
      self->check_file = TRUE;
    }
  /* Changes the file does not hold yet (a recovered draft, an import):
   * save them straight away. */
  if (nb_report_get_modified (self->report))
    self->written_revision = G_MAXUINT64;

  g_signal_connect_object (self->report, "changed", G_CALLBACK (on_report_changed_cb), self,
                           G_CONNECT_SWAPPED);
  prune_history_once ();
  watch_file (self);

  if (has_unwritten_changes (self))
    {
      set_state (self, NB_AUTOSAVE_PENDING, NULL);
      schedule (self);
    }
}

static void
nb_autosave_dispose (GObject *object)
{
  NbAutosave *self = (NbAutosave *)object;

  /* A pending save is not dropped: write it now, here, as a last resort
   * (windows flush before closing, so this is rare). */
  if (self->report != NULL && (self->timeout_id != 0 || self->force_next) && !self->discarded)
    {
      WriteJob *job = write_job_new (self, FALSE);

      _nb_autosave_write_job_run (job);
      if (job->state == NB_AUTOSAVE_SAVED && self->file != NULL
          && job->revision == nb_report_get_revision (self->report))
        nb_report_set_modified (self->report, FALSE);
      _nb_autosave_write_job_free (job);
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_file_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  g_clear_object (&self->report);
  g_clear_object (&self->file);
  g_clear_object (&self->draft_file);

  G_OBJECT_CLASS (nb_autosave_parent_class)->dispose (object);
}

static void
nb_autosave_finalize (GObject *object)
{
  NbAutosave *self = (NbAutosave *)object;

  g_free (self->draft_id);
  g_free (self->history_key);
  g_free (self->message);
  g_free (self->recovered_draft_id);
  g_clear_pointer (&self->save_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->running_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->flush_tasks, g_ptr_array_unref);

  G_OBJECT_CLASS (nb_autosave_parent_class)->finalize (object);
}

static void
nb_autosave_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  NbAutosave *self = NB_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay);
      break;
    case PROP_HISTORY_LIMIT:
      g_value_set_uint (value, self->history_limit);
      break;
    case PROP_HISTORY_INTERVAL:
      g_value_set_uint (value, self->history_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_autosave_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  NbAutosave *self = NB_AUTOSAVE (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_DELAY:
      nb_autosave_set_delay (self, g_value_get_uint (value));
      break;
    case PROP_HISTORY_LIMIT:
      if (self->history_limit != g_value_get_uint (value))
        {
          self->history_limit = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_HISTORY_INTERVAL:
      if (self->history_interval != g_value_get_uint (value))
        {
          self->history_interval = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_autosave_class_init (NbAutosaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nb_autosave_constructed;
  object_class->dispose = nb_autosave_dispose;
  object_class->finalize = nb_autosave_finalize;
  object_class->get_property = nb_autosave_get_property;
  object_class->set_property = nb_autosave_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NbAutosaveState; a uint so no enum type needs registering. */
  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, NB_AUTOSAVE_SAVED, NB_AUTOSAVE_CONFLICT,
                       NB_AUTOSAVE_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, 3600000, DEFAULT_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                       | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY_LIMIT] =
    g_param_spec_uint ("history-limit", NULL, NULL, 0, 1000, DEFAULT_HISTORY_LIMIT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                       | G_PARAM_STATIC_STRINGS);
  /* Seconds: a new version closer than this to the one before replaces the newest. */
  properties[PROP_HISTORY_INTERVAL] =
    g_param_spec_uint ("history-interval", NULL, NULL, 0, 86400, DEFAULT_HISTORY_INTERVAL_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The file changed on disk: autosave waits until the user chooses to
   * reload, keep theirs (nb_autosave_save_async) or save as (set_file). */
  signals[CONFLICT] =
    g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
nb_autosave_init (NbAutosave *self)
{
  self->delay = DEFAULT_DELAY_MS;
  self->history_limit = DEFAULT_HISTORY_LIMIT;
  self->history_interval = DEFAULT_HISTORY_INTERVAL_S;
  self->save_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->running_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

NbAutosave *
nb_autosave_new (NbReport *report,
                 GFile    *file)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return g_object_new (NB_TYPE_AUTOSAVE, "report", report, "file", file, NULL);
}

NbReport *
nb_autosave_get_report (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->report;
}

GFile *
nb_autosave_get_file (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->file;
}

/* Save As: the user chose the file (and to replace it, if it existed), so
 * it is written at once without the conflict check; the draft goes once
 * the file holds the report. */
void
nb_autosave_set_file (NbAutosave *self,
                      GFile      *file)
{
  g_return_if_fail (NB_IS_AUTOSAVE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->file != NULL && g_file_equal (self->file, file))
    return;
  if (self->file == NULL)
    {
      g_autofree char *from = g_strdup (self->history_key);

      g_set_object (&self->file, file);
      update_history_key (self);
      nb_history_move (from, self->history_key);
    }
  else
    {
      g_set_object (&self->file, file);
      update_history_key (self);
    }
  self->check_file = FALSE;
  /* Nothing is known of the new file until it is written: a draft kept
   * meanwhile must not claim to be based on the old one. */
  self->stamp = (FileStamp){ FALSE, };
  self->swept = FALSE;
  watch_file (self);
  if (self->state == NB_AUTOSAVE_CONFLICT || self->state == NB_AUTOSAVE_FAILED)
    set_state (self, NB_AUTOSAVE_PENDING, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  start_write (self, TRUE);
}

GFile *
nb_autosave_get_draft_file (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->draft_file;
}

NbAutosaveState
nb_autosave_get_state (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NB_AUTOSAVE_SAVED);
  return self->state;
}

const char *
nb_autosave_get_message (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->message;
}

guint
nb_autosave_get_delay (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), 0);
  return self->delay;
}

void
nb_autosave_set_delay (NbAutosave *self,
                       guint       milliseconds)
{
  g_return_if_fail (NB_IS_AUTOSAVE (self));

  if (self->delay == milliseconds)
    return;
  self->delay = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

void
nb_autosave_save_async (NbAutosave          *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (NB_IS_AUTOSAVE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nb_autosave_save_async);
  g_ptr_array_add (self->save_tasks, task);
  start_write (self, TRUE);
}

gboolean
nb_autosave_save_finish (NbAutosave    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
nb_autosave_flush_async (NbAutosave          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (NB_IS_AUTOSAVE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nb_autosave_flush_async);
  g_ptr_array_add (self->flush_tasks, task);
  if (self->timeout_id != 0 || (!self->writing && has_unwritten_changes (self)))
    start_write (self, FALSE);
  maybe_finish_flushes (self);
}

gboolean
nb_autosave_flush_finish (NbAutosave    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* After a failed save: whether the work it could not save is in a draft,
 * written and flushed (fsync) to the disk, and so offered again when
 * Nianbao starts.  FALSE when the draft could not be written either (both
 * folders full, say): then only this session holds the work, and nothing
 * may claim otherwise. */
gboolean
nb_autosave_get_draft_kept (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), FALSE);

  return self->state != NB_AUTOSAVE_SAVED && self->draft_kept;
}

void
nb_autosave_discard_draft (NbAutosave *self)
{
  g_return_if_fail (NB_IS_AUTOSAVE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->discarded = TRUE;
  self->force_next = FALSE;
  /* A running write would bring it back: its end removes it again. */
  if (!self->writing)
    {
      nb_drafts_remove (self->draft_id);
    }
  drop_recovered_draft (self);
  maybe_finish_flushes (self);
}

/* State, conflicts and the version history */

const char *
nb_autosave_get_history_key (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->history_key;
}

const char *
nb_autosave_get_draft_id (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), NULL);
  return self->draft_id;
}

gboolean
nb_autosave_get_busy (NbAutosave *self)
{
  g_return_val_if_fail (NB_IS_AUTOSAVE (self), FALSE);
  return self->writing || self->timeout_id != 0 || self->force_next;
}

/* "Reload" after a conflict: the file's content comes into the report as
 * one undoable change (Undo brings the user's version back), and autosave
 * follows the file from there. */
gboolean
nb_autosave_reload (NbAutosave  *self,
                    GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(NbReport) loaded = NULL;
  FileStamp before, after;
  gsize length;

  g_return_val_if_fail (NB_IS_AUTOSAVE (self), FALSE);

  path = self->file ? g_file_get_path (self->file) : NULL;
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The report has no file to reload"));
      return FALSE;
    }
  /* A write of ours in flight would land after the read. */
  if (self->writing && !self->writing_draft_only)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The report is being saved; try again in a moment"));
      return FALSE;
    }

  before = _nb_autosave_stamp_path (path);
  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  after = _nb_autosave_stamp_path (path);
  if (!_nb_autosave_stamp_equal (&before, &after))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("The file is being written by another program; try again in a moment"));
      return FALSE;
    }
  loaded = nb_file_load_data (data, length, error);
  if (loaded == NULL || !nb_history_restore (self->report, loaded, error))
    return FALSE;

  self->generation++;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->force_next = FALSE;
  _nb_autosave_stamp_set_hash (&after, data, length);
  self->stamp = after;
  self->check_file = TRUE;
  self->written_revision = nb_report_get_revision (self->report);
  nb_report_set_modified (self->report, FALSE);
  if (!self->writing)
    nb_drafts_remove (self->draft_id);
  /* The user took the file's version over the recovered work (Undo
   * brings it back while the window is open). */
  drop_recovered_draft (self);
  set_state (self, NB_AUTOSAVE_SAVED, NULL);
  maybe_finish_flushes (self);
  return TRUE;
}

/* Crash recovery: the report now holds a crashed session's draft.  Its old
 * draft is replaced by this autosave's own (drop_recovered_draft); and
 * the file is written only if it still holds the version the draft's work
 * was based on.  Anything else (changed, unreadable, gone, or a draft too
 * old to say) would lose what is in the file now without the user
 * choosing it, so autosave stops as for a file changed on disk. */
void
nb_autosave_recover (NbAutosave *self,
                     const char *draft_id,
                     const char *base)
{
  g_autofree char *path = NULL;
  FileStamp current, based;
  NbAutosaveState previous;
  const char *message;

  g_return_if_fail (NB_IS_AUTOSAVE (self));

  g_free (self->recovered_draft_id);
  self->recovered_draft_id = g_strdup (draft_id);
  self->recovered_revision = nb_report_get_revision (self->report);

  path = self->file ? g_file_get_path (self->file) : NULL;
  if (path == NULL)
    return;

  current = _nb_autosave_stamp_path_with_hash (path);
  if (base != NULL && current.exists && current.hash[0] != '\0'
      && g_ascii_strcasecmp (current.hash, base) == 0)
    {
      /* Unchanged since: the recovered work is written as usual. */
      self->stamp = current;
      self->check_file = TRUE;
      return;
    }

  /* A write in flight was checked against the file as it was known
   * before: it must not end the conflict (the reload rule). */
  if (self->writing)
    self->generation++;
  /* Later checks compare with the draft's base: no file on disk matches
   * this stamp unless it holds exactly that content. */
  based = (FileStamp){ TRUE, };
  g_strlcpy (based.hash, base ? base : "", sizeof based.hash);
  self->stamp = based;
  self->check_file = TRUE;

  if (!current.exists)
    {
      /* Not created behind the user's back: Retry or Save As. */
      set_state (self, NB_AUTOSAVE_FAILED, _("The file was deleted or moved"));
      return;
    }
  if (current.hash[0] == '\0')
    message = _("The file could not be read to compare it with the recovered work");
  else if (base == NULL || *base == '\0')
    message = _("The recovered work does not record which version of the file it was based on");
  else
    message = _("The file is not the version the recovered work was based on");
  previous = self->state;
  set_state (self, NB_AUTOSAVE_CONFLICT, message);
  if (previous != NB_AUTOSAVE_CONFLICT)
    g_signal_emit (self, signals[CONFLICT], 0);
}
