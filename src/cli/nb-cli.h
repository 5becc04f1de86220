/* nb-cli.h: the command line, which needs no display
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"

G_BEGIN_DECLS

/* Sends @report to @printer (NULL: the default one).  Printing needs GTK,
 * so the command line gets it from the window module (see main.c). */
typedef gboolean (*NbCliPrintFunc) (NbReport    *report,
                                    const char  *printer,
                                    GError     **error);

typedef struct
{
  gboolean   version;
  gboolean   new_report;
  gboolean   check;
  char      *export_format;
  char      *output;
  char      *edition;
  int        year;
  char      *agency;
  char      *previous;
  char      *summary_format;
  gboolean   merge;
  gboolean   force;
  gboolean   accept_problems;
  gboolean   compare;
  char      *import_path;
  gboolean   next_year;
  gboolean   sample;
  gboolean   print;
  gboolean   fragment;
  gboolean   stamp_published;
  char      *today;
  char      *printer;
  char     **files;

  NbCliPrintFunc print_to_printer; /* NULL: --print says printing is missing */
} NbCliOptions;

GOptionContext *nb_cli_new_option_context (NbCliOptions *options);
void     nb_cli_add_options     (GApplication  *application,
                                 NbCliOptions  *options);
gboolean nb_cli_is_command      (NbCliOptions  *options);
int      nb_cli_run             (NbCliOptions  *options);
void     nb_cli_options_clear   (NbCliOptions  *options);

G_END_DECLS
