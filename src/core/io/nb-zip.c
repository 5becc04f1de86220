/* nb-zip.c: a ZIP archive built in memory, written by libarchive
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-zip"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "nb-zip.h"

struct _NbZipWriter
{
  struct archive *archive;
  GByteArray     *data;
  gboolean        failed;
};

static la_ssize_t
write_cb (struct archive *archive,
          void           *user_data,
          const void     *buffer,
          size_t          length)
{
  NbZipWriter *self = user_data;

  g_byte_array_append (self->data, buffer, length);
  return length;
}

static gboolean
check (NbZipWriter  *self,
       int           status,
       GError      **error)
{
  if (status == ARCHIVE_OK)
    return TRUE;
  self->failed = TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not build the ZIP container: %s"),
               archive_error_string (self->archive) ? archive_error_string (self->archive)
                                                    : _("unknown error"));
  return FALSE;
}

NbZipWriter *
nb_zip_writer_new (GError **error)
{
  g_autoptr(NbZipWriter) self = g_new0 (NbZipWriter, 1);

  self->data = g_byte_array_new ();
  self->archive = archive_write_new ();
  if (self->archive == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not build the ZIP container"));
      return NULL;
    }
  if (!check (self, archive_write_set_format_zip (self->archive), error)
      /* Deflate, which every Office reader takes; libarchive would fall
       * back to storing if it lacked zlib. */
      || !check (self, archive_write_set_format_option (self->archive, "zip", "compression",
                                                        "deflate"), error)
      /* No padding after the central directory: a ZIP ends where it ends. */
      || !check (self, archive_write_set_bytes_in_last_block (self->archive, 1), error)
      || !check (self, archive_write_open (self->archive, self, NULL, write_cb, NULL), error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
nb_zip_writer_add (NbZipWriter  *self,
                   const char   *name,
                   const char   *data,
                   gsize         length,
                   GError      **error)
{
  struct archive_entry *entry;
  la_ssize_t written;
  gboolean ok;

  g_return_val_if_fail (self != NULL && !self->failed, FALSE);

  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, length);
  /* A fixed time keeps the output reproducible; it is within the DOS
   * date range ZIP stores (1980–2107). */
  archive_entry_set_mtime (entry, 315532800 + 86400, 0);
  ok = check (self, archive_write_header (self->archive, entry), error);
  archive_entry_free (entry);
  if (!ok)
    return FALSE;

  written = archive_write_data (self->archive, data, length);
  if (written < 0 || (gsize)written != length)
    return check (self, written < 0 ? (int)written : ARCHIVE_FATAL, error);
  return check (self, archive_write_finish_entry (self->archive), error);
}

GBytes *
nb_zip_writer_finish (NbZipWriter  *self,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL && !self->failed, NULL);

  if (!check (self, archive_write_close (self->archive), error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&self->data));
}

void
nb_zip_writer_free (NbZipWriter *self)
{
  if (self == NULL)
    return;
  if (self->archive != NULL)
    archive_write_free (self->archive);
  if (self->data != NULL)
    g_byte_array_unref (self->data);
  g_free (self);
}
