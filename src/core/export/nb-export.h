/* nb-export.h: every way a report leaves Nianbao, by format name
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_EXPORT_ERROR (nb_export_error_quark ())

typedef enum
{
  NB_EXPORT_ERROR_UNKNOWN_FORMAT,
  NB_EXPORT_ERROR_FAILED,
} NbExportError;

/* Renders a report into the bytes of one file. */
typedef GBytes *(*NbExportFunc) (NbReport  *report,
                                 GError   **error);

typedef struct
{
  const char   *name;       /* "csv": what --export takes */
  const char   *extension;  /* "csv" */
  const char   *mime_type;
  NbExportFunc  func;
} NbExportFormat;

GQuark                nb_export_error_quark   (void);
const NbExportFormat *nb_export_find_format   (const char  *name);
const NbExportFormat *nb_export_lookup        (const char  *name,
                                               GError     **error);
const NbExportFormat *nb_export_get_formats   (guint       *n_formats);
GBytes               *nb_export_to_bytes      (NbReport    *report,
                                               const char  *format,
                                               GError     **error);
gboolean              nb_export_to_file       (NbReport    *report,
                                               const char  *format,
                                               const char  *path,
                                               GError     **error);

NbReport             *nb_export_prepare       (NbReport    *report);
void                  nb_export_csv_append_field (GString   *out,
                                                  const char *text);

/* One per format, each in its own file. */
GBytes               *nb_export_csv           (NbReport    *report,
                                               GError     **error);
GBytes               *nb_export_pdf           (NbReport    *report,
                                               GError     **error);
GBytes               *nb_export_ofd           (NbReport    *report,
                                               GError     **error);
GBytes               *nb_export_html          (NbReport    *report,
                                               GError     **error);
GBytes               *nb_export_docx          (NbReport    *report,
                                               GError     **error);
GBytes               *nb_export_txt           (NbReport    *report,
                                               GError     **error);

G_END_DECLS
