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
    /* Every other sign, point, separator and blank the parser knows */
    { "＋５", NB_VALUE_COUNT, 0, 5 },                        /* full-width plus */
    { "\uFE635", NB_VALUE_SIGNED, 0, -5 },                   /* small minus */
    { "27。25", NB_VALUE_MONEY, 2, 27250000 },              /* “。” for a point */
    { "1'234", NB_VALUE_COUNT, 0, 1234 },
    { "1\u00a0234", NB_VALUE_COUNT, 0, 1234 },
    { "1\u202f234", NB_VALUE_COUNT, 0, 1234 },
    { "1,234 567", NB_VALUE_COUNT, 0, 1234567 },            /* mixed separators */
    { "1,234,567.125", NB_VALUE_MONEY, 3, 1234567125000 },
    { "\uFEFF\u2002１2３\u2003\r\n", NB_VALUE_COUNT, 0, 123 }, /* BOM, en/em spaces, mixed widths */
    { "007", NB_VALUE_COUNT, 0, 7 },
    { "-0", NB_VALUE_COUNT, 0, 0 },                         /* minus zero is no negative count */
    { "-0.00", NB_VALUE_MONEY, 2, 0 },
    { "1.0", NB_VALUE_COUNT, 0, 1 },
    { "0.000001000", NB_VALUE_MONEY, 9, 1 },                /* precision above 6 is clamped */
    { "1.000000", NB_VALUE_MONEY, 9, 1000000 },
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
      /* Blank is no error for a caller that does not ask. */
      value = 5;
      g_assert_true (nb_number_parse (blanks[i], NB_VALUE_COUNT, 0, NULL, &value, NULL));
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

/* Every refusal, word for word, and which one wins when several apply. */
static void
test_messages (void)
{
  static const struct
  {
    const char    *text;
    NbValueKind    kind;
    guint          decimals;
    NbNumberError  code;
    const char    *message;
  } cases[] = {
    { "1\xff", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID, "The text is not valid UTF-8" },
    { "-", NB_VALUE_SIGNED, 0, NB_NUMBER_ERROR_INVALID, "“-” is not a number" },
    { " ＋ ", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID, "“ ＋ ” is not a number" },
    { ".5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_INVALID, "“.5” is not a number" },
    { "-.5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_INVALID, "“-.5” is not a number" },
    { "5.", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_INVALID, "“5.” ends with a decimal point" },
    { "-1.", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID, "“-1.” ends with a decimal point" },
    { "1.2.3", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_INVALID, "“1.2.3” is not a number: use digits only" },
    { "  abc ", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID, "“  abc ” is not a number: use digits only" },
    { "1\t234", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_INVALID, "“1\t234” is not a number: use digits only" },
    { "--5", NB_VALUE_SIGNED, 0, NB_NUMBER_ERROR_INVALID, "“--5” is not a number: use digits only" },
    { "1.234,5", NB_VALUE_MONEY, 6, NB_NUMBER_ERROR_INVALID, "“1.234,5” is not a number: use digits only" },
    { "5万", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_INVALID, "“5万” is not a number: use digits only" },
    { "1.5", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_NOT_WHOLE, "“1.5” is not a whole number; this cell counts items" },
    { "1.5", NB_VALUE_SIGNED, 4, NB_NUMBER_ERROR_NOT_WHOLE, "“1.5” is not a whole number; this cell counts items" },
    { "-1.5", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_NOT_WHOLE, "“-1.5” is not a whole number; this cell counts items" },
    { "1.50", NB_VALUE_COUNT, 2, NB_NUMBER_ERROR_NOT_WHOLE, "“1.50” is not a whole number; this cell counts items" },
    { "27.25", NB_VALUE_MONEY, 1, NB_NUMBER_ERROR_TOO_MANY_DECIMALS, "“27.25” has too many decimals: at most 1 is allowed" },
    { "27.5", NB_VALUE_MONEY, 0, NB_NUMBER_ERROR_TOO_MANY_DECIMALS, "“27.5” has too many decimals: at most 0 are allowed" },
    { "0.0000001", NB_VALUE_MONEY, 9, NB_NUMBER_ERROR_TOO_MANY_DECIMALS, "“0.0000001” has too many decimals: at most 6 are allowed" },
    { "-1.255", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_TOO_MANY_DECIMALS, "“-1.255” has too many decimals: at most 2 are allowed" },
    { "-1", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_NEGATIVE, "A count cannot be negative" },
    { "-0.5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_NEGATIVE, "An amount cannot be negative" },
    { "-99999999999999999999", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_NEGATIVE, "A count cannot be negative" },
    { "-99999999999999999999.5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_NEGATIVE, "An amount cannot be negative" },
    { "18446744073709551615", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_OUT_OF_RANGE, "“18446744073709551615” is too large" },
    { "18446744073709551616", NB_VALUE_SIGNED, 0, NB_NUMBER_ERROR_OUT_OF_RANGE, "“18446744073709551616” is too large" },
    { "-9223372036854775809", NB_VALUE_SIGNED, 0, NB_NUMBER_ERROR_OUT_OF_RANGE, "“-9223372036854775809” is too large" },
    { "99999999999999999999999.5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_OUT_OF_RANGE, "“99999999999999999999999.5” is too large" },
    { "9223372036854.775808", NB_VALUE_MONEY, 6, NB_NUMBER_ERROR_OUT_OF_RANGE, "“9223372036854.775808” is too large" },
    { "1,23", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR, "“1,23” has a thousands separator in the wrong place" },
    { "1234,567", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR, "“1234,567” has a thousands separator in the wrong place" },
    { ",123", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR, "“,123” has a thousands separator in the wrong place" },
    { "- 5", NB_VALUE_SIGNED, 0, NB_NUMBER_ERROR_SEPARATOR, "“- 5” has a thousands separator in the wrong place" },
    { "123,", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR, "“123,” has a thousands separator in the wrong place" },
    { "1, 234", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR, "“1, 234” has a thousands separator in the wrong place" },
    { "1,23,456", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR, "“1,23,456” has a thousands separator in the wrong place" },
    { "1,23.5", NB_VALUE_MONEY, 2, NB_NUMBER_ERROR_SEPARATOR, "“1,23.5” has a thousands separator in the wrong place" },
    { "-1,23", NB_VALUE_COUNT, 0, NB_NUMBER_ERROR_SEPARATOR, "“-1,23” has a thousands separator in the wrong place" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean empty = TRUE;
      gint64 value = 42;

      /* Valid UTF-8 in the TAP stream: some cases hold a stray byte. */
      g_autofree char *shown = g_utf8_make_valid (cases[i].text, -1);

      g_test_message ("message of %s", shown);
      g_assert_false (nb_number_parse (cases[i].text, cases[i].kind, cases[i].decimals, &empty,
                                       &value, &error));
      g_assert_error (error, NB_NUMBER_ERROR, (int)cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      /* A refusal leaves nothing half-parsed behind. */
      g_assert_false (empty);
      g_assert_cmpint (value, ==, 0);
      /* The callers that only ask yes or no pass no error. */
      g_assert_false (nb_number_parse (cases[i].text, cases[i].kind, cases[i].decimals, NULL,
                                       &value, NULL));
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
  g_test_add_func ("/number/messages", test_messages);
  g_test_add_func ("/number/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/number/format", test_format);
  g_test_add_func ("/number/money-round-trip", test_money_round_trip);

  return g_test_run ();
}
