/* fuzz-import.c: an importer never crashes, whatever the bytes.  Built once
 * per format (fuzz-import-txt, -html, -docx) with NB_FUZZ_IMPORT_FORMAT set. */
#include "config.h"

#include <stdint.h>

#include "fuzz-round-trip.h"
#include "nb-file.h"
#include "nb-import.h"

#ifndef NB_FUZZ_IMPORT_FORMAT
#error "build with -DNB_FUZZ_IMPORT_FORMAT=NB_IMPORT_FORMAT_…"
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(NbReport) report = nb_import_data ((const char *)data, size, NB_FUZZ_IMPORT_FORMAT,
                                               &findings, &summary, &error);

  g_assert ((report == NULL) != (error == NULL));
  if (report != NULL)
    {
      /* Whatever is imported saves and loads again as a valid report. */
      assert_round_trips (report);
      g_assert_nonnull (summary);
      for (guint i = 0; i < findings->len; i++)
        {
          NbImportFinding *finding = g_ptr_array_index (findings, i);

          g_assert_true (finding->message != NULL && g_utf8_validate (finding->message, -1, NULL));
        }
    }
  else
    g_assert_true (error->message != NULL && *error->message != '\0');
  return 0;
}
