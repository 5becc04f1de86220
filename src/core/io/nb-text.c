/* nb-text.c: the one rule for which characters a report's text may hold
 *
 * Text reaches a report by typing, pasting, importing and loading; every one
 * of those paths ends here, so an export never meets a character it cannot
 * write (XML, PDF fonts and terminals all refuse some).
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nb-text.h"

#define REPLACEMENT 0xFFFD

/* Allowed: every Unicode scalar value but the control characters (tab,
 * line feed and carriage return stay, as in XML: text may hold line breaks)
 * and the noncharacters
 * (U+FDD0–U+FDEF and the last two code points of every plane, such as a
 * byte-swapped BOM, U+FFFE), which XML forbids and Pango refuses. */
gboolean
nb_text_char_is_allowed (gunichar c)
{
  if (c == '\t' || c == '\n' || c == '\r')
    return TRUE;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return FALSE;
  if (c >= 0xFDD0 && c <= 0xFDEF)
    return FALSE;
  if ((c & 0xFFFE) == 0xFFFE)
    return FALSE;
  return c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

/* @text must be valid UTF-8. */
gboolean
nb_text_is_clean (const char *text,
                  gunichar   *first_bad)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!nb_text_char_is_allowed (c))
        {
          if (first_bad != NULL)
            *first_bad = c;
          return FALSE;
        }
    }
  return TRUE;
}

/* The one walk over @text: every invalid byte, NUL (which ends a C string)
 * and character that is not allowed is counted, and replaced by U+FFFD or,
 * without @replace, left out. */
static char *
filter_text (const char *text,
             gssize      length,
             gboolean    replace,
             guint      *n_bad,
             gunichar   *first_bad)
{
  g_autoptr(GString) out = NULL;
  const char *p, *end;
  guint n = 0;

  if (length < 0)
    length = (gssize)strlen (text);
  out = g_string_sized_new ((gsize)length);
  p = text;
  end = text + length;
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      gboolean invalid = c == (gunichar)-1 || c == (gunichar)-2 || c == 0;
      const char *next = invalid ? p + 1 : g_utf8_next_char (p);

      if (invalid || !nb_text_char_is_allowed (c))
        {
          if (n++ == 0 && first_bad != NULL)
            *first_bad = invalid && c != 0 ? (guchar)*p : c;
          if (replace)
            g_string_append_unichar (out, REPLACEMENT);
        }
      else
        g_string_append_len (out, p, next - p);
      p = next;
    }
  if (n_bad != NULL)
    *n_bad = n;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A copy of @text, valid UTF-8 whatever it was, with every character that is
 * not allowed and every invalid byte replaced by U+FFFD. */
char *
nb_text_clean (const char *text,
               gssize      length,
               guint      *n_replaced,
               gunichar   *first_bad)
{
  return filter_text (text, length, TRUE, n_replaced, first_bad);
}

/* For a terminal or a log: control characters (ESC above all) shown as
 * "\x1b", so text cannot move the cursor or change colours.  Line feeds and
 * tabs stay: they are how text output is laid out. */
char *
nb_text_escape_controls (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar)*p);
          p++;
          continue;
        }
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c <= 0x9F)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* What typing and pasting do with @text (valid UTF-8, as every toolkit
 * hands over): the characters that are not allowed are left out, so the
 * report never holds them and the user is told at once (rather than by a
 * U+FFFD, which would be one more thing to find and delete).  Returns NULL
 * when @text is clean, which is nearly always. */
char *
nb_text_drop_disallowed (const char *text,
                         gssize      length,
                         guint      *n_dropped,
                         gunichar   *first_bad)
{
  g_autofree char *kept = NULL;
  guint n = 0;

  kept = filter_text (text, length, FALSE, &n, first_bad);
  if (n_dropped != NULL)
    *n_dropped = n;
  return n > 0 ? g_steal_pointer (&kept) : NULL;
}
