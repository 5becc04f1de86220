/* nb-compare-window.h: this year's report against last year's
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-compare.h"

G_BEGIN_DECLS

#define NB_TYPE_COMPARE_WINDOW (nb_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (NbCompareWindow, nb_compare_window, NB, COMPARE_WINDOW, AdwWindow)

NbCompareWindow *nb_compare_window_new              (NbCompare       *compare);
NbCompare       *nb_compare_window_get_compare      (NbCompareWindow *self);
void             nb_compare_window_set_changed_only (NbCompareWindow *self,
                                                     gboolean         changed_only);
guint            nb_compare_window_count_shown      (NbCompareWindow *self,
                                                     gboolean         largest_only);

G_END_DECLS
