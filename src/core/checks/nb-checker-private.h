/* nb-checker-private.h: what the check modules share with nb-checker.c
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-checker.h"

G_BEGIN_DECLS

NbFinding *nb_finding_append        (GPtrArray   *findings,
                                     NbSeverity   severity,
                                     const char  *rule_id,
                                     char        *message);
void       nb_finding_set_place     (NbFinding   *finding,
                                     const char  *section_id,
                                     guint        paragraph,
                                     guint        offset,
                                     guint        length);
void       nb_finding_set_fix       (NbFinding   *finding,
                                     guint        offset,
                                     guint        length,
                                     const char  *text,
                                     char        *label);

/* The narrative rules: nb-narrative.c (TEXT-*) and nb-proofread.c (PROOF-*). */
void       nb_check_narrative       (NbReport    *report,
                                     GPtrArray   *findings);
void       nb_check_proofreading    (NbReport    *report,
                                     GPtrArray   *findings);

G_END_DECLS
