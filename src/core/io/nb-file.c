/* nb-file.c: .nianbao project files (see docs/file-format.md)
 *
 * nb-file-read.c reads a file into a report, from the tree nb-json-tree.c
 * makes of its JSON; nb-file-write.c turns a report into a file's bytes;
 * nb-file-disk.c reads and writes those bytes safely.  Here: what they share.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-file"

#include "config.h"

#include <string.h>

#include "nb-file.h"

G_DEFINE_QUARK (nb-file-error-quark, nb_file_error)

gboolean
nb_file_is_sha256 (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}
