/* nb-cli-input.c: the reports the command line reads
 *
 * Folders given on the command line are walked for .nianbao files, in
 * order; a report is loaded with the warnings of its loading printed.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"

#include "config.h"

#include <dirent.h>
#include <glib/gi18n.h>

#include "nb-cli-private.h"

/* Whether to descend into a folder's entry: a folder, not a link to one.
 * The entry's type comes from the folder listing where the file system
 * gives it: a stat per report, made here before any worker starts, was
 * the longest part of a folder check that only one core did. */
static gboolean
is_subfolder (const char          *child,
              const struct dirent *entry)
{
#ifdef _DIRENT_HAVE_D_TYPE
  if (entry->d_type != DT_UNKNOWN)
    return entry->d_type == DT_DIR;
#endif
  return g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK);
}

typedef struct
{
  char     *path;
  gboolean  subfolder;
} FolderEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (((const FolderEntry *)a)->path, ((const FolderEntry *)b)->path);
}

static void
clear_entry (gpointer data)
{
  g_free (((FolderEntry *)data)->path);
}

void
_nb_cli_collect_files (const char *path,
                       GPtrArray  *out)
{
  g_autoptr(GArray) entries = NULL;
  struct dirent *entry;
  DIR *dir;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (out, g_strdup (path));
      return;
    }
  dir = opendir (path);
  if (dir == NULL)
    {
      g_ptr_array_add (out, g_strdup (path)); /* reported as unreadable */
      return;
    }
  entries = g_array_new (FALSE, FALSE, sizeof (FolderEntry));
  g_array_set_clear_func (entries, clear_entry);
  while ((entry = readdir (dir)) != NULL)
    {
      FolderEntry e;

      if (g_str_equal (entry->d_name, ".") || g_str_equal (entry->d_name, ".."))
        continue;
      e.path = g_build_filename (path, entry->d_name, NULL);
      e.subfolder = is_subfolder (e.path, entry);
      g_array_append_val (entries, e);
    }
  closedir (dir);
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      const FolderEntry *e = &g_array_index (entries, FolderEntry, i);

      if (e->subfolder)
        _nb_cli_collect_files (e->path, out);
      else if (g_str_has_suffix (e->path, ".nianbao"))
        g_ptr_array_add (out, g_strdup (e->path));
    }
}

/* Loads a report and prints what had to change to load it. */
NbReport *
_nb_cli_load_report (const char  *path,
                     GError     **error)
{
  g_autoptr(GPtrArray) warnings = NULL;
  NbReport *report = nb_file_load_full (path, &warnings, error);

  for (guint i = 0; report != NULL && i < warnings->len; i++)
    _nb_cli_print_line (stderr, _("%s: warning: %s\n"), path, (const char *)g_ptr_array_index (warnings, i));
  return report;
}

NbReport *
_nb_cli_load_input (NbCliOptions  *o,
                    const char    *path,
                    GError       **error)
{
  if (path == NULL)
    return nb_file_load_sample (error);
  return _nb_cli_load_report (path, error);
}
