/* nb-merge.h: 汇总, the sum of many reports of one year, cell by cell
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_MERGE_ERROR (nb_merge_error_quark ())

typedef enum
{
  NB_MERGE_ERROR_MIXED,      /* another year or edition than the first report */
  NB_MERGE_ERROR_DUPLICATE,  /* a second report of the same agency */
  NB_MERGE_ERROR_SOURCE,     /* a report whose checks find errors */
  NB_MERGE_ERROR_OVERFLOW,   /* a total beyond 64 bits */
  NB_MERGE_ERROR_NO_SOURCES,
  NB_MERGE_ERROR_REFUSED,    /* finishing after a refused source */
} NbMergeError;

#define NB_TYPE_MERGE (nb_merge_get_type ())
G_DECLARE_FINAL_TYPE (NbMerge, nb_merge, NB, MERGE, GObject)

GQuark      nb_merge_error_quark   (void);

NbMerge    *nb_merge_new           (gboolean     force);
gboolean    nb_merge_get_force     (NbMerge     *self);
gboolean    nb_merge_add           (NbMerge     *self,
                                    NbReport    *report,
                                    const char  *name,
                                    GError     **error);
gboolean    nb_merge_add_file      (NbMerge     *self,
                                    const char  *path,
                                    GError     **error);
guint       nb_merge_get_n_sources (NbMerge     *self);
guint       nb_merge_get_n_refused (NbMerge     *self);
GPtrArray  *nb_merge_get_warnings  (NbMerge     *self);
NbReport   *nb_merge_finish        (NbMerge     *self,
                                    const char  *agency,
                                    GError     **error);

G_END_DECLS
