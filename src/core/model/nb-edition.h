/* nb-edition.h: one edition of the national report format, loaded from data
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nb-number.h"

G_BEGIN_DECLS

/* Everything below is read from data/editions/EDITION.json; no table label
 * appears in C code.  The structs are owned by the NbEdition and read-only. */

typedef struct
{
  const char         *id;            /* stable ASCII id, used in files: "overview" */
  const char         *number;        /* "一" */
  const char         *title;         /* "总体情况" */
  const char         *heading;       /* "一、总体情况", exactly as printed */
  const char         *table_id;      /* NULL for a narrative section */
  const char         *guidance;      /* hint from the format text, or NULL */
  guint               max_chars;     /* advisory length, 0 for none */
  gboolean            must_differ;   /* must not repeat last year's text (五) */
  const char * const *subheadings;   /* optional sub-headings offered for insertion */
  const char * const *variants;      /* other headings seen in real reports (import) */
} NbEditionSection;

typedef struct
{
  const char  *id;
  const char  *label;       /* as printed in its header cell: "商业企业" */
  const char  *full_label;  /* with its header groups: "法人或其他组织 商业企业" */
  NbValueKind  kind;
  guint        max_decimals; /* money only */
  const char  *unit;         /* money only: "万元" */
} NbEditionColumn;

typedef struct
{
  const char *id;
  const char *label;      /* as printed: "1.属于国家秘密" */
  const char *full_label; /* with its group labels: "三、本年度办理结果 （三）不予公开 1.属于国家秘密" */
  guint       block;      /* which block of the table it belongs to */
} NbEditionRow;

/* A value cell: one number of the report. */
typedef struct
{
  guint        index;    /* position in nb_edition_table_get_cells() */
  guint        row;      /* index into the table's rows */
  guint        column;   /* index into the table's columns */
  const char  *key;      /* "row_id/column_id" */
  NbValueKind  kind;
  guint        max_decimals;
  gboolean     computed; /* a total the model computes */
} NbEditionCell;

typedef enum
{
  NB_LAYOUT_CORNER,  /* header text over the label columns */
  NB_LAYOUT_HEADER,  /* column header */
  NB_LAYOUT_BLOCK,   /* a block title such as "第二十条第（一）项" */
  NB_LAYOUT_GROUP,   /* row-spanning group label */
  NB_LAYOUT_LABEL,   /* row label */
  NB_LAYOUT_VALUE,   /* a value cell */
  NB_LAYOUT_EMPTY,   /* a blank filler cell */
} NbLayoutRole;

/* One cell of the printed table, merged cells included.  Positions are in
 * grid units of the whole table. */
typedef struct
{
  guint         row;
  guint         column;
  guint         row_span;
  guint         column_span;
  NbLayoutRole  role;
  const char   *text;     /* NULL for NB_LAYOUT_VALUE */
  int           cell;     /* value cell index for NB_LAYOUT_VALUE, else -1 */
  gboolean      is_header;/* belongs to a header row block (repeat on a new page) */
} NbLayoutItem;

typedef struct _NbEditionTable NbEditionTable;

/* One figure of the picture summary (一图读懂): the sum of some cells, each
 * "TABLE:ROW/COLUMN". */
typedef struct
{
  const char         *label;
  const char * const *cells;
} NbSummaryItem;

typedef enum
{
  NB_SUMMARY_FIGURES, /* big numbers side by side */
  NB_SUMMARY_BARS,    /* a bar chart of the parts of a whole */
} NbSummaryKind;

/* A panel of the picture summary: a heading over figures or bars. */
typedef struct
{
  const char    *heading;
  NbSummaryKind  kind;
  guint          n_items;
  NbSummaryItem *items;
} NbSummaryGroup;

/* A unit an amount may be written in ("万元"), as a count of the smallest
 * one ("元" = 1). */
typedef struct
{
  const char *name;
  gint64      factor;
} NbMoneyUnit;

typedef enum
{
  NB_SEVERITY_ERROR,
  NB_SEVERITY_WARNING,
} NbSeverity;

/* A term of a rule instance: ± a cell of this report or of last year's. */
typedef struct
{
  int       cell;       /* cell index in this table; -1 for a previous-year term */
  const char *key;      /* "row/column", for previous-year lookups */
  int       sign;       /* +1 or -1 */
  gboolean  previous;   /* the value comes from last year's report */
  gboolean  lhs;        /* left-hand side of the equation */
} NbRuleTerm;

typedef struct
{
  const char *id;          /* "T3-BALANCE" */
  const char *table_id;
  NbSeverity  severity;
  gboolean    derived;     /* implied by the structure, not stated by the format */
  gboolean    cross_year;  /* needs last year's report */
  gboolean    computes;    /* lhs is a single cell the model computes from rhs */
  const char *description; /* Chinese text of the rule, or NULL */
} NbEditionRule;

/* A rule applied to one row or column: lhs == rhs. */
typedef struct
{
  const NbEditionRule *rule;
  guint                n_terms;
  NbRuleTerm          *terms;
  int                  target;  /* the cell a computing rule fills, else -1 */
} NbRuleInstance;

#define NB_TYPE_EDITION (nb_edition_get_type ())
G_DECLARE_FINAL_TYPE (NbEdition, nb_edition, NB, EDITION, GObject)

#define NB_EDITION_ERROR (nb_edition_error_quark ())

typedef enum
{
  NB_EDITION_ERROR_UNKNOWN,
  NB_EDITION_ERROR_INVALID,
} NbEditionError;

GQuark                    nb_edition_error_quark      (void);

NbEdition                *nb_edition_lookup           (const char    *id,
                                                       GError       **error);
NbEdition                *nb_edition_new_from_bytes   (GBytes        *json,
                                                       GError       **error);
const char * const       *nb_edition_list_ids         (void);
const char               *nb_edition_default_id       (void);
const char               *nb_edition_id_for_year      (int            year);

const char               *nb_edition_get_id           (NbEdition     *self);
const char               *nb_edition_get_title        (NbEdition     *self);
const char               *nb_edition_get_name         (NbEdition     *self);
const char               *nb_edition_get_issued_by    (NbEdition     *self);
char                     *nb_edition_dup_report_title (NbEdition     *self,
                                                       const char    *agency,
                                                       int            year);
int                       nb_edition_get_first_year   (NbEdition     *self);
int                       nb_edition_get_last_year    (NbEdition     *self);

const NbMoneyUnit        *nb_edition_get_money_units  (NbEdition     *self,
                                                       guint         *n_units);
guint                     nb_edition_get_n_sections   (NbEdition     *self);
const NbEditionSection   *nb_edition_get_section      (NbEdition     *self,
                                                       guint          index);
const NbEditionSection   *nb_edition_find_section     (NbEdition     *self,
                                                       const char    *id);

guint                     nb_edition_get_n_tables     (NbEdition     *self);
const NbEditionTable     *nb_edition_get_table        (NbEdition     *self,
                                                       guint          index);
const NbEditionTable     *nb_edition_find_table       (NbEdition     *self,
                                                       const char    *id);

/* Words the outputs need besides the tables' own labels ("published":
 * the publication stamp, with {year} {month} {day}; "summary_title"…):
 * data, never C literals.  NULL when the edition has no such label. */
const char               *nb_edition_get_label        (NbEdition     *self,
                                                       const char    *key);
guint                     nb_edition_get_n_summary_groups (NbEdition *self);
const NbSummaryGroup     *nb_edition_get_summary_group (NbEdition    *self,
                                                        guint         index);

guint                     nb_edition_get_n_rules      (NbEdition     *self);
const NbEditionRule      *nb_edition_get_rule         (NbEdition     *self,
                                                       guint          index);

const char               *nb_edition_table_get_id          (const NbEditionTable *table);
const char               *nb_edition_table_get_section_id  (const NbEditionTable *table);
const char               *nb_edition_table_get_caption     (const NbEditionTable *table);
guint                     nb_edition_table_get_n_rows      (const NbEditionTable *table);
const NbEditionRow       *nb_edition_table_get_row         (const NbEditionTable *table,
                                                            guint                 index);
int                       nb_edition_table_find_row        (const NbEditionTable *table,
                                                            const char           *id);
guint                     nb_edition_table_get_n_columns   (const NbEditionTable *table);
const NbEditionColumn    *nb_edition_table_get_column      (const NbEditionTable *table,
                                                            guint                 index);
int                       nb_edition_table_find_column     (const NbEditionTable *table,
                                                            const char           *id);
guint                     nb_edition_table_get_n_cells     (const NbEditionTable *table);
const NbEditionCell      *nb_edition_table_get_cell        (const NbEditionTable *table,
                                                            guint                 index);
int                       nb_edition_table_find_cell       (const NbEditionTable *table,
                                                            const char           *row_id,
                                                            const char           *column_id);
int                       nb_edition_table_find_cell_by_key (const NbEditionTable *table,
                                                             const char           *key);
guint                     nb_edition_table_get_n_blocks    (const NbEditionTable *table);
guint                     nb_edition_table_get_grid_width  (const NbEditionTable *table);
guint                     nb_edition_table_get_grid_height (const NbEditionTable *table);
guint                     nb_edition_table_get_n_layout    (const NbEditionTable *table);
const NbLayoutItem       *nb_edition_table_get_layout      (const NbEditionTable *table,
                                                            guint                 index);
const NbLayoutItem       *nb_edition_table_get_cell_layout (const NbEditionTable *table,
                                                            guint                 cell);
const NbLayoutItem      **nb_edition_table_dup_grid        (const NbEditionTable *table);
guint                     nb_edition_table_get_first_value_column (const NbEditionTable *table);
guint                     nb_edition_table_get_n_instances (const NbEditionTable *table);
const NbRuleInstance     *nb_edition_table_get_instance    (const NbEditionTable *table,
                                                            guint                 index);
char                     *nb_edition_table_dup_cell_label  (const NbEditionTable *table,
                                                            guint                 cell);

G_END_DECLS
