/* nb-window.h: one report in one window
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-autosave.h"
#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_WINDOW (nb_window_get_type ())
G_DECLARE_FINAL_TYPE (NbWindow, nb_window, NB, WINDOW, AdwApplicationWindow)

NbWindow *nb_window_new          (GtkApplication  *application,
                                  NbReport        *report,
                                  GFile           *file);
NbReport *nb_window_get_report   (NbWindow        *self);
GFile    *nb_window_get_file     (NbWindow        *self);
NbAutosave *nb_window_get_autosave (NbWindow      *self);
gboolean  nb_window_save_to_file (NbWindow        *self,
                                  GFile           *file,
                                  GError         **error);
void      nb_window_commit_edits (NbWindow        *self);
void      nb_window_show_load_warnings (NbWindow  *self,
                                        GPtrArray *warnings);

G_END_DECLS
