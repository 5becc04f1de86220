/* nb-file-private.h: what the reader and the writer of .nianbao files share
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The metadata that is plain text, in the file's order. */
G_GNUC_UNUSED static const char * const meta_strings[] = { "agency", "address", "postcode", "phone" };

G_END_DECLS
