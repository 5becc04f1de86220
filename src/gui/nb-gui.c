/* nb-gui.c: the window module's entry point
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nb-application.h"
#include "nb-gui.h"

const char nb_gui_version[] = PACKAGE_VERSION;

/* Runs the application on the whole command line, which it parses again:
 * main() has only decided that no command was given. */
int
nb_gui_run (int    argc,
            char **argv)
{
  g_autoptr(NbApplication) app = nb_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
