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
  const char   *label;      /* the Export menu's item, marked for translation; NULL: "NAME…" */
} NbExportFormat;

/* How an export is shaped, for the exports that take options. */
typedef struct
{
  gboolean    fragment;  /* HTML: the body alone, for a CMS editor */
  const char *published; /* "YYYY-MM-DD": stamp the publication date; NULL: none */
  NbReport   *previous;  /* picture summary: last year's report; NULL: the reference */
} NbExportOptions;

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
/* With options: the HTML fragment, the publication stamp (every format
 * but CSV, which has no text), last year's report for the picture. */
gboolean              nb_export_to_file_full  (NbReport               *report,
                                               const char             *format,
                                               const char             *path,
                                               const NbExportOptions  *options,
                                               GError                **error);

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
GBytes               *nb_export_html_fragment (NbReport  *report,
                                                GError   **error);
GBytes               *nb_export_html_full     (NbReport               *report,
                                               const NbExportOptions  *options,
                                               GError                **error);
/* The picture summary (一图读懂): SVG (nb_export_summary_svg) or PNG. */
GBytes               *nb_export_summary_svg   (NbReport    *report,
                                               GError     **error);
GBytes               *nb_export_summary_image (NbReport               *report,
                                               const NbExportOptions  *options,
                                               gboolean                png,
                                               GError                **error);
GBytes               *nb_export_summary_pdf   (NbReport               *report,
                                               const NbExportOptions  *options,
                                               GError                **error);
/* The figures the picture shows, as "label,value" CSV lines under their
 * headings, exactly as drawn (for tests and for the image's description). */
char                 *nb_export_summary_dup_text (NbReport             *report,
                                                  const NbExportOptions *options);
/* The edition's publication stamp for a "YYYY-MM-DD" date, or NULL when the
 * date is not one. */
char                 *nb_export_dup_published_stamp (NbReport   *report,
                                                     const char *date);
/* A copy of @report whose text ends with the publication stamp of @date,
 * for the formats that lay out the text themselves (PDF, OFD, DOCX, TXT);
 * @report itself (a new reference) when @date is not a date. */
NbReport             *nb_export_dup_stamped   (NbReport   *report,
                                               const char *date);
GBytes               *nb_export_docx          (NbReport    *report,
                                               GError     **error);
GBytes               *nb_export_txt           (NbReport    *report,
                                               GError     **error);

G_END_DECLS
