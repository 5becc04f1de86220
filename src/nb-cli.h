/* nb-cli.h: the command line, which needs no display
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

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
  gboolean   compare;
  char      *import_path;
  gboolean   next_year;
  gboolean   sample;
  gboolean   print;
  char      *printer;
  char     **files;
} NbCliOptions;

void     nb_cli_add_options     (GApplication  *application,
                                 NbCliOptions  *options);
gboolean nb_cli_is_command      (NbCliOptions  *options);
int      nb_cli_run             (NbCliOptions  *options);
void     nb_cli_options_clear   (NbCliOptions  *options);

G_END_DECLS
