/* nb-import-map.c: the mapping step every importer shares
 *
 * Sections are found by their headings (and by what follows them), table
 * rows by their labels (never by position alone), values are stored as the
 * source states them, totals included, and everything that could not be
 * mapped or looks wrong becomes a finding: nothing is dropped silently.
 *
 * This file is the walk through the document and what is reported at its
 * end; the jobs it hands out are in the files nb-import-map-private.h lists.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker.h"
#include "nb-import-map-private.h"

void
_nb_import_add_finding (NbImportMapper *m,
                        NbSeverity      severity,
                        const char     *code,
                        const char     *location,
                        char           *message)
{
  NbImportFinding *finding = g_new0 (NbImportFinding, 1);

  finding->severity = severity;
  finding->code = code;
  finding->location = g_strdup (location);
  finding->message = message;
  g_ptr_array_add (m->findings, finding);
}

char *
_nb_import_block_location (const NbImportBlock *block)
{
  if (block->line > 0)
    return g_strdup_printf (_("line %u"), block->line);
  if (block->kind == NB_IMPORT_BLOCK_TABLE)
    return g_strdup_printf (_("table %u"), block->index);
  return g_strdup_printf (_("paragraph %u"), block->index);
}

/* Findings of the checks: the totals that disagree, blank cells, values
 * that are no numbers, placed at the line they came from. */
static void
add_check_findings (NbImportMapper *m)
{
  g_autoptr(GPtrArray) findings = nb_check_report (m->report, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (findings, i);
      const char *location = NULL;
      g_autofree char *key = NULL;

      if (finding->table_id == NULL && g_strcmp0 (finding->rule_id, "EDITION-YEAR") != 0)
        continue;
      if (finding->table_id != NULL && finding->cell >= 0)
        {
          key = g_strdup_printf ("%s/%d", finding->table_id, finding->cell);
          location = g_hash_table_lookup (m->locations, key);
        }
      _nb_import_add_finding (m, finding->severity, finding->rule_id, location,
                              g_strdup (finding->message));
    }
}

/* What the walk through the document keeps from one block to the next. */
typedef struct
{
  guint             end;              /* the first block after the report */
  gboolean          title_seen;
  GPtrArray        *preamble;         /* NbParagraph: the text before any heading */
  char             *first_preamble;   /* an excerpt of its first paragraph */
  guint             n_dropped;        /* paragraphs in table sections */
  char             *first_dropped;    /* an excerpt of the first of them */
  char             *first_dropped_at; /* and where it was */
  NbImportAfterEnd  after;
} DocumentWalk;

static void
document_walk_clear (DocumentWalk *walk)
{
  g_clear_pointer (&walk->preamble, g_ptr_array_unref);
  g_clear_pointer (&walk->first_preamble, g_free);
  g_clear_pointer (&walk->first_dropped, g_free);
  g_clear_pointer (&walk->first_dropped_at, g_free);
}

/* The section whose heading paragraph @b (@text) is, or NULL; @loose when
 * the wording alone did not say so for sure, @by_following when the table
 * after it decided. */
static const NbEditionSection *
heading_section (NbImportMapper      *m,
                 const DocumentWalk  *walk,
                 guint                b,
                 const NbImportBlock *block,
                 const char          *text,
                 gboolean            *loose,
                 gboolean            *by_following)
{
  const NbEditionSection *section;

  section = (block->heading > 0 || g_utf8_strlen (text, -1) <= 40)
              ? _nb_import_match_section (m, text, loose) : NULL;
  /* What follows decides where the wording alone is unsure or silent:
   * a later section's table after it, or a later section's title. */
  if ((section == NULL || *loose) && (m->current != NULL || walk->title_seen))
    {
      const NbEditionSection *by_table =
        _nb_import_section_of_following_table (m, b, walk->end, text);

      if (by_table != NULL && by_table != section)
        {
          section = by_table;
          *loose = TRUE;
          *by_following = TRUE;
        }
      else if (section == NULL
               && (section = _nb_import_match_section_misnumbered (m, text)) != NULL)
        *loose = TRUE;
    }
  return section;
}

/* The heading @text of @section starts it, saying how it was read when
 * that was a guess, and when the section was there before. */
static void
enter_section (NbImportMapper         *m,
               const NbImportBlock    *block,
               const char             *text,
               const NbEditionSection *section,
               gboolean                loose,
               gboolean                by_following)
{
  GPtrArray *paragraphs = g_hash_table_lookup (m->sections, section->id);

  /* "### 一、总体情况" right under "## 一、总体情况" repeats it. */
  if (section == m->current && (paragraphs == NULL || paragraphs->len == 0))
    return;
  if (loose)
    {
      g_autofree char *location = _nb_import_block_location (block);

      _nb_import_add_finding (m, NB_SEVERITY_WARNING, "HEADING-VARIANT", location,
                              by_following
                                ? g_strdup_printf (_("The heading “%s” was read as “%s”: the table after it is that section’s"),
                                                   text, section->heading)
                                : g_strdup_printf (_("The heading “%s” was read as “%s”"), text,
                                                   section->heading));
    }
  if (section != m->current && g_hash_table_contains (m->found, section->id))
    {
      g_autofree char *location = _nb_import_block_location (block);

      _nb_import_add_finding (m, NB_SEVERITY_WARNING, "SECTION-REPEATED", location,
                              g_strdup_printf (_("The heading “%s” appears a second time; the text after it was added to that section"),
                                               section->heading));
    }
  m->current = section;
  g_hash_table_add (m->found, (gpointer)section->id);
}

/* A paragraph before the first heading: the title, or text kept aside
 * until the end decides where it goes. */
static void
map_before_sections (NbImportMapper      *m,
                     DocumentWalk        *walk,
                     const NbImportBlock *block,
                     const char          *text)
{
  if (!walk->title_seen && _nb_import_read_title (m, text))
    {
      /* What comes before the title is the site around it
       * (navigation, breadcrumbs), not the report. */
      if (walk->preamble->len > 0)
        _nb_import_add_finding (m, NB_SEVERITY_WARNING, "TEXT-BEFORE-TITLE", NULL,
                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u paragraph before the title was not imported: “%s”",
                                                              "%u paragraphs before the title were not imported, the first: “%s”",
                                                              walk->preamble->len),
                                                 walk->preamble->len, walk->first_preamble));
      g_ptr_array_set_size (walk->preamble, 0);
      g_string_truncate (m->contact_text, 0);
      walk->title_seen = TRUE;
      return;
    }
  if (walk->first_preamble == NULL)
    walk->first_preamble = _nb_import_excerpt (text);
  g_ptr_array_add (walk->preamble, _nb_import_make_paragraph (block));
  g_string_append_printf (m->contact_text, "%s\n", text);
}

/* Paragraph @b of the report: a heading, text before the headings, text
 * in a table section (not imported, but a fee's decimals are read from
 * it), or text of the current section. */
static void
map_paragraph (NbImportMapper      *m,
               DocumentWalk        *walk,
               guint                b,
               const NbImportBlock *block)
{
  g_autofree char *text = g_strstrip (nb_paragraph_dup_text (block->paragraph));
  const NbEditionSection *section;
  gboolean loose = FALSE;
  gboolean by_following = FALSE;

  section = heading_section (m, walk, b, block, text, &loose, &by_following);
  if (section != NULL)
    {
      enter_section (m, block, text, section, loose, by_following);
      return;
    }
  if (m->current == NULL)
    {
      map_before_sections (m, walk, block, text);
      return;
    }
  if (m->current->table_id != NULL)
    {
      _nb_import_read_fee_decimals (m, text);
      if (walk->n_dropped++ == 0)
        {
          walk->first_dropped = _nb_import_excerpt (text);
          walk->first_dropped_at = _nb_import_block_location (block);
        }
      return;
    }
  g_ptr_array_add (_nb_import_section_paragraphs (m, m->current),
                   _nb_import_make_paragraph (block));
  g_string_append_printf (m->contact_text, "%s\n", text);
}

/* Text before the first heading goes to the start of the first text
 * section, so nothing the source said is lost. */
static void
place_preamble (NbImportMapper *m,
                DocumentWalk   *walk)
{
  const NbEditionSection *first = NULL;
  GPtrArray *paragraphs;
  guint n = walk->preamble->len;

  if (n == 0)
    return;
  for (guint i = 0; i < nb_edition_get_n_sections (m->edition) && first == NULL; i++)
    if (nb_edition_get_section (m->edition, i)->table_id == NULL)
      first = nb_edition_get_section (m->edition, i);
  if (first == NULL)
    return;

  paragraphs = _nb_import_section_paragraphs (m, first);
  for (guint i = walk->preamble->len; i > 0; i--)
    g_ptr_array_insert (paragraphs, 0, g_ptr_array_steal_index (walk->preamble, i - 1));
  _nb_import_add_finding (m, NB_SEVERITY_WARNING, "TEXT-BEFORE-SECTIONS", NULL,
                          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u paragraph before the first section heading was put at the start of “%s”",
                                                        "%u paragraphs before the first section heading were put at the start of “%s”",
                                                        n),
                                           n, first->heading));
}

static void
map_document (NbImportMapper *m,
              gboolean        title_seen)
{
  DocumentWalk walk = {
    .end = _nb_import_find_report_end (m),
    .title_seen = title_seen,
    .preamble = nb_paragraphs_new (),
  };

  for (guint b = 0; b < m->doc->blocks->len; b++)
    {
      NbImportBlock *block = g_ptr_array_index (m->doc->blocks, b);

      if (b >= walk.end)
        _nb_import_report_after_end (m, block, &walk.after);
      else if (block->kind == NB_IMPORT_BLOCK_TABLE)
        _nb_import_map_table (m, block);
      else
        map_paragraph (m, &walk, b, block);
    }

  _nb_import_after_end_finish (m, &walk.after);
  if (walk.n_dropped > 0)
    _nb_import_add_finding (m, NB_SEVERITY_WARNING, "TEXT-IN-TABLE-SECTION", walk.first_dropped_at,
                            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u paragraph in a table section was not imported (a table section holds only its table): “%s”",
                                                          "%u paragraphs in table sections were not imported (a table section holds only its table), the first: “%s”",
                                                          walk.n_dropped),
                                             walk.n_dropped, walk.first_dropped));
  place_preamble (m, &walk);
  _nb_import_read_contacts (m, m->contact_text->str);
  document_walk_clear (&walk);
}

static void
report_missing (NbImportMapper *m)
{
  for (guint i = 0; i < nb_edition_get_n_sections (m->edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (m->edition, i);
      GPtrArray *paragraphs = g_hash_table_lookup (m->sections, section->id);

      if (section->table_id != NULL)
        continue;
      if (!g_hash_table_contains (m->found, section->id) && (paragraphs == NULL || paragraphs->len == 0))
        _nb_import_add_finding (m, NB_SEVERITY_ERROR, "SECTION-MISSING", NULL,
                                g_strdup_printf (_("Section “%s” was not found; it is empty"), section->heading));
      else if (paragraphs == NULL || paragraphs->len == 0)
        _nb_import_add_finding (m, NB_SEVERITY_WARNING, "SECTION-EMPTY", NULL,
                                g_strdup_printf (_("Section “%s” has a heading but no text"), section->heading));
      if (paragraphs != NULL)
        nb_report_set_paragraphs (m->report, section->id, paragraphs);
    }

  for (guint t = 0; t < m->tables->len; t++)
    {
      NbImportTableInfo *info = g_ptr_array_index (m->tables, t);
      const char *heading = info->section ? info->section->heading : nb_edition_table_get_caption (info->table);
      guint n_missing = 0;
      g_autoptr(GString) missing = g_string_new (NULL);

      m->n_cells += nb_edition_table_get_n_cells (info->table);
      if (!info->found)
        {
          _nb_import_add_finding (m, NB_SEVERITY_ERROR, "TABLE-MISSING", NULL,
                                  g_strdup_printf (_("The table of “%s” was not found; it is empty"), heading));
          continue;
        }
      for (guint r = 0; r < info->rows->len; r++)
        if (info->sources[r] == NULL)
          {
            NbImportRowInfo *ri = g_ptr_array_index (info->rows, r);

            if (n_missing++ < 3)
              g_string_append_printf (missing, "%s“%s”", missing->len ? "、" : "",
                                      _nb_import_row_display_label (info, ri));
          }
      if (n_missing > 0)
        _nb_import_add_finding (m, NB_SEVERITY_ERROR, "ROW-MISSING", NULL,
                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u row of the table of “%s” was not found: %s",
                                                              "%u rows of the table of “%s” were not found: %s%s",
                                                              n_missing),
                                                 n_missing, heading, missing->str, n_missing > 3 ? "…" : ""));
    }
}

NbReport *
nb_import_map (NbImportDoc  *doc,
               GPtrArray    *findings,
               char        **summary,
               GError      **error)
{
  NbImportMapper m = { 0 };
  g_autofree char *reason = NULL;
  g_autoptr(NbReport) probe = NULL;
  g_autoptr(NbEdition) default_edition = NULL;
  gboolean title_seen = FALSE;
  int year = 0;
  guint n_sections = 0;

  if (doc->n_paragraphs == 0 && doc->n_tables == 0)
    {
      g_set_error_literal (error, NB_IMPORT_ERROR, NB_IMPORT_ERROR_NOT_A_REPORT,
                           _("The file contains no text or tables"));
      return NULL;
    }

  m.doc = doc;
  m.findings = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_import_finding_free);

  /* The year from the title first: it decides the edition when the
   * tables do not. */
  default_edition = nb_edition_lookup (nb_edition_default_id (), NULL);
  probe = nb_report_new (default_edition);
  m.report = probe;
  for (guint b = 0; b < doc->blocks->len && year == 0; b++)
    {
      NbImportBlock *block = g_ptr_array_index (doc->blocks, b);
      g_autofree char *text = NULL;

      if (block->kind != NB_IMPORT_BLOCK_PARAGRAPH)
        break;
      text = nb_paragraph_dup_text (block->paragraph);
      if (_nb_import_read_title (&m, text))
        year = nb_report_get_year (probe);
    }

  m.edition = _nb_import_detect_edition (&m, year, &reason);
  m.report = nb_report_new (m.edition);
  m.tables = g_ptr_array_new_with_free_func (_nb_import_table_info_free);
  for (guint t = 0; t < nb_edition_get_n_tables (m.edition); t++)
    g_ptr_array_add (m.tables, _nb_import_table_info_new (m.edition, nb_edition_get_table (m.edition, t)));
  m.locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m.sections = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify)g_ptr_array_unref);
  m.found = g_hash_table_new (g_str_hash, g_str_equal);
  m.contact_text = g_string_new (NULL);

  map_document (&m, title_seen);

  if (nb_report_get_year (m.report) == 0)
    _nb_import_add_finding (&m, NB_SEVERITY_ERROR, "META-YEAR", NULL,
                            g_strdup (_("No report year was found in the title (such as “2022年”); set it before publishing")));
  if (_nb_import_is_blank (nb_report_get_agency (m.report) ?: ""))
    _nb_import_add_finding (&m, NB_SEVERITY_ERROR, "META-AGENCY", NULL,
                            g_strdup (_("No agency name was found in the title; set it before publishing")));

  report_missing (&m);
  add_check_findings (&m);

  for (guint i = 0; i < nb_edition_get_n_sections (m.edition); i++)
    if (g_hash_table_contains (m.found, nb_edition_get_section (m.edition, i)->id))
      n_sections++;
  if (summary != NULL)
    *summary = g_strdup_printf (_("%s, year %d, agency “%s”; %u of %u section headings found; %u of %u table values read"),
                                reason, nb_report_get_year (m.report),
                                nb_report_get_agency (m.report) ?: "", n_sections,
                                nb_edition_get_n_sections (m.edition), m.n_values, m.n_cells);

  for (guint i = 0; i < m.findings->len; i++)
    g_ptr_array_add (findings, g_ptr_array_index (m.findings, i));
  g_ptr_array_set_free_func (m.findings, NULL);
  g_ptr_array_unref (m.findings);
  g_ptr_array_unref (m.tables);
  g_hash_table_unref (m.locations);
  g_hash_table_unref (m.sections);
  g_hash_table_unref (m.found);
  g_string_free (m.contact_text, TRUE);
  g_object_unref (m.edition);

  nb_report_forget_history (m.report);
  nb_report_set_modified (m.report, TRUE);
  return m.report;
}
