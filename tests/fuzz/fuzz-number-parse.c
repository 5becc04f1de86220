/* fuzz-number-parse.c: the number parser never crashes, and what it accepts
 * formats back to the same value */
#include "config.h"

#include <stdint.h>

#include "nb-number.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  NbValueKind kind;
  guint decimals;

  if (size < 1)
    return 0;
  kind = data[0] % 3;
  decimals = (data[0] / 3) % 8;
  text = g_strndup ((const char *)data + 1, size - 1);

  {
    g_autoptr(GError) error = NULL;
    gboolean empty = FALSE;
    gint64 value = 0;

    if (nb_number_parse (text, kind, decimals, &empty, &value, &error))
      {
        g_autofree char *formatted = nb_number_format (value, kind, -1);
        gint64 back = 0;

        g_assert_no_error (error);
        g_assert_true (nb_number_parse (formatted, kind, NB_MONEY_MAX_DECIMALS, NULL, &back, NULL));
        g_assert_cmpint (back, ==, value);
        if (kind != NB_VALUE_SIGNED)
          g_assert_cmpint (value, >=, 0);
      }
    else
      g_assert_true (error != NULL && error->domain == NB_NUMBER_ERROR);
  }
  return 0;
}
