/* nb-narrative.h: reading figures in the narrative
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean nb_narrative_is_cn_numeral   (gunichar        c);
gboolean nb_narrative_parse_cn_number (const gunichar *text,
                                       guint           len,
                                       gint64         *value);

G_END_DECLS
