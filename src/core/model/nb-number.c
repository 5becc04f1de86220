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

gboolean
nb_number_parse (const char  *text,
                 NbValueKind  kind,
                 guint        max_decimals,
                 gboolean    *is_empty,
                 gint64      *value,
                 GError     **error)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0, start = 0, end;
  gboolean negative = FALSE;
  guint64 whole = 0, fraction = 0, place = (guint64)NB_MONEY_SCALE / 10;
  guint64 limit, magnitude;
  guint n_int_digits = 0, n_decimals = 0;
  guint digits_since_separator = 0;
  gboolean seen_separator = FALSE;
  gboolean seen_point = FALSE;
  gboolean too_large = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (is_empty != NULL)
    *is_empty = FALSE;
  *value = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, NB_NUMBER_ERROR_INVALID, _("The text is not valid UTF-8"));

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  end = n;
  while (start < end && is_space (chars[start]))
    start++;
  while (end > start && is_space (chars[end - 1]))
    end--;

  if (start == end)
    {
      if (is_empty != NULL)
        *is_empty = TRUE;
      return TRUE;
    }

  if (is_minus (chars[start]))
    {
      negative = TRUE;
      start++;
    }
  else if (is_plus (chars[start]))
    start++;

  max_decimals = (kind == NB_VALUE_MONEY) ? MIN (max_decimals, NB_MONEY_MAX_DECIMALS) : 0;

  if (start == end)
    return fail (error, NB_NUMBER_ERROR_INVALID, _("“%s” is not a number"), text);

  for (glong i = start; i < end; i++)
    {
      gunichar c = chars[i];
      int digit = digit_value (c);

      if (digit >= 0 && seen_point)
        {
          n_decimals++;
          if (digit == 0)
            {
              /* Trailing zeros add no precision: 27.2500 is 27.25. */
              place /= 10;
              continue;
            }
          if (n_decimals > max_decimals)
            {
              if (kind != NB_VALUE_MONEY)
                return fail (error, NB_NUMBER_ERROR_NOT_WHOLE,
                             _("“%s” is not a whole number; this cell counts items"), text);
              return fail (error, NB_NUMBER_ERROR_TOO_MANY_DECIMALS,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "“%s” has too many decimals: at most %u is allowed",
                                        "“%s” has too many decimals: at most %u are allowed",
                                        max_decimals),
                           text, max_decimals);
            }
          fraction += (guint64)digit * place;
          place /= 10;
        }
      else if (digit >= 0)
        {
          if (whole > (G_MAXUINT64 - (guint64)digit) / 10)
            too_large = TRUE;
          else
            whole = whole * 10 + (guint64)digit;
          n_int_digits++;
          digits_since_separator++;
        }
      else if (is_decimal_point (c) && !seen_point)
        {
          if (n_int_digits == 0)
            return fail (error, NB_NUMBER_ERROR_INVALID, _("“%s” is not a number"), text);
          if (seen_separator && digits_since_separator != 3)
            return fail (error, NB_NUMBER_ERROR_SEPARATOR,
                         _("“%s” has a thousands separator in the wrong place"), text);
          seen_point = TRUE;
        }
      else if (is_group_separator (c) && !seen_point)
        {
          if (n_int_digits == 0 || (seen_separator && digits_since_separator != 3)
              || (!seen_separator && digits_since_separator > 3)
              || i + 1 >= end || digit_value (chars[i + 1]) < 0)
            return fail (error, NB_NUMBER_ERROR_SEPARATOR,
                         _("“%s” has a thousands separator in the wrong place"), text);
          seen_separator = TRUE;
          digits_since_separator = 0;
        }
      else
        return fail (error, NB_NUMBER_ERROR_INVALID,
                     _("“%s” is not a number: use digits only"), text);
    }

  if (seen_separator && !seen_point && digits_since_separator != 3)
    return fail (error, NB_NUMBER_ERROR_SEPARATOR,
                 _("“%s” has a thousands separator in the wrong place"), text);
  if (seen_point && n_decimals == 0)
    return fail (error, NB_NUMBER_ERROR_INVALID, _("“%s” ends with a decimal point"), text);

  if (negative && (whole != 0 || fraction != 0) && kind != NB_VALUE_SIGNED)
    {
      if (kind == NB_VALUE_MONEY)
        return fail (error, NB_NUMBER_ERROR_NEGATIVE, _("An amount cannot be negative"));
      return fail (error, NB_NUMBER_ERROR_NEGATIVE, _("A count cannot be negative"));
    }

  limit = negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64;
  if (kind == NB_VALUE_MONEY)
    {
      if (too_large || whole > (limit - fraction) / (guint64)NB_MONEY_SCALE)
        return fail (error, NB_NUMBER_ERROR_OUT_OF_RANGE, _("“%s” is too large"), text);
      magnitude = whole * (guint64)NB_MONEY_SCALE + fraction;
    }
  else
    {
      if (too_large || whole > limit)
        return fail (error, NB_NUMBER_ERROR_OUT_OF_RANGE, _("“%s” is too large"), text);
      magnitude = whole;
    }

  if (negative)
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
