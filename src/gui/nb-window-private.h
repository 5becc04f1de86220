/* nb-window-private.h: what the window's files share
 *
 * The window is one class spread over several files, as GNOME Text Editor
 * does it (editor-window-private.h): nb-window.c holds the editor (the
 * section list and its pages, the checks, the title and the banner), and
 * each nb-window-*.c file installs the actions of one feature on the class.
 *
 * The instance struct is here, as in nb-sheet-private.h, so that the
 * feature files read the window's fields directly: saving and closing
 * alone read and write the file, the autosave, the closing flag and the
 * banner, and a getter and setter for each would outgrow the code they
 * serve.  The feature files written before it (blanks, compare, history,
 * next-year, publish) still go through the public getters.
 * Nothing outside these files includes this header but the tests.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-checks-panel.h"
#include "nb-window.h"

G_BEGIN_DECLS

/* A section in the list: its row, and its page once first shown. */
typedef struct
{
  char      *section_id;
  GtkWidget *page;
  GtkWidget *row;
  GtkWidget *badge;
} Page;

struct _NbWindow
{
  AdwApplicationWindow  parent_instance;

  NbReport             *report;
  GFile                *file;
  NbAutosave           *autosave;
  GCancellable         *cancellable;
  GSettings            *settings;
  GArray               *pages;       /* Page */
  NbChecksPanel        *checks;
  gboolean              show_checks;
  gboolean              closing;
  guint                 painted_idle_id;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *title;
  GtkListBox           *sidebar;
  GtkStack             *stack;
  AdwLeaflet           *leaflet;
  AdwFlap              *checks_flap;
  GtkBox               *checks_box;
  GtkWidget            *checks_icon;
  GtkWidget            *checks_label;
  GtkRevealer          *banner;
  GtkLabel             *banner_label;
  GtkWidget            *reload_button;
  GtkMenuButton        *menu_button;
  GMenu                *primary_menu;
  GMenu                *export_section;
  GMenu                *recent_menu;
};

/* Each installs its actions; called at the end of nb_window_class_init (). */

/* win.save, win.save-as and win.close, with Ctrl+S, Ctrl+Shift+S, Ctrl+W. */
void       _nb_window_class_save_init      (NbWindowClass  *klass);
/* What closing does with changes not on disk: TRUE when the window stays
 * open for now (a question asked, or a write awaited that closes it once
 * done), FALSE when it may close (the caller chains up).  For
 * GtkWindow::close_request. */
gboolean   _nb_window_save_on_close        (GtkWindow      *window);
/* win.print (Ctrl+P), win.print-preview, win.page-setup, win.export. */
void       _nb_window_class_export_init    (NbWindowClass  *klass);
/* The Export submenu of the main menu: one item per format. */
void       _nb_window_build_export_menu    (NbWindow       *self);
/* win.show-sections (F9), win.next-section and win.previous-section
 * (Ctrl+Page Down/Up), win.show-section-at (Alt+1…9), win.next-pane and
 * win.previous-pane (F6, Shift+F6). */
void       _nb_window_class_navigation_init (NbWindowClass *klass);
/* The shortcuts that must come before the focused widget, and Enter, Tab
 * and Right in the section list; once the sections are listed. */
void       _nb_window_add_keyboard_shortcuts (NbWindow     *self);

/* win.compare: this report against last year's file. */
void       _nb_window_class_compare_init   (NbWindowClass  *klass);
/* win.history (earlier versions) and win.reload (after a conflict, take
 * the file's version, undoable: nb_autosave_reload ()). */
void       _nb_window_class_history_init   (NbWindowClass  *klass);
/* win.new-next-year (next year's report in a new window, last year's text
 * alongside) and win.show-last-year (that text again). */
void       _nb_window_class_next_year_init (NbWindowClass  *klass);
/* win.fill-blanks-table (the table shown) and win.fill-blanks-report. */
void       _nb_window_class_blanks_init    (NbWindowClass  *klass);

/* win.copy-for-website, win.mark-published, win.compare-published. */
void       _nb_window_class_publish_init   (NbWindowClass  *klass);
/* For the subtitle: the deadline, or the publication and whether the report
 * changed since; NULL when there is nothing to say.  Also enables
 * win.compare-published. */
char      *_nb_window_publish_dup_status   (NbWindow       *self);
/* The frozen published version, or NULL (transfer none). */
NbReport  *_nb_window_publish_get_version  (NbWindow       *self);
/* Marks the report published on @date ("YYYY-MM-DD") and freezes this
 * version; the dialog of win.mark-published ends here. */
gboolean   _nb_window_publish_mark         (NbWindow       *self,
                                            const char     *date,
                                            GError        **error);

/* From nb-window.c, for the feature files. */

/* Sets the file (and notifies ::file), as a save does. */
void       _nb_window_set_file             (NbWindow       *self,
                                            GFile          *file);
/* The title, the subtitle (file, save state, publication) and win.save. */
void       _nb_window_update_title         (NbWindow       *self);
/* A message dialog with a Close button. */
void       _nb_window_show_error           (NbWindow       *self,
                                            const char     *heading,
                                            const char     *message);
/* @page's widget, built the first time it is asked for. */
GtkWidget *_nb_window_ensure_page          (NbWindow       *self,
                                            Page           *page);
/* Selects the section's row and shows its page. */
void       _nb_window_show_section         (NbWindow       *self,
                                            const char     *section_id);
/* A short message at the bottom of the window. */
void       _nb_window_add_toast            (NbWindow       *self,
                                            const char     *message);

/* What win.compare does once a file is chosen.  Returns: (transfer none)
 * the comparison window, or NULL with @error when @previous cannot be read. */
GtkWindow *_nb_window_compare_with_file    (NbWindow       *self,
                                            GFile          *previous,
                                            GError        **error);

G_END_DECLS
