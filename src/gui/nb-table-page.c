/* nb-table-page.c: the page of a section that is an official table
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-table-page"

#include "config.h"

#include "nb-table-page.h"

struct _NbTablePage
{
  NbSectionPage  parent_instance;

  GtkLabel      *heading;
  GtkLabel      *hint;
  GtkWidget     *scroller;
  NbSheet       *sheet;
};

G_DEFINE_FINAL_TYPE (NbTablePage, nb_table_page, NB_TYPE_SECTION_PAGE)

static void
nb_table_page_constructed (GObject *object)
{
  NbTablePage *self = (NbTablePage *)object;
  NbReport *report = nb_section_page_get_report (NB_SECTION_PAGE (self));
  const char *section_id = nb_section_page_get_section_id (NB_SECTION_PAGE (self));
  const NbEditionSection *section;

  G_OBJECT_CLASS (nb_table_page_parent_class)->constructed (object);

  section = nb_edition_find_section (nb_report_get_edition (report), section_id);
  g_return_if_fail (section != NULL && section->table_id != NULL);

  gtk_label_set_text (self->heading, section->heading);
  if (section->guidance != NULL)
    gtk_label_set_text (self->hint, section->guidance);

  self->sheet = NB_SHEET (nb_sheet_new (report, section->table_id));
  gtk_widget_add_css_class (GTK_WIDGET (self->sheet), "section-page");
  gtk_widget_add_css_class (GTK_WIDGET (self->sheet), "table-body");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->sheet));
}

/* A finding about a table points at a cell, or at several: the first. */
static void
nb_table_page_focus_finding (NbSectionPage *page,
                             NbFinding     *finding)
{
  NbTablePage *self = NB_TABLE_PAGE (page);
  int cell = finding->cell >= 0 ? finding->cell
                                : finding->n_cells > 0 ? (int)finding->cells[0] : 0;

  nb_sheet_focus_cell (self->sheet, (guint)cell);
}

/* The cursor cell, or the first the first time. */
static void
nb_table_page_focus_content (NbSectionPage *page)
{
  NbSheet *sheet = NB_TABLE_PAGE (page)->sheet;
  int cursor = nb_sheet_get_cursor (sheet);

  nb_sheet_focus_cell (sheet, cursor >= 0 ? (guint)cursor : 0);
}

static void
nb_table_page_commit (NbSectionPage *page)
{
  nb_sheet_commit (NB_TABLE_PAGE (page)->sheet);
}

static void
nb_table_page_dispose (GObject *object)
{
  NbTablePage *self = (NbTablePage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_TABLE_PAGE);
  self->sheet = NULL;

  G_OBJECT_CLASS (nb_table_page_parent_class)->dispose (object);
}

static void
nb_table_page_class_init (NbTablePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NbSectionPageClass *page_class = NB_SECTION_PAGE_CLASS (klass);

  object_class->constructed = nb_table_page_constructed;
  object_class->dispose = nb_table_page_dispose;
  page_class->focus_finding = nb_table_page_focus_finding;
  page_class->focus_content = nb_table_page_focus_content;
  page_class->commit = nb_table_page_commit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-table-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NbTablePage, heading);
  gtk_widget_class_bind_template_child (widget_class, NbTablePage, hint);
  gtk_widget_class_bind_template_child (widget_class, NbTablePage, scroller);
}

static void
nb_table_page_init (NbTablePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
nb_table_page_new (NbReport   *report,
                   const char *section_id)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  return g_object_new (NB_TYPE_TABLE_PAGE, "report", report, "section-id", section_id, NULL);
}

NbSheet *
nb_table_page_get_sheet (NbTablePage *self)
{
  g_return_val_if_fail (NB_IS_TABLE_PAGE (self), NULL);
  return self->sheet;
}
