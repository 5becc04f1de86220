/* nb-number.h: the one parser and formatter for every number a person types
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a table cell holds. */
typedef enum
{
  NB_VALUE_COUNT,  /* a whole number >= 0 */
  NB_VALUE_SIGNED, /* a whole number, may be negative (2019 本年增/减) */
  NB_VALUE_MONEY,  /* a non-negative decimal, exact fixed point */
} NbValueKind;

/* Money is stored as an integer number of millionths: 6 decimals of 万元 is
 * a whole 分, the finest any real report carries. */
#define NB_MONEY_SCALE        G_GINT64_CONSTANT (1000000)
#define NB_MONEY_MAX_DECIMALS 6

#define NB_NUMBER_ERROR (nb_number_error_quark ())

typedef enum
{
  NB_NUMBER_ERROR_INVALID,           /* letters or other characters that are no number */
  NB_NUMBER_ERROR_NEGATIVE,          /* a negative count or amount */
  NB_NUMBER_ERROR_NOT_WHOLE,         /* decimals in a count */
  NB_NUMBER_ERROR_TOO_MANY_DECIMALS, /* more decimals than allowed */
  NB_NUMBER_ERROR_OUT_OF_RANGE,      /* beyond the 64-bit range */
  NB_NUMBER_ERROR_SEPARATOR,         /* thousands separators in the wrong place */
} NbNumberError;

GQuark       nb_number_error_quark   (void);
const char  *nb_value_kind_to_string (NbValueKind   kind);
gboolean     nb_value_kind_from_string (const char  *text,
                                        NbValueKind *kind);

gboolean     nb_number_parse         (const char   *text,
                                      NbValueKind   kind,
                                      guint         max_decimals,
                                      gboolean     *is_empty,
                                      gint64       *value,
                                      GError      **error);
char        *nb_number_format        (gint64        value,
                                      NbValueKind   kind,
                                      int           decimals);
guint        nb_money_decimals_used  (gint64        value);

G_END_DECLS
