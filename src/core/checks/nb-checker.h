/* nb-checker.h: the cross-checks (勾稽关系) and completeness checks
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

typedef struct
{
  NbSeverity  severity;
  const char *rule_id;    /* stable: "T3-BALANCE", "CELL-EMPTY", … */
  char       *table_id;   /* a table finding, or NULL */
  int         cell;       /* the cell it points at, or -1 */
  guint      *cells;      /* every cell involved (table findings) */
  guint       n_cells;
  char       *section_id; /* a section finding, or NULL */
  int         paragraph;  /* the place in the section it is about: a paragraph, or -1 */
  guint       offset;     /* where the place starts in the paragraph, in characters */
  guint       length;     /* its length in characters; 0 for a point */
  const char *field;      /* a metadata finding: "agency", "year", …, or NULL */
  char       *message;    /* translated, for people */
  /* Its one unambiguous fix, or fix_text NULL (see nb-fix.c): the text
   * written over characters [fix_offset, fix_offset + fix_length) of the
   * paragraph (a text finding), or into every cell of cells (a table one). */
  char       *fix_text;
  guint       fix_offset;
  guint       fix_length;
  char       *fix_label;  /* translated, for the button: "Write 0" */
} NbFinding;

#define NB_TYPE_FINDING (nb_finding_get_type ())
GType        nb_finding_get_type      (void) G_GNUC_CONST;
NbFinding   *nb_finding_ref           (NbFinding  *finding);
void         nb_finding_unref         (NbFinding  *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbFinding, nb_finding_unref)

const char  *nb_severity_to_string    (NbSeverity  severity);

GPtrArray   *nb_check_report          (NbReport   *report,
                                       NbReport   *previous);
GPtrArray   *nb_check_report_on       (NbReport    *report,
                                       NbReport    *previous,
                                       const GDate *today);
guint        nb_findings_count        (GPtrArray  *findings,
                                       NbSeverity  severity);
char        *nb_finding_dup_location  (NbFinding  *finding,
                                       NbReport   *report);

gboolean     nb_finding_has_fix       (NbFinding  *finding);
gboolean     nb_finding_apply_fix     (NbFinding  *finding,
                                       NbReport   *report,
                                       GError    **error);

G_END_DECLS
