/* test-forms.c: the forms of the day's typing: blanks filled at once, the
 * New dialog, the details form, narrow windows, all under Xvfb with real
 * key events (xdotool, through the X server) where a person would type.
 *
 * Every wait is for a condition (nb-test-wait.h), with a deadline and a
 * message saying what never happened.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nb-application.h"
#include "nb-file.h"
#include "nb-new-report-dialog.h"
#include "nb-test-wait.h"
#include "nb-test-window.h"
#include "nb-window.h"

static gboolean
is_mapped_and_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static NbWindow *
new_window (NbReport *report,
            int       width,
            int       height)
{
  NbWindow *window = nb_window_new (NULL, report, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  nb_test_wait_until (is_mapped_and_drawn (window), "the window is shown");
  return window;
}

static void
close_window (NbWindow *window)
{
  nb_report_set_modified (nb_window_get_report (window), FALSE);
  nb_test_destroy_window (window);
}

static guint
count_blanks (NbReport             *report,
              const NbEditionTable *table)
{
  guint n = 0;

  for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
    if (!nb_edition_table_get_cell (table, c)->computed
        && nb_report_get_cell (report, table, c, NULL, NULL) == NB_CELL_EMPTY)
      n++;
  return n;
}

typedef struct
{
  NbReport             *report;
  const NbEditionTable *table;
  guint                 n;
} Blanks;

static gboolean
blanks_are (gpointer data)
{
  Blanks *b = data;

  return count_blanks (b->report, b->table) == b->n;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Label;

static gboolean
label_shows (gpointer data)
{
  Label *l = data;

  return nb_test_find_label (l->root, l->text) != NULL;
}

/* Fill blanks: the table of the page shown, then the whole report, each
 * one undo step (Ctrl+Z, a real key press, brings the blanks back), with
 * a toast saying how many cells were filled. */
static void
test_fill_blanks (void)
{
  g_autoptr(NbReport) report = nb_test_new_report ();
  NbEdition *edition = nb_report_get_edition (report);
  const NbEditionTable *t2 = nb_edition_find_table (edition, "t2");
  const NbEditionTable *t3 = nb_edition_find_table (edition, "t3");
  NbWindow *window;
  guint t3_blanks;
  g_autofree char *toast = NULL;

  NB_TEST_REQUIRE_KEYS ();

  g_assert_true (nb_report_set_cell_text (report, t3,
                                          nb_test_find_cell (t3, "new", "natural"),
                                          "5", NULL));
  t3_blanks = count_blanks (report, t3);
  window = new_window (report, 1366, 768);
  nb_test_focus_window (GTK_WINDOW (window));
  nb_test_window_show_section (window, "requests");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fill-blanks-table", NULL));
  g_assert_cmpuint (count_blanks (report, t3), ==, 0);
  g_assert_cmpuint (count_blanks (report, t2), >, 0);
  g_assert_cmpint (nb_report_get_value (report, t3, nb_test_find_cell (t3, "new", "total")),
                   ==, 5);
  toast = g_strdup_printf ("Filled %u blank cells with 0", t3_blanks);
  nb_test_wait_until (label_shows (&(Label) { GTK_WIDGET (window), toast }), "a toast says how many cells were filled");

  nb_test_xdotool (GTK_WIDGET (window), "key --delay 15 ctrl+z");
  nb_test_wait_until (blanks_are (&(Blanks) { report, t3, t3_blanks }), "Ctrl+Z brings every blank of table 三 back in one step");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fill-blanks-report", NULL));
  for (guint i = 0; i < nb_edition_get_n_tables (edition); i++)
    g_assert_cmpuint (count_blanks (report, nb_edition_get_table (edition, i)), ==, 0);

  /* On a page without a table there is nothing to fill: the action is off. */
  nb_test_window_show_section (window, "overview");
  g_assert_true (nb_report_undo (report));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.fill-blanks-table", NULL);
  g_assert_cmpuint (count_blanks (report, t3), ==, t3_blanks);
  close_window (window);
}

static gboolean
has_focus_within (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
agency_typed (gpointer data)
{
  return g_strcmp0 (nb_new_report_dialog_get_agency (data), "Luohe Bureau") == 0;
}

/* The New dialog: the agency typed with real keys goes into the report;
 * both editions are named in full, not cut off. */
static void
test_new_report_dialog (void)
{
  GtkWidget *dialog;
  GtkWidget *agency;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *ids = nb_edition_list_ids ();

  NB_TEST_REQUIRE_KEYS ();

  dialog = nb_new_report_dialog_new (NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  nb_test_wait_until (is_mapped_and_drawn (dialog), "the New dialog is shown");
  nb_test_focus_window (GTK_WINDOW (dialog));

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(NbEdition) edition = nb_edition_lookup (ids[i], NULL);
      GtkWidget *label;

      nb_test_wait_until (label_shows (&(Label) { dialog, nb_edition_get_name (edition) }), "the edition's full name is shown");
      label = nb_test_find_label (dialog, nb_edition_get_name (edition));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, nb_edition_get_name (edition));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
    }
  {
    g_autoptr(NbEdition) edition = nb_edition_lookup ("2021", NULL);

    g_assert_cmpstr (nb_edition_get_name (edition), ==, "2021 年版（国办公开办函〔2021〕30号）");
  }

  agency = nb_test_find_descendant (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (agency);
  gtk_widget_grab_focus (agency);
  nb_test_wait_until (has_focus_within (agency), "the agency field takes the focus");
  nb_test_xdotool (dialog, "type --delay 15 'Luohe Bureau'");
  nb_test_wait_until (agency_typed (dialog), "the agency typed reaches the dialog");
  nb_new_report_dialog_set_year (NB_NEW_REPORT_DIALOG (dialog), 2020);
  g_assert_cmpstr (nb_new_report_dialog_get_edition_id (NB_NEW_REPORT_DIALOG (dialog)), ==, "2019");
  g_assert_cmpstr (nb_new_report_dialog_get_agency (NB_NEW_REPORT_DIALOG (dialog)), ==, "Luohe Bureau");
  report = nb_new_report_dialog_create_report (NB_NEW_REPORT_DIALOG (dialog), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "Luohe Bureau");
  g_assert_cmpint (nb_report_get_year (report), ==, 2020);
  g_assert_cmpstr (nb_edition_get_id (nb_report_get_edition (report)), ==, "2019");
  nb_test_destroy_window (dialog);
}

typedef struct
{
  NbReport   *report;
  const char *agency;
} Agency;

static gboolean
agency_is (gpointer data)
{
  Agency *a = data;

  return g_strcmp0 (nb_report_get_agency (a->report), a->agency) == 0;
}

static gboolean
focus_left (gpointer data)
{
  return !has_focus_within (data);
}

/* The details form: Enter keeps the value and moves on; the focus stays
 * in the form (a phone number typed next lands in the next field, not in
 * the section list). */
static void
test_details_enter (void)
{
  g_autoptr(NbReport) report = nb_test_new_report ();
  NbWindow *window;
  GtkWidget *agency, *focus;

  NB_TEST_REQUIRE_KEYS ();

  window = new_window (report, 1366, 768);
  nb_test_focus_window (GTK_WINDOW (window));
  nb_test_window_show_section (window, "info");
  agency = nb_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (agency);
  gtk_widget_grab_focus (agency);
  nb_test_wait_until (has_focus_within (agency), "the agency field takes the focus");
  nb_test_xdotool (GTK_WIDGET (window), "key --delay 15 ctrl+a");
  nb_test_xdotool (GTK_WIDGET (window), "type --delay 15 'Bureau'");
  nb_test_xdotool (GTK_WIDGET (window), "key --delay 15 Return");
  nb_test_wait_until (agency_is (&(Agency) { report, "Bureau" }), "Enter keeps the agency typed");
  nb_test_wait_until (focus_left (agency), "Enter moves the focus on");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, g_type_from_name ("NbInfoPage")));
  /* No apply button to stop at: the next stop is the next field. */
  g_assert_false (GTK_IS_BUTTON (focus) && !GTK_IS_SPIN_BUTTON (focus)
                  && gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) != NULL);

  /* A pasted text longer than a file may hold is cut at 1024 characters
   * (NB_FILE_MAX_FIELD_BYTES / 4), so what is typed always opens again. */
  {
    g_autofree char *pasted = g_strnfill (5000, 'x');

    gtk_editable_set_text (GTK_EDITABLE (agency), pasted);
    g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (agency)), -1), ==, 1024);
  }
  close_window (window);
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
leaflet_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
sheet_laid_out (gpointer data)
{
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (data));

  return gtk_widget_get_mapped (data) && gtk_adjustment_get_page_size (h) > 0;
}

typedef struct
{
  NbSheet   *sheet;
  GtkWidget *checks;      /* the folded flap's panel, over the page's end */
  GtkWidget *window;
  int        label_width; /* out: the row labels' band, in pixels */
  int        visible;     /* out: the sheet's width left of the checks */
} Clear;

static double
left_in_window (GtkWidget *widget,
                Clear     *clear)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, clear->window, &bounds));
  return bounds.origin.x;
}

/* The page and the checks slide into place (the leaflet's and the flap's
 * transitions): what counts is where they come to rest, however long that
 * takes.  Every value column of table 三 (its first row) is then left of
 * the checks panel, not under it. */
static gboolean
columns_clear_of_checks (gpointer data)
{
  Clear *clear = data;
  const NbEditionTable *t3 = nb_sheet_get_table (clear->sheet);
  guint row = nb_edition_table_get_cell (t3, 0)->row;
  double sheet_x, checks_x;

  if (!sheet_laid_out (clear->sheet) || !gtk_widget_get_mapped (clear->checks))
    return FALSE;
  sheet_x = left_in_window (GTK_WIDGET (clear->sheet), clear);
  checks_x = left_in_window (clear->checks, clear);
  for (guint c = 0; c < nb_edition_table_get_n_cells (t3); c++)
    {
      GtkWidget *entry = nb_sheet_get_cell_widget (clear->sheet, c);

      if (nb_edition_table_get_cell (t3, c)->row != row)
        continue;
      if (left_in_window (entry, clear) < sheet_x
          || left_in_window (entry, clear) + gtk_widget_get_width (entry) > checks_x + 1)
        return FALSE;
    }
  clear->label_width = (int)(left_in_window (nb_sheet_get_cell_widget (clear->sheet, 0), clear)
                             - sheet_x);
  clear->visible = (int)(checks_x - sheet_x);
  return TRUE;
}

/* At 1024×640 the section list is folded away and the checks overlay the
 * page: table 三 lays itself out left of them, its row labels wrapping onto
 * more lines, so that all its value columns are in sight; at 1366×768 all is
 * side by side. */
static void
test_narrow_window (void)
{
  g_autoptr(NbReport) report = nb_test_new_report ();
  NbWindow *window = new_window (report, 1024, 640);
  AdwLeaflet *leaflet = ADW_LEAFLET (nb_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  AdwFlap *flap = ADW_FLAP (nb_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_FLAP));
  Clear clear = { 0 };

  g_object_set (window, "show-checks", TRUE, NULL);
  nb_test_wait_until (leaflet_folded (leaflet), "at 1024×640 the section list folds away");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (flap));
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  nb_test_window_show_section (window, "requests");
  clear.sheet = nb_test_window_get_sheet (window, "t3");
  clear.checks = adw_flap_get_flap (flap);
  clear.window = GTK_WIDGET (window);
  nb_test_wait_until (columns_clear_of_checks (&clear), "at 1024×640 every value column of table 三 shows left of the checks panel");
  g_test_message ("table 三 at 1024×640: row labels %d of %d px left of the checks",
                  clear.label_width, clear.visible);
  g_assert_cmpint (3 * clear.label_width, <=, clear.visible);

  /* The Sections button (F9) brings the list back, a section goes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sections", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != GTK_WIDGET (flap));

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  nb_test_wait_until (leaflet_unfolded (leaflet), "at 1366×768 the section list is beside the page");
  close_window (window);
}

typedef struct
{
  GtkWidget *panel;
  GtkWidget *window;
  int        n_labels;  /* out: the labels looked at */
  char      *clipped;   /* out: the first label that does not fit, or NULL */
} Fit;

/* Every label of the findings fits inside the panel, and its text inside
 * the label: what does not is cut at the window's edge. */
static void
check_labels_fit (GtkWidget *widget,
                  Fit       *fit)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds, panel;

      check_labels_fit (child, fit);
      if (!GTK_IS_LABEL (child) || !gtk_widget_get_mapped (child) || fit->clipped != NULL)
        continue;
      g_assert_true (gtk_widget_compute_bounds (child, fit->window, &bounds));
      g_assert_true (gtk_widget_compute_bounds (fit->panel, fit->window, &panel));
      fit->n_labels++;
      if (bounds.origin.x < panel.origin.x - 0.5
          || bounds.origin.x + bounds.size.width > panel.origin.x + panel.size.width + 0.5
          || bounds.origin.x + bounds.size.width > gtk_widget_get_width (fit->window) + 0.5)
        fit->clipped = g_strdup_printf ("“%s” is %g px wide at x %g, the panel %g px at x %g",
                                        gtk_label_get_text (GTK_LABEL (child)), bounds.size.width,
                                        bounds.origin.x, panel.size.width, panel.origin.x);
      else
        {
          PangoRectangle ink, logical;

          pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (child)), &ink,
                                          &logical);
          if (logical.width > gtk_widget_get_width (child)
              || logical.height > gtk_widget_get_height (child))
            fit->clipped = g_strdup_printf ("“%s” needs %d×%d px, has %d×%d",
                                            gtk_label_get_text (GTK_LABEL (child)),
                                            logical.width, logical.height,
                                            gtk_widget_get_width (child),
                                            gtk_widget_get_height (child));
        }
    }
}

/* A finding quoting a 12-digit number (the first row of table 三: its
 * balance error and its plausibility warning) wraps inside the checks
 * panel, in a narrow window and a wide one: no line runs past its edge. */
static void
test_findings_fit (void)
{
  static const int sizes[][2] = { { 1024, 640 }, { 1366, 768 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(NbReport) report = nb_file_load_sample (NULL);
      const NbEditionTable *t3 = nb_edition_find_table (nb_report_get_edition (report), "t3");
      NbWindow *window;
      Fit fit = { 0 };

      g_assert_true (nb_report_set_cell_text (report, t3,
                                              (guint)nb_edition_table_find_cell (t3, "new", "natural"),
                                              "999999999999", NULL));
      window = new_window (report, sizes[s][0], sizes[s][1]);
      g_object_set (window, "show-checks", TRUE, NULL);
      nb_test_window_show_section (window, "requests");
      fit.panel = GTK_WIDGET (nb_test_window_get_checks_panel (window));
      fit.window = GTK_WIDGET (window);
      nb_test_wait_until (gtk_widget_get_mapped (fit.panel) && nb_test_find_label (fit.panel, "999999999999"),
                          "the checks panel shows a finding quoting 999999999999");
      nb_test_wait_settled (fit.panel);
      check_labels_fit (fit.panel, &fit);
      g_test_message ("%d×%d: %d labels in the checks panel", sizes[s][0], sizes[s][1], fit.n_labels);
      g_assert_cmpint (fit.n_labels, >=, 3);
      if (fit.clipped != NULL)
        g_test_message ("at %d×%d a label of the checks panel is cut", sizes[s][0], sizes[s][1]);
      g_assert_cmpstr (fit.clipped, ==, NULL);
      close_window (window);
    }
}

typedef struct
{
  GtkWidget *page;
  GtkWidget *checks;
  GtkWidget *window;
  GType      type;       /* the controls that must show */
  guint      n_found;    /* out */
} ClearOf;

static void
count_clear (GtkWidget *widget,
             ClearOf  *c,
             double     checks_x,
             gboolean  *all_clear)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, c->type) && gtk_widget_get_mapped (child))
        {
          graphene_rect_t bounds;

          g_assert_true (gtk_widget_compute_bounds (child, c->window, &bounds));
          c->n_found++;
          if (bounds.origin.x + bounds.size.width > checks_x + 1)
            *all_clear = FALSE;
        }
      count_clear (child, c, checks_x, all_clear);
    }
}

/* Every control of c->type on the page ends left of the checks panel. */
static gboolean
controls_clear_of_checks (gpointer data)
{
  ClearOf *c = data;
  graphene_rect_t checks;
  gboolean all_clear = TRUE;

  if (!gtk_widget_get_mapped (c->page) || !gtk_widget_get_mapped (c->checks))
    return FALSE;
  g_assert_true (gtk_widget_compute_bounds (c->checks, c->window, &checks));
  c->n_found = 0;
  count_clear (c->page, c, checks.origin.x, &all_clear);
  return c->n_found > 0 && all_clear;
}

/* Where the checks panel overlays the page (1024×640; and the window's
 * default width of 1180, the section list beside), the details form and a
 * text page lay out left of it: the year's and the fee's spin buttons, the
 * publisher's choice and the text are in sight, not under the panel. */
static void
test_pages_clear_of_checks (void)
{
  static const int sizes[][2] = { { 1024, 640 }, { 1180, 700 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(NbReport) report = nb_file_load_sample (NULL);
      NbWindow *window = new_window (report, sizes[s][0], sizes[s][1]);
      AdwFlap *flap = ADW_FLAP (nb_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_FLAP));
      ClearOf c = { 0 };

      g_object_set (window, "show-checks", TRUE, NULL);
      nb_test_wait_until (adw_flap_get_folded (flap) && adw_flap_get_reveal_progress (flap) >= 1,
                          "at %d×%d the checks panel overlays the page", sizes[s][0], sizes[s][1]);
      c.checks = adw_flap_get_flap (flap);
      c.window = GTK_WIDGET (window);

      nb_test_window_show_section (window, "info");
      c.page = nb_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_PAGE);
      c.type = GTK_TYPE_SPIN_BUTTON;
      nb_test_wait_until (controls_clear_of_checks (&c),
                          "at %d×%d the details' spin buttons show left of the checks panel",
                          sizes[s][0], sizes[s][1]);
      g_assert_cmpuint (c.n_found, ==, 2);
      c.type = ADW_TYPE_COMBO_ROW;
      nb_test_wait_until (controls_clear_of_checks (&c),
                          "at %d×%d the publisher's choice shows left of the checks panel",
                          sizes[s][0], sizes[s][1]);

      nb_test_window_show_section (window, "overview");
      c.page = GTK_WIDGET (nb_test_window_get_text_page (window, "overview"));
      c.type = GTK_TYPE_TEXT_VIEW;
      nb_test_wait_until (controls_clear_of_checks (&c),
                          "at %d×%d the text of 一 shows left of the checks panel",
                          sizes[s][0], sizes[s][1]);
      close_window (window);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("nianbao-forms-data-XXXXXX", NULL);
  g_autoptr(GtkCssProvider) css = NULL;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The app's style sheet, as AdwApplication loads it: its paddings are
   * part of what has to fit. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/nianbao/Nianbao/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* The tests' edits stay out of their files. */
  nb_test_set_autosave (FALSE);
  g_test_add_func ("/forms/fill-blanks", test_fill_blanks);
  g_test_add_func ("/forms/new-report-dialog", test_new_report_dialog);
  g_test_add_func ("/forms/details-enter", test_details_enter);
  g_test_add_func ("/forms/narrow-window", test_narrow_window);
  g_test_add_func ("/forms/findings-fit", test_findings_fit);
  g_test_add_func ("/forms/pages-clear-of-checks", test_pages_clear_of_checks);
  return g_test_run ();
}
