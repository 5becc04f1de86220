/* nb-review-item.h: one report of the Review window, checked
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NB_TYPE_REVIEW_ITEM (nb_review_item_get_type ())
G_DECLARE_FINAL_TYPE (NbReviewItem, nb_review_item, NB, REVIEW_ITEM, GObject)

NbReviewItem *nb_review_item_new_for_file (GFile        *file,
                                           const char   *name);
GFile        *nb_review_item_get_file     (NbReviewItem *self);
const char   *nb_review_item_get_name     (NbReviewItem *self);
const char   *nb_review_item_get_agency   (NbReviewItem *self);
int           nb_review_item_get_year     (NbReviewItem *self);
guint         nb_review_item_get_errors   (NbReviewItem *self);
guint         nb_review_item_get_warnings (NbReviewItem *self);
const char   *nb_review_item_get_status   (NbReviewItem *self);
gboolean      nb_review_item_get_readable (NbReviewItem *self);

G_END_DECLS
