/* nb-package.c: a zip package of XML parts (DOCX, OFD), the XML written by
 * libxml2 and the zip by libarchive
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-package"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>

#include "nb-package.h"

struct _NbPackage
{
  struct archive *archive;
  GByteArray     *data;
  gboolean        failed;
};

struct _NbXmlPart
{
  xmlBufferPtr     buffer;
  xmlTextWriterPtr writer;
  gboolean         failed;
};

/* The package ---------------------------------------------------------------- */

static la_ssize_t
write_cb (struct archive *archive,
          void           *user_data,
          const void     *buffer,
          size_t          length)
{
  NbPackage *self = user_data;

  g_byte_array_append (self->data, buffer, length);
  return length;
}

static gboolean
check (NbPackage  *self,
       int         status,
       GError    **error)
{
  if (status == ARCHIVE_OK)
    return TRUE;
  self->failed = TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not build the ZIP container: %s"),
               archive_error_string (self->archive) ? archive_error_string (self->archive)
                                                    : _("unknown error"));
  return FALSE;
}

NbPackage *
nb_package_new (GError **error)
{
  g_autoptr(NbPackage) self = g_new0 (NbPackage, 1);

  self->data = g_byte_array_new ();
  self->archive = archive_write_new ();
  if (self->archive == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not build the ZIP container"));
      return NULL;
    }
  if (!check (self, archive_write_set_format_zip (self->archive), error)
      /* Deflate, which every Office and OFD reader takes. */
      || !check (self, archive_write_set_format_option (self->archive, "zip", "compression",
                                                        "deflate"), error)
      /* No padding after the central directory: a zip ends where it ends. */
      || !check (self, archive_write_set_bytes_in_last_block (self->archive, 1), error)
      || !check (self, archive_write_open (self->archive, self, NULL, write_cb, NULL), error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
nb_package_add (NbPackage   *self,
                const char  *name,
                const void  *data,
                gsize        length,
                GError     **error)
{
  struct archive_entry *entry;
  la_ssize_t written;
  gboolean ok;

  g_return_val_if_fail (self != NULL && !self->failed, FALSE);

  entry = archive_entry_new ();
  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, length);
  /* A fixed time keeps the output reproducible; it is within the DOS
   * date range zip stores (1980–2107). */
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

/* Ends @part's document and adds it. */
gboolean
nb_package_add_part (NbPackage   *self,
                     const char  *name,
                     NbXmlPart   *part,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const void *data;

  g_return_val_if_fail (part != NULL, FALSE);

  bytes = nb_xml_part_end (part, name, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return nb_package_add (self, name, data, length, error);
}

GBytes *
nb_package_finish (NbPackage  *self,
                   GError    **error)
{
  g_return_val_if_fail (self != NULL && !self->failed, NULL);

  if (!check (self, archive_write_close (self->archive), error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&self->data));
}

void
nb_package_free (NbPackage *self)
{
  if (self == NULL)
    return;
  if (self->archive != NULL)
    archive_write_free (self->archive);
  if (self->data != NULL)
    g_byte_array_unref (self->data);
  g_free (self);
}

/* XML parts ------------------------------------------------------------------- */

NbXmlPart *
nb_xml_part_new (void)
{
  NbXmlPart *self = g_new0 (NbXmlPart, 1);

  self->buffer = xmlBufferCreate ();
  self->writer = self->buffer ? xmlNewTextWriterMemory (self->buffer, 0) : NULL;
  self->failed = self->writer == NULL
                 || xmlTextWriterStartDocument (self->writer, "1.0", "UTF-8", "yes") < 0;
  return self;
}

/* Ends the document and returns it; @name says which in an error. */
GBytes *
nb_xml_part_end (NbXmlPart   *self,
                 const char  *name,
                 GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->writer != NULL)
    {
      if (xmlTextWriterEndDocument (self->writer) < 0)
        self->failed = TRUE;
      /* Freeing the writer flushes it into the buffer. */
      g_clear_pointer (&self->writer, xmlFreeTextWriter);
    }
  if (self->failed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), name);
      return NULL;
    }
  return g_bytes_new (xmlBufferContent (self->buffer), xmlBufferLength (self->buffer));
}

void
nb_xml_part_free (NbXmlPart *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->writer, xmlFreeTextWriter);
  g_clear_pointer (&self->buffer, xmlBufferFree);
  g_free (self);
}

static void
note (NbXmlPart *self,
      int        status)
{
  if (status < 0)
    self->failed = TRUE;
}

void
nb_xml_start (NbXmlPart  *self,
              const char *name)
{
  if (!self->failed)
    note (self, xmlTextWriterStartElement (self->writer, (const xmlChar *)name));
}

void
nb_xml_end (NbXmlPart *self)
{
  if (!self->failed)
    note (self, xmlTextWriterEndElement (self->writer));
}

/* XML 1.0 allows no C0 control but tab and line feed (carriage returns are
 * normalised away anyway); C1 controls, DEL and the noncharacters are
 * allowed or tolerated but never meant as text, and HTML flags them as
 * parse errors.  Everything else, emoji and bidi marks included, is kept. */
gboolean
nb_xml_char_is_allowed (gunichar c)
{
  if (c == '\t' || c == '\n')
    return TRUE;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
    return FALSE;
  if (c >= 0xfdd0 && c <= 0xfdef)
    return FALSE;
  if ((c & 0xfffe) == 0xfffe)
    return FALSE;
  if (c >= 0xd800 && c <= 0xdfff)
    return FALSE;
  return c <= 0x10ffff;
}

/* @text without what XML forbids (nb_xml_char_is_allowed ()): libxml2
 * would write such characters as they are, and readers would call the file
 * broken.  Invalid UTF-8 becomes U+FFFD.  Escaping is libxml2's part. */
char *
nb_xml_dup_text (const char *text,
              gssize      length)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }
  out = g_string_sized_new (length);
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!nb_xml_char_is_allowed (c))
        continue;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

void
nb_xml_attr (NbXmlPart  *self,
             const char *name,
             const char *value)
{
  g_autofree char *clean = NULL;

  if (self->failed)
    return;
  clean = nb_xml_dup_text (value ? value : "", -1);
  note (self, xmlTextWriterWriteAttribute (self->writer, (const xmlChar *)name,
                                           (const xmlChar *)clean));
}

void
nb_xml_attr_printf (NbXmlPart  *self,
                    const char *name,
                    const char *format,
                    ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  nb_xml_attr (self, name, value);
}

void
nb_xml_text (NbXmlPart  *self,
             const char *text,
             gssize      length)
{
  g_autofree char *clean = NULL;

  if (self->failed || text == NULL)
    return;
  clean = nb_xml_dup_text (text, length);
  note (self, xmlTextWriterWriteString (self->writer, (const xmlChar *)clean));
}

void
nb_xml_element (NbXmlPart  *self,
                const char *name,
                const char *text)
{
  nb_xml_start (self, name);
  nb_xml_text (self, text, -1);
  nb_xml_end (self);
}

/* Markup written as it is: for fixed parts that are constants in the
 * source, never for text from a report. */
void
nb_xml_raw (NbXmlPart  *self,
            const char *markup)
{
  if (!self->failed)
    note (self, xmlTextWriterWriteRaw (self->writer, (const xmlChar *)markup));
}

void
nb_xml_append_number (GString *out,
                      double   value,
                      int      decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  gsize length;

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (decimals, 0, 9));
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  length = strlen (buffer);
  if (strchr (buffer, '.') != NULL)
    {
      while (length > 0 && buffer[length - 1] == '0')
        length--;
      if (length > 0 && buffer[length - 1] == '.')
        length--;
    }
  buffer[length] = '\0';
  if (strcmp (buffer, "-0") == 0)
    strcpy (buffer, "0");
  g_string_append (out, buffer);
}
