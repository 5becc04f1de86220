/* nb-window.h: one report in one window
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-application.h"
#include "nb-checks-panel.h"
#include "nb-report.h"
#include "nb-sheet.h"
#include "nb-text-page.h"

G_BEGIN_DECLS

#define NB_TYPE_WINDOW (nb_window_get_type ())
G_DECLARE_FINAL_TYPE (NbWindow, nb_window, NB, WINDOW, AdwApplicationWindow)

NbWindow      *nb_window_new                 (NbApplication *application,
                                              NbReport      *report,
                                              GFile         *file);
NbReport      *nb_window_get_report          (NbWindow      *self);
GFile         *nb_window_get_file            (NbWindow      *self);

/* The parts of the window, for the tests and the benchmark. */
void           nb_window_show_section        (NbWindow      *self,
                                              const char    *section_id);
const char    *nb_window_get_visible_section (NbWindow      *self);
NbSheet       *nb_window_get_sheet           (NbWindow      *self,
                                              const char    *table_id);
NbTextPage    *nb_window_get_text_page       (NbWindow      *self,
                                              const char    *section_id);
NbChecksPanel *nb_window_get_checks_panel    (NbWindow      *self);
guint          nb_window_get_section_badge   (NbWindow      *self,
                                              const char    *section_id);
gboolean       nb_window_save_to_file        (NbWindow      *self,
                                              GFile         *file,
                                              GError       **error);
void           nb_window_commit_edits        (NbWindow      *self);
void           nb_window_add_toast           (NbWindow      *self,
                                              const char    *message);

G_END_DECLS
