/* nb-window-next-year.c: win.new-next-year, next year's report from this one
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-next-year"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-next-year.h"
#include "nb-window-private.h"

static GtkWidget *
section_text (NbReport               *reference,
              const NbEditionSection *section)
{
  GPtrArray *paragraphs = nb_report_get_paragraphs (reference, section->id);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (section->heading);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  for (guint i = 0; i < paragraphs->len; i++)
    {
      g_autofree char *text = nb_paragraph_dup_text (g_ptr_array_index (paragraphs, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (paragraphs->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("(empty)"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

/* Last year's narrative sections, read-only, beside this year's report. */
static void
show_last_year (GtkWindow *parent,
                NbReport  *report)
{
  NbReport *reference = nb_report_get_reference (report);
  NbEdition *edition;
  g_autofree char *title = NULL;
  GtkWidget *window, *toolbar, *scrolled, *clamp, *box;

  if (reference == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("No Text of Last Year"),
                                                  _("This report was not started from last year’s report, so there is no earlier text to show."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  edition = nb_report_get_edition (reference);
  title = g_strdup_printf (_("Last Year’s Text (%d)"), nb_report_get_year (reference));
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (parent));
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 640);

  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (toolbar), adw_header_bar_new ());
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  {
    GtkWidget *note = gtk_label_new (_("For reference while writing this year’s report. Section 五 must not repeat earlier years: the checks warn when it is too similar."));

    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_label_set_xalign (GTK_LABEL (note), 0);
    gtk_widget_add_css_class (note, "dim-label");
    gtk_box_append (GTK_BOX (box), note);
  }
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);

      if (section->table_id == NULL)
        gtk_box_append (GTK_BOX (box), section_text (reference, section));
    }
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (window), toolbar);
  gtk_window_present (GTK_WINDOW (window));
}

static void
new_next_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;
  GtkWindow *next;

  report = nb_next_year_new (nb_window_get_report (window), &error);
  if (report == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                                  _("Could Not Start Next Year’s Report"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  /* A new report: it gets a file when it is first saved.  Last year's
   * text opens alongside, to write from, not to copy. */
  next = GTK_WINDOW (nb_window_new (application, report, NULL));
  gtk_window_present (next);
  show_last_year (next, report);
}

static void
show_last_year_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_last_year (GTK_WINDOW (widget), nb_window_get_report (NB_WINDOW (widget)));
}

void
_nb_window_class_next_year_init (NbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-next-year", NULL, new_next_year_action);
  gtk_widget_class_install_action (widget_class, "win.show-last-year", NULL,
                                   show_last_year_action);
}
