/* fuzz-round-trip.h: what every fuzzer asks of a report it got
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-file.h"

/* @report saves and loads again as a valid report. */
static inline void
assert_round_trips (NbReport *report)
{
  g_autoptr(GBytes) bytes = nb_file_serialize (report);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) again = nb_file_load_data (g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes), &error);

  g_assert_no_error (error);
  g_assert_nonnull (again);
}
