/* nb-export.c: every way a report leaves Nianbao, by format name
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "nb-export.h"
#include "nb-file.h"

G_DEFINE_QUARK (nb-export-error-quark, nb_export_error)

static const NbExportFormat formats[] = {
  { "csv", "csv", "text/csv", nb_export_csv },
  { "pdf", "pdf", "application/pdf", nb_export_pdf },
  { "ofd", "ofd", "application/ofd", nb_export_ofd },
  { "html", "html", "text/html", nb_export_html },
  { "docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    nb_export_docx },
  { "txt", "txt", "text/plain", nb_export_txt },
  { "summary-image", "svg", "image/svg+xml", nb_export_summary_svg, N_("Picture Summary…") },
};

const NbExportFormat *
nb_export_get_formats (guint *n_formats)
{
  *n_formats = G_N_ELEMENTS (formats);
  return formats;
}

const NbExportFormat *
nb_export_find_format (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (formats[i].name, name) == 0)
      return &formats[i];
  return NULL;
}

/* Looks a format up by name; when it is unknown, the error lists the known ones. */
const NbExportFormat *
nb_export_lookup (const char  *format,
                  GError     **error)
{
  const NbExportFormat *f = nb_export_find_format (format);

  if (f == NULL)
    {
      g_autoptr(GString) known = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", formats[i].name);
      g_set_error (error, NB_EXPORT_ERROR, NB_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("Unknown export format “%s” (known formats: %s)"), format ? format : "",
                   known->str);
    }
  return f;
}

/* What an export works from: @report itself, or, when some text holds a
 * character no format can carry (a noncharacter such as U+FFFE pasted in,
 * a control character), a copy with those replaced by U+FFFD, by the same
 * rule the loader applies (nb_text_clean).  An export never fails on them. */
NbReport *
nb_export_prepare (NbReport *report)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(NbReport) copy = NULL;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  bytes = nb_file_serialize (report);
  copy = nb_file_load_data_full (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 &warnings, NULL);
  if (copy == NULL || warnings->len == 0)
    return g_object_ref (report);
  return g_steal_pointer (&copy);
}

GBytes *
nb_export_to_bytes (NbReport    *report,
                    const char  *format,
                    GError     **error)
{
  const NbExportFormat *f;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  g_autoptr(NbReport) prepared = NULL;

  f = nb_export_lookup (format, error);
  if (f == NULL)
    return NULL;
  prepared = nb_export_prepare (report);
  return f->func (prepared, error);
}

/* The picture summary: FILE.png alone, or FILE.svg and FILE.png beside
 * it, as a website takes the one and a phone the other. */
static gboolean
export_summary_files (NbReport               *report,
                      const NbExportOptions  *options,
                      const char             *path,
                      GError                **error)
{
  gboolean png = g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG");
  g_autofree char *png_path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) png_bytes = NULL;

  bytes = nb_export_summary_image (report, options, png, error);
  if (bytes == NULL || !nb_file_write_bytes (path, bytes, error))
    return FALSE;
  if (png)
    return TRUE;
  if (g_str_has_suffix (path, ".svg"))
    {
      g_autofree char *base = g_strndup (path, strlen (path) - strlen (".svg"));

      png_path = g_strconcat (base, ".png", NULL);
    }
  else
    png_path = g_strconcat (path, ".png", NULL);
  png_bytes = nb_export_summary_image (report, options, TRUE, error);
  return png_bytes != NULL && nb_file_write_bytes (png_path, png_bytes, error);
}

/* Written atomically, like a report: a failed export never leaves half a file
 * over an older one. */
gboolean
nb_export_to_file (NbReport    *report,
                   const char  *format,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const NbExportFormat *f = nb_export_find_format (format);

  if (f != NULL && g_str_equal (f->name, "summary-image"))
    return export_summary_files (report, NULL, path, error);
  bytes = nb_export_to_bytes (report, format, error);
  if (bytes == NULL)
    return FALSE;
  return nb_file_write_bytes (path, bytes, error);
}

/* The stamp is the last paragraph of the last narrative section (六、其他
 * 需要报告的事项 in every edition), so every format that carries the text
 * (PDF, OFD, DOCX, TXT) ends with it, as the web page does. */
NbReport *
nb_export_dup_stamped (NbReport   *report,
                       const char *date)
{
  NbEdition *edition;
  g_autofree char *stamp = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NbReport) copy = NULL;
  g_autoptr(GPtrArray) paragraphs = NULL;
  const char *section_id = NULL;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  edition = nb_report_get_edition (report);
  stamp = nb_export_dup_published_stamp (report, date);
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    if (nb_edition_get_section (edition, i)->table_id == NULL)
      section_id = nb_edition_get_section (edition, i)->id;
  if (stamp == NULL || section_id == NULL)
    return g_object_ref (report);
  bytes = nb_file_serialize (report);
  copy = nb_file_load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  if (copy == NULL)
    return g_object_ref (report);
  paragraphs = g_ptr_array_copy (nb_report_get_paragraphs (copy, section_id),
                                 (GCopyFunc)(void (*) (void))nb_paragraph_copy, NULL);
  g_ptr_array_set_free_func (paragraphs, (GDestroyNotify)nb_paragraph_free);
  g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, stamp));
  nb_report_set_paragraphs (copy, section_id, paragraphs);
  return g_steal_pointer (&copy);
}

gboolean
nb_export_to_file_full (NbReport               *report,
                        const char             *format,
                        const char             *path,
                        const NbExportOptions  *options,
                        GError                **error)
{
  const NbExportFormat *f = nb_export_lookup (format, error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NbReport) stamped = NULL;

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);

  if (f == NULL)
    return FALSE;
  if (options == NULL)
    return nb_export_to_file (report, format, path, error);
  /* The web page and the picture place the stamp themselves. */
  if (g_str_equal (f->name, "html"))
    {
      bytes = nb_export_html_full (report, options, error);
      return bytes != NULL && nb_file_write_bytes (path, bytes, error);
    }
  if (g_str_equal (f->name, "summary-image"))
    return export_summary_files (report, options, path, error);
  stamped = options->published != NULL ? nb_export_dup_stamped (report, options->published)
                                       : g_object_ref (report);
  return nb_export_to_file (stamped, format, path, error);
}

char *
nb_export_dup_published_stamp (NbReport   *report,
                               const char *date)
{
  const char *label;
  guint year, month, day;
  char end;
  g_autofree char *y = NULL, *m = NULL, *d = NULL;
  g_autoptr(GString) stamp = NULL;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  label = nb_edition_get_label (nb_report_get_edition (report), "published");
  if (label == NULL || date == NULL
      || sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy (day, month, year))
    return NULL;
  y = g_strdup_printf ("%u", year);
  m = g_strdup_printf ("%u", month);
  d = g_strdup_printf ("%u", day);
  stamp = g_string_new (label);
  g_string_replace (stamp, "{year}", y, 0);
  g_string_replace (stamp, "{month}", m, 0);
  g_string_replace (stamp, "{day}", d, 0);
  return g_string_free (g_steal_pointer (&stamp), FALSE);
}
