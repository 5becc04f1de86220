/* nb-xml-writer.h: escaped text and layout helpers shared by the HTML and DOCX exports
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nb-edition.h"
#include "nb-report.h"

G_BEGIN_DECLS

gboolean  nb_xml_char_is_allowed   (gunichar    c);
void      nb_xml_append_escaped    (GString    *out,
                                    const char *text,
                                    gssize      length);

/* The layout item that covers each grid position of a table, or NULL:
 * a width × height array, freed with g_free. */
const NbLayoutItem **nb_layout_grid_new     (const NbEditionTable *table);
guint                nb_layout_first_value_column (const NbEditionTable *table);

/* A paragraph's runs with neighbours of the same weight joined and empty
 * runs dropped, so no exporter writes "**a****b**" or empty <strong>. */
GPtrArray *nb_paragraph_dup_merged_runs (const NbParagraph *paragraph); /* NbRun */

G_END_DECLS
