/* nb-render-text.c: what the laid-out pages say: characters no font has,
 * each page's text, the table rows a page holds
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pango.h>

#include "nb-render-private.h"

/* Missing characters --------------------------------------------------------- */

#define CONTEXT_CHARS 8

/* The text around @index in @text, the character there shown as □. */
static char *
dup_context (const char *text,
             int         index)
{
  const char *at = text + index;
  const char *start = at, *end = g_utf8_next_char (at);
  g_autofree char *before = NULL, *after = NULL;

  for (int i = 0; i < CONTEXT_CHARS && start > text; i++)
    start = g_utf8_prev_char (start);
  for (int i = 0; i < CONTEXT_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  before = g_strndup (start, at - start);
  after = g_strndup (g_utf8_next_char (at), end - g_utf8_next_char (at));
  g_strdelimit (before, "\n", ' ');
  g_strdelimit (after, "\n", ' ');
  return g_strdup_printf ("%s%s□%s%s", start > text ? "…" : "", before, after, *end ? "…" : "");
}

typedef struct
{
  GHashTable *seen; /* characters already listed */
  GPtrArray  *out;
} MissingCollector;

static void
collect_missing (gpointer layout,
                 gpointer user_data)
{
  MissingCollector *collector = user_data;
  const char *text = pango_layout_get_text (layout);

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r != NULL; r = r->next)
      {
        PangoGlyphItem *run = r->data;

        for (int i = 0; i < run->glyphs->num_glyphs; i++)
          {
            PangoGlyph glyph = run->glyphs->glyphs[i].glyph;
            int index = run->item->offset + run->glyphs->log_clusters[i];
            gunichar c = g_utf8_get_char (text + index);
            GUnicodeType type = g_unichar_type (c);
            g_autofree char *context = NULL;

            if ((glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0 || glyph == PANGO_GLYPH_INVALID_INPUT
                || type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT || g_unichar_isspace (c)
                || g_hash_table_contains (collector->seen, GUINT_TO_POINTER (c)))
              continue;
            g_hash_table_add (collector->seen, GUINT_TO_POINTER (c));
            context = dup_context (text, index);
            /* TRANSLATORS: a character's code point, then the text around it, the character as □ */
            g_ptr_array_add (collector->out, g_strdup_printf (_("U+%04X in “%s”"), c, context));
          }
      }
}

/* The characters no installed font has, which print as empty boxes: one
 * line each, its code point and the text around its first use, or NULL
 * when there are none. */
char **
nb_render_dup_missing_characters (NbRender *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  MissingCollector collector = { seen, out };

  g_return_val_if_fail (NB_IS_RENDER (self), NULL);
  _nb_render_ensure_paginated (self);

  _nb_render_foreach_text_layout (self, collect_missing, &collector);
  if (out->len == 0)
    return NULL;
  g_ptr_array_add (out, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* The rows of table @table_id on @page, for tests of the pagination:
 * FALSE when the page has none.  @starts: the table begins on the page;
 * head rows (repeated ones too) and body rows are counted apart. */
gboolean
nb_render_get_page_table_rows (NbRender   *self,
                               guint       page,
                               const char *table_id,
                               gboolean   *starts,
                               guint      *n_head_rows,
                               guint      *n_body_rows)
{
  gboolean found = FALSE;
  guint head = 0, body = 0;
  gboolean start = FALSE;
  Page *p;

  g_return_val_if_fail (NB_IS_RENDER (self), FALSE);
  _nb_render_ensure_paginated (self);
  g_return_val_if_fail (page < self->pages->len, FALSE);

  p = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < p->items->len; i++)
    {
      Item *item = &g_array_index (p->items, Item, i);

      if (item->kind != ITEM_TABLE
          || g_strcmp0 (nb_edition_table_get_id (item->table->table), table_id) != 0)
        continue;
      found = TRUE;
      start = start || (item->first_row == 0 && !item->repeated);
      for (guint r = item->first_row; r < item->end_row; r++)
        {
          if (item->table->header_row[r])
            head++;
          else
            body++;
        }
    }
  if (starts != NULL)
    *starts = start;
  if (n_head_rows != NULL)
    *n_head_rows = head;
  if (n_body_rows != NULL)
    *n_body_rows = body;
  return found;
}

/* The text of a page, line by line: what a test or a search compares. */
char *
nb_render_dup_page_text (NbRender *self,
                         guint     page)
{
  GString *out;
  Page *p;

  g_return_val_if_fail (NB_IS_RENDER (self), NULL);
  _nb_render_ensure_paginated (self);
  g_return_val_if_fail (page < self->pages->len, NULL);

  out = g_string_new (NULL);
  p = g_ptr_array_index (self->pages, page);
  for (guint i = 0; i < p->items->len; i++)
    {
      Item *item = &g_array_index (p->items, Item, i);

      if (item->kind == ITEM_LINES)
        {
          const char *text = pango_layout_get_text (item->layout);

          for (int l = item->first_line; l < item->first_line + item->n_lines; l++)
            {
              PangoLayoutLine *line = pango_layout_get_line_readonly (item->layout, l);

              g_string_append_len (out, text + line->start_index, line->length);
              g_string_append_c (out, '\n');
            }
        }
      else if (item->kind == ITEM_LAYOUT)
        g_string_append_printf (out, "%s\n", pango_layout_get_text (item->layout));
      else if (item->kind == ITEM_TABLE)
        {
          TableLayout *t = item->table;

          for (guint l = 0; l < nb_edition_table_get_n_layout (t->table); l++)
            {
              const NbLayoutItem *li = nb_edition_table_get_layout (t->table, l);

              if (t->layouts[l] != NULL && li->row < item->end_row
                  && li->row + li->row_span > item->first_row)
                g_string_append_printf (out, "%s\n", pango_layout_get_text (t->layouts[l]));
            }
        }
    }
  g_string_append_printf (out, "— %u —\n", page + 1);
  return g_string_free (out, FALSE);
}
