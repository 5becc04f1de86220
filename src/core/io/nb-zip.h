/* nb-zip.h: a ZIP archive built in memory (the container of a DOCX)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _NbZipWriter NbZipWriter;

NbZipWriter *nb_zip_writer_new    (GError      **error);
gboolean     nb_zip_writer_add    (NbZipWriter  *self,
                                   const char   *name,
                                   const char   *data,
                                   gsize         length,
                                   GError      **error);
GBytes      *nb_zip_writer_finish (NbZipWriter  *self,
                                   GError      **error);
void         nb_zip_writer_free   (NbZipWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbZipWriter, nb_zip_writer_free)

G_END_DECLS
