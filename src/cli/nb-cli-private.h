/* nb-cli-private.h: what the files of the command line share
 *
 * The command line is spread over several files, one job each:
 *   nb-cli.c               the options, their help, and the dispatch to a command
 *   nb-cli-output.c        writing to the terminal and to files
 *   nb-cli-input.c         collecting the reports of folders, and loading one
 *   nb-cli-check.c         --check, on every core
 *   nb-cli-check-output.c  what --check prints: the summary table, the findings as CSV
 *   nb-cli-create.c        --new, --import and --next-year, which start a report
 *   nb-cli-merge.c         --merge
 *   nb-cli-compare.c       --compare
 *   nb-cli-export.c        --export and --print
 * Nothing but these files includes this header.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "nb-checker.h"
#include "nb-cli.h"
#include "nb-file.h"

G_BEGIN_DECLS

enum {
  EXIT_CLEAN = 0,
  EXIT_FINDINGS = 1,
  EXIT_UNREADABLE = 2,
};

/* One line of the summary after --check. */
typedef struct
{
  char       *file;
  char       *agency;
  char       *year;
  char       *edition;
  guint       n_errors;
  guint       n_warnings;
  const char *status; /* stable ASCII, so scripts can match it */
} SummaryRow;

#define FINDINGS_CSV_HEADER \
  "file,rule,severity,section,table,row,column,paragraph,characters,field,location,message\r\n"

/* nb-cli.c */
int              _nb_cli_usage_error            (const char    *format,
                                                 ...) G_GNUC_PRINTF (1, 2);

/* nb-cli-output.c */
void             _nb_cli_print_line             (FILE          *out,
                                                 const char    *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
NbFileWriteFlags _nb_cli_write_flags            (NbCliOptions  *o);
int              _nb_cli_refuse_existing_output (NbCliOptions  *o);
int              _nb_cli_report_write_error     (NbCliOptions  *o,
                                                 GError        *error,
                                                 int            status);
gboolean         _nb_cli_stdout_flushed         (void);
gboolean         _nb_cli_write_stdout           (GBytes        *bytes);

/* nb-cli-input.c */
void             _nb_cli_collect_files          (const char    *path,
                                                 GPtrArray     *out);
NbReport        *_nb_cli_load_report            (const char    *path,
                                                 GError       **error);
NbReport        *_nb_cli_load_input             (NbCliOptions  *o,
                                                 const char    *path,
                                                 GError       **error);

/* nb-cli-check-output.c */
void             _nb_cli_summary_row_free       (SummaryRow    *row);
SummaryRow      *_nb_cli_summary_row_new        (GPtrArray     *rows,
                                                 const char    *file,
                                                 NbReport      *report,
                                                 GPtrArray     *findings);
void             _nb_cli_print_summary_text     (GPtrArray     *rows);
void             _nb_cli_print_summary_csv      (GPtrArray     *rows,
                                                 gboolean       header);
void             _nb_cli_append_finding_csv     (GString       *out,
                                                 const char    *file,
                                                 const char    *rule,
                                                 const char    *severity,
                                                 NbFinding     *finding,
                                                 NbReport      *report,
                                                 const char    *message);

/* The commands, each returning the exit status */
int              _nb_cli_run_check              (NbCliOptions  *o);
int              _nb_cli_run_new                (NbCliOptions  *o);
int              _nb_cli_run_import             (NbCliOptions  *o);
int              _nb_cli_run_next_year          (NbCliOptions  *o);
int              _nb_cli_run_merge              (NbCliOptions  *o);
int              _nb_cli_run_compare            (NbCliOptions  *o);
int              _nb_cli_run_export             (NbCliOptions  *o);
int              _nb_cli_run_print              (NbCliOptions  *o);

G_END_DECLS
