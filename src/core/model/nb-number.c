/* nb-number.c: the one parser and formatter for every number a person types
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-number"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-number.h"

G_DEFINE_QUARK (nb-number-error-quark, nb_number_error)

static const char * const kind_names[] = { "count", "signed", "money" };

const char *
nb_value_kind_to_string (NbValueKind kind)
{
  g_return_val_if_fail (kind <= NB_VALUE_MONEY, NULL);
  return kind_names[kind];
}

gboolean
nb_value_kind_from_string (const char  *text,
                           NbValueKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (NbValueKind)i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_space (gunichar c)
{
  /* ASCII blanks, no-break space, ideographic space, thin and narrow spaces */
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x00A0 || c == 0x3000
         || c == 0x2009 || c == 0x202F || c == 0x2002 || c == 0x2003 || c == 0xFEFF;
}

/* Full-width forms (U+FF10 …) come from Chinese input methods and WPS. */
static int
digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int)(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)
    return (int)(c - 0xFF10);
  return -1;
}

static gboolean
is_minus (gunichar c)
{
  return c == '-' || c == 0xFF0D || c == 0x2212 || c == 0xFE63;
}

static gboolean
is_plus (gunichar c)
{
  return c == '+' || c == 0xFF0B;
}

static gboolean
is_decimal_point (gunichar c)
{
  return c == '.' || c == 0xFF0E || c == 0x3002; /* “。” typed for a point on a Chinese keyboard */
}

static gboolean
is_group_separator (gunichar c)
{
  return c == ',' || c == 0xFF0C || c == '\'' || c == 0x2009 || c == 0x202F || c == ' '
         || c == 0x00A0;
}

G_GNUC_PRINTF (3, 4) static gboolean
fail (GError      **error,
      NbNumberError code,
      const char   *format,
      ...)
{
  va_list args;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      g_set_error_literal (error, NB_NUMBER_ERROR, (int)code, message);
    }
  return FALSE;
}

/* What the walk over a number's characters has read so far. */
typedef struct
{
  const char  *text;         /* as typed: every message quotes it */
  NbValueKind  kind;
  guint        max_decimals;
  gboolean     negative;
  guint64      whole;
  guint64      fraction;     /* in millionths */
  guint64      place;        /* what the next decimal digit is worth */
  guint        n_int_digits;
  guint        n_decimals;
  guint        digits_since_separator;
  gboolean     seen_separator;
  gboolean     seen_point;
  gboolean     too_large;    /* the whole part went past 64 bits */
} NumberScan;

/* The one refusal three places make: a group of thousands cut short or
 * run on. */
static gboolean
fail_separator (const NumberScan  *s,
                GError           **error)
{
  return fail (error, NB_NUMBER_ERROR_SEPARATOR,
               _("“%s” has a thousands separator in the wrong place"), s->text);
}

/* A digit after the point. */
static gboolean
scan_decimal (NumberScan  *s,
              int          digit,
              GError     **error)
{
  s->n_decimals++;
  if (digit == 0)
    {
      /* Trailing zeros add no precision: 27.2500 is 27.25. */
      s->place /= 10;
      return TRUE;
    }
  if (s->n_decimals > s->max_decimals)
    {
      if (s->kind != NB_VALUE_MONEY)
        return fail (error, NB_NUMBER_ERROR_NOT_WHOLE,
                     _("“%s” is not a whole number; this cell counts items"), s->text);
      return fail (error, NB_NUMBER_ERROR_TOO_MANY_DECIMALS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has too many decimals: at most %u is allowed",
                                "“%s” has too many decimals: at most %u are allowed",
                                s->max_decimals),
                   s->text, s->max_decimals);
    }
  s->fraction += (guint64)digit * s->place;
  s->place /= 10;
  return TRUE;
}

/* A digit before the point.  An overflow is only noted: it is said after
 * the sign, so "-99999999999999999999" in a count is called negative. */
static void
scan_whole (NumberScan *s,
            int         digit)
{
  if (s->whole > (G_MAXUINT64 - (guint64)digit) / 10)
    s->too_large = TRUE;
  else
    s->whole = s->whole * 10 + (guint64)digit;
  s->n_int_digits++;
  s->digits_since_separator++;
}

/* The first decimal point: it also ends the last group of thousands. */
static gboolean
scan_point (NumberScan  *s,
            GError     **error)
{
  if (s->n_int_digits == 0)
    return fail (error, NB_NUMBER_ERROR_INVALID, _("“%s” is not a number"), s->text);
  if (s->seen_separator && s->digits_since_separator != 3)
    return fail_separator (s, error);
  s->seen_point = TRUE;
  return TRUE;
}

/* A thousands separator: after one to three digits the first time, after
 * exactly three later, and always right before a digit. */
static gboolean
scan_separator (NumberScan  *s,
                gboolean     before_digit,
                GError     **error)
{
  if (s->n_int_digits == 0 || (s->seen_separator && s->digits_since_separator != 3)
      || (!s->seen_separator && s->digits_since_separator > 3) || !before_digit)
    return fail_separator (s, error);
  s->seen_separator = TRUE;
  s->digits_since_separator = 0;
  return TRUE;
}

/* Character @i of @chars, between the sign and @end. */
static gboolean
scan_char (NumberScan      *s,
           const gunichar  *chars,
           glong            i,
           glong            end,
           GError         **error)
{
  gunichar c = chars[i];
  int digit = digit_value (c);

  if (digit >= 0 && s->seen_point)
    return scan_decimal (s, digit, error);
  if (digit >= 0)
    {
      scan_whole (s, digit);
      return TRUE;
    }
  if (is_decimal_point (c) && !s->seen_point)
    return scan_point (s, error);
  if (is_group_separator (c) && !s->seen_point)
    return scan_separator (s, i + 1 < end && digit_value (chars[i + 1]) >= 0, error);
  return fail (error, NB_NUMBER_ERROR_INVALID, _("“%s” is not a number: use digits only"),
               s->text);
}

/* What only the end shows: an unfinished group, a point with no decimals
 * after it, a sign the kind refuses. */
static gboolean
check_complete (const NumberScan  *s,
                GError           **error)
{
  if (s->seen_separator && !s->seen_point && s->digits_since_separator != 3)
    return fail_separator (s, error);
  if (s->seen_point && s->n_decimals == 0)
    return fail (error, NB_NUMBER_ERROR_INVALID, _("“%s” ends with a decimal point"), s->text);

  /* "-0" is zero, not a negative count. */
  if (s->negative && (s->whole != 0 || s->fraction != 0) && s->kind != NB_VALUE_SIGNED)
    {
      if (s->kind == NB_VALUE_MONEY)
        return fail (error, NB_NUMBER_ERROR_NEGATIVE, _("An amount cannot be negative"));
      return fail (error, NB_NUMBER_ERROR_NEGATIVE, _("A count cannot be negative"));
    }
  return TRUE;
}

/* The value without its sign, in millionths for money.  It may be 2^63
 * when negative: G_MININT64 has no positive counterpart. */
static gboolean
scan_magnitude (const NumberScan  *s,
                guint64           *magnitude,
                GError           **error)
{
  guint64 limit = s->negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64;
  gboolean money = s->kind == NB_VALUE_MONEY;

  if (s->too_large
      || s->whole > (money ? (limit - s->fraction) / (guint64)NB_MONEY_SCALE : limit))
    return fail (error, NB_NUMBER_ERROR_OUT_OF_RANGE, _("“%s” is too large"), s->text);
  *magnitude = money ? s->whole * (guint64)NB_MONEY_SCALE + s->fraction : s->whole;
  return TRUE;
}

/* @text as characters; [*start, *end) is what lies between its blanks. */
static gunichar *
dup_trimmed_chars (const char *text,
                   glong      *start,
                   glong      *end)
{
  glong n = 0;
  gunichar *chars = g_utf8_to_ucs4_fast (text, -1, &n);

  *start = 0;
  *end = n;
  while (*start < *end && is_space (chars[*start]))
    (*start)++;
  while (*end > *start && is_space (chars[*end - 1]))
    (*end)--;
  return chars;
}

gboolean
nb_number_parse (const char  *text,
                 NbValueKind  kind,
                 guint        max_decimals,
                 gboolean    *is_empty,
                 gint64      *value,
                 GError     **error)
{
  g_autofree gunichar *chars = NULL;
  glong start, end;
  NumberScan s = { .text = text, .kind = kind, .place = (guint64)NB_MONEY_SCALE / 10 };
  guint64 magnitude = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (is_empty != NULL)
    *is_empty = FALSE;
  *value = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, NB_NUMBER_ERROR_INVALID, _("The text is not valid UTF-8"));

  chars = dup_trimmed_chars (text, &start, &end);
  if (start == end)
    {
      if (is_empty != NULL)
        *is_empty = TRUE;
      return TRUE;
    }

  if (is_minus (chars[start]))
    {
      s.negative = TRUE;
      start++;
    }
  else if (is_plus (chars[start]))
    start++;

  s.max_decimals = (kind == NB_VALUE_MONEY) ? MIN (max_decimals, NB_MONEY_MAX_DECIMALS) : 0;

  if (start == end)
    return fail (error, NB_NUMBER_ERROR_INVALID, _("“%s” is not a number"), text);

  for (glong i = start; i < end; i++)
    if (!scan_char (&s, chars, i, end, error))
      return FALSE;
  if (!check_complete (&s, error) || !scan_magnitude (&s, &magnitude, error))
    return FALSE;

  if (s.negative)
    *value = magnitude == (guint64)G_MAXINT64 + 1 ? G_MININT64 : -(gint64)magnitude;
  else
    *value = (gint64)magnitude;
  return TRUE;
}

guint
nb_money_decimals_used (gint64 value)
{
  guint64 fraction = (guint64)(value < 0 ? -(value % NB_MONEY_SCALE) : value % NB_MONEY_SCALE);
  guint decimals = NB_MONEY_MAX_DECIMALS;

  if (fraction == 0)
    return 0;
  while (fraction % 10 == 0)
    {
      fraction /= 10;
      decimals--;
    }
  return decimals;
}

/* decimals < 0: as many as the value needs.  A value is never rounded: when
 * it needs more decimals than asked for, it shows them all. */
char *
nb_number_format (gint64      value,
                  NbValueKind kind,
                  int         decimals)
{
  guint64 magnitude;
  guint64 whole, fraction;
  guint used;
  char digits[NB_MONEY_MAX_DECIMALS + 1];

  if (kind != NB_VALUE_MONEY)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);

  magnitude = value < 0 ? (guint64)(-(value + 1)) + 1 : (guint64)value;
  whole = magnitude / (guint64)NB_MONEY_SCALE;
  fraction = magnitude % (guint64)NB_MONEY_SCALE;
  used = nb_money_decimals_used (value);
  if (decimals < 0 || (guint)decimals < used)
    decimals = (int)used;
  decimals = MIN (decimals, NB_MONEY_MAX_DECIMALS);

  if (decimals == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, value < 0 ? "-" : "", whole);

  g_snprintf (digits, sizeof digits, "%06" G_GUINT64_FORMAT, fraction);
  digits[decimals] = '\0';
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%s", value < 0 ? "-" : "", whole, digits);
}
