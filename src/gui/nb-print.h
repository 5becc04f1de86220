/* nb-print.h: printing and the print preview, on top of the core renderer
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nb-render.h"
#include "nb-report.h"

G_BEGIN_DECLS

/* Print with the print dialog (Ctrl+P): asks first when the checks find errors. */
void       nb_print_report          (GtkWindow *parent,
                                     NbReport  *report);

/* The same, with options chosen in the preview (sections, landscape tables,
 * line pitch). */
void       nb_print_report_with_options (GtkWindow             *parent,
                                         NbReport              *report,
                                         const NbRenderOptions *options);
/* The page setup dialog over @widget's window; the choice is remembered in
 * GSettings.  An action activation function: the report window and the
 * preview both install it as their "page-setup" action. */
void       nb_print_page_setup_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
/* The print options remembered in GSettings (landscape tables, line pitch). */
void       nb_print_load_options    (NbRenderOptions *options);

/* No dialog: renders a PDF and sends it with GtkPrintJob to the printer
 * named (NULL: the default printer).  Blocks until the job is sent. */
gboolean   nb_print_to_printer      (NbReport    *report,
                                     const char  *printer_name,
                                     GError     **error);

G_END_DECLS
