/* nb-import.h: bringing a published report (text, web page, Word file) in
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"

G_BEGIN_DECLS

/* Inputs larger than these are no report; refusing them before reading
 * bounds time and memory (docs/file-format.md lists them with the time
 * and memory the largest accepted input takes).  A Word file may carry
 * pictures, so its limit is on the file; its text (word/document.xml) has
 * NB_IMPORT_MAX_DOCX_TEXT. */
#define NB_IMPORT_MAX_SIZE      (32 * 1024 * 1024)
#define NB_IMPORT_MAX_TEXT_SIZE (2 * 1024 * 1024)
#define NB_IMPORT_MAX_HTML_SIZE (8 * 1024 * 1024)
#define NB_IMPORT_MAX_DOCX_TEXT (8 * 1024 * 1024)

typedef enum
{
  NB_IMPORT_FORMAT_UNKNOWN,
  NB_IMPORT_FORMAT_TEXT,  /* plain text or Markdown, tab-separated tables */
  NB_IMPORT_FORMAT_HTML,
  NB_IMPORT_FORMAT_DOCX,
} NbImportFormat;

#define NB_IMPORT_ERROR (nb_import_error_quark ())

typedef enum
{
  NB_IMPORT_ERROR_UNKNOWN_FORMAT,
  NB_IMPORT_ERROR_TOO_LARGE,
  NB_IMPORT_ERROR_ENCODING,
  NB_IMPORT_ERROR_DAMAGED,      /* not the container it claims to be */
  NB_IMPORT_ERROR_NOT_A_REPORT, /* readable, but nothing of a report in it */
} NbImportError;

/* One line of the import report: something not mapped or suspicious. */
typedef struct
{
  NbSeverity  severity; /* error: something was not imported; warning: check it */
  const char *code;     /* stable: "ROW-EXTRA-VALUES", "ROW-UNKNOWN", … */
  char       *location; /* "line 57", "table 2, row 5", or NULL */
  char       *message;  /* translated, for people */
} NbImportFinding;

#define NB_TYPE_IMPORT_FINDING (nb_import_finding_get_type ())
GType            nb_import_finding_get_type (void) G_GNUC_CONST;
NbImportFinding *nb_import_finding_copy     (const NbImportFinding *finding);
void             nb_import_finding_free     (NbImportFinding       *finding);
char            *nb_import_finding_to_string (const NbImportFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbImportFinding, nb_import_finding_free)

GQuark           nb_import_error_quark      (void);
NbImportFormat   nb_import_format_for_path  (const char     *path);
NbImportFormat   nb_import_format_guess     (const char     *data,
                                             gsize           length);
const char      *nb_import_format_to_string (NbImportFormat  format);

/* Both return the report, or NULL with @error set when nothing could be
 * imported.  @findings (nullable) receives the import report: every row,
 * cell and section that was not mapped or looks wrong (NbImportFinding).
 * @summary (nullable) receives one line saying what was understood. */
NbReport        *nb_import_data             (const char     *data,
                                             gsize           length,
                                             NbImportFormat  format,
                                             GPtrArray     **findings,
                                             char          **summary,
                                             GError        **error);
NbReport        *nb_import_file             (const char     *path,
                                             GPtrArray     **findings,
                                             char          **summary,
                                             GError        **error);

/* The label comparison every importer shares: NFKC, no white space, one
 * kind of parentheses and quotes.  Exposed for the tests. */
char            *nb_import_normalize_label  (const char     *text);

/* Tab-separated lines as spreadsheets copy them, whatever their line
 * ends: a GStrv of fields per line, each field stripped and unquoted; the
 * empty line a copied block ends with dropped. */
GPtrArray       *nb_import_split_pasted_block (const char     *text);

/* A block pasted with its row and/or column labels, mapped by them. */
gboolean         nb_import_map_pasted_block (NbEdition             *edition,
                                             const NbEditionTable  *table,
                                             const char            *text,
                                             guint                  cursor,
                                             gboolean              *has_labels,
                                             GArray               **cells,
                                             GStrv                 *texts,
                                             GError               **error);

G_END_DECLS
