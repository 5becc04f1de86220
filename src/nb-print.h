/* nb-print.h: printing and the print preview, on top of the core renderer
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-report.h"

G_BEGIN_DECLS

/* Print with the print dialog (Ctrl+P): asks first when the checks find errors. */
void       nb_print_report          (GtkWindow *parent,
                                     NbReport  *report);
/* The in-app preview, drawn by the same renderer that prints. */
void       nb_print_show_preview    (GtkWindow *parent,
                                     NbReport  *report);

G_END_DECLS
