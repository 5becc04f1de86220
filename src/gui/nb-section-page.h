/* nb-section-page.h: the page of one section of the report, in the window
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nb-checker.h"
#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_SECTION_PAGE (nb_section_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (NbSectionPage, nb_section_page, NB, SECTION_PAGE, GtkWidget)

/* The window asks its pages, whatever they show: the details, a text or a
 * table (Sysprof's SysprofPage has the same shape). */
struct _NbSectionPageClass
{
  GtkWidgetClass parent_class;

  /* Shows and focuses the place @finding is about. */
  void (*focus_finding) (NbSectionPage *self,
                         NbFinding     *finding);
  /* Writes what is typed but not yet in the report (a cell being edited)
   * into it.  Optional. */
  void (*commit)        (NbSectionPage *self);
  /* Moves the keyboard focus into the page: by default its first field. */
  void (*focus_content) (NbSectionPage *self);
};

NbReport   *nb_section_page_get_report     (NbSectionPage *self);
const char *nb_section_page_get_section_id (NbSectionPage *self);
void        nb_section_page_focus_finding  (NbSectionPage *self,
                                            NbFinding     *finding);
void        nb_section_page_commit         (NbSectionPage *self);
void        nb_section_page_focus_content  (NbSectionPage *self);

G_END_DECLS
