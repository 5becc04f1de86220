/* nb-review-window.h: every report of a folder, checked, in one list
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NB_TYPE_REVIEW_WINDOW (nb_review_window_get_type ())
G_DECLARE_FINAL_TYPE (NbReviewWindow, nb_review_window, NB, REVIEW_WINDOW, AdwApplicationWindow)

NbReviewWindow *nb_review_window_new              (GtkApplication *application);
void            nb_review_window_load_folder      (NbReviewWindow *self,
                                                   GFile          *folder);
GFile          *nb_review_window_get_folder       (NbReviewWindow *self);
gboolean        nb_review_window_get_loading      (NbReviewWindow *self);
GListModel     *nb_review_window_get_model        (NbReviewWindow *self);
void            nb_review_window_set_errors_only  (NbReviewWindow *self,
                                                   gboolean        errors_only);
void            nb_review_window_sort_by          (NbReviewWindow *self,
                                                   const char     *property,
                                                   GtkSortType     direction);
GtkWindow      *nb_review_window_open_item        (NbReviewWindow *self,
                                                   guint           position);

G_END_DECLS
