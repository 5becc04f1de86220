/* nb-test-window.c: the editor window's parts, for the tests
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nb-table-page.h"
#include "nb-test-window.h"

typedef gboolean (*WidgetMatch) (GtkWidget *widget,
                                 gpointer   data);

/* Depth first, in the order of the children. */
static GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             gpointer     data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_page_of (GtkWidget *widget,
            gpointer   section_id)
{
  return NB_IS_SECTION_PAGE (widget)
         && g_strcmp0 (nb_section_page_get_section_id (NB_SECTION_PAGE (widget)), section_id) == 0;
}

static gboolean
is_checks_panel (GtkWidget *widget,
                 gpointer   data)
{
  return NB_IS_CHECKS_PANEL (widget);
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_mapped_label_containing (GtkWidget *widget,
                            gpointer   part)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL;
}

GtkWidget *
nb_test_find_descendant (GtkWidget *root,
                         GType      type)
{
  return find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
nb_test_find_label (GtkWidget  *root,
                    const char *part)
{
  return find_widget (root, is_mapped_label_containing, (gpointer)part);
}

static gboolean
is_badge (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "section-badge");
}

/* The heading in a sidebar row, not the same words on the page itself. */
static gboolean
is_heading_beside_badge (GtkWidget *widget,
                         gpointer   text)
{
  return is_label_with_text (widget, text)
         && find_widget (gtk_widget_get_parent (widget), is_badge, NULL) != NULL;
}

void
nb_test_window_show_section (NbWindow   *window,
                             const char *section_id)
{
  g_object_set (window, "visible-section", section_id, NULL);
}

/* The stack names its pages by their section. */
const char *
nb_test_window_get_visible_section (NbWindow *window)
{
  g_autofree char *section_id = NULL;
  GtkWidget *page;

  g_object_get (window, "visible-section", &section_id, NULL);
  page = find_widget (GTK_WIDGET (window), is_page_of, section_id);
  return page != NULL ? nb_section_page_get_section_id (NB_SECTION_PAGE (page)) : NULL;
}

/* A page is built the first time it is shown: shown, then the section
 * shown before comes back. */
static NbSectionPage *
get_page (NbWindow   *window,
          const char *section_id)
{
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_page_of, (gpointer)section_id);

  if (page == NULL)
    {
      g_autofree char *shown = NULL;

      g_object_get (window, "visible-section", &shown, NULL);
      nb_test_window_show_section (window, section_id);
      page = find_widget (GTK_WIDGET (window), is_page_of, (gpointer)section_id);
      if (shown != NULL)
        nb_test_window_show_section (window, shown);
    }
  return page != NULL ? NB_SECTION_PAGE (page) : NULL;
}

NbSheet *
nb_test_window_get_sheet (NbWindow   *window,
                          const char *table_id)
{
  NbEdition *edition = nb_report_get_edition (nb_window_get_report (window));
  const NbEditionTable *table = nb_edition_find_table (edition, table_id);
  NbSectionPage *page = table ? get_page (window, nb_edition_table_get_section_id (table)) : NULL;

  return NB_IS_TABLE_PAGE (page) ? nb_table_page_get_sheet (NB_TABLE_PAGE (page)) : NULL;
}

NbTextPage *
nb_test_window_get_text_page (NbWindow   *window,
                              const char *section_id)
{
  NbSectionPage *page = get_page (window, section_id);

  return NB_IS_TEXT_PAGE (page) ? NB_TEXT_PAGE (page) : NULL;
}

NbChecksPanel *
nb_test_window_get_checks_panel (NbWindow *window)
{
  return NB_CHECKS_PANEL (find_widget (GTK_WIDGET (window), is_checks_panel, NULL));
}

/* The sidebar row shows the section's heading and, beside it, the badge. */
guint
nb_test_window_get_section_badge (NbWindow   *window,
                                  const char *section_id)
{
  NbEdition *edition = nb_report_get_edition (nb_window_get_report (window));
  const NbEditionSection *section = nb_edition_find_section (edition, section_id);
  GtkWidget *heading, *badge;

  g_assert_nonnull (section);
  heading = find_widget (GTK_WIDGET (window), is_heading_beside_badge, (gpointer)section->heading);
  g_assert_nonnull (heading);
  badge = find_widget (gtk_widget_get_parent (heading), is_badge, NULL);
  g_assert_nonnull (badge);
  if (!gtk_widget_get_visible (badge))
    return 0;
  return (guint)g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (badge)), NULL, 10);
}

void
nb_test_set_autosave (gboolean enabled)
{
  g_autoptr(GSettings) settings = NULL;

  /* Never the user's own settings (tests/meson.build sets it). */
  g_assert_cmpstr (g_getenv ("GSETTINGS_BACKEND"), ==, "memory");
  settings = g_settings_new (APP_ID);
  g_settings_set_boolean (settings, "autosave", enabled);
}

NbReport *
nb_test_new_report (void)
{
  g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);
  NbReport *report = nb_report_new (edition);

  nb_report_set_agency (report, "测试局");
  nb_report_set_year (report, 2023);
  nb_report_forget_history (report);
  return report;
}

guint
nb_test_find_cell (const NbEditionTable *table,
                   const char           *row,
                   const char           *column)
{
  int index = nb_edition_table_find_cell (table, row, column);

  g_assert_cmpint (index, >=, 0);
  return (guint)index;
}
