/* main.c
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <locale.h>
#include <stdlib.h>

#include "nb-cli.h"
#include "nb-gui.h"

/* The window module: beside the program in the build tree, and at the
 * same place relative to the program once installed (also under DESTDIR
 * or in a Flatpak), else where it was installed. */
static GModule *
open_gui_module (GError **error)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *program_dir = program != NULL ? g_path_get_dirname (program) : NULL;
  g_autofree char *file_name = g_strconcat (NB_GUI_MODULE_NAME, ".", G_MODULE_SUFFIX, NULL);
  g_autofree char *beside = NULL, *relocated = NULL, *installed = NULL;
  const char *path = NULL;
  const char *version = NULL;
  GModule *module;

  if (program_dir != NULL)
    {
      beside = g_build_filename (program_dir, file_name, NULL);
      g_autofree char *relative = g_build_filename (GUI_MODULE_DIR_FROM_BINDIR, file_name, NULL);

      relocated = g_canonicalize_filename (relative, program_dir);
    }
  installed = g_build_filename (GUI_MODULE_DIR, file_name, NULL);
  {
    const char *candidates[] = { beside, relocated, installed };

    for (guint i = 0; i < G_N_ELEMENTS (candidates) && path == NULL; i++)
      if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_EXISTS))
        path = candidates[i];
  }

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The window module %s is not installed (looked beside the program and in %s)"),
                   file_name, GUI_MODULE_DIR);
      return NULL;
    }
  /* Its symbols are looked up by name, not shared with later modules. */
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not load the window module: %s"),
                   g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (module, NB_GUI_VERSION_SYMBOL, (gpointer *)&version)
      || g_strcmp0 (version, PACKAGE_VERSION) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The window module %s is not of this version of the program (%s)"), path,
                   PACKAGE_VERSION);
      g_module_close (module);
      return NULL;
    }
  return module;
}

static gpointer
lookup_gui_symbol (const char  *name,
                   GError     **error)
{
  static GModule *module;
  gpointer symbol = NULL;

  if (module == NULL && (module = open_gui_module (error)) == NULL)
    return NULL;
  if (!g_module_symbol (module, name, &symbol))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not load the window module: %s"),
                 g_module_error ());
  return symbol;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  NbCliOptions options = { 0 };
  NbGuiRunFunc gui_run;
  int status;

  setlocale (LC_ALL, "");
  /* NIANBAO_LOCALEDIR: translations of an uninstalled build (build-aux/run). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("NIANBAO_LOCALEDIR") ? g_getenv ("NIANBAO_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Only the command line is parsed here; with no command, the window
   * module gets the original arguments and parses them again. */
  context = nb_cli_new_option_context (&options);
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (nb_cli_is_command (&options))
    {
      if (options.print)
        options.print_to_printer = lookup_gui_symbol (NB_GUI_PRINT_SYMBOL, &error);
      if (error != NULL)
        g_printerr ("nianbao: %s\n", error->message);
      status = nb_cli_run (&options);
    }
  else if ((gui_run = lookup_gui_symbol (NB_GUI_RUN_SYMBOL, &error)) != NULL)
    status = gui_run (argc, argv);
  else
    {
      g_printerr ("nianbao: %s\n", error->message);
      status = EXIT_FAILURE;
    }
  nb_cli_options_clear (&options);
  return status;
}
