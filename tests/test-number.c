/* test-number.c: the one number parser, every accepted form and every rejection */
#include "config.h"

#include "nb-number.h"

typedef struct
{
  const char  *text;
  NbValueKind  kind;
  guint        decimals;
  gint64       value;
} Accept;

typedef struct
{
  const char    *text;
  NbValueKind    kind;
  guint          decimals;
  NbNumberError  code;
} Reject;

static void
test_accept (void)
{
  static const Accept cases[] = {
    { "0", NB_VALUE_COUNT, 0, 0 },
    { "67", NB_VALUE_COUNT, 0, 67 },
    { "  67\t", NB_VALUE_COUNT, 0, 67 },
    { "\u3000１２３\u3000", NB_VALUE_COUNT, 0, 123 },       /* full-width digits, ideographic spaces */
    { "1,234", NB_VALUE_COUNT, 0, 1234 },
    { "1，234，567", NB_VALUE_COUNT, 0, 1234567 },           /* full-width comma */
    { "12 345", NB_VALUE_COUNT, 0, 12345 },
    { "1\u2009234", NB_VALUE_COUNT, 0, 1234 },              /* thin space grouping */
    { "+5", NB_VALUE_COUNT, 0, 5 },
    { "12.00", NB_VALUE_COUNT, 0, 12 },                     /* zeros add nothing */
    { "9223372036854775807", NB_VALUE_COUNT, 0, G_MAXINT64 },
    { "-3", NB_VALUE_SIGNED, 0, -3 },
    { "－３", NB_VALUE_SIGNED, 0, -3 },                      /* full-width minus */
    { "\u22127", NB_VALUE_SIGNED, 0, -7 },                  /* minus sign */
    { "-9223372036854775808", NB_VALUE_SIGNED, 0, G_MININT64 },
    { "27.25", NB_VALUE_MONEY, 4, 27250000 },
    { "27.2500", NB_VALUE_MONEY, 4, 27250000 },
    { "２７．２５", NB_VALUE_MONEY, 4, 27250000 },
    { "0.000001", NB_VALUE_MONEY, 6, 1 },
    { "1,234.5", NB_VALUE_MONEY, 2, 1234500000 },
    { "27", NB_VALUE_MONEY, 0, 27000000 },
    { "27.250000000", NB_VALUE_MONEY, 2, 27250000 },        /* trailing zeros beyond precision */
    { "9223372036854.775807", NB_VALUE_MONEY, 6, G_MAXINT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean empty = TRUE;
      gint64 value = -42;

      g_test_message ("accept %s", cases[i].text);
      g_assert_true (nb_number_parse (cases[i].text, cases[i].kind, cases[i].decimals, &empty,
                                      &value, &error));
      g_assert_no_error (error);
      g_assert_false (empty);
      g_assert_cmpint (value, ==, cases[i].value);
    }
}

static void
test_empty (void)
{
  const char *blanks[] = { "", " ", "\t\u3000 ", "\u00a0" };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      gboolean empty = FALSE;
      gint64 value = 5;

      g_assert_true (nb_number_parse (blanks[i], NB_VALUE_COUNT, 0, &empty, &value, NULL));
      g_assert_true (empty);
      g_assert_cmpint (value, ==, 0);
    }
}

static void
test_reject (void)
{
  static const Reject cases[] = {
    { "-1", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_NEGATIVE },
    { "－１", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_NEGATIVE },
    { "-0.5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_NEGATIVE },
    { "abc", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID },
    { "12a", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID },
    { "十二", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID },
    { "1e5", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID },
    { "0x10", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID },
    { "-", NB_VALUE_SIGNED, 0, NB_NUMBER_ERROR_INVALID },
    { ".5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_INVALID },
    { "5.", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_INVALID },
    { "1.2.3", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_INVALID },
    { "1.5", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_NOT_WHOLE },
    { "27.25", NB_VALUE_MONEY, 1, NB_NUMBER_ERROR_TOO_MANY_DECIMALS },
    { "0.0000001", NB_VALUE_MONEY, 6, NB_NUMBER_ERROR_TOO_MANY_DECIMALS },
    { "9223372036854775808", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_OUT_OF_RANGE },
    { "99999999999999999999999", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_OUT_OF_RANGE },
    { "-9223372036854775809", NB_VALUE_SIGNED, 0, NB_NUMBER_ERROR_OUT_OF_RANGE },
    { "9223372036854.775808", NB_VALUE_MONEY, 6, NB_NUMBER_ERROR_OUT_OF_RANGE },
    { "10000000000000", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_OUT_OF_RANGE },
    { "1,23", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR },
    { "1234,567", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR },
    { ",123", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR },
    { "123,", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR },
    { "1,,234", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR },
    { "1,2345.5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_SEPARATOR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = 42;

      g_test_message ("reject %s", cases[i].text);
      g_assert_false (nb_number_parse (cases[i].text, cases[i].kind, cases[i].decimals, NULL,
                                       &value, &error));
      g_assert_error (error, NB_NUMBER_ERROR, (int)cases[i].code);
      /* The message names what was typed, so the user can find it. */
      if (cases[i].code != NB_NUMBER_ERROR_NEGATIVE)
        g_assert_nonnull (strstr (error->message, cases[i].text));
    }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  gint64 value;

  g_assert_false (nb_number_parse ("1\xff", NB_VALUE_COUNT, 0, NULL, &value, &error));
  g_assert_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_INVALID);
}

static void
test_format (void)
{
  struct { gint64 value; NbValueKind kind; int decimals; const char *text; } cases[] = {
    { 67, NB_VALUE_COUNT, 0, "67" },
    { -3, NB_VALUE_SIGNED, 0, "-3" },
    { 27250000, NB_VALUE_MONEY, 4, "27.2500" },
    { 27250000, NB_VALUE_MONEY, -1, "27.25" },
    { 27250000, NB_VALUE_MONEY, 0, "27.25" },      /* never rounds away a decimal */
    { 27000000, NB_VALUE_MONEY, 0, "27" },
    { 1, NB_VALUE_MONEY, 2, "0.000001" },
    { G_MAXINT64, NB_VALUE_MONEY, -1, "9223372036854.775807" },
    { G_MININT64, NB_VALUE_SIGNED, 0, "-9223372036854775808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = nb_number_format (cases[i].value, cases[i].kind, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* format → parse is the identity for every money value, so files stay exact. */
static void
test_money_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);

  for (guint i = 0; i < 20000; i++)
    {
      gint64 value = ((gint64)g_rand_int (rand) << 31 | g_rand_int (rand)) % G_MAXINT64;
      g_autofree char *text = NULL;
      gint64 back = -1;

      if (value < 0)
        value = -value;
      text = nb_number_format (value, NB_VALUE_MONEY, g_rand_int_range (rand, -1, 7));
      g_assert_true (nb_number_parse (text, NB_VALUE_MONEY, 6, NULL, &back, NULL));
      g_assert_cmpint (back, ==, value);
      g_assert_cmpuint (nb_money_decimals_used (value), <=, 6);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number/accept", test_accept);
  g_test_add_func ("/number/empty", test_empty);
  g_test_add_func ("/number/reject", test_reject);
  g_test_add_func ("/number/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/number/format", test_format);
  g_test_add_func ("/number/money-round-trip", test_money_round_trip);

  return g_test_run ();
}
