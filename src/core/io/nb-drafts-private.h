/* nb-drafts-private.h: what nb-history.c shares with nb-drafts.c, and what
 * only the tests of nb-drafts.c reach
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The data folder's parts, for nb-history.c. */
char     *_nb_drafts_subdir       (const char *name);
gboolean  _nb_drafts_is_safe_name (const char *name);

/* Called by nb_drafts_write after each file it puts on disk, with that
 * step's name, so that a test can end the process there as a kill would
 * and look at what the next start finds.  NULL (the default) calls
 * nothing. */
typedef void (*NbDraftsStepFunc) (const char *step);

void nb_drafts_set_step_func (NbDraftsStepFunc func);

G_END_DECLS
