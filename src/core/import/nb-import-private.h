/* nb-import-private.h: what every importer hands to the shared mapping step
 *
 * Each format reader turns its input into an NbImportDoc: a flat list of
 * paragraphs and tables (merged cells expanded into a grid, the covered
 * positions left empty).  nb_import_map() then finds the sections, rows
 * and values in it, so the three formats differ only in how they read.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-import.h"

G_BEGIN_DECLS

/* Bounds against enormous or hostile inputs. */
#define NB_IMPORT_MAX_COLUMNS 256
#define NB_IMPORT_MAX_ROWS    4096
#define NB_IMPORT_MAX_SPAN    256
#define NB_IMPORT_MAX_BLOCKS  10000 /* a report has a few hundred */
#define NB_IMPORT_MAX_DEPTH   256

typedef enum
{
  NB_IMPORT_BLOCK_PARAGRAPH,
  NB_IMPORT_BLOCK_TABLE,
} NbImportBlockKind;

typedef struct
{
  GPtrArray *cells; /* char *, never NULL ("" for an empty or covered cell) */
  guint      line;  /* source line (text), or 0 */
} NbImportRow;

typedef struct
{
  NbImportBlockKind  kind;
  int                heading;   /* 0 body; else the source's heading depth 1–6 */
  NbParagraph       *paragraph; /* PARAGRAPH */
  GPtrArray         *rows;      /* TABLE: NbImportRow */
  guint              line;      /* source line (text), or 0 */
  guint              index;     /* 1-based number among blocks of its kind */
  gboolean           furniture; /* from the site around the text (HTML <footer>, <nav>…) */
} NbImportBlock;

typedef struct
{
  GPtrArray *blocks;   /* NbImportBlock */
  GPtrArray *findings; /* NbImportFinding found while reading */
  GPtrArray *discarded; /* tables past NB_IMPORT_MAX_BLOCKS, read but not kept */
  gboolean   overflow;
  guint      n_paragraphs;
  guint      n_tables;
} NbImportDoc;

NbImportDoc   *nb_import_doc_new            (void);
void           nb_import_doc_free           (NbImportDoc       *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbImportDoc, nb_import_doc_free)

/* Takes @paragraph; drops it when it has no visible text. */
void           nb_import_doc_add_paragraph  (NbImportDoc       *doc,
                                             NbParagraph       *paragraph,
                                             int                heading,
                                             guint              line);
NbImportBlock *nb_import_doc_add_table      (NbImportDoc       *doc,
                                             guint              line);
NbImportRow   *nb_import_block_add_row      (NbImportBlock     *table,
                                             guint              line);
void           nb_import_doc_add_finding    (NbImportDoc       *doc,
                                             NbSeverity         severity,
                                             const char        *code,
                                             const char        *location,
                                             const char        *message);

/* A table read from a format with merged cells: cells are placed into a
 * grid, spans leave empty positions, and the limits above are enforced. */
typedef struct _NbImportGrid NbImportGrid;

NbImportGrid  *nb_import_grid_new           (void);
void           nb_import_grid_free          (NbImportGrid      *grid);
void           nb_import_grid_next_row      (NbImportGrid      *grid);
/* Places text at the first free position of the current row. */
void           nb_import_grid_add_cell      (NbImportGrid      *grid,
                                             const char        *text,
                                             guint              row_span,
                                             guint              column_span);
/* Skips @n free positions (a Word row's gridBefore). */
void           nb_import_grid_skip          (NbImportGrid      *grid,
                                             guint              n);
/* Marks the position below the cell above as covered (Word's vMerge). */
void           nb_import_grid_continue_cell (NbImportGrid      *grid,
                                             guint              column_span);
void           nb_import_grid_finish        (NbImportGrid      *grid,
                                             NbImportDoc       *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbImportGrid, nb_import_grid_free)

/* Builds one paragraph from many small pieces of text (HTML text nodes,
 * Word runs) in linear time, folding white space as a browser does. */
typedef struct
{
  NbParagraph *paragraph;
  GString     *run;
  gboolean     bold;
  gboolean     space;    /* a space is pending before the next text */
  gboolean     line_break; /* … and it was a line break of the source */
  gboolean     fold;     /* fold white space (HTML), or keep it (Word) */
} NbImportText;

void           nb_import_text_init          (NbImportText      *text,
                                             gboolean           fold);
void           nb_import_text_append        (NbImportText      *text,
                                             const char        *piece,
                                             gboolean           bold);
/* Returns the paragraph (or NULL when it is empty) and resets @text. */
NbParagraph   *nb_import_text_finish        (NbImportText      *text);
void           nb_import_text_clear         (NbImportText      *text);

gboolean       nb_import_read_text          (const char        *data,
                                             gsize              length,
                                             NbImportDoc       *doc,
                                             GError           **error);
gboolean       nb_import_read_html          (const char        *data,
                                             gsize              length,
                                             NbImportDoc       *doc,
                                             GError           **error);
gboolean       nb_import_read_docx          (const char        *data,
                                             gsize              length,
                                             NbImportDoc       *doc,
                                             GError           **error);

NbReport      *nb_import_map                (NbImportDoc       *doc,
                                             GPtrArray         *findings,
                                             char             **summary,
                                             GError           **error);

G_END_DECLS
