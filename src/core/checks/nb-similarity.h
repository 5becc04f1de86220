/* nb-similarity.h: how alike two texts are, for year-over-year comparison
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At or above this score, section 五 reads as copied from last year. */
#define NB_SIMILARITY_COPIED 0.8

double nb_similarity_text (const char *a,
                           const char *b);

G_END_DECLS
