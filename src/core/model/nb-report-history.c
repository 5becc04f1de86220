/* nb-report-history.c: every change to a report recorded, announced and undoable
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-report"

#include "config.h"

#include "nb-report-private.h"

#define UNDO_LIMIT        1000
#define COALESCE_USEC     (1500 * G_TIME_SPAN_MILLISECOND)

static void
change_free (Change *change)
{
  _nb_report_cell_data_clear (&change->before);
  _nb_report_cell_data_clear (&change->after);
  g_free (change->section_id);
  g_clear_pointer (&change->paragraphs_before, g_ptr_array_unref);
  g_clear_pointer (&change->paragraphs_after, g_ptr_array_unref);
  if (G_IS_VALUE (&change->value_before))
    g_value_unset (&change->value_before);
  if (G_IS_VALUE (&change->value_after))
    g_value_unset (&change->value_after);
  g_free (change);
}

static Command *
command_new (void)
{
  Command *command = g_new0 (Command, 1);

  command->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)change_free);
  command->time = g_get_monotonic_time ();
  return command;
}

void
_nb_report_command_free (Command *command)
{
  g_ptr_array_unref (command->changes);
  g_free (command);
}

static void
notify_undo_state (NbReport *self)
{
  if (self->quiet)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), _nb_report_properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), _nb_report_properties[PROP_CAN_REDO]);
}

/* Every change goes through here: it is applied, recorded for undo, and
 * announced. */
void
_nb_report_begin_change (NbReport *self)
{
  self->change_depth++;
}

void
_nb_report_end_change (NbReport *self)
{
  g_assert (self->change_depth > 0);
  if (--self->change_depth == 0)
    {
      self->revision++;
      if (!self->modified)
        {
          self->modified = TRUE;
          if (!self->quiet)
            g_object_notify_by_pspec (G_OBJECT (self), _nb_report_properties[PROP_MODIFIED]);
        }
      if (!self->quiet)
        g_signal_emit (self, _nb_report_signals[CHANGED], 0);
    }
}

void
_nb_report_record (NbReport *self,
                   Change   *change)
{
  Command *command;

  if (self->replaying)
    {
      change_free (change);
      return;
    }

  if (self->open_command != NULL)
    command = self->open_command;
  else
    {
      Command *last = g_queue_peek_head (&self->undo);

      /* Typing in a section coalesces into one step until a pause. */
      if (change->kind == CHANGE_PARAGRAPHS && last != NULL && last->changes->len == 1
          && !last->closed && self->redo.length == 0)
        {
          Change *previous = g_ptr_array_index (last->changes, 0);

          if (previous->kind == CHANGE_PARAGRAPHS
              && g_strcmp0 (previous->section_id, change->section_id) == 0
              && g_get_monotonic_time () - last->time < COALESCE_USEC)
            {
              g_clear_pointer (&previous->paragraphs_after, g_ptr_array_unref);
              previous->paragraphs_after = g_steal_pointer (&change->paragraphs_after);
              last->time = g_get_monotonic_time ();
              change_free (change);
              return;
            }
        }
      command = command_new ();
      g_queue_push_head (&self->undo, command);
      while (self->undo.length > UNDO_LIMIT)
        _nb_report_command_free (g_queue_pop_tail (&self->undo));
    }
  g_ptr_array_add (command->changes, change);

  if (self->redo.length > 0)
    {
      g_queue_clear_full (&self->redo, (GDestroyNotify)_nb_report_command_free);
    }
  if (self->open_command == NULL)
    notify_undo_state (self);
}

/* State */

gboolean
nb_report_get_modified (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return self->modified;
}

void
nb_report_set_modified (NbReport *self,
                        gboolean  modified)
{
  g_return_if_fail (NB_IS_REPORT (self));

  modified = !!modified;
  if (self->modified != modified)
    {
      self->modified = modified;
      if (!self->quiet)
        g_object_notify_by_pspec (G_OBJECT (self), _nb_report_properties[PROP_MODIFIED]);
    }
  /* A saved state is a boundary: later typing starts a new undo step. */
  if (!modified && self->undo.head != NULL)
    ((Command *)self->undo.head->data)->closed = TRUE;
}

/* Goes up by one with every change: lets autosave tell whether what it
 * wrote is still the latest state. */
guint64
nb_report_get_revision (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), 0);
  return self->revision;
}

/* Undo */

void
nb_report_begin_user_action (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));

  if (self->user_action_depth++ == 0 && !self->replaying)
    self->open_command = command_new ();
}

void
nb_report_end_user_action (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (self->user_action_depth > 0);

  if (--self->user_action_depth > 0 || self->open_command == NULL)
    return;

  if (self->open_command->changes->len == 0)
    g_clear_pointer (&self->open_command, _nb_report_command_free);
  else
    {
      self->open_command->closed = TRUE;
      g_queue_push_head (&self->undo, g_steal_pointer (&self->open_command));
      while (self->undo.length > UNDO_LIMIT)
        _nb_report_command_free (g_queue_pop_tail (&self->undo));
      notify_undo_state (self);
    }
}

gboolean
nb_report_get_can_undo (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return self->undo.length > 0;
}

gboolean
nb_report_get_can_redo (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return self->redo.length > 0;
}

static void
replay (NbReport *self,
        Command  *command,
        gboolean  forward)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->replaying = TRUE;
  _nb_report_begin_change (self);
  for (guint k = 0; k < command->changes->len; k++)
    {
      guint i = forward ? k : command->changes->len - 1 - k;
      Change *change = g_ptr_array_index (command->changes, i);

      switch (change->kind)
        {
        case CHANGE_CELL:
          _nb_report_apply_cell (self, change->table, change->cell,
                                 forward ? &change->after : &change->before);
          break;
        case CHANGE_PARAGRAPHS:
          _nb_report_store_paragraphs (self, change->section_id,
                                       forward ? change->paragraphs_after
                                               : change->paragraphs_before);
          break;
        case CHANGE_META:
          _nb_report_store_meta (self, change->prop_id,
                                 forward ? &change->value_after : &change->value_before);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  _nb_report_end_change (self);
  self->replaying = FALSE;
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
nb_report_undo (NbReport *self)
{
  Command *command;

  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (self->user_action_depth == 0, FALSE);

  command = g_queue_pop_head (&self->undo);
  if (command == NULL)
    return FALSE;
  command->closed = TRUE;
  replay (self, command, FALSE);
  g_queue_push_head (&self->redo, command);
  notify_undo_state (self);
  return TRUE;
}

gboolean
nb_report_redo (NbReport *self)
{
  Command *command;

  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (self->user_action_depth == 0, FALSE);

  command = g_queue_pop_head (&self->redo);
  if (command == NULL)
    return FALSE;
  replay (self, command, TRUE);
  g_queue_push_head (&self->undo, command);
  notify_undo_state (self);
  return TRUE;
}

/**
 * nb_report_set_history_enabled:
 *
 * Loaders build a report with the history off: what is loaded is the
 * starting point, not an undoable edit, and recording it would cost a fifth
 * of the loading time.
 */
void
nb_report_set_history_enabled (NbReport *self,
                               gboolean  enabled)
{
  g_return_if_fail (NB_IS_REPORT (self));

  self->history_disabled = !enabled;
}

/**
 * nb_report_set_quiet:
 *
 * A loader builds its report quietly: changes are applied without signals
 * or notifications, which no one can receive before the loader returns the
 * report.  Every emission takes GObject's one process-wide signal lock; a
 * few hundred per report (one per cell) made the workers of a folder check
 * queue on it.
 */
void
nb_report_set_quiet (NbReport *self,
                     gboolean  quiet)
{
  g_return_if_fail (NB_IS_REPORT (self));

  self->quiet = !!quiet;
}

/* For loaders: what was loaded is the starting point, not an undoable edit. */
void
nb_report_forget_history (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (self->user_action_depth == 0);

  g_queue_clear_full (&self->undo, (GDestroyNotify)_nb_report_command_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify)_nb_report_command_free);
  notify_undo_state (self);
  nb_report_set_modified (self, FALSE);
}
