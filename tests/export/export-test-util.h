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

G_END_DECLS
