/* nb-text-page.c: the editor of one narrative section
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-text-page"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "nb-text-page.h"

#include "nb-input.h"

/* The buffer shows the section's paragraphs: one line per paragraph, a tag
 * per heading level on the whole line, a "bold" tag on bold runs.  Every
 * change is pushed to the model (which coalesces typing into one undo step);
 * a change that comes from the model (undo, redo) reloads the buffer. */

struct _NbTextPage
{
  NbSectionPage  parent_instance;

  /* Borrowed from NbSectionPage, which holds them for the page's life. */
  NbReport      *report;
  const char    *section_id;
  const NbEditionSection *section;

  GtkWidget     *box;
  GtkLabel      *heading;
  GtkWidget     *guidance;
  GtkBox        *subheadings;
  GtkWidget     *style_dropdown;
  GtkWidget     *bold_button;
  GtkWidget     *count_label;
  GtkTextView   *view;
  GtkTextBuffer *buffer;
  GtkTextTag    *level_tags[NB_PARAGRAPH_LEVEL_LAST + 1];
  GtkTextTag    *bold_tag;

  NbParagraphLevel insert_level;
  int            pending_level;
  gboolean       typing_bold;
  gboolean       loading;
  gboolean       pushing;
  gboolean       in_edit;  /* "changed" comes before the tags are set */
  gboolean       updating_controls;
};

G_DEFINE_FINAL_TYPE (NbTextPage, nb_text_page, NB_TYPE_SECTION_PAGE)

static NbParagraphLevel
level_at (NbTextPage        *self,
          const GtkTextIter *iter)
{
  for (int level = NB_PARAGRAPH_LEVEL_LAST; level > NB_PARAGRAPH_BODY; level--)
    if (gtk_text_iter_has_tag (iter, self->level_tags[level]))
      return (NbParagraphLevel)level;
  return NB_PARAGRAPH_BODY;
}

static void
line_bounds (GtkTextIter *start,
             GtkTextIter *end)
{
  gtk_text_iter_set_line_offset (start, 0);
  *end = *start;
  /* The newline carries the level too, so an empty line keeps its style. */
  if (!gtk_text_iter_forward_line (end))
    gtk_text_iter_forward_to_end (end);
}

static void
apply_line_level (NbTextPage       *self,
                  GtkTextIter      *line,
                  NbParagraphLevel  level)
{
  GtkTextIter start = *line, end;

  line_bounds (&start, &end);
  for (int i = NB_PARAGRAPH_HEADING_1; i <= NB_PARAGRAPH_LEVEL_LAST; i++)
    if (i != (int)level)
      gtk_text_buffer_remove_tag (self->buffer, self->level_tags[i], &start, &end);
  if (level != NB_PARAGRAPH_BODY)
    gtk_text_buffer_apply_tag (self->buffer, self->level_tags[level], &start, &end);
}

static GPtrArray *
buffer_to_paragraphs (NbTextPage *self)
{
  GPtrArray *paragraphs = nb_paragraphs_new ();
  GtkTextIter line;

  gtk_text_buffer_get_start_iter (self->buffer, &line);
  do
    {
      GtkTextIter end = line, iter = line;
      g_autoptr(NbParagraph) paragraph = nb_paragraph_new (level_at (self, &line));

      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      while (gtk_text_iter_compare (&iter, &end) < 0)
        {
          GtkTextIter next = iter;
          gboolean bold = gtk_text_iter_has_tag (&iter, self->bold_tag);
          g_autofree char *text = NULL;

          if (!gtk_text_iter_forward_to_tag_toggle (&next, self->bold_tag)
              || gtk_text_iter_compare (&next, &end) > 0)
            next = end;
          text = gtk_text_iter_get_slice (&iter, &next);
          nb_paragraph_add_run (paragraph, text, bold);
          iter = next;
        }
      /* Blank lines are spacing, not paragraphs. */
      if (paragraph->runs->len > 0)
        {
          g_autofree char *all = nb_paragraph_dup_text (paragraph);

          g_strstrip (all);
          if (*all != '\0')
            g_ptr_array_add (paragraphs, g_steal_pointer (&paragraph));
        }
    }
  while (gtk_text_iter_forward_line (&line));
  return paragraphs;
}

static void
update_count (NbTextPage *self)
{
  g_autofree char *text = nb_text_page_dup_count_text (self);
  guint n = nb_report_count_section_chars (self->report, self->section_id);
  gboolean over = self->section->max_chars > 0 && n > self->section->max_chars;

  gtk_label_set_text (GTK_LABEL (self->count_label), text);
  if (over)
    {
      gtk_widget_add_css_class (self->count_label, "warning");
      gtk_widget_add_css_class (self->guidance, "warning");
      gtk_widget_remove_css_class (self->guidance, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->count_label, "warning");
      gtk_widget_remove_css_class (self->guidance, "warning");
      gtk_widget_add_css_class (self->guidance, "dim-label");
    }
}

static void
push (NbTextPage *self)
{
  g_autoptr(GPtrArray) paragraphs = NULL;

  if (self->loading)
    return;
  paragraphs = buffer_to_paragraphs (self);
  self->pushing = TRUE;
  nb_report_set_paragraphs (self->report, self->section_id, paragraphs);
  self->pushing = FALSE;
  update_count (self);
}

static void
load (NbTextPage *self)
{
  GPtrArray *paragraphs = nb_report_get_paragraphs (self->report, self->section_id);
  GtkTextIter iter;
  int offset;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  offset = gtk_text_iter_get_offset (&iter);

  self->loading = TRUE;
  gtk_text_buffer_set_text (self->buffer, "", 0);
  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    {
      const NbParagraph *paragraph = g_ptr_array_index (paragraphs, i);
      GtkTextIter line_start;
      int start_offset;

      gtk_text_buffer_get_end_iter (self->buffer, &iter);
      if (i > 0)
        gtk_text_buffer_insert (self->buffer, &iter, "\n", 1);
      start_offset = gtk_text_iter_get_offset (&iter);
      for (guint r = 0; r < paragraph->runs->len; r++)
        {
          const NbRun *run = g_ptr_array_index (paragraph->runs, r);

          if (run->bold)
            gtk_text_buffer_insert_with_tags (self->buffer, &iter, run->text, -1, self->bold_tag,
                                              NULL);
          else
            gtk_text_buffer_insert (self->buffer, &iter, run->text, -1);
        }
      gtk_text_buffer_get_iter_at_offset (self->buffer, &line_start, start_offset);
      if (paragraph->level != NB_PARAGRAPH_BODY)
        {
          GtkTextIter end;

          gtk_text_buffer_get_end_iter (self->buffer, &end);
          gtk_text_buffer_apply_tag (self->buffer, self->level_tags[paragraph->level],
                                     &line_start, &end);
        }
    }
  gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
  gtk_text_buffer_place_cursor (self->buffer, &iter);
  self->loading = FALSE;
  update_count (self);
}

static void
update_controls (NbTextPage *self)
{
  GtkTextIter iter;
  NbParagraphLevel level;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  gtk_text_iter_set_line_offset (&iter, 0);
  level = self->pending_level >= 0 ? (NbParagraphLevel)self->pending_level : level_at (self, &iter);
  self->updating_controls = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->style_dropdown), level);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->bold_button), self->typing_bold);
  self->updating_controls = FALSE;
}

/* Signal callbacks */

static void
on_section_changed_cb (NbTextPage *self,
                       const char *section_id,
                       NbReport   *report)
{
  if (self->pushing || g_strcmp0 (section_id, self->section_id) != 0)
    return;
  load (self);
}

static void
on_buffer_changed_cb (NbTextPage    *self,
                      GtkTextBuffer *buffer)
{
  if (!self->in_edit)
    push (self);
}

static void
on_delete_range_before_cb (GtkTextBuffer *buffer,
                           GtkTextIter   *start,
                           GtkTextIter   *end,
                           NbTextPage    *self)
{
  if (!self->loading)
    self->in_edit = TRUE;
}

static void
on_insert_text_before_cb (GtkTextBuffer *buffer,
                          GtkTextIter   *location,
                          const char    *text,
                          int            len,
                          NbTextPage    *self)
{
  GtkTextIter line;

  if (self->loading)
    return;
  /* Typed or pasted characters that are not text are left out: the
   * insertion of what remains runs this handler again. */
  if (nb_input_filter_buffer_insert (buffer, location, text, len, GTK_WIDGET (self->view)))
    return;
  line = *location;
  self->in_edit = TRUE;
  gtk_text_iter_set_line_offset (&line, 0);
  self->insert_level = level_at (self, &line);
  if (self->pending_level >= 0)
    {
      self->insert_level = (NbParagraphLevel)self->pending_level;
      self->pending_level = -1;
    }
}

static void
on_insert_text_after_cb (GtkTextBuffer *buffer,
                         GtkTextIter   *location,
                         const char    *text,
                         int            len,
                         NbTextPage    *self)
{
  GtkTextIter start = *location, line;
  glong n_chars = g_utf8_strlen (text, len);
  gboolean first = TRUE;

  if (self->loading)
    return;
  gtk_text_iter_backward_chars (&start, (int)n_chars);

  if (self->typing_bold)
    gtk_text_buffer_apply_tag (buffer, self->bold_tag, &start, location);
  else
    gtk_text_buffer_remove_tag (buffer, self->bold_tag, &start, location);

  /* The first line keeps its level; lines the insertion opened are body
   * text, as after pressing Enter at the end of a heading. */
  line = start;
  gtk_text_iter_set_line_offset (&line, 0);
  while (gtk_text_iter_compare (&line, location) <= 0)
    {
      apply_line_level (self, &line, first ? self->insert_level : NB_PARAGRAPH_BODY);
      first = FALSE;
      if (!gtk_text_iter_forward_line (&line))
        break;
    }
  /* Enter in the middle of a heading: the rest of it stays a heading. */
  if (g_strcmp0 (text, "\n") == 0 && !gtk_text_iter_ends_line (location))
    apply_line_level (self, location, self->insert_level);
  self->in_edit = FALSE;
  push (self);
}

static void
on_delete_range_after_cb (GtkTextBuffer *buffer,
                          GtkTextIter   *start,
                          GtkTextIter   *end,
                          NbTextPage    *self)
{
  GtkTextIter line = *start;

  if (self->loading)
    return;
  /* Two lines joined into one: the first one's level wins. */
  gtk_text_iter_set_line_offset (&line, 0);
  apply_line_level (self, &line, level_at (self, &line));
  self->in_edit = FALSE;
  push (self);
}

static void
on_mark_set_cb (GtkTextBuffer *buffer,
                GtkTextIter   *location,
                GtkTextMark   *mark,
                NbTextPage    *self)
{
  GtkTextIter before = *location;

  if (mark != gtk_text_buffer_get_insert (buffer) || self->loading)
    return;
  /* Typing continues the weight of the text before the cursor. */
  self->typing_bold = gtk_text_iter_backward_char (&before)
                      && gtk_text_iter_has_tag (&before, self->bold_tag);
  self->pending_level = -1;
  update_controls (self);
}

static void
on_style_selected_cb (NbTextPage *self)
{
  if (self->updating_controls)
    return;
  nb_text_page_set_level (self, gtk_drop_down_get_selected (GTK_DROP_DOWN (self->style_dropdown)));
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_bold_toggled_cb (NbTextPage *self)
{
  if (self->updating_controls)
    return;
  nb_text_page_toggle_bold (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
on_subheading_clicked_cb (GtkButton  *button,
                          NbTextPage *self)
{
  nb_text_page_insert_heading (self, g_object_get_data (G_OBJECT (button), "nb-subheading"));
}

static char *
clean_pasted_text (const char *text)
{
  g_auto(GStrv) lines = NULL;
  GString *clean = g_string_new (NULL);
  g_autofree char *unix_text = NULL;

  {
    g_auto(GStrv) parts = g_strsplit (text, "\r\n", -1);
    g_autofree char *joined = g_strjoinv ("\n", parts);
    g_auto(GStrv) cr = g_strsplit (joined, "\r", -1);

    unix_text = g_strjoinv ("\n", cr);
  }
  lines = g_strsplit (unix_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *start = lines[i];
      const char *end = lines[i] + strlen (lines[i]);

      /* Word and WPS indent paragraphs with spaces and U+3000; layout is
       * the renderer's job, so that goes, as do blank lines. */
      while (*start && g_unichar_isspace (g_utf8_get_char (start)))
        start = g_utf8_next_char (start);
      while (end > start)
        {
          const char *prev = g_utf8_find_prev_char (start, end);

          if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
            break;
          end = prev;
        }
      if (end <= start)
        continue;
      if (clean->len > 0)
        g_string_append_c (clean, '\n');
      g_string_append_len (clean, start, end - start);
    }
  return g_string_free (clean, FALSE);
}

static void
on_paste_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(NbTextPage) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);

  if (text != NULL && self->report != NULL)
    nb_text_page_paste_text (self, text);
}

static void
on_paste_clipboard_cb (GtkTextView *view,
                       NbTextPage  *self)
{
  /* Rich text from WPS or Word would bring fonts and sizes along: paste
   * the plain text, paragraph by paragraph. */
  g_signal_stop_emission_by_name (view, "paste-clipboard");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL,
                                 on_paste_ready_cb, g_object_ref (self));
}

static void
bold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  nb_text_page_toggle_bold (NB_TEXT_PAGE (widget));
}

static void
level_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  nb_text_page_set_level (NB_TEXT_PAGE (widget), (NbParagraphLevel)g_variant_get_int32 (parameter));
}

/* Building */

static void
build (NbTextPage *self)
{
  gtk_label_set_text (self->heading, self->section->heading);
  if (self->section->guidance != NULL)
    gtk_label_set_text (GTK_LABEL (self->guidance), self->section->guidance);
  gtk_widget_set_visible (self->guidance, self->section->guidance != NULL);

  if (self->section->subheadings != NULL && self->section->subheadings[0] != NULL)
    {
      GtkWidget *caption = gtk_label_new (_("Common sub-headings (optional), inserted after the cursor:"));
      GtkWidget *line = NULL;
      glong used = 0;

      gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_widget_add_css_class (caption, "caption");
      gtk_box_append (self->subheadings, caption);

      /* Lines of buttons filled by length: a flow box would give every
       * button the width of the longest. */
      for (guint i = 0; self->section->subheadings[i] != NULL; i++)
        {
          const char *text = self->section->subheadings[i];
          glong length = g_utf8_strlen (text, -1) + 3;
          GtkWidget *button = gtk_button_new ();
          GtkWidget *content = adw_button_content_new ();

          if (line == NULL || used + length > 44)
            {
              line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
              gtk_box_append (self->subheadings, line);
              used = 0;
            }
          used += length;
          adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
          adw_button_content_set_label (ADW_BUTTON_CONTENT (content), text);
          gtk_button_set_child (GTK_BUTTON (button), content);
          gtk_widget_add_css_class (button, "pill");
          gtk_widget_add_css_class (button, "subheading-button");
          gtk_widget_set_tooltip_text (button, _("Insert this sub-heading after the cursor"));
          g_object_set_data (G_OBJECT (button), "nb-subheading", (gpointer)text);
          g_signal_connect (button, "clicked", G_CALLBACK (on_subheading_clicked_cb), self);
          gtk_box_append (GTK_BOX (line), button);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->subheadings), TRUE);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->section->heading, -1);
  self->buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);

  self->level_tags[NB_PARAGRAPH_BODY] = NULL;
  self->level_tags[NB_PARAGRAPH_HEADING_1] =
    gtk_text_buffer_create_tag (self->buffer, "heading-1", "weight", PANGO_WEIGHT_HEAVY,
                                "scale", 1.15, "pixels-above-lines", 10, NULL);
  self->level_tags[NB_PARAGRAPH_HEADING_2] =
    gtk_text_buffer_create_tag (self->buffer, "heading-2", "weight", PANGO_WEIGHT_BOLD,
                                "scale", 1.05, "pixels-above-lines", 6, NULL);
  self->level_tags[NB_PARAGRAPH_HEADING_3] =
    gtk_text_buffer_create_tag (self->buffer, "heading-3", "weight", PANGO_WEIGHT_SEMIBOLD, NULL);
  self->level_tags[NB_PARAGRAPH_HEADING_4] =
    gtk_text_buffer_create_tag (self->buffer, "heading-4", "weight", PANGO_WEIGHT_MEDIUM,
                                "style", PANGO_STYLE_ITALIC, NULL);
  self->bold_tag = gtk_text_buffer_create_tag (self->buffer, "bold", "weight", PANGO_WEIGHT_BOLD,
                                               NULL);

  g_signal_connect (self->buffer, "insert-text", G_CALLBACK (on_insert_text_before_cb), self);
  g_signal_connect_after (self->buffer, "insert-text", G_CALLBACK (on_insert_text_after_cb), self);
  g_signal_connect (self->buffer, "delete-range", G_CALLBACK (on_delete_range_before_cb), self);
  g_signal_connect_after (self->buffer, "delete-range", G_CALLBACK (on_delete_range_after_cb), self);
  g_signal_connect (self->buffer, "mark-set", G_CALLBACK (on_mark_set_cb), self);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self);
}

/* GObject */

static void
nb_text_page_constructed (GObject *object)
{
  NbTextPage *self = (NbTextPage *)object;

  G_OBJECT_CLASS (nb_text_page_parent_class)->constructed (object);

  self->report = nb_section_page_get_report (NB_SECTION_PAGE (self));
  self->section_id = nb_section_page_get_section_id (NB_SECTION_PAGE (self));
  self->section = nb_edition_find_section (nb_report_get_edition (self->report), self->section_id);
  g_return_if_fail (self->section != NULL);
  build (self);
  load (self);
  g_signal_connect_object (self->report, "section-changed", G_CALLBACK (on_section_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* A finding about a text points at a stretch of one paragraph. */
static void
nb_text_page_focus_finding (NbSectionPage *page,
                            NbFinding     *finding)
{
  nb_text_page_focus_place (NB_TEXT_PAGE (page), finding->paragraph, finding->offset,
                            finding->length);
}

static void
nb_text_page_focus_content (NbSectionPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (NB_TEXT_PAGE (page)->view));
}

static void
nb_text_page_dispose (GObject *object)
{
  NbTextPage *self = (NbTextPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_TEXT_PAGE);
  self->report = NULL;

  G_OBJECT_CLASS (nb_text_page_parent_class)->dispose (object);
}

static void
nb_text_page_class_init (NbTextPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  NbSectionPageClass *page_class = NB_SECTION_PAGE_CLASS (klass);

  object_class->constructed = nb_text_page_constructed;
  object_class->dispose = nb_text_page_dispose;
  page_class->focus_finding = nb_text_page_focus_finding;
  page_class->focus_content = nb_text_page_focus_content;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-text-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NbTextPage, box);
  gtk_widget_class_bind_template_child (widget_class, NbTextPage, heading);
  gtk_widget_class_bind_template_child (widget_class, NbTextPage, guidance);
  gtk_widget_class_bind_template_child (widget_class, NbTextPage, style_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NbTextPage, bold_button);
  gtk_widget_class_bind_template_child (widget_class, NbTextPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, NbTextPage, subheadings);
  gtk_widget_class_bind_template_child (widget_class, NbTextPage, view);
  gtk_widget_class_bind_template_callback (widget_class, on_style_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bold_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_clipboard_cb);

  gtk_widget_class_install_action (widget_class, "text.bold", NULL, bold_action);
  gtk_widget_class_install_action (widget_class, "text.level", "i", level_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "text.bold", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "text.level", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "text.level", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "text.level", "i", 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "text.level", "i", 3);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_CONTROL_MASK, "text.level", "i", 4);
}

/* GTK 4.8's drop-down shows its choice in a toggle button holding a stack
 * and a list item, none of them named: screen readers read them out as
 * "GtkToggleButton", "GtkStackPage" and "GtkListItemWidget".  They get
 * the drop-down's name; its arrow is hidden. */
static void
name_drop_down_parts (GtkWidget  *widget,
                      const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child) || GTK_IS_LABEL (child))
        continue;
      if (g_strcmp0 (gtk_widget_get_css_name (child), "arrow") == 0)
        {
          gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          continue;
        }
      if (GTK_IS_STACK (child))
        {
          g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (GTK_STACK (child)));

          for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
            {
              g_autoptr(GObject) page = g_list_model_get_item (pages, i);

              gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              name, -1);
            }
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      name_drop_down_parts (child, name);
    }
}

static void
nb_text_page_init (NbTextPage *self)
{
  self->pending_level = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  name_drop_down_parts (self->style_dropdown, _("Paragraph style"));
}

GtkWidget *
nb_text_page_new (NbReport   *report,
                  const char *section_id)
{
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  return g_object_new (NB_TYPE_TEXT_PAGE, "report", report, "section-id", section_id, NULL);
}

GtkTextView *
nb_text_page_get_view (NbTextPage *self)
{
  g_return_val_if_fail (NB_IS_TEXT_PAGE (self), NULL);
  return self->view;
}

/* Gives every line the selection touches a paragraph style. */
void
nb_text_page_set_level (NbTextPage       *self,
                        NbParagraphLevel  level)
{
  GtkTextIter start, end, line;

  g_return_if_fail (NB_IS_TEXT_PAGE (self));
  g_return_if_fail (level <= NB_PARAGRAPH_LEVEL_LAST);

  gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end);
  line = start;
  gtk_text_iter_set_line_offset (&line, 0);
  if (gtk_text_iter_is_end (&line))
    {
      /* An empty last line has nothing to carry the style yet. */
      self->pending_level = (int)level;
      update_controls (self);
      return;
    }
  while (TRUE)
    {
      apply_line_level (self, &line, level);
      if (!gtk_text_iter_forward_line (&line) || gtk_text_iter_compare (&line, &end) > 0)
        break;
    }
  push (self);
  update_controls (self);
}

void
nb_text_page_toggle_bold (NbTextPage *self)
{
  GtkTextIter start, end, iter;
  gboolean all_bold = TRUE;

  g_return_if_fail (NB_IS_TEXT_PAGE (self));

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    {
      self->typing_bold = !self->typing_bold;
      update_controls (self);
      return;
    }
  for (iter = start; gtk_text_iter_compare (&iter, &end) < 0; gtk_text_iter_forward_char (&iter))
    if (!gtk_text_iter_has_tag (&iter, self->bold_tag) && !gtk_text_iter_ends_line (&iter))
      {
        all_bold = FALSE;
        break;
      }
  if (all_bold)
    gtk_text_buffer_remove_tag (self->buffer, self->bold_tag, &start, &end);
  else
    gtk_text_buffer_apply_tag (self->buffer, self->bold_tag, &start, &end);
  self->typing_bold = !all_bold;
  push (self);
  update_controls (self);
}

static const char *
chinese_number (guint n)
{
  static const char *numbers[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                   "十一", "十二", "十三", "十四", "十五" };

  return numbers[MIN (n, G_N_ELEMENTS (numbers)) - 1];
}

/* Inserts "（N）TEXT" as a level-2 heading on a new line after the cursor's
 * line, numbered after the level-2 headings above it. */
void
nb_text_page_insert_heading (NbTextPage *self,
                             const char *text)
{
  GtkTextIter iter, line;
  g_autofree char *heading = NULL;
  guint n = 1;

  g_return_if_fail (NB_IS_TEXT_PAGE (self));
  g_return_if_fail (text != NULL);

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  gtk_text_buffer_get_start_iter (self->buffer, &line);
  while (gtk_text_iter_get_line (&line) <= gtk_text_iter_get_line (&iter))
    {
      if (level_at (self, &line) == NB_PARAGRAPH_HEADING_2)
        n++;
      if (!gtk_text_iter_forward_line (&line))
        break;
    }
  heading = g_strdup_printf ("（%s）%s", chinese_number (n), text);

  gtk_text_buffer_begin_user_action (self->buffer);
  if (!gtk_text_iter_ends_line (&iter))
    gtk_text_iter_forward_to_line_end (&iter);
  line = iter;
  gtk_text_iter_set_line_offset (&line, 0);
  if (!gtk_text_iter_equal (&line, &iter))
    {
      gtk_text_buffer_insert (self->buffer, &iter, "\n", 1);
    }
  self->pending_level = NB_PARAGRAPH_HEADING_2;
  self->typing_bold = FALSE;
  gtk_text_buffer_insert (self->buffer, &iter, heading, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_buffer_place_cursor (self->buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* Pastes plain text at the cursor: paragraphs kept, indentation and blank
 * lines dropped. */
void
nb_text_page_paste_text (NbTextPage *self,
                         const char *text)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (NB_IS_TEXT_PAGE (self));

  clean = clean_pasted_text (text);
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete_selection (self->buffer, TRUE, TRUE);
  self->typing_bold = FALSE;
  gtk_text_buffer_insert_interactive_at_cursor (self->buffer, clean, -1, TRUE);
  gtk_text_buffer_end_user_action (self->buffer);
}

char *
nb_text_page_dup_count_text (NbTextPage *self)
{
  guint n;

  g_return_val_if_fail (NB_IS_TEXT_PAGE (self), NULL);

  n = nb_report_count_section_chars (self->report, self->section_id);
  if (self->section->max_chars > 0)
    /* Translators: characters in a section, and the most the format advises */
    return g_strdup_printf (ngettext ("%u of %u character", "%u of %u characters",
                                      self->section->max_chars),
                            n, self->section->max_chars);
  return g_strdup_printf (ngettext ("%u character", "%u characters", n), n);
}

static gboolean
line_is_blank (const GtkTextIter *line)
{
  GtkTextIter iter = *line;

  for (; !gtk_text_iter_ends_line (&iter); gtk_text_iter_forward_char (&iter))
    if (!g_unichar_isspace (gtk_text_iter_get_char (&iter)))
      return FALSE;
  return TRUE;
}

/**
 * nb_text_page_focus_place:
 * @paragraph: index into the section's paragraphs, or -1 for none
 * @offset: where the place starts in the paragraph, in characters
 * @length: characters to select from there; 0 to put the cursor there
 *
 * Focuses the text and shows a place a check finding is about.
 */
void
nb_text_page_focus_place (NbTextPage *self,
                          int         paragraph,
                          guint       offset,
                          guint       length)
{
  GPtrArray *paragraphs;
  GtkTextIter line, start, end;

  g_return_if_fail (NB_IS_TEXT_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->view));
  paragraphs = nb_report_get_paragraphs (self->report, self->section_id);
  if (paragraph < 0 || paragraphs == NULL || (guint)paragraph >= paragraphs->len)
    return;

  /* The buffer's lines are the model's paragraphs, but for blank lines typed
   * since the last load: the model drops those (buffer_to_paragraphs). */
  gtk_text_buffer_get_start_iter (self->buffer, &line);
  for (guint p = 0; p <= (guint)paragraph; p++)
    {
      g_autofree char *text = nb_paragraph_dup_text (g_ptr_array_index (paragraphs, p));

      if (p > 0 && !gtk_text_iter_forward_line (&line))
        break;
      g_strstrip (text);
      while (*text != '\0' && line_is_blank (&line) && gtk_text_iter_forward_line (&line))
        ;
    }

  end = line;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  start = line;
  gtk_text_iter_set_line_offset (&start, (int)MIN (offset, (guint)gtk_text_iter_get_line_offset (&end)));
  if (length > 0 && gtk_text_iter_get_offset (&start) + (int)length < gtk_text_iter_get_offset (&end))
    gtk_text_iter_set_offset (&end, gtk_text_iter_get_offset (&start) + (int)length);
  else if (length == 0)
    end = start;
  gtk_text_buffer_select_range (self->buffer, &start, &end);
  gtk_text_view_scroll_to_mark (self->view, gtk_text_buffer_get_insert (self->buffer), 0.1, FALSE,
                                0.0, 0.0);
}
