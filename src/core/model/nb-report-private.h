/* nb-report-private.h: what the parts of NbReport share
 *
 * nb-report.c is the object, its properties and metadata; nb-report-sections.c
 * the narrative sections; nb-report-cells.c the table values and their totals;
 * nb-report-history.c records every change for undo and announces it.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

typedef struct
{
  NbCellState  state;
  gint64       value;
  char        *invalid;
} CellData;

typedef struct
{
  const NbEditionTable *table;
  CellData             *cells;
} TableValues;

typedef enum
{
  CHANGE_CELL,
  CHANGE_PARAGRAPHS,
  CHANGE_META,
} ChangeKind;

typedef struct
{
  ChangeKind            kind;
  const NbEditionTable *table;
  guint                 cell;
  CellData              before;
  CellData              after;
  char                 *section_id;
  GPtrArray            *paragraphs_before;
  GPtrArray            *paragraphs_after;
  guint                 prop_id;
  GValue                value_before;
  GValue                value_after;
} Change;

typedef struct
{
  GPtrArray *changes;
  gint64     time;
  gboolean   closed;
} Command;

struct _NbReport
{
  GObject      parent_instance;

  NbEdition   *edition;
  char        *agency;
  int          year;
  char        *address;
  char        *postcode;
  char        *phone;
  NbAgencyLevel level;
  char        *published;
  char        *published_sha256;
  guint        fee_decimals;
  char       **sources;   /* a summary's source reports, or NULL */
  NbReport    *reference; /* last year's report, for the cross-year checks, or NULL */

  GHashTable  *sections;  /* id -> GPtrArray of NbParagraph */
  TableValues *tables;
  guint        n_tables;

  GQueue       undo;      /* Command, newest first */
  GQueue       redo;
  Command     *open_command;
  guint        user_action_depth;
  gboolean     replaying;
  gboolean     history_disabled;
  gboolean     quiet;     /* a loader builds it: no one can be listening */
  guint        change_depth;

  guint64      revision;
  guint        modified : 1;
};

enum {
  PROP_0,
  PROP_EDITION,
  PROP_AGENCY,
  PROP_YEAR,
  PROP_ADDRESS,
  PROP_POSTCODE,
  PROP_PHONE,
  PROP_FEE_DECIMALS,
  PROP_LEVEL,
  PROP_PUBLISHED,
  PROP_PUBLISHED_SHA256,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CELL_CHANGED,
  SECTION_CHANGED,
  CHANGED,
  N_SIGNALS
};

/* nb-report.c: the object's properties and signals */
extern GParamSpec *_nb_report_properties[N_PROPS];
extern guint       _nb_report_signals[N_SIGNALS];

/* nb-report.c */
void     _nb_report_store_meta        (NbReport             *self,
                                       guint                 prop_id,
                                       const GValue         *value);

/* nb-report-sections.c */
void     _nb_report_store_paragraphs  (NbReport             *self,
                                       const char           *section_id,
                                       GPtrArray            *paragraphs);

/* nb-report-cells.c */
void     _nb_report_cell_data_clear   (CellData             *data);
void     _nb_report_apply_cell        (NbReport             *self,
                                       const NbEditionTable *table,
                                       guint                 cell,
                                       const CellData       *data);

/* nb-report-history.c */
void     _nb_report_command_free      (Command              *command);
void     _nb_report_begin_change      (NbReport             *self);
void     _nb_report_end_change        (NbReport             *self);
void     _nb_report_record            (NbReport             *self,
                                       Change               *change);

G_END_DECLS
