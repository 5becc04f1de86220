/* nb-gui.h: what the program finds in the window module (nianbao-gui.so)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The windows live in a module loaded only when they are wanted, so the
 * command line (--check, --export, …) never loads GTK: it starts in half
 * the time and needs no display.  main.c looks these up by name. */
#define NB_GUI_MODULE_NAME    "nianbao-gui"
#define NB_GUI_VERSION_SYMBOL "nb_gui_version"
#define NB_GUI_RUN_SYMBOL     "nb_gui_run"
#define NB_GUI_PRINT_SYMBOL   "nb_print_to_printer"

/* PACKAGE_VERSION of the module's build: the program and the module share
 * structures and call each other, so they must come from the same one. */
extern const char nb_gui_version[];

typedef int (*NbGuiRunFunc) (int    argc,
                             char **argv);

int nb_gui_run (int    argc,
                char **argv);

G_END_DECLS
