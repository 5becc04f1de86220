/* nb-autosave-private.h: what only the tests of nb-autosave.c reach
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called in the writing thread right after the report's file was written
 * at @path, before autosave looks at it: a test puts another program's
 * file there, as a sync tool renaming its copy over ours at that moment
 * would.  NULL (the default) calls nothing. */
typedef void (*NbAutosaveWrittenFunc) (const char *path,
                                       gpointer    user_data);

void nb_autosave_set_written_func (NbAutosaveWrittenFunc func,
                                   gpointer              user_data);

G_END_DECLS
