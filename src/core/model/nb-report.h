/* nb-report.h: one annual report: metadata, narrative sections, table values
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "nb-edition.h"
#include "nb-paragraph.h"

G_BEGIN_DECLS

typedef enum
{
  NB_CELL_EMPTY,   /* nothing written: distinct from 0 */
  NB_CELL_VALUE,
  NB_CELL_INVALID, /* text that is no valid value, kept so nothing typed is lost */
} NbCellState;

#define NB_FEE_DECIMALS_DEFAULT 4

/* Who publishes the report, which sets its deadline (条例 第四十九条). */
typedef enum
{
  NB_AGENCY_LEVEL_UNKNOWN,
  NB_AGENCY_LEVEL_DEPARTMENT, /* 政府部门: by 31 January */
  NB_AGENCY_LEVEL_GOVERNMENT, /* 县级以上人民政府: by 31 March */
} NbAgencyLevel;

#define NB_AGENCY_LEVEL_LAST NB_AGENCY_LEVEL_GOVERNMENT

/* "department", "government"; "" for unknown (the file format's words). */
const char      *nb_agency_level_to_string    (NbAgencyLevel         level);
gboolean         nb_agency_level_from_string  (const char           *text,
                                               NbAgencyLevel        *level);

#define NB_TYPE_REPORT (nb_report_get_type ())
G_DECLARE_FINAL_TYPE (NbReport, nb_report, NB, REPORT, GObject)

NbReport        *nb_report_new                (NbEdition            *edition);
NbEdition       *nb_report_get_edition        (NbReport             *self);

const char      *nb_report_get_agency         (NbReport             *self);
void             nb_report_set_agency         (NbReport             *self,
                                               const char           *agency);
int              nb_report_get_year           (NbReport             *self);
void             nb_report_set_year           (NbReport             *self,
                                               int                   year);
const char      *nb_report_get_address        (NbReport             *self);
void             nb_report_set_address        (NbReport             *self,
                                               const char           *address);
const char      *nb_report_get_postcode       (NbReport             *self);
void             nb_report_set_postcode       (NbReport             *self,
                                               const char           *postcode);
const char      *nb_report_get_phone          (NbReport             *self);
void             nb_report_set_phone          (NbReport             *self,
                                               const char           *phone);
guint            nb_report_get_fee_decimals   (NbReport             *self);
void             nb_report_set_fee_decimals   (NbReport             *self,
                                               guint                 decimals);
/* Properties "level" (uint) and "published" ("YYYY-MM-DD", NULL: not
 * published): undoable like every field. */
NbAgencyLevel    nb_report_get_level          (NbReport             *self);
void             nb_report_set_level          (NbReport             *self,
                                               NbAgencyLevel         level);
const char      *nb_report_get_published      (NbReport             *self);
void             nb_report_set_published      (NbReport             *self,
                                               const char           *date);
/* Property "published-sha256": the SHA-256 (64 lowercase hex digits) of
 * the published version's frozen copy, which names that copy wherever the
 * file goes; NULL in files marked published before it was recorded. */
const char      *nb_report_get_published_sha256 (NbReport           *self);
void             nb_report_set_published_sha256 (NbReport           *self,
                                                 const char         *sha256);
/* When the report must be published; FALSE when the year or level is not set. */
gboolean         nb_report_get_due_date       (NbReport             *self,
                                               int                  *year,
                                               int                  *month,
                                               int                  *day);
char            *nb_report_dup_title          (NbReport             *self);
const char * const *nb_report_get_sources     (NbReport             *self);
void             nb_report_set_sources        (NbReport             *self,
                                               const char * const   *sources);
NbReport        *nb_report_get_reference      (NbReport             *self);
void             nb_report_set_reference      (NbReport             *self,
                                               NbReport             *reference);

GPtrArray       *nb_report_get_paragraphs     (NbReport             *self,
                                               const char           *section_id);
void             nb_report_set_paragraphs     (NbReport             *self,
                                               const char           *section_id,
                                               GPtrArray            *paragraphs);
char            *nb_report_dup_section_text   (NbReport             *self,
                                               const char           *section_id);
guint            nb_report_count_section_chars (NbReport            *self,
                                               const char           *section_id);

NbCellState      nb_report_get_cell           (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell,
                                               gint64               *value,
                                               const char          **invalid_text);
gint64           nb_report_get_value          (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell);
char            *nb_report_dup_cell_text      (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell);
guint            nb_report_get_cell_decimals  (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell);
gboolean         nb_report_parse_cell_text    (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell,
                                               const char           *text,
                                               gboolean             *is_empty,
                                               gint64               *value,
                                               GError              **error);
gboolean         nb_report_set_cell_text      (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell,
                                               const char           *text,
                                               GError              **error);
gboolean         nb_report_set_cells_text     (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 n_cells,
                                               const guint          *cells,
                                               const char * const   *texts,
                                               GError              **error);
void             nb_report_set_value          (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell,
                                               gint64                value);
void             nb_report_clear_cell         (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell);
void             nb_report_set_stated         (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell,
                                               NbCellState           state,
                                               gint64                value,
                                               const char           *invalid_text);
gboolean         nb_report_compute_cell       (NbReport             *self,
                                               const NbEditionTable *table,
                                               guint                 cell,
                                               gint64               *value);
void             nb_report_recompute_totals   (NbReport             *self);
guint            nb_report_fill_blanks        (NbReport             *self,
                                               const NbEditionTable *table);

gboolean         nb_report_get_modified       (NbReport             *self);
void             nb_report_set_modified       (NbReport             *self,
                                               gboolean              modified);
guint64          nb_report_get_revision       (NbReport             *self);

void             nb_report_begin_user_action  (NbReport             *self);
void             nb_report_end_user_action    (NbReport             *self);
gboolean         nb_report_get_can_undo       (NbReport             *self);
gboolean         nb_report_get_can_redo       (NbReport             *self);
gboolean         nb_report_undo               (NbReport             *self);
gboolean         nb_report_redo               (NbReport             *self);
void             nb_report_forget_history     (NbReport             *self);
void             nb_report_set_quiet          (NbReport             *self,
                                               gboolean              quiet);
void             nb_report_set_history_enabled (NbReport            *self,
                                               gboolean              enabled);

G_END_DECLS
