/* nb-print.c: printing and the print preview, on top of the core renderer
 *
 * Placeholder until the renderer lands (issue "Printing and PDF").
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-print"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-print.h"

static void
not_yet (GtkWindow *parent)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Printing Is Not Available Yet"), NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
nb_print_report (GtkWindow *parent,
                 NbReport  *report)
{
  not_yet (parent);
}

void
nb_print_show_preview (GtkWindow *parent,
                       NbReport  *report)
{
  not_yet (parent);
}
