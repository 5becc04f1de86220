/* nb-text-page.h: the editor of one narrative section
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-section-page.h"

G_BEGIN_DECLS

#define NB_TYPE_TEXT_PAGE (nb_text_page_get_type ())
G_DECLARE_FINAL_TYPE (NbTextPage, nb_text_page, NB, TEXT_PAGE, NbSectionPage)

GtkWidget   *nb_text_page_new             (NbReport         *report,
                                           const char       *section_id);
GtkTextView *nb_text_page_get_view        (NbTextPage       *self);
void         nb_text_page_set_level       (NbTextPage       *self,
                                           NbParagraphLevel  level);
void         nb_text_page_toggle_bold     (NbTextPage       *self);
void         nb_text_page_insert_heading  (NbTextPage       *self,
                                           const char       *text);
void         nb_text_page_paste_text      (NbTextPage       *self,
                                           const char       *text);
char        *nb_text_page_dup_count_text  (NbTextPage       *self);
void         nb_text_page_focus_place     (NbTextPage       *self,
                                           int               paragraph,
                                           guint             offset,
                                           guint             length);

G_END_DECLS
