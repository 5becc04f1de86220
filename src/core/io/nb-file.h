/* nb-file.h: .nianbao project files (see docs/file-format.md)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_FILE_FORMAT_NAME    "nianbao"
#define NB_FILE_FORMAT_VERSION 1
#define NB_FILE_MAX_SIZE       (16 * 1024 * 1024)
#define NB_FILE_MAX_DEPTH      32
/* Longest text, in bytes as stored, of one metadata field (agency, contact
 * details, a source's name), one paragraph and one cell: far beyond any real
 * report, small enough that a hostile value cannot stall the window. */
#define NB_FILE_MAX_FIELD_BYTES     4096
#define NB_FILE_MAX_PARAGRAPH_BYTES (64 * 1024)
#define NB_FILE_MAX_CELL_BYTES      1024

#define NB_FILE_ERROR (nb_file_error_quark ())

typedef enum
{
  NB_FILE_ERROR_NOT_JSON,
  NB_FILE_ERROR_TRUNCATED,
  NB_FILE_ERROR_ENCODING,
  NB_FILE_ERROR_TOO_LARGE,
  NB_FILE_ERROR_TOO_DEEP,
  NB_FILE_ERROR_NOT_A_REPORT,
  NB_FILE_ERROR_TOO_NEW,
  NB_FILE_ERROR_UNKNOWN_EDITION,
  NB_FILE_ERROR_INVALID,
  NB_FILE_ERROR_OUT_OF_RANGE,
} NbFileError;

typedef enum
{
  NB_FILE_WRITE_REPLACE    = 0,
  NB_FILE_WRITE_NO_CLOBBER = 1 << 0, /* fail with G_FILE_ERROR_EXIST, atomically */
  /* A writable file in a folder that is not: rewritten in place after a
   * verified backup in the data folder (for Save and --force, not autosave) */
  NB_FILE_WRITE_IN_PLACE   = 1 << 1,
} NbFileWriteFlags;

GQuark     nb_file_error_quark   (void);

NbReport  *nb_file_load_data     (const char  *data,
                                  gsize        length,
                                  GError     **error);
NbReport  *nb_file_load_data_full (const char  *data,
                                   gsize        length,
                                   GPtrArray  **warnings,
                                   GError     **error);
NbReport  *nb_file_load          (const char  *path,
                                  GError     **error);
NbReport  *nb_file_load_full     (const char  *path,
                                  GPtrArray  **warnings,
                                  GError     **error);
int        nb_file_open_regular  (const char  *path,
                                  goffset     *size,
                                  GError     **error);
GBytes    *nb_file_read_regular  (const char  *path,
                                  goffset      max_size,
                                  goffset     *size,
                                  GError     **error);
GBytes    *nb_file_serialize     (NbReport    *report);
gboolean   nb_file_check_size    (gsize        length,
                                  GError     **error);
gboolean   nb_file_check_texts   (NbReport    *report,
                                  GError     **error);
GBytes    *nb_file_serialize_checked (NbReport  *report,
                                      GError   **error);
void       nb_file_sweep_temporaries (const char *path);
char      *nb_file_dup_backup_path   (const char *path);
gboolean   nb_file_write_bytes   (const char  *path,
                                  GBytes      *bytes,
                                  GError     **error);
gboolean   nb_file_write_bytes_full (const char        *path,
                                     GBytes            *bytes,
                                     NbFileWriteFlags   flags,
                                     GError           **error);
NbReport  *nb_file_load_sample   (GError     **error);
/* A SHA-256 as the file writes it: 64 lowercase hexadecimal digits. */
gboolean   nb_file_is_sha256     (const char  *text);
gboolean   nb_file_save          (NbReport    *report,
                                  const char  *path,
                                  GError     **error);
gboolean   nb_file_save_full     (NbReport          *report,
                                  const char        *path,
                                  NbFileWriteFlags   flags,
                                  GError           **error);

G_END_DECLS
