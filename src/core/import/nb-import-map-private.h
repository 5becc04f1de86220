/* nb-import-map-private.h: what the files of the mapping step share
 *
 * nb_import_map () (nb-import-map.c) reads the document once, block by
 * block, into a report; the jobs it hands out each have their own file:
 *   nb-import-edition.c   which edition the tables' labels are from
 *   nb-import-meta.c      the title (year, agency), contact details, fee decimals
 *   nb-import-sections.c  which section a heading starts, and its paragraphs
 *   nb-import-tables.c    which table of the format a table is; its rows and values
 *   nb-import-end.c       where the report ends in a web page, and the footer after it
 * Private to src/core/import/.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-import-labels.h"

G_BEGIN_DECLS

typedef struct
{
  NbImportDoc  *doc;
  NbEdition    *edition;
  NbReport     *report;
  GPtrArray    *findings;   /* NbImportFinding */
  GPtrArray    *tables;     /* NbImportTableInfo, in edition order */
  GHashTable   *locations;  /* "table/cell" -> where the value came from */
  GHashTable   *sections;   /* section id -> GPtrArray of NbParagraph */
  GHashTable   *found;      /* section ids whose heading was found */
  const NbEditionSection *current;
  GString      *contact_text; /* the narrative text, where contact details are sought */
  guint         n_values;
  guint         n_cells;
} NbImportMapper;

/* The page's footer after the report, not imported: gathered into one
 * finding, placed at its first part and naming the parts, rather than one
 * finding per line burying the others. */
typedef struct
{
  guint    n_parts;
  char    *location;
  GString *parts;
} NbImportAfterEnd;

/* nb-import-map.c */
void                    _nb_import_add_finding                (NbImportMapper         *m,
                                                               NbSeverity              severity,
                                                               const char             *code,
                                                               const char             *location,
                                                               char                   *message);
char                   *_nb_import_block_location             (const NbImportBlock    *block);

/* nb-import-edition.c: the edition whose labels the tables use most, else
 * the one for @year (the default without one); @reason says which. */
NbEdition              *_nb_import_detect_edition             (NbImportMapper         *m,
                                                               int                     year,
                                                               char                  **reason);

/* nb-import-meta.c */
gboolean                _nb_import_read_title                 (NbImportMapper         *m,
                                                               const char             *text);
void                    _nb_import_read_contacts              (NbImportMapper         *m,
                                                               const char             *text);
void                    _nb_import_read_fee_decimals          (NbImportMapper         *m,
                                                               const char             *text);

/* nb-import-sections.c */
NbParagraphLevel        _nb_import_numbering_level            (const char             *text);
const NbEditionSection *_nb_import_match_section              (NbImportMapper         *m,
                                                               const char             *text,
                                                               gboolean               *loose);
const NbEditionSection *_nb_import_match_section_misnumbered  (NbImportMapper         *m,
                                                               const char             *text);
const NbEditionSection *_nb_import_section_of_following_table (NbImportMapper         *m,
                                                               guint                   b,
                                                               guint                   end,
                                                               const char             *text);
NbParagraph            *_nb_import_make_paragraph             (const NbImportBlock    *block);
GPtrArray              *_nb_import_section_paragraphs         (NbImportMapper         *m,
                                                               const NbEditionSection *section);

/* nb-import-tables.c */
NbImportTableInfo      *_nb_import_choose_table               (NbImportMapper         *m,
                                                               NbImportBlock          *block);
void                    _nb_import_map_table                  (NbImportMapper         *m,
                                                               NbImportBlock          *block);
const char             *_nb_import_row_display_label          (NbImportTableInfo      *info,
                                                               NbImportRowInfo        *ri);

/* nb-import-end.c */
guint                   _nb_import_find_report_end            (NbImportMapper         *m);
void                    _nb_import_report_after_end           (NbImportMapper         *m,
                                                               const NbImportBlock    *block,
                                                               NbImportAfterEnd       *after);
void                    _nb_import_after_end_finish           (NbImportMapper         *m,
                                                               NbImportAfterEnd       *after);

G_END_DECLS
