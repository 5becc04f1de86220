/* nb-import.c: the importer's entry points, its findings and formats
 *
 * A reader turns its format into paragraphs and tables (NbImportDoc:
 * nb-import-txt.c, -html.c, -docx.c, -doc.c); the mapping step makes them a
 * report (nb-import-map.c), matching labels with nb-import-labels.c.  Here
 * the input is decoded, checked against its format's limits, read, mapped,
 * and what was made goes through the loader's own rules.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker.h"
#include "nb-file.h"
#include "nb-import-private.h"

G_DEFINE_QUARK (nb-import-error-quark, nb_import_error)

/* Findings */

NbImportFinding *
nb_import_finding_copy (const NbImportFinding *finding)
{
  NbImportFinding *copy = g_new0 (NbImportFinding, 1);

  copy->severity = finding->severity;
  copy->code = finding->code;
  copy->location = g_strdup (finding->location);
  copy->message = g_strdup (finding->message);
  return copy;
}

void
nb_import_finding_free (NbImportFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->location);
  g_free (finding->message);
  g_free (finding);
}

G_DEFINE_BOXED_TYPE (NbImportFinding, nb_import_finding, nb_import_finding_copy,
                     nb_import_finding_free)

/* "line 58: error: [ROW-EXTRA-VALUES] …" */
char *
nb_import_finding_to_string (const NbImportFinding *finding)
{
  return g_strdup_printf ("%s%s%s: [%s] %s", finding->location ? finding->location : "",
                          finding->location ? ": " : "",
                          nb_severity_to_string (finding->severity), finding->code,
                          finding->message);
}

/* Formats */

const char *
nb_import_format_to_string (NbImportFormat format)
{
  switch (format)
    {
    case NB_IMPORT_FORMAT_TEXT:
      return "text";
    case NB_IMPORT_FORMAT_HTML:
      return "html";
    case NB_IMPORT_FORMAT_DOCX:
      return "docx";
    case NB_IMPORT_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}

NbImportFormat
nb_import_format_for_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, NB_IMPORT_FORMAT_UNKNOWN);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".txt") || g_str_has_suffix (lower, ".md")
      || g_str_has_suffix (lower, ".markdown"))
    return NB_IMPORT_FORMAT_TEXT;
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm")
      || g_str_has_suffix (lower, ".xhtml") || g_str_has_suffix (lower, ".shtml"))
    return NB_IMPORT_FORMAT_HTML;
  if (g_str_has_suffix (lower, ".docx"))
    return NB_IMPORT_FORMAT_DOCX;
  return NB_IMPORT_FORMAT_UNKNOWN;
}

/* For files without a telling name: a ZIP is taken for a Word file, markup
 * for a web page, anything else for text. */
NbImportFormat
nb_import_format_guess (const char *data,
                        gsize       length)
{
  g_autofree char *head = NULL;

  if (length >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    return NB_IMPORT_FORMAT_DOCX;
  head = g_ascii_strdown (data, MIN (length, 1024));
  if (strstr (head, "<html") != NULL || strstr (head, "<!doctype html") != NULL
      || strstr (head, "<table") != NULL || strstr (head, "<body") != NULL)
    return NB_IMPORT_FORMAT_HTML;
  return NB_IMPORT_FORMAT_TEXT;
}


/* Entry points */

/* Text files from Chinese Windows are often GB 18030, sometimes UTF-16. */
static char *
to_utf8 (const char  *data,
         gsize        length,
         gsize       *out_length,
         GPtrArray   *findings,
         GError     **error)
{
  const char *end = NULL;
  char *converted;
  const char *charset = NULL;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (g_utf8_validate_len (data, length, &end) && memchr (data, '\0', length) == NULL)
    {
      *out_length = length;
      return g_strndup (data, length);
    }
  if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    charset = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
  else if (memchr (data, '\0', length) == NULL)
    charset = "GB18030";

  if (charset != NULL)
    {
      converted = g_convert (data + (g_str_has_prefix (charset, "UTF-16") ? 2 : 0),
                             length - (g_str_has_prefix (charset, "UTF-16") ? 2 : 0),
                             "UTF-8", charset, NULL, out_length, NULL);
      if (converted != NULL && g_utf8_validate (converted, (gssize)*out_length, NULL)
          && memchr (converted, '\0', *out_length) == NULL)
        {
          NbImportFinding *finding = g_new0 (NbImportFinding, 1);

          finding->severity = NB_SEVERITY_WARNING;
          finding->code = "ENCODING";
          finding->message = g_strdup_printf (_("The text is not UTF-8; it was read as %s"), charset);
          g_ptr_array_add (findings, finding);
          return converted;
        }
      g_free (converted);
    }
  g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_ENCODING,
               _("This is not text: it contains bytes that are neither UTF-8 nor GB 18030 (at offset %llu)"),
               (unsigned long long)(end - data));
  return NULL;
}

/* Each kind of input has its own limit, checked before it is parsed. */
static gboolean
within_format_limit (NbImportFormat   format,
                     gsize            length,
                     GError         **error)
{
  if (format == NB_IMPORT_FORMAT_TEXT && length > NB_IMPORT_MAX_TEXT_SIZE)
    g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE,
                 _("The text file is too large to be a report (%llu bytes; text files may have "
                   "at most %d)"), (unsigned long long)length, NB_IMPORT_MAX_TEXT_SIZE);
  else if (format == NB_IMPORT_FORMAT_HTML && length > NB_IMPORT_MAX_HTML_SIZE)
    g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE,
                 _("The web page is too large to be a report (%llu bytes; web pages may have "
                   "at most %d)"), (unsigned long long)length, NB_IMPORT_MAX_HTML_SIZE);
  else
    return TRUE;
  return FALSE;
}

/* What the importer made goes through the loader's own rules: the text
 * keeps no character an export cannot write (each place replaced becomes
 * a finding), and the report is one Nianbao can open again once saved
 * (nb_file_check_size).  Takes @report; returns the report to keep. */
static NbReport *
sanitize_imported (NbReport   *report,
                   GPtrArray  *findings,
                   GError    **error)
{
  g_autoptr(NbReport) imported = report;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(NbReport) clean = NULL;
  g_autoptr(GError) local_error = NULL;

  /* A paragraph or field beyond the loader's limits (nb_file_check_texts)
   * would make a file that does not open. */
  if (!nb_file_check_texts (imported, &local_error))
    {
      g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE, "%s",
                   local_error->message);
      return NULL;
    }
  bytes = nb_file_serialize (imported);
  if (!nb_file_check_size (g_bytes_get_size (bytes), &local_error))
    {
      g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE, "%s",
                   local_error->message);
      return NULL;
    }
  clean = nb_file_load_data_full (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &warnings, &local_error);
  if (clean == NULL || warnings->len == 0)
    return g_steal_pointer (&imported);
  for (guint i = 0; i < warnings->len; i++)
    {
      NbImportFinding *finding = g_new0 (NbImportFinding, 1);

      finding->severity = NB_SEVERITY_WARNING;
      finding->code = "TEXT-NOT-PRINTABLE";
      finding->message = g_strdup (g_ptr_array_index (warnings, i));
      g_ptr_array_add (findings, finding);
    }
  nb_report_set_modified (clean, nb_report_get_modified (imported));
  return g_steal_pointer (&clean);
}

NbReport *
nb_import_data (const char      *data,
                gsize            length,
                NbImportFormat   format,
                GPtrArray      **findings,
                char           **summary,
                GError         **error)
{
  g_autoptr(NbImportDoc) doc = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *text = NULL;
  NbReport *report;
  gboolean ok = FALSE;
  gsize text_length = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > NB_IMPORT_MAX_SIZE)
    {
      g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE,
                   _("The file is too large to be a report (%llu bytes; at most %d)"),
                   (unsigned long long)length, NB_IMPORT_MAX_SIZE);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_NOT_A_REPORT,
                           _("The file is empty"));
      return NULL;
    }
  if (format == NB_IMPORT_FORMAT_UNKNOWN)
    format = nb_import_format_guess (data, length);
  if (!within_format_limit (format, length, error))
    return NULL;

  doc = nb_import_doc_new ();
  switch (format)
    {
    case NB_IMPORT_FORMAT_TEXT:
      text = to_utf8 (data, length, &text_length, doc->findings, error);
      ok = text != NULL && nb_import_read_text (text, text_length, doc, error);
      break;
    case NB_IMPORT_FORMAT_HTML:
      ok = nb_import_read_html (data, length, doc, error);
      break;
    case NB_IMPORT_FORMAT_DOCX:
      ok = nb_import_read_docx (data, length, doc, error);
      break;
    case NB_IMPORT_FORMAT_UNKNOWN:
    default:
      g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_UNKNOWN_FORMAT,
                           _("Unknown import format"));
      break;
    }
  if (!ok)
    return NULL;

  all = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_import_finding_free);
  for (guint i = 0; i < doc->findings->len; i++)
    g_ptr_array_add (all, nb_import_finding_copy (g_ptr_array_index (doc->findings, i)));
  report = nb_import_map (doc, all, summary, error);
  if (report == NULL)
    return NULL;
  report = sanitize_imported (report, all, error);
  if (report == NULL)
    return NULL;
  if (findings != NULL)
    *findings = g_steal_pointer (&all);
  return report;
}

NbReport *
nb_import_file (const char  *path,
                GPtrArray  **findings,
                char       **summary,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  NbImportFormat format;
  goffset size = 0;
  gsize length;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);

  /* Folders, pipes and devices are refused before anything is read; so is
   * a file over the largest limit of any format. */
  bytes = nb_file_read_regular (path, NB_IMPORT_MAX_SIZE, &size, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_TOO_LARGE,
                     _("The file is too large to be a report (%llu bytes; at most %d)"),
                     (unsigned long long)size, NB_IMPORT_MAX_SIZE);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";
  format = nb_import_format_for_path (path);
  if (format == NB_IMPORT_FORMAT_UNKNOWN)
    format = nb_import_format_guess (data, length);
  return nb_import_data (data, length, format, findings, summary, error);
}
