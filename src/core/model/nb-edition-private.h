/* nb-edition-private.h: what the parts of NbEdition share
 *
 * nb-edition.c is the object and its accessors; nb-edition-load.c reads an
 * edition from its JSON; nb-edition-registry.c finds the built-in editions.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-edition.h"

G_BEGIN_DECLS

struct _NbEditionTable
{
  char            *id;
  char            *section_id;
  char            *caption;
  guint            label_columns;
  guint            value_columns;
  guint            n_blocks;
  guint            grid_height;
  GArray          *rows;       /* NbEditionRow */
  GArray          *columns;    /* NbEditionColumn */
  GArray          *cells;      /* NbEditionCell */
  GArray          *layout;     /* NbLayoutItem */
  GArray          *instances;  /* NbRuleInstance */
  GHashTable      *cell_by_key;/* key -> index + 1 */
  int             *cell_layout;/* cell -> layout index */
};

struct _NbEdition
{
  GObject         parent_instance;

  GStringChunk   *strings;
  char           *id;
  char           *title;
  char           *name;
  char           *issued_by;
  char           *report_title;       /* "{agency}{year}…年度报告" */
  char           *report_title_year;  /* "{year}年" */
  int             first_year;
  int             last_year;
  GArray         *sections;    /* NbEditionSection */
  GPtrArray      *tables;      /* NbEditionTable */
  GArray         *rules;       /* NbEditionRule */
  GPtrArray      *string_arrays;
  GHashTable     *labels;      /* key -> text, both in strings */
  GArray         *summary;     /* NbSummaryGroup */
  GArray         *money_units; /* NbMoneyUnit, longest name first */
};

G_END_DECLS
