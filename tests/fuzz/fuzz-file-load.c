/* fuzz-file-load.c: the .nianbao loader never crashes, whatever the bytes */
#include "config.h"

#include <stdint.h>

#include "nb-checker.h"
#include "fuzz-round-trip.h"
#include "nb-file.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_data ((const char *)data, size, &error);

  g_assert ((report == NULL) != (error == NULL));
  if (report != NULL)
    {
      /* Whatever loads must check and save again without trouble. */
      g_autoptr(GPtrArray) findings = nb_check_report (report, NULL);

      assert_round_trips (report);
      g_assert_nonnull (findings);
    }
  else
    g_assert_true (error->message != NULL && *error->message != '\0');
  return 0;
}
