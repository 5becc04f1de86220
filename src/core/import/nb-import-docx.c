/* nb-import-docx.c: a Word file of a report (placeholder while written) */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-import-private.h"

gboolean
nb_import_read_docx (const char   *data,
                     gsize         length,
                     NbImportDoc  *doc,
                     GError      **error)
{
  g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_UNKNOWN_FORMAT,
                       _("Word files cannot be imported yet"));
  return FALSE;
}
