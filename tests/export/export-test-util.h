/* export-test-util.h: reports with odd text and odd values, for the export tests
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

NbReport *export_test_generate_report (guint32     seed,
                                       const char *edition_id);

/* @report exported as plain text, with each pair of @rewordings (what,
 * then by what) replaced once: text as an agency wrote it, for the import
 * tests.  The test fails when a pair's text is not found. */
GString  *export_test_text            (NbReport    *report,
                                       const char *(*rewordings)[2],
                                       guint        n_rewordings);

G_END_DECLS
