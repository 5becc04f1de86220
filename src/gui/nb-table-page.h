/* nb-table-page.h: the page of a section that is an official table
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-section-page.h"
#include "nb-sheet.h"

G_BEGIN_DECLS

#define NB_TYPE_TABLE_PAGE (nb_table_page_get_type ())
G_DECLARE_FINAL_TYPE (NbTablePage, nb_table_page, NB, TABLE_PAGE, NbSectionPage)

GtkWidget *nb_table_page_new       (NbReport    *report,
                                    const char  *section_id);
NbSheet   *nb_table_page_get_sheet (NbTablePage *self);

G_END_DECLS
