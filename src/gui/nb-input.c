/* nb-input.c: what typing and pasting may put into a report
 *
 * Control characters (ESC from a terminal) and noncharacters (U+FFFE, a
 * byte-swapped BOM from a paste) would be saved, then break an export or
 * come back as U+FFFD with a warning on the next load.  They are left out
 * as they arrive, at the one place every keystroke, paste and input method
 * passes ("insert-text"), and the window says what was left out.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-input"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-input.h"
#include "nb-text.h"

/* Through the window's "win.show-message", so a page need not know
 * its window. */
static void
tell_dropped (GtkWidget *widget,
              guint      n_dropped,
              gunichar   first_bad)
{
  g_autofree char *message = NULL;

  /* Translators: U+%04X is the code point of the first character, as U+FFFE */
  message = g_strdup_printf (ngettext ("%u character that is not text (U+%04X) was left out: it "
                                       "cannot be printed or exported",
                                       "%u characters that are not text (the first U+%04X) were "
                                       "left out: they cannot be printed or exported",
                                       n_dropped),
                             n_dropped, first_bad);
  if (!gtk_widget_activate_action (widget, "win.show-message", "s", message))
    g_message ("%s", message);
}

static void
on_editable_insert_text_cb (GtkEditable *editable,
                            const char  *text,
                            int          length,
                            int         *position,
                            gpointer     user_data)
{
  g_autofree char *clean = NULL;
  guint n_dropped = 0;
  gunichar first_bad = 0;

  /* Only what the user types or pastes, which needs the focus; not the
   * value a page shows from the report (cleaned when it was loaded). */
  if (!gtk_widget_has_focus (GTK_WIDGET (editable)))
    return;
  clean = nb_text_drop_disallowed (text, length, &n_dropped, &first_bad);
  if (clean == NULL)
    return;
  g_signal_stop_emission_by_name (editable, "insert-text");
  if (clean[0] != '\0')
    {
      g_signal_handlers_block_by_func (editable, on_editable_insert_text_cb, user_data);
      gtk_editable_insert_text (editable, clean, -1, position);
      g_signal_handlers_unblock_by_func (editable, on_editable_insert_text_cb, user_data);
    }
  tell_dropped (GTK_WIDGET (editable), n_dropped, first_bad);
}

/* For an entry or an AdwEntryRow: the text is inserted by its delegate, a
 * GtkText, which emits the signal. */
void
nb_input_guard_editable (GtkEditable *editable)
{
  GtkEditable *delegate;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  delegate = gtk_editable_get_delegate (editable);
  if (delegate == NULL)
    delegate = editable;
  g_signal_connect (delegate, "insert-text", G_CALLBACK (on_editable_insert_text_cb), NULL);
}

/* For an "insert-text" handler of a text buffer, run first (before the
 * handlers that follow the inserted text: levels, tags): if @text holds
 * characters that are not allowed, the insertion is replaced by one of the
 * clean text, @location moved past it as the caller expects, @view says what
 * was left out, and TRUE is returned (the handler then returns at once).
 * Not for text the program puts there itself (a report being shown): the
 * loader cleaned it already. */
gboolean
nb_input_filter_buffer_insert (GtkTextBuffer *buffer,
                               GtkTextIter   *location,
                               const char    *text,
                               int            length,
                               GtkWidget     *view)
{
  g_autofree char *clean = NULL;
  guint n_dropped = 0;
  gunichar first_bad = 0;

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (view), FALSE);

  clean = nb_text_drop_disallowed (text, length, &n_dropped, &first_bad);
  if (clean == NULL)
    return FALSE;
  g_signal_stop_emission_by_name (buffer, "insert-text");
  if (clean[0] != '\0')
    gtk_text_buffer_insert (buffer, location, clean, -1);
  tell_dropped (view, n_dropped, first_bad);
  return TRUE;
}
