/* nb-import-labels.h: the label matcher the mapping step and pasting share
 *
 * Private to src/core/import/.  Labels are compared in a normalized form
 * (nb_import_normalize_label); a table of the edition is read into an
 * NbImportTableInfo, which finds the rows a label names.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-import-private.h"

G_BEGIN_DECLS

typedef struct
{
  guint   row;     /* index into the table's rows */
  char   *label;   /* normalized */
  GStrv   groups;  /* normalized group labels, outermost first */
  char   *full;    /* normalized groups and label, concatenated */
  GArray *cells;   /* guint: value cells in column order */
} NbImportRowInfo;

typedef struct
{
  const NbEditionTable   *table;
  const NbEditionSection *section;
  GPtrArray              *rows;     /* NbImportRowInfo */
  GHashTable             *headers;  /* normalized header texts */
  GHashTable             *groups;   /* normalized group label -> depth + 1 */
  GHashTable             *labels;   /* normalized row labels, alone and with their groups */
  GHashTable             *variants; /* another edition's label of a row -> its NbImportRowInfo */
  char                  **sources;  /* per edition row: where it was found, or NULL */
  gboolean                found;
} NbImportTableInfo;

/* The importer's word lists, from data/import/lexicon.json. */
typedef struct
{
  GStrv nil_words;     /* a blank cell written as a word */
  GStrv report_names;  /* where the report's name starts in its title */
  GStrv footer_strong; /* a line of the page around the report, at any length */
  GStrv footer_weak;   /* the same, in a short line only */
  GStrv count_units;   /* written after a count in a pasted cell ("12 件") */
} NbImportLexicon;

const NbImportLexicon *_nb_import_lexicon         (void);

gboolean           _nb_import_is_space_char   (gunichar           c);
gboolean           _nb_import_has_letters     (const char        *text);
gboolean           _nb_import_looks_numeric   (const char        *text);
gboolean           _nb_import_is_blank        (const char        *text);
gboolean           _nb_import_is_nil_word     (const char        *text);
char              *_nb_import_excerpt_n       (const char        *text,
                                               glong              limit);
char              *_nb_import_excerpt         (const char        *text);
char              *_nb_import_label_stem      (const char        *key);

NbImportTableInfo *_nb_import_table_info_new  (NbEdition            *edition,
                                               const NbEditionTable *table);
void               _nb_import_table_info_free (gpointer           data);
gboolean           _nb_import_is_header       (NbImportTableInfo *info,
                                               const char        *key);
GPtrArray         *_nb_import_find_rows       (NbImportTableInfo *info,
                                               const char        *key,
                                               const char        *joined,
                                               GPtrArray         *context,
                                               gboolean          *loose,
                                               gboolean          *variant);

G_END_DECLS
