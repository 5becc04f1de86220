/* nb-settings.h: the user's settings, read for the core by its callers
 *
 * The core reads no settings (docs/architecture.md): the command line and
 * the windows read them here and hand the values in.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nb-render.h"

G_BEGIN_DECLS

/* The app's settings, or NULL when the schema is not installed (a run from
 * the build tree without GSETTINGS_SCHEMA_DIR): the defaults apply then. */
GSettings *nb_settings_dup                 (void);
/* The defaults, with the layout last chosen in the print preview
 * (landscape tables, line pitch) over them: Export PDF, the command line
 * and Print then lay out the pages the preview showed. */
void       nb_settings_load_render_options (NbRenderOptions *options);

G_END_DECLS
