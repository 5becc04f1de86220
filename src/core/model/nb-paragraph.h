/* nb-paragraph.h: narrative text: paragraphs with a heading level, made of runs
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  NB_PARAGRAPH_BODY,
  NB_PARAGRAPH_HEADING_1, /* 一、 */
  NB_PARAGRAPH_HEADING_2, /* （一） */
  NB_PARAGRAPH_HEADING_3, /* 1. */
  NB_PARAGRAPH_HEADING_4, /* （1） */
} NbParagraphLevel;

#define NB_PARAGRAPH_LEVEL_LAST NB_PARAGRAPH_HEADING_4

typedef struct
{
  char     *text;
  gboolean  bold;
} NbRun;

typedef struct
{
  NbParagraphLevel  level;
  GPtrArray        *runs; /* NbRun */
} NbParagraph;

#define NB_TYPE_PARAGRAPH (nb_paragraph_get_type ())
GType        nb_paragraph_get_type  (void) G_GNUC_CONST;
NbParagraph *nb_paragraph_new       (NbParagraphLevel   level);
NbParagraph *nb_paragraph_new_text  (NbParagraphLevel   level,
                                     const char        *text);
NbParagraph *nb_paragraph_copy      (const NbParagraph *paragraph);
void         nb_paragraph_free      (NbParagraph       *paragraph);
void         nb_paragraph_add_run   (NbParagraph       *paragraph,
                                     const char        *text,
                                     gboolean           bold);
char        *nb_paragraph_dup_text  (const NbParagraph *paragraph);
GPtrArray   *nb_paragraph_dup_merged_runs (const NbParagraph *paragraph); /* NbRun */
gboolean     nb_paragraph_equal     (const NbParagraph *a,
                                     const NbParagraph *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbParagraph, nb_paragraph_free)

GPtrArray   *nb_paragraphs_copy     (GPtrArray         *paragraphs);
GPtrArray   *nb_paragraphs_new      (void);
GPtrArray   *nb_paragraphs_from_text (const char       *text);

G_END_DECLS
