/* nb-cli-output.c: what the command line writes to the terminal and to files
 *
 * Messages and findings reach the terminal with their control characters
 * shown, files are never replaced without --force, and a write that failed
 * says so.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-cli-private.h"
#include "nb-text.h"

/* Every text that reaches the terminal passes here: control characters
 * from a file name or a report (ESC above all) are shown, not obeyed. */
void
_nb_cli_print_line (FILE       *out,
                    const char *format,
                    ...)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  escaped = nb_text_escape_controls (text);
  fputs (escaped, out);
}

/* Writers never replace a file unless told to (--force); the refusal is
 * atomic, so of two writers racing for one name exactly one wins. */
NbFileWriteFlags
_nb_cli_write_flags (NbCliOptions *o)
{
  return o->force ? NB_FILE_WRITE_REPLACE | NB_FILE_WRITE_IN_PLACE : NB_FILE_WRITE_NO_CLOBBER;
}

int
_nb_cli_refuse_existing_output (NbCliOptions *o)
{
  g_printerr (_("nianbao: %s already exists; use --force to replace it\n"), o->output);
  return EXIT_UNREADABLE;
}

int
_nb_cli_report_write_error (NbCliOptions *o,
                            GError       *error,
                            int           status)
{
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_EXIST))
    return _nb_cli_refuse_existing_output (o);
  _nb_cli_print_line (stderr, "nianbao: %s: %s\n", o->output, error->message);
  return status;
}

/* Standard output goes through stdio's buffer: a full disk or a closed
 * pipe shows only at the flush, so every command ends with this check. */
gboolean
_nb_cli_stdout_flushed (void)
{
  if (fflush (stdout) == 0 && !ferror (stdout))
    return TRUE;
  g_printerr ("nianbao: %s: %s\n", _("Could not write to standard output"), g_strerror (errno));
  return FALSE;
}

gboolean
_nb_cli_write_stdout (GBytes *bytes)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (fwrite (data, 1, length, stdout) != length)
    {
      g_printerr ("nianbao: %s: %s\n", _("Could not write to standard output"), g_strerror (errno));
      return FALSE;
    }
  return _nb_cli_stdout_flushed ();
}
