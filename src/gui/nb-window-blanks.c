/* nb-window-blanks.c: the window's "Fill blank cells with 0" actions
 *
 * The format asks for 0 wherever there is nothing to report, and most of
 * table 三's hundred-odd cells are 0: typing them one by one is the slowest
 * part of the clerk's day.  win.fill-blanks-table fills the table of the
 * page shown, win.fill-blanks-report every table; each is one undo step.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-blanks"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-window-private.h"

static void
fill_blanks_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  NbReport *report = nb_window_get_report (window);
  NbEdition *edition = nb_report_get_edition (report);
  const NbEditionTable *table = NULL;
  g_autofree char *message = NULL;
  g_autofree char *section_id = NULL;
  guint filled;

  if (g_str_equal (action_name, "win.fill-blanks-table"))
    {
      const NbEditionSection *section;

      g_object_get (window, "visible-section", &section_id, NULL);
      section = section_id != NULL ? nb_edition_find_section (edition, section_id) : NULL;

      if (section == NULL || section->table_id == NULL)
        {
          _nb_window_add_toast (window, _("This page has no table: choose a table to fill its blank cells"));
          return;
        }
      table = nb_edition_find_table (edition, section->table_id);
    }

  /* A value being typed is the clerk's: it is kept, not overwritten. */
  nb_window_commit_edits (window);
  filled = nb_report_fill_blanks (report, table);
  if (filled == 0)
    message = g_strdup (table != NULL ? _("This table has no blank cells")
                                      : _("The report has no blank cells"));
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Filled %u blank cell with 0 (Ctrl+Z undoes it)",
                                            "Filled %u blank cells with 0 (Ctrl+Z undoes it)",
                                            filled),
                               filled);
  _nb_window_add_toast (window, message);
}

void
_nb_window_class_blanks_init (NbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.fill-blanks-table", NULL, fill_blanks_action);
  gtk_widget_class_install_action (widget_class, "win.fill-blanks-report", NULL, fill_blanks_action);
}
