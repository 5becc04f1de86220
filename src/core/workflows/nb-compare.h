/* nb-compare.h: one agency's report against last year's, cell by cell
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-checker.h"

G_BEGIN_DECLS

/* How many of the largest changes are highlighted. */
#define NB_COMPARE_N_LARGEST 10

typedef struct
{
  const NbEditionTable *table;   /* of the new report's edition */
  guint                 cell;
  NbCellState           old_state;  /* NB_CELL_EMPTY also when last year's edition lacks it */
  gint64                old_value;
  NbCellState           new_state;
  gint64                new_value;
  gboolean              has_change; /* both are values and the difference fits */
  gint64                change;     /* new − old */
  double                score;      /* |change| relative to last year's value, for ranking */
  gboolean              largest;    /* among the NB_COMPARE_N_LARGEST largest changes */
} NbCompareRow;

typedef struct
{
  const char *section_id;
  double      similarity; /* nb_similarity_text () of the two years' texts */
  gboolean    copied;     /* a section that must differ (五) reads as last year's */
} NbCompareSection;

#define NB_TYPE_COMPARE (nb_compare_get_type ())
G_DECLARE_FINAL_TYPE (NbCompare, nb_compare, NB, COMPARE, GObject)

NbCompare              *nb_compare_new              (NbReport   *old_report,
                                                     NbReport   *new_report);
NbReport               *nb_compare_get_old          (NbCompare  *self);
NbReport               *nb_compare_get_new          (NbCompare  *self);
guint                   nb_compare_get_n_rows       (NbCompare  *self);
const NbCompareRow     *nb_compare_get_row          (NbCompare  *self,
                                                     guint       index);
guint                   nb_compare_get_n_sections   (NbCompare  *self);
const NbCompareSection *nb_compare_get_section      (NbCompare  *self,
                                                     guint       index);
GPtrArray              *nb_compare_get_cross_year   (NbCompare  *self);
GPtrArray              *nb_compare_get_notes        (NbCompare  *self);
char                   *nb_compare_dup_copied_warning (NbCompare *self);
char                   *nb_compare_to_text          (NbCompare  *self,
                                                     const char *old_name,
                                                     const char *new_name);

G_END_DECLS
