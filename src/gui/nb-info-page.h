/* nb-info-page.h: the report's own details (报告信息)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-section-page.h"

G_BEGIN_DECLS

#define NB_TYPE_INFO_PAGE (nb_info_page_get_type ())
G_DECLARE_FINAL_TYPE (NbInfoPage, nb_info_page, NB, INFO_PAGE, NbSectionPage)

/* The details are no section of the edition: the window lists them first,
 * under this id. */
#define NB_INFO_PAGE_SECTION_ID "info"

GtkWidget *nb_info_page_new         (NbReport   *report);
void       nb_info_page_focus_field (NbInfoPage *self,
                                     const char *field);
void       nb_info_page_commit      (NbInfoPage *self);

G_END_DECLS
