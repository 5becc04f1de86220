/* nb-text.h: the one rule for which characters a report's text may hold
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  nb_text_char_is_allowed (gunichar     c);
gboolean  nb_text_is_clean        (const char  *text,
                                   gunichar    *first_bad);
char     *nb_text_clean           (const char  *text,
                                   gssize       length,
                                   guint       *n_replaced,
                                   gunichar    *first_bad);
char     *nb_text_drop_disallowed (const char  *text,
                                   gssize       length,
                                   guint       *n_dropped,
                                   gunichar    *first_bad);
char     *nb_text_escape_controls (const char  *text);

G_END_DECLS
