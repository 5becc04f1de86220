/* nb-print-preview.c: the print preview, drawn by the page renderer
 *
 * The pages shown are the pages printed: the same NbRender draws both.  The
 * report's print options (sections, landscape tables, line pitch) are set
 * here, since the print dialog of a sandboxed app has no room for them.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-print-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-file.h"
#include "nb-fonts.h"
#include "nb-print.h"
#include "nb-print-preview.h"
#include "nb-settings.h"

#define THUMBNAIL_WIDTH 120
#define SCREEN_DPI      96.0
#define ZOOM_MIN        0.25
#define ZOOM_MAX        4.0

struct _NbPrintPreview
{
  AdwWindow        parent_instance;

  NbReport        *report;
  NbRender        *render;
  NbRenderOptions  options;
  GPtrArray       *sections;   /* section ids to print, NULL-terminated */
  GSettings       *settings;
  guint            page;
  double           zoom;       /* 1.0: the page at its real size */
  gulong           changed_id;
  guint            refresh_id;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkListBox      *thumbnails;
  GtkScrolledWindow *page_scroller;
  GtkDrawingArea  *page_area;
  GtkLabel        *page_label;
  GtkLabel        *zoom_label;
  AdwPreferencesGroup *sections_group;
  AdwPreferencesGroup *fonts_group;
  AdwPreferencesGroup *missing_group;
  GPtrArray           *missing_rows;
  GtkSwitch       *landscape_switch;
  GtkSpinButton   *pitch_spin;
};

G_DEFINE_FINAL_TYPE (NbPrintPreview, nb_print_preview, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_REPORT,
  PROP_PAGE,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const double zoom_levels[] = { 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0 };

/* Helpers ------------------------------------------------------------------ */

static void
draw_sheet (NbRender *render,
            cairo_t  *cr,
            guint     page,
            double    scale)
{
  const NbRenderOptions *o = nb_render_get_options (render);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, o->page_width, o->page_height);
  cairo_fill (cr);
  nb_render_draw_page (render, cr, page);
  cairo_restore (cr);
}

static double
points_to_pixels (double zoom)
{
  return zoom * SCREEN_DPI / 72.0;
}

static void
update_page_view (NbPrintPreview *self)
{
  const NbRenderOptions *o = nb_render_get_options (self->render);
  guint n_pages = nb_render_get_n_pages (self->render);
  double scale = points_to_pixels (self->zoom);
  g_autofree char *page_text = NULL;
  g_autofree char *zoom_text = NULL;
  GtkListBoxRow *row;

  page_text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);
  gtk_label_set_text (self->page_label, page_text);
  zoom_text = g_strdup_printf ("%d%%", (int)(self->zoom * 100 + 0.5));
  gtk_label_set_text (self->zoom_label, zoom_text);

  gtk_drawing_area_set_content_width (self->page_area, (int)(o->page_width * scale + 0.5));
  gtk_drawing_area_set_content_height (self->page_area, (int)(o->page_height * scale + 0.5));
  gtk_widget_queue_draw (GTK_WIDGET (self->page_area));

  row = gtk_list_box_get_row_at_index (self->thumbnails, (int)self->page);
  if (row != NULL && gtk_list_box_get_selected_row (self->thumbnails) != row)
    gtk_list_box_select_row (self->thumbnails, row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page", self->page + 1 < n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", self->zoom > ZOOM_MIN);
}

static void
thumbnail_draw_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        data)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (gtk_widget_get_ancestor (GTK_WIDGET (area),
                                                                    NB_TYPE_PRINT_PREVIEW));
  guint page = GPOINTER_TO_UINT (data);

  if (self == NULL || page >= nb_render_get_n_pages (self->render))
    return;
  draw_sheet (self->render, cr, page, width / nb_render_get_options (self->render)->page_width);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
}

static void
rebuild_thumbnails (NbPrintPreview *self)
{
  const NbRenderOptions *o = nb_render_get_options (self->render);
  guint n_pages = nb_render_get_n_pages (self->render);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbnails))) != NULL)
    gtk_list_box_remove (self->thumbnails, child);

  for (guint i = 0; i < n_pages; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *area = gtk_drawing_area_new ();
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = g_strdup_printf (_("Page %u"), i + 1);
      GtkWidget *label = gtk_label_new (number);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), THUMBNAIL_WIDTH);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                           (int)(THUMBNAIL_WIDTH * o->page_height / o->page_width));
      gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), thumbnail_draw_cb,
                                      GUINT_TO_POINTER (i), NULL);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), area);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_append (self->thumbnails, box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

/* The characters that print as boxes, listed beside the pages that show
 * them. */
static void
update_missing_characters (NbPrintPreview *self)
{
  g_auto(GStrv) missing = nb_render_dup_missing_characters (self->render);

  for (guint i = 0; i < self->missing_rows->len; i++)
    adw_preferences_group_remove (self->missing_group, g_ptr_array_index (self->missing_rows, i));
  g_ptr_array_set_size (self->missing_rows, 0);
  for (guint i = 0; missing != NULL && missing[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), missing[i]);
      adw_preferences_group_add (self->missing_group, row);
      g_ptr_array_add (self->missing_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->missing_group), missing != NULL);
}

/* Lays the report out again: after an edit or a change of options. */
static void
refresh (NbPrintPreview *self)
{
  g_autofree char *title = nb_report_dup_title (self->report);
  guint n_pages;

  self->options.landscape_tables = gtk_switch_get_active (self->landscape_switch);
  self->options.line_pitch = gtk_spin_button_get_value (self->pitch_spin);
  self->options.sections = (const char * const *)self->sections->pdata;

  g_clear_object (&self->render);
  self->render = nb_render_new (self->report, &self->options);
  nb_render_paginate (self->render);
  n_pages = nb_render_get_n_pages (self->render);
  if (self->page >= n_pages)
    self->page = n_pages - 1;

  adw_window_title_set_subtitle (self->window_title, title);
  update_missing_characters (self);
  rebuild_thumbnails (self);
  update_page_view (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  NbPrintPreview *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Typing in the report fires many changes: lay out once they settle. */
static void
queue_refresh (NbPrintPreview *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (300, refresh_idle_cb, self);
}

static void
set_zoom (NbPrintPreview *self,
          double          zoom)
{
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;
  self->zoom = zoom;
  update_page_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Callbacks ------------------------------------------------------------------ */

static void
page_draw_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        data)
{
  NbPrintPreview *self = data;

  if (self->render == NULL || self->page >= nb_render_get_n_pages (self->render))
    return;
  draw_sheet (self->render, cr, self->page, points_to_pixels (self->zoom));
}

static void
thumbnail_selected_cb (GtkListBox     *box,
                       GtkListBoxRow  *row,
                       NbPrintPreview *self)
{
  if (row != NULL)
    nb_print_preview_set_page (self, (guint)gtk_list_box_row_get_index (row));
}

static void
report_changed_cb (NbReport       *report,
                   NbPrintPreview *self)
{
  queue_refresh (self);
}

static void
option_changed_cb (NbPrintPreview *self)
{
  queue_refresh (self);
}

static void
section_toggled_cb (GtkCheckButton *button,
                    NbPrintPreview *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "nb-section-id");
  gboolean active = gtk_check_button_get_active (button);
  guint index;
  gboolean present = g_ptr_array_find_with_equal_func (self->sections, id, g_str_equal, &index);

  if (active && !present)
    g_ptr_array_insert (self->sections, (int)self->sections->len - 1, g_strdup (id));
  else if (!active && present)
    g_ptr_array_remove_index (self->sections, index);
  queue_refresh (self);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    NbPrintPreview  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file ? g_file_get_path (file) : NULL;
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path == NULL)
    return;

  pdf = nb_render_to_pdf (self->render, &error);
  if (pdf == NULL || !nb_file_write_bytes (path, pdf, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export PDF"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("PDF exported")));
}

/* Actions -------------------------------------------------------------------- */

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (widget);

  nb_print_report_with_options (GTK_WINDOW (self), self->report, &self->options);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *name = g_strconcat (title, ".pdf", NULL);

  chooser = gtk_file_chooser_native_new (_("Export PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (widget);

  nb_print_preview_set_page (self, self->page + 1);
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (widget);

  if (self->page > 0)
    nb_print_preview_set_page (self, self->page - 1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (widget);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_levels); i++)
    if (zoom_levels[i] > self->zoom + 0.001)
      {
        set_zoom (self, zoom_levels[i]);
        return;
      }
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (widget);

  for (guint i = G_N_ELEMENTS (zoom_levels); i > 0; i--)
    if (zoom_levels[i - 1] < self->zoom - 0.001)
      {
        set_zoom (self, zoom_levels[i - 1]);
        return;
      }
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (widget);
  int width = gtk_widget_get_width (GTK_WIDGET (self->page_scroller));
  double page_width = nb_render_get_options (self->render)->page_width;

  if (width > 40)
    set_zoom (self, (width - 24) / points_to_pixels (1.0) / page_width);
}

/* Construction ------------------------------------------------------------------ */

static void
add_section_rows (NbPrintPreview *self)
{
  NbEdition *edition = nb_report_get_edition (self->report);

  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      /* The headings are the report's own words: data, not translated. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), section->heading);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "nb-section-id", g_strdup (section->id), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      section->heading, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (section_toggled_cb), self);
      adw_preferences_group_add (self->sections_group, row);
      g_ptr_array_insert (self->sections, (int)self->sections->len - 1, g_strdup (section->id));
    }
}

static void
add_font_rows (NbPrintPreview *self)
{
  g_autofree char *notice = nb_fonts_dup_missing_notice ();

  const char *uses[NB_FONT_N_ROLES] = {
    [NB_FONT_SONG] = N_("Tables and page numbers"),
    [NB_FONT_FANGSONG] = N_("Body text"),
    [NB_FONT_KAI] = N_("Second-level headings"),
    [NB_FONT_HEI] = N_("First-level headings"),
    [NB_FONT_TITLE] = N_("Title"),
  };

  for (guint r = 0; r < NB_FONT_N_ROLES; r++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (NULL);
      g_autofree char *title = g_strdup_printf ("%s · %s", nb_font_role_get_name (r), _(uses[r]));
      g_autofree char *family = NULL;
      g_autofree char *tip = NULL;

      if (nb_fonts_is_substitute (r))
        {
          g_autofree char *preferred = g_strjoinv (", ", (char **)nb_font_role_get_preferred (r));

          /* TRANSLATORS: a font family, then that the official font is missing */
          family = g_strdup_printf (_("%s (substitute)"), nb_fonts_get_family (r));
          tip = g_strdup_printf (_("None of the official fonts is installed: %s"), preferred);
        }
      else
        family = g_strdup (nb_fonts_get_family (r));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), family);
      if (tip != NULL)
        gtk_widget_set_tooltip_text (row, tip);
      gtk_label_set_text (GTK_LABEL (label), nb_fonts_is_substitute (r) ? "⚠" : "✓");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->fonts_group, row);
    }
  /* Which official fonts are missing, by name, and how to get them. */
  if (notice != NULL)
    adw_preferences_group_set_description (self->fonts_group, notice);
}

static void
nb_print_preview_constructed (GObject *object)
{
  NbPrintPreview *self = (NbPrintPreview *)object;

  G_OBJECT_CLASS (nb_print_preview_parent_class)->constructed (object);

  g_assert (self->report != NULL);

  nb_print_load_options (&self->options);
  gtk_switch_set_active (self->landscape_switch, self->options.landscape_tables);
  gtk_spin_button_set_value (self->pitch_spin, self->options.line_pitch);
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "print-landscape-tables", self->landscape_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "print-line-pitch", self->pitch_spin, "value",
                       G_SETTINGS_BIND_DEFAULT);
    }
  g_signal_connect_swapped (self->landscape_switch, "notify::active",
                            G_CALLBACK (option_changed_cb), self);
  g_signal_connect_swapped (self->pitch_spin, "value-changed", G_CALLBACK (option_changed_cb), self);

  add_section_rows (self);
  add_font_rows (self);
  self->changed_id = g_signal_connect (self->report, "changed", G_CALLBACK (report_changed_cb), self);
  refresh (self);
}

static void
nb_print_preview_dispose (GObject *object)
{
  NbPrintPreview *self = (NbPrintPreview *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->report != NULL)
    g_clear_signal_handler (&self->changed_id, self->report);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_PRINT_PREVIEW);

  G_OBJECT_CLASS (nb_print_preview_parent_class)->dispose (object);
}

static void
nb_print_preview_finalize (GObject *object)
{
  NbPrintPreview *self = (NbPrintPreview *)object;

  g_clear_object (&self->render);
  g_clear_object (&self->report);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->missing_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (nb_print_preview_parent_class)->finalize (object);
}

static void
nb_print_preview_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_print_preview_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NbPrintPreview *self = NB_PRINT_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      self->report = g_value_dup_object (value);
      break;
    case PROP_PAGE:
      nb_print_preview_set_page (self, g_value_get_uint (value));
      break;
    case PROP_ZOOM:
      set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_print_preview_class_init (NbPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = nb_print_preview_constructed;
  object_class->dispose = nb_print_preview_dispose;
  object_class->finalize = nb_print_preview_finalize;
  object_class->get_property = nb_print_preview_get_property;
  object_class->set_property = nb_print_preview_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-print-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, thumbnails);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, page_area);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, sections_group);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, fonts_group);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, missing_group);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, landscape_switch);
  gtk_widget_class_bind_template_child (widget_class, NbPrintPreview, pitch_spin);
  gtk_widget_class_bind_template_callback (widget_class, thumbnail_selected_cb);

  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "preview.page-setup", NULL,
                                   nb_print_page_setup_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL, previous_page_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_fit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "preview.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nb_print_preview_init (NbPrintPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->missing_rows = g_ptr_array_new ();
  self->sections = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->sections, NULL);
  self->settings = nb_settings_dup ();
  gtk_drawing_area_set_draw_func (self->page_area, page_draw_cb, self, NULL);
}

NbPrintPreview *
nb_print_preview_new (GtkWindow *parent,
                      NbReport  *report)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  return g_object_new (NB_TYPE_PRINT_PREVIEW,
                       "report", report,
                       "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL,
                       NULL);
}

NbReport *
nb_print_preview_get_report (NbPrintPreview *self)
{
  g_return_val_if_fail (NB_IS_PRINT_PREVIEW (self), NULL);
  return self->report;
}

NbRender *
nb_print_preview_get_render (NbPrintPreview *self)
{
  g_return_val_if_fail (NB_IS_PRINT_PREVIEW (self), NULL);
  return self->render;
}

guint
nb_print_preview_get_page (NbPrintPreview *self)
{
  g_return_val_if_fail (NB_IS_PRINT_PREVIEW (self), 0);
  return self->page;
}

void
nb_print_preview_set_page (NbPrintPreview *self,
                           guint           page)
{
  g_return_if_fail (NB_IS_PRINT_PREVIEW (self));

  if (self->render != NULL)
    page = MIN (page, nb_render_get_n_pages (self->render) - 1);
  if (page == self->page)
    return;
  self->page = page;
  if (self->render != NULL)
    update_page_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

double
nb_print_preview_get_zoom (NbPrintPreview *self)
{
  g_return_val_if_fail (NB_IS_PRINT_PREVIEW (self), 1.0);
  return self->zoom;
}
