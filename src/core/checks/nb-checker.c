/* nb-checker.c: the cross-checks (勾稽关系) and completeness checks
 *
 * The table rules come from the edition data; the rules here hold for every
 * edition (nothing left blank, the year fits the edition, …).
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-checker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker-private.h"
#include "nb-similarity.h"

/* The first year under the 2008 条例, and so the first annual report. */
#define FIRST_REPORT_YEAR 2008

typedef struct
{
  NbFinding finding;
  gatomicrefcount ref_count;
} FindingBox;

NbFinding *
nb_finding_ref (NbFinding *finding)
{
  g_atomic_ref_count_inc (&((FindingBox *)finding)->ref_count);
  return finding;
}

void
nb_finding_unref (NbFinding *finding)
{
  if (finding == NULL)
    return;
  if (g_atomic_ref_count_dec (&((FindingBox *)finding)->ref_count))
    {
      g_free (finding->table_id);
      g_free (finding->cells);
      g_free (finding->section_id);
      g_free (finding->message);
      g_free (finding->fix_text);
      g_free (finding->fix_label);
      g_free (finding);
    }
}

G_DEFINE_BOXED_TYPE (NbFinding, nb_finding, nb_finding_ref, nb_finding_unref)

const char *
nb_severity_to_string (NbSeverity severity)
{
  return severity == NB_SEVERITY_ERROR ? "error" : "warning";
}

static NbFinding *
finding_new (GPtrArray  *findings,
             NbSeverity  severity,
             const char *rule_id,
             char       *message)
{
  FindingBox *box = g_new0 (FindingBox, 1);

  g_atomic_ref_count_init (&box->ref_count);
  box->finding.severity = severity;
  box->finding.rule_id = rule_id;
  box->finding.cell = -1;
  box->finding.paragraph = -1;
  box->finding.message = message;
  g_ptr_array_add (findings, &box->finding);
  return &box->finding;
}

NbFinding *
nb_finding_append (GPtrArray  *findings,
                   NbSeverity  severity,
                   const char *rule_id,
                   char       *message)
{
  return finding_new (findings, severity, rule_id, message);
}

/* A place in a narrative section: characters [offset, offset + length) of
 * one paragraph, as the window selects them. */
void
nb_finding_set_place (NbFinding  *finding,
                      const char *section_id,
                      guint       paragraph,
                      guint       offset,
                      guint       length)
{
  g_free (finding->section_id);
  finding->section_id = g_strdup (section_id);
  finding->paragraph = (int)paragraph;
  finding->offset = offset;
  finding->length = length;
}

static void
finding_set_cell (NbFinding            *finding,
                  const NbEditionTable *table,
                  guint                 cell)
{
  finding->table_id = g_strdup (nb_edition_table_get_id (table));
  finding->cell = (int)cell;
  finding->cells = g_new (guint, 1);
  finding->cells[0] = cell;
  finding->n_cells = 1;
}

static char *
format_value (NbReport             *report,
              const NbEditionTable *table,
              guint                 cell,
              gint64                value)
{
  return nb_number_format (value, nb_edition_table_get_cell (table, cell)->kind,
                           (int)nb_report_get_cell_decimals (report, table, cell));
}

/* Blank cells, listed once per row or per column (whichever makes fewer
 * findings), not once per cell: a table of a hundred cells typed one by
 * one would otherwise bury every other finding.  Each finding points at
 * its first blank cell, so activating it goes there. */
static void
check_blanks (NbReport             *report,
              const NbEditionTable *table,
              const gboolean       *blank,
              GPtrArray            *findings)
{
  guint n = nb_edition_table_get_n_cells (table);
  guint n_rows = nb_edition_table_get_n_rows (table);
  guint n_columns = nb_edition_table_get_n_columns (table);
  g_autofree guint *per_row = g_new0 (guint, MAX (n_rows, 1));
  g_autofree guint *per_column = g_new0 (guint, MAX (n_columns, 1));
  guint rows_with_blanks = 0, columns_with_blanks = 0;
  gboolean by_column;

  for (guint c = 0; c < n; c++)
    if (blank[c])
      {
        const NbEditionCell *cell = nb_edition_table_get_cell (table, c);

        if (per_row[cell->row]++ == 0)
          rows_with_blanks++;
        if (per_column[cell->column]++ == 0)
          columns_with_blanks++;
      }
  by_column = columns_with_blanks < rows_with_blanks;

  for (guint g = 0; g < (by_column ? n_columns : n_rows); g++)
    {
      guint n_blank = by_column ? per_column[g] : per_row[g];
      g_autofree guint *cells = NULL;
      NbFinding *finding;
      guint k = 0;
      char *message;

      if (n_blank == 0)
        continue;
      cells = g_new (guint, n_blank);
      for (guint c = 0; c < n; c++)
        {
          const NbEditionCell *cell = nb_edition_table_get_cell (table, c);

          if (blank[c] && (by_column ? cell->column : cell->row) == g)
            cells[k++] = c;
        }
      g_assert (k == n_blank);

      if (n_blank == 1)
        {
          g_autofree char *label = nb_edition_table_dup_cell_label (table, cells[0]);

          message = g_strdup_printf (_("%s is blank: write 0 if there is nothing to report"), label);
        }
      else if (by_column)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Column “%s” has %u blank cell: write 0 where there is nothing to report",
                                                "Column “%s” has %u blank cells: write 0 where there is nothing to report",
                                                n_blank),
                                   nb_edition_table_get_column (table, g)->full_label, n_blank);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Row “%s” has %u blank cell: write 0 where there is nothing to report",
                                                "Row “%s” has %u blank cells: write 0 where there is nothing to report",
                                                n_blank),
                                   nb_edition_table_get_row (table, g)->full_label, n_blank);

      finding = finding_new (findings, NB_SEVERITY_WARNING, "CELL-EMPTY", message);
      finding->table_id = g_strdup (nb_edition_table_get_id (table));
      finding->cell = (int)cells[0];
      finding->n_cells = n_blank;
      finding->cells = g_steal_pointer (&cells);
      /* Blank is not 0, but 0 is what a blank almost always means. */
      nb_finding_set_fix (finding, 0, 0, "0",
                          g_strdup (g_dngettext (GETTEXT_PACKAGE, "Write 0", "Write 0 in Each", n_blank)));
    }
}

static void
check_cells (NbReport             *report,
             const NbEditionTable *table,
             GPtrArray            *findings)
{
  guint n = nb_edition_table_get_n_cells (table);
  g_autofree gboolean *blank = g_new0 (gboolean, MAX (n, 1));
  guint n_empty = 0, n_inputs = 0;

  for (guint c = 0; c < n; c++)
    if (!nb_edition_table_get_cell (table, c)->computed)
      {
        n_inputs++;
        if (nb_report_get_cell (report, table, c, NULL, NULL) == NB_CELL_EMPTY)
          {
            blank[c] = TRUE;
            n_empty++;
          }
      }

  /* One finding for a table nobody has started, rather than one per cell;
   * it still points at the first cell to type. */
  if (n_inputs > 0 && n_empty == n_inputs)
    {
      const NbEditionSection *section =
        nb_edition_find_section (nb_report_get_edition (report),
                                 nb_edition_table_get_section_id (table));
      NbFinding *finding =
        finding_new (findings, NB_SEVERITY_ERROR, "TABLE-EMPTY",
                     /* Translators: "Table 三 (收到和处理…情况) is not filled in yet…" */
                     g_strdup_printf (_("Table %s (%s) is not filled in yet: write 0 where there is nothing to report"),
                                      section ? section->number : nb_edition_table_get_id (table),
                                      section ? section->title : nb_edition_table_get_caption (table)));

      finding->table_id = g_strdup (nb_edition_table_get_id (table));
      finding->section_id = g_strdup (nb_edition_table_get_section_id (table));
      finding->cells = g_new (guint, n_inputs);
      for (guint c = 0; c < n; c++)
        if (blank[c])
          finding->cells[finding->n_cells++] = c;
      return;
    }
  if (n_empty > 0)
    check_blanks (report, table, blank, findings);

  for (guint c = 0; c < n; c++)
    {
      const NbEditionCell *cell = nb_edition_table_get_cell (table, c);
      const char *invalid = NULL;
      gint64 value = 0;
      g_autofree char *label = NULL;
      NbFinding *finding = NULL;

      switch (nb_report_get_cell (report, table, c, &value, &invalid))
        {
        case NB_CELL_EMPTY:
          break;

        case NB_CELL_INVALID:
          {
            g_autoptr(GError) error = NULL;
            gint64 ignored;

            label = nb_edition_table_dup_cell_label (table, c);
            nb_report_parse_cell_text (report, table, c, invalid, NULL, &ignored, &error);
            finding = finding_new (findings, NB_SEVERITY_ERROR, "CELL-INVALID",
                                   g_strdup_printf ("%s: %s", label,
                                                    error ? error->message : _("not a valid value")));
          }
          break;

        case NB_CELL_VALUE:
          if (value < 0 && cell->kind != NB_VALUE_SIGNED)
            {
              label = nb_edition_table_dup_cell_label (table, c);
              finding = finding_new (findings, NB_SEVERITY_ERROR, "CELL-NEGATIVE",
                                     g_strdup_printf (_("%s is negative; counts and amounts cannot be"),
                                                      label));
            }
          else if (cell->kind == NB_VALUE_MONEY
                   && nb_money_decimals_used (value) > nb_report_get_cell_decimals (report, table, c))
            {
              guint decimals = nb_report_get_cell_decimals (report, table, c);

              label = nb_edition_table_dup_cell_label (table, c);
              finding = finding_new (findings, NB_SEVERITY_WARNING, "FEE-PRECISION",
                                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%s has more decimals than the report’s precision of %u decimal",
                                                                   "%s has more decimals than the report’s precision of %u decimals",
                                                                   decimals),
                                                      label, decimals));
            }
          break;

        default:
          g_assert_not_reached ();
        }
      if (finding != NULL)
        finding_set_cell (finding, table, c);
    }
}

static gboolean
lookup_previous (NbReport   *previous,
                 const char *table_id,
                 const char *key,
                 gint64     *value)
{
  const NbEditionTable *table;
  int cell;

  if (previous == NULL)
    return FALSE;
  table = nb_edition_find_table (nb_report_get_edition (previous), table_id);
  if (table == NULL)
    return FALSE;
  cell = nb_edition_table_find_cell_by_key (table, key);
  if (cell < 0)
    return FALSE;
  return nb_report_get_cell (previous, table, (guint)cell, value, NULL) == NB_CELL_VALUE;
}

/* A count no agency plausibly reports: beyond it an extra digit or a key
 * held down is far likelier than a real number. */
#define IMPLAUSIBLE_COUNT G_GINT64_CONSTANT (10000000)
/* A count this many times the report's next largest, once it is large. */
#define OUTLIER_FACTOR 1000
#define OUTLIER_FLOOR  100000
/* A count this many times last year's, once it is more than a handful. */
#define GROWTH_FACTOR  10
#define GROWTH_FLOOR   100

/* The largest typed count of the report, and the second largest: what the
 * report's other cells make plausible. */
static void
largest_counts (NbReport *report,
                gint64    largest[2])
{
  NbEdition *edition = nb_report_get_edition (report);

  largest[0] = largest[1] = 0;
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const NbEditionCell *cell = nb_edition_table_get_cell (table, c);
          gint64 value;

          if (cell->computed || cell->kind != NB_VALUE_COUNT
              || nb_report_get_cell (report, table, c, &value, NULL) != NB_CELL_VALUE)
            continue;
          if (value > largest[0])
            {
              largest[1] = largest[0];
              largest[0] = value;
            }
          else if (value > largest[1])
            largest[1] = value;
        }
    }
}

/* Counts far outside what the rest of the report, or last year's, makes
 * plausible: a warning, since a slip of the keyboard would otherwise be
 * printed and published unnoticed. */
static void
check_plausibility (NbReport             *report,
                    NbReport             *previous,
                    const NbEditionTable *table,
                    const gint64          largest[2],
                    GPtrArray            *findings)
{
  for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
    {
      const NbEditionCell *cell = nb_edition_table_get_cell (table, c);
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;
      NbFinding *finding = NULL;
      gint64 value, other, last;

      if (cell->computed || cell->kind != NB_VALUE_COUNT
          || nb_report_get_cell (report, table, c, &value, NULL) != NB_CELL_VALUE)
        continue;
      /* The largest of the other cells: the second largest if this is the largest. */
      other = value == largest[0] ? largest[1] : largest[0];
      label = nb_edition_table_dup_cell_label (table, c);
      text = format_value (report, table, c, value);

      if (value > IMPLAUSIBLE_COUNT)
        finding = finding_new (findings, NB_SEVERITY_WARNING, "CELL-IMPLAUSIBLE",
                               g_strdup_printf (_("%s is %s: more than any agency plausibly counts; check for an extra digit"),
                                                label, text));
      else if (value >= OUTLIER_FLOOR && other > 0 && value / OUTLIER_FACTOR >= other)
        {
          g_autofree char *other_text = format_value (report, table, c, other);

          finding = finding_new (findings, NB_SEVERITY_WARNING, "CELL-IMPLAUSIBLE",
                                 g_strdup_printf (_("%s is %s, far more than any other number of the report (at most %s); check for an extra digit"),
                                                  label, text, other_text));
        }
      else if (value >= GROWTH_FLOOR
               && lookup_previous (previous, nb_edition_table_get_id (table), cell->key, &last)
               && last > 0 && value / GROWTH_FACTOR >= last)
        {
          g_autofree char *last_text = format_value (report, table, c, last);

          finding = finding_new (findings, NB_SEVERITY_WARNING, "X-GROWTH",
                                 g_strdup_printf (_("%s is %s, ten times or more last year’s %s; check for an extra digit"),
                                                  label, text, last_text));
        }
      if (finding != NULL)
        finding_set_cell (finding, table, c);
    }
}

static void
check_rules (NbReport             *report,
             NbReport             *previous,
             const NbEditionTable *table,
             GPtrArray            *findings)
{
  for (guint i = 0; i < nb_edition_table_get_n_instances (table); i++)
    {
      const NbRuleInstance *instance = nb_edition_table_get_instance (table, i);
      const NbEditionRule *rule = instance->rule;
      gint64 sides[2] = { 0, 0 };
      gboolean complete = TRUE;
      gboolean any_stated = FALSE;
      gboolean overflow = FALSE;
      g_autoptr(GArray) cells = NULL;
      NbFinding *finding;
      int primary = -1;
      g_autofree char *label = NULL;
      g_autofree char *left = NULL;
      g_autofree char *right = NULL;
      char *message;

      if (rule->cross_year && previous == NULL)
        continue;

      cells = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint t = 0; t < instance->n_terms; t++)
        {
          const NbRuleTerm *term = &instance->terms[t];
          gint64 value = 0, next;
          NbCellState state = NB_CELL_VALUE;

          if (term->previous)
            {
              if (!lookup_previous (previous, nb_edition_table_get_id (table), term->key, &value))
                complete = FALSE;
            }
          else
            {
              state = nb_report_get_cell (report, table, (guint)term->cell, &value, NULL);
              g_array_append_val (cells, term->cell);
              if (primary < 0)
                primary = term->cell;
              if (state == NB_CELL_INVALID)
                complete = FALSE; /* already reported as invalid */
              else if (state == NB_CELL_VALUE)
                any_stated = TRUE;
              else
                value = 0;
            }
          if (term->sign > 0 ? __builtin_add_overflow (sides[!term->lhs], value, &next)
                             : __builtin_sub_overflow (sides[!term->lhs], value, &next))
            overflow = TRUE;
          else
            sides[!term->lhs] = next;
        }

      /* Nothing written yet, or a part that is no number: nothing to compare. */
      if (!complete || !any_stated)
        continue;
      if (!overflow && sides[0] == sides[1])
        continue;

      g_assert (primary >= 0);
      if (instance->target >= 0)
        primary = instance->target;
      label = nb_edition_table_dup_cell_label (table, (guint)primary);
      left = overflow ? g_strdup ("∞") : format_value (report, table, (guint)primary, sides[0]);
      right = overflow ? g_strdup ("∞") : format_value (report, table, (guint)primary, sides[1]);

      if (rule->computes)
        {
          if (nb_report_get_cell (report, table, (guint)primary, NULL, NULL) == NB_CELL_EMPTY)
            message = g_strdup_printf (rule->derived
                                         ? _("%s is blank, but its parts add up to %s (derived rule)")
                                         : _("%s is blank, but its parts add up to %s"),
                                       label, right);
          else
            message = g_strdup_printf (rule->derived
                                         ? _("%s is %s, but its parts add up to %s (derived rule)")
                                         : _("%s is %s, but its parts add up to %s"),
                                       label, left, right);
        }
      else if (rule->cross_year)
        message = g_strdup_printf (_("%s is %s, but last year’s report gives %s (%s)"), label, left,
                                   right, rule->description ? rule->description : rule->id);
      else
        message = g_strdup_printf (rule->derived
                                     ? _("%s: the left side adds up to %s, the right side to %s (derived rule: %s)")
                                     : _("%s: the left side adds up to %s, the right side to %s (%s)"),
                                   label, left, right,
                                   rule->description ? rule->description : rule->id);

      finding = finding_new (findings, rule->severity, rule->id, message);
      finding->table_id = g_strdup (nb_edition_table_get_id (table));
      finding->cell = primary;
      finding->n_cells = cells->len;
      finding->cells = (guint *)g_array_free (g_steal_pointer (&cells), FALSE);
    }
}

/* Where the n-th character (from 0) of a section is, counting as
 * nb_report_count_section_chars() does: white space does not count. */
static gboolean
find_counted_char (GPtrArray *paragraphs,
                   guint      n,
                   guint     *paragraph,
                   guint     *offset)
{
  guint counted = 0;

  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    {
      g_autofree char *text = nb_paragraph_dup_text (g_ptr_array_index (paragraphs, i));
      guint k = 0;

      for (const char *p = text; *p; p = g_utf8_next_char (p), k++)
        {
          if (g_unichar_isspace (g_utf8_get_char (p)))
            continue;
          if (counted++ == n)
            {
              *paragraph = i;
              *offset = k;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static void
check_sections (NbReport  *report,
                GPtrArray *findings)
{
  NbEdition *edition = nb_report_get_edition (report);

  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      NbFinding *finding = NULL;
      guint n_chars;

      if (section->table_id != NULL)
        continue;
      n_chars = nb_report_count_section_chars (report, section->id);
      if (n_chars == 0)
        finding = finding_new (findings, NB_SEVERITY_ERROR, "SECTION-EMPTY",
                               g_strdup_printf (_("Section “%s” is empty; write “无” if there is nothing to report"),
                                                section->heading));
      else if (section->max_chars > 0 && n_chars > section->max_chars)
        {
          guint paragraph = 0, offset = 0;

          finding = finding_new (findings, NB_SEVERITY_WARNING, "SECTION-LENGTH",
                                 g_strdup_printf (_("Section “%s” has %u characters; the format asks for no more than %u"),
                                                  section->heading, n_chars, section->max_chars));
          /* The place: the first character past the guidance. */
          if (find_counted_char (nb_report_get_paragraphs (report, section->id),
                                 section->max_chars, &paragraph, &offset))
            {
              finding->paragraph = (int)paragraph;
              finding->offset = offset;
            }
        }
      if (finding != NULL)
        finding->section_id = g_strdup (section->id);
    }
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
meta_finding (GPtrArray  *findings,
              NbSeverity  severity,
              const char *rule_id,
              const char *field,
              char       *message)
{
  finding_new (findings, severity, rule_id, message)->field = field;
}

static void
check_metadata (NbReport    *report,
                NbReport    *previous,
                const GDate *today,
                GPtrArray   *findings)
{
  NbEdition *edition = nb_report_get_edition (report);
  int year = nb_report_get_year (report);
  const char *postcode = nb_report_get_postcode (report);

  if (is_blank (nb_report_get_agency (report)))
    meta_finding (findings, NB_SEVERITY_ERROR, "META-AGENCY", "agency",
                  g_strdup (_("The agency’s name is missing")));

  if (year == 0)
    meta_finding (findings, NB_SEVERITY_ERROR, "META-YEAR", "year",
                  g_strdup (_("The report year is missing")));
  else if (year < FIRST_REPORT_YEAR || year > g_date_get_year (today) + 1)
    meta_finding (findings, NB_SEVERITY_ERROR, "META-YEAR", "year",
                  g_strdup_printf (_("The report year %d is not plausible"), year));
  else if (nb_edition_get_last_year (edition) != 0 && year > nb_edition_get_last_year (edition))
    meta_finding (findings, NB_SEVERITY_ERROR, "EDITION-YEAR", "edition",
                  g_strdup_printf (_("A report for %d must use the %s format edition, not %s"), year,
                                   nb_edition_id_for_year (year), nb_edition_get_id (edition)));
  else if (year < nb_edition_get_first_year (edition))
    meta_finding (findings, NB_SEVERITY_WARNING, "EDITION-YEAR", "edition",
                  g_strdup_printf (_("The %s format edition applies from %d; a report for %d normally uses edition %s"),
                                   nb_edition_get_id (edition), nb_edition_get_first_year (edition),
                                   year, nb_edition_id_for_year (year)));

  if (is_blank (nb_report_get_address (report)) && is_blank (nb_report_get_phone (report)))
    meta_finding (findings, NB_SEVERITY_WARNING, "META-CONTACT", "address",
                  g_strdup (_("No contact address or phone number: the report should tell readers whom to contact")));

  if (!is_blank (postcode))
    {
      gboolean ok = strlen (postcode) == 6;

      for (const char *p = postcode; ok && *p; p++)
        ok = g_ascii_isdigit (*p);
      if (!ok)
        meta_finding (findings, NB_SEVERITY_WARNING, "META-POSTCODE", "postcode",
                      g_strdup_printf (_("The postcode “%s” is not six digits"), postcode));
    }

  if (previous != NULL && year != 0 && nb_report_get_year (previous) != year - 1)
    meta_finding (findings, NB_SEVERITY_WARNING, "X-YEAR", "year",
                  g_strdup_printf (_("Last year’s report is for %d, not %d"),
                                   nb_report_get_year (previous), year - 1));
}

/* The paragraph most plainly kept from last year: the first body paragraph
 * that reads as copied from one of last year's, else the most alike; -1 if
 * there is no body text.  (Headings come back every year.) */
static int
repeated_paragraph (GPtrArray *paragraphs,
                    GPtrArray *old_paragraphs)
{
  g_autoptr(GPtrArray) old_texts = g_ptr_array_new_with_free_func (g_free);
  double best_score = 0.0;
  int best = -1;

  for (guint j = 0; old_paragraphs != NULL && j < old_paragraphs->len; j++)
    g_ptr_array_add (old_texts, nb_paragraph_dup_text (g_ptr_array_index (old_paragraphs, j)));
  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    {
      const NbParagraph *paragraph = g_ptr_array_index (paragraphs, i);
      g_autofree char *text = NULL;

      if (paragraph->level != NB_PARAGRAPH_BODY)
        continue;
      text = nb_paragraph_dup_text (paragraph);
      if (is_blank (text))
        continue;
      if (best < 0)
        best = (int)i;
      for (guint j = 0; j < old_texts->len; j++)
        {
          double score = is_blank (g_ptr_array_index (old_texts, j))
                           ? 0.0
                           : nb_similarity_text (text, g_ptr_array_index (old_texts, j));

          if (score > best_score)
            {
              best_score = score;
              best = (int)i;
            }
        }
      if (best == (int)i && best_score >= NB_SIMILARITY_COPIED)
        break;
    }
  return best;
}

/* Section 五 must not repeat last year's (the format's guidance). */
static void
check_repetition (NbReport  *report,
                  NbReport  *previous,
                  GPtrArray *findings)
{
  NbEdition *edition = nb_report_get_edition (report);

  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      g_autofree char *text = NULL;
      g_autofree char *old_text = NULL;
      double similarity;
      NbFinding *finding;

      if (section->table_id != NULL || !section->must_differ
          || nb_edition_find_section (nb_report_get_edition (previous), section->id) == NULL)
        continue;
      text = nb_report_dup_section_text (report, section->id);
      old_text = nb_report_dup_section_text (previous, section->id);
      if (is_blank (text) || is_blank (old_text))
        continue;
      similarity = nb_similarity_text (text, old_text);
      if (similarity < NB_SIMILARITY_COPIED)
        continue;
      finding = finding_new (findings, NB_SEVERITY_WARNING, "X-REPEATED",
                             g_strdup_printf (_("Section “%s” is %d%% the same as last year’s; the format asks for this year’s problems and improvements, not a repeat"),
                                              section->heading, (int)(similarity * 100 + 0.5)));
      finding->section_id = g_strdup (section->id);
      /* The place: the repeated paragraph, whole. */
      {
        GPtrArray *paragraphs = nb_report_get_paragraphs (report, section->id);
        int repeated = repeated_paragraph (paragraphs,
                                           nb_report_get_paragraphs (previous, section->id));

        if (repeated >= 0)
          {
            g_autofree char *paragraph =
              nb_paragraph_dup_text (g_ptr_array_index (paragraphs, (guint)repeated));

            finding->paragraph = repeated;
            finding->length = (guint)g_utf8_strlen (paragraph, -1);
          }
      }
    }
}

/**
 * nb_check_report:
 * @report: the report to check
 * @previous: (nullable): last year's report, for the cross-year checks
 *
 * Returns: (transfer container): the findings, in document order
 */
GPtrArray *
nb_check_report (NbReport *report,
                 NbReport *previous)
{
  return nb_check_report_on (report, previous, NULL);
}

/**
 * nb_check_report_on:
 * @today: (nullable): the day the report is checked on, or NULL for today
 *
 * Like nb_check_report (), for a caller that checks many reports: it
 * reads the clock once.  Finding today's date asks GLib for the local
 * time zone, which 2.74 loads again from disk on every call, under a
 * process-wide lock.
 */
GPtrArray *
nb_check_report_on (NbReport    *report,
                    NbReport    *previous,
                    const GDate *today)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_finding_unref);
  NbEdition *edition;
  gint64 largest[2];
  GDate now;

  g_return_val_if_fail (NB_IS_REPORT (report), findings);
  g_return_val_if_fail (previous == NULL || NB_IS_REPORT (previous), findings);
  g_return_val_if_fail (today == NULL || g_date_valid (today), findings);

  if (today == NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_new_now_local ();

      g_date_clear (&now, 1);
      g_date_set_dmy (&now, (GDateDay)g_date_time_get_day_of_month (local),
                      (GDateMonth)g_date_time_get_month (local), (GDateYear)g_date_time_get_year (local));
      today = &now;
    }

  /* A report started from last year's carries it as its reference. */
  if (previous == NULL)
    previous = nb_report_get_reference (report);
  edition = nb_report_get_edition (report);
  largest_counts (report, largest);
  check_metadata (report, previous, today, findings);
  check_sections (report, findings);
  if (previous != NULL)
    check_repetition (report, previous, findings);
  nb_check_narrative (report, findings);
  nb_check_proofreading (report, findings);
  for (guint i = 0; i < nb_edition_get_n_tables (edition); i++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, i);

      check_cells (report, table, findings);
      check_plausibility (report, previous, table, largest, findings);
      check_rules (report, previous, table, findings);
    }
  return findings;
}

guint
nb_findings_count (GPtrArray  *findings,
                   NbSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (((NbFinding *)g_ptr_array_index (findings, i))->severity == severity)
      n++;
  return n;
}

/* "t3 new natural", "section overview p2:15-40", "meta agency -": where a
 * finding is, in the stable ids of the file format.  A place in a text is
 * its paragraph and characters, counted from 1. */
char *
nb_finding_dup_location (NbFinding *finding,
                         NbReport  *report)
{
  if (finding->section_id != NULL && finding->paragraph >= 0)
    {
      if (finding->length == 0)
        return g_strdup_printf ("section %s p%d:%u", finding->section_id, finding->paragraph + 1,
                                finding->offset + 1);
      return g_strdup_printf ("section %s p%d:%u-%u", finding->section_id,
                              finding->paragraph + 1, finding->offset + 1,
                              finding->offset + finding->length);
    }
  if (finding->table_id != NULL && finding->cell >= 0)
    {
      const NbEditionTable *table =
        nb_edition_find_table (nb_report_get_edition (report), finding->table_id);
      const NbEditionCell *cell = nb_edition_table_get_cell (table, (guint)finding->cell);

      return g_strdup_printf ("%s %s %s", finding->table_id,
                              nb_edition_table_get_row (table, cell->row)->id,
                              nb_edition_table_get_column (table, cell->column)->id);
    }
  if (finding->table_id != NULL)
    return g_strdup_printf ("%s - -", finding->table_id);
  if (finding->section_id != NULL)
    return g_strdup_printf ("section %s -", finding->section_id);
  return g_strdup_printf ("meta %s -", finding->field ? finding->field : "-");
}
