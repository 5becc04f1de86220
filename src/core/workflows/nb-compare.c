/* nb-compare.c: one agency's report against last year's, cell by cell
 *
 * Cells are matched by table id and "row/column" key, so a 2021-edition
 * report compares with a 2019-edition one wherever the cells exist in both.
 * The cross-year checks are the checker's, run against the given last
 * year's report; the rules themselves stay in the checker, and its X-REPEATED
 * finding (shared with import/next year) is the warning for a copied
 * section 五.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-compare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "nb-checker.h"
#include "nb-compare.h"
#include "nb-similarity.h"

/* The checker's rule for a section 五 that repeats last year's. */
#define REPEATED_RULE "X-REPEATED"

struct _NbCompare
{
  GObject      parent_instance;

  NbReport    *old_report;
  NbReport    *new_report;
  GArray      *rows;       /* NbCompareRow */
  GArray      *sections;   /* NbCompareSection */
  GPtrArray   *cross_year; /* NbFinding */
  GPtrArray   *notes;      /* char *: agency or year mismatches */
};

G_DEFINE_FINAL_TYPE (NbCompare, nb_compare, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OLD_REPORT,
  PROP_NEW_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
compare_cells (NbCompare *self)
{
  NbEdition *edition = nb_report_get_edition (self->new_report);
  NbEdition *old_edition = nb_report_get_edition (self->old_report);

  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);
      const NbEditionTable *old_table =
        nb_edition_find_table (old_edition, nb_edition_table_get_id (table));

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const NbEditionCell *cell = nb_edition_table_get_cell (table, c);
          NbCompareRow row = { table, c, NB_CELL_EMPTY, 0, NB_CELL_EMPTY, 0, FALSE, 0, 0.0, FALSE };
          int old_cell = old_table ? nb_edition_table_find_cell_by_key (old_table, cell->key) : -1;
          gint64 base, unit = cell->kind == NB_VALUE_MONEY ? NB_MONEY_SCALE : 1;

          row.new_state = nb_report_get_cell (self->new_report, table, c, &row.new_value, NULL);
          if (old_cell >= 0)
            row.old_state = nb_report_get_cell (self->old_report, old_table, (guint)old_cell,
                                                &row.old_value, NULL);
          if (row.old_state != NB_CELL_VALUE)
            row.old_value = 0;
          if (row.new_state != NB_CELL_VALUE)
            row.new_value = 0;

          if (row.old_state == NB_CELL_VALUE && row.new_state == NB_CELL_VALUE
              && !__builtin_sub_overflow (row.new_value, row.old_value, &row.change))
            {
              row.has_change = TRUE;
              /* Relative to last year, with one unit as the floor, so that
               * 0 → 5 counts as much as 1 → 6 and counts rank with money. */
              base = row.old_value == G_MININT64 ? G_MAXINT64 : ABS (row.old_value);
              row.score = fabs ((double)row.change) / (double)MAX (base, unit);
            }
          g_array_append_val (self->rows, row);
        }
    }
}

static int
compare_scores (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const NbCompareRow *rows = user_data;
  const NbCompareRow *ra = &rows[*(const guint *)a];
  const NbCompareRow *rb = &rows[*(const guint *)b];
  double abs_a = fabs ((double)ra->change), abs_b = fabs ((double)rb->change);

  if (ra->score != rb->score)
    return ra->score < rb->score ? 1 : -1;
  if (abs_a != abs_b)
    return abs_a < abs_b ? 1 : -1;
  return (int)*(const guint *)a - (int)*(const guint *)b;
}

static void
mark_largest (NbCompare *self)
{
  g_autofree guint *order = g_new (guint, MAX (self->rows->len, 1));
  NbCompareRow *rows = (NbCompareRow *)(gpointer)self->rows->data;
  guint n_marked = 0;

  for (guint i = 0; i < self->rows->len; i++)
    order[i] = i;
  g_qsort_with_data (order, (int)self->rows->len, sizeof (guint), compare_scores, rows);
  for (guint i = 0; i < self->rows->len && n_marked < NB_COMPARE_N_LARGEST; i++)
    if (rows[order[i]].has_change && rows[order[i]].change != 0)
      {
        rows[order[i]].largest = TRUE;
        n_marked++;
      }
}

/* The edition's cross-year rules say so; the checker's own ones (the year,
 * a repeated section) share the X- prefix of their ids. */
static gboolean
is_cross_year (NbEdition *edition,
               NbFinding *finding)
{
  if (g_str_has_prefix (finding->rule_id, "X-"))
    return TRUE;
  for (guint i = 0; i < nb_edition_get_n_rules (edition); i++)
    {
      const NbEditionRule *rule = nb_edition_get_rule (edition, i);

      if (rule->cross_year && g_str_equal (rule->id, finding->rule_id))
        return TRUE;
    }
  return FALSE;
}

static void
find_cross_year (NbCompare *self)
{
  g_autoptr(GPtrArray) findings = nb_check_report (self->new_report, self->old_report);
  NbEdition *edition = nb_report_get_edition (self->new_report);

  for (guint i = 0; i < findings->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (findings, i);

      if (is_cross_year (edition, finding))
        g_ptr_array_add (self->cross_year, nb_finding_ref (finding));
    }
}

static void
compare_sections (NbCompare *self)
{
  NbEdition *edition = nb_report_get_edition (self->new_report);
  NbEdition *old_edition = nb_report_get_edition (self->old_report);

  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      NbCompareSection result = { section->id, 0.0, FALSE };
      g_autofree char *new_text = NULL;
      g_autofree char *old_text = NULL;

      if (section->table_id != NULL || nb_edition_find_section (old_edition, section->id) == NULL)
        continue;
      new_text = nb_report_dup_section_text (self->new_report, section->id);
      old_text = nb_report_dup_section_text (self->old_report, section->id);
      result.similarity = nb_similarity_text (old_text, new_text);
      /* Two blank sections are alike, but nothing was copied. */
      result.copied = section->must_differ
                      && result.similarity >= NB_SIMILARITY_COPIED
                      && nb_report_count_section_chars (self->new_report, section->id) > 0;
      g_array_append_val (self->sections, result);
    }
}

static void
add_notes (NbCompare *self)
{
  const char *old_agency = nb_report_get_agency (self->old_report) ?: "";
  const char *new_agency = nb_report_get_agency (self->new_report) ?: "";
  int old_year = nb_report_get_year (self->old_report);
  int new_year = nb_report_get_year (self->new_report);
  g_autofree char *old_stripped = g_strstrip (g_strdup (old_agency));
  g_autofree char *new_stripped = g_strstrip (g_strdup (new_agency));

  if (*old_stripped != '\0' && !g_str_equal (old_stripped, new_stripped))
    g_ptr_array_add (self->notes,
                     g_strdup_printf (_("The reports are of different agencies: “%s” and “%s”"),
                                      old_agency, new_agency));
  if (old_year >= new_year)
    g_ptr_array_add (self->notes,
                     g_strdup_printf (_("The older report is for %d, the newer one for %d: they may be given in the wrong order"),
                                      old_year, new_year));
}

static void
nb_compare_constructed (GObject *object)
{
  NbCompare *self = (NbCompare *)object;

  G_OBJECT_CLASS (nb_compare_parent_class)->constructed (object);

  g_assert (self->old_report != NULL && self->new_report != NULL);
  compare_cells (self);
  mark_largest (self);
  find_cross_year (self);
  compare_sections (self);
  add_notes (self);
}

static void
nb_compare_finalize (GObject *object)
{
  NbCompare *self = (NbCompare *)object;

  g_clear_object (&self->old_report);
  g_clear_object (&self->new_report);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_pointer (&self->cross_year, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);

  G_OBJECT_CLASS (nb_compare_parent_class)->finalize (object);
}

static void
nb_compare_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NbCompare *self = NB_COMPARE (object);

  switch (prop_id)
    {
    case PROP_OLD_REPORT:
      g_value_set_object (value, self->old_report);
      break;
    case PROP_NEW_REPORT:
      g_value_set_object (value, self->new_report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_compare_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  NbCompare *self = NB_COMPARE (object);

  switch (prop_id)
    {
    case PROP_OLD_REPORT:
      self->old_report = g_value_dup_object (value);
      break;
    case PROP_NEW_REPORT:
      self->new_report = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_compare_class_init (NbCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nb_compare_constructed;
  object_class->finalize = nb_compare_finalize;
  object_class->get_property = nb_compare_get_property;
  object_class->set_property = nb_compare_set_property;

  properties[PROP_OLD_REPORT] =
    g_param_spec_object ("old-report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEW_REPORT] =
    g_param_spec_object ("new-report", NULL, NULL, NB_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nb_compare_init (NbCompare *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (NbCompareRow));
  self->sections = g_array_new (FALSE, FALSE, sizeof (NbCompareSection));
  self->cross_year = g_ptr_array_new_with_free_func ((GDestroyNotify)nb_finding_unref);
  self->notes = g_ptr_array_new_with_free_func (g_free);
}

/**
 * nb_compare_new:
 * @old_report: last year's report
 * @new_report: this year's
 *
 * Compares at once; the reports should not change while the result is used.
 */
NbCompare *
nb_compare_new (NbReport *old_report,
                NbReport *new_report)
{
  g_return_val_if_fail (NB_IS_REPORT (old_report), NULL);
  g_return_val_if_fail (NB_IS_REPORT (new_report), NULL);

  return g_object_new (NB_TYPE_COMPARE, "old-report", old_report, "new-report", new_report, NULL);
}

NbReport *
nb_compare_get_old (NbCompare *self)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), NULL);
  return self->old_report;
}

NbReport *
nb_compare_get_new (NbCompare *self)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), NULL);
  return self->new_report;
}

/* One row per value cell of the new report's edition, in table order. */
guint
nb_compare_get_n_rows (NbCompare *self)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), 0);
  return self->rows->len;
}

const NbCompareRow *
nb_compare_get_row (NbCompare *self,
                    guint      index)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return &g_array_index (self->rows, NbCompareRow, index);
}

guint
nb_compare_get_n_sections (NbCompare *self)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), 0);
  return self->sections->len;
}

const NbCompareSection *
nb_compare_get_section (NbCompare *self,
                        guint      index)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), NULL);
  g_return_val_if_fail (index < self->sections->len, NULL);
  return &g_array_index (self->sections, NbCompareSection, index);
}

/**
 * nb_compare_get_cross_year:
 *
 * Returns: (transfer none) (element-type NbFinding): the findings of the
 *   cross-year checks (carry-over, 现行有效件数, the year)
 */
GPtrArray *
nb_compare_get_cross_year (NbCompare *self)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), NULL);
  return self->cross_year;
}

/**
 * nb_compare_get_notes:
 *
 * Returns: (transfer none) (element-type utf8): doubts about the pairing
 */
GPtrArray *
nb_compare_get_notes (NbCompare *self)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), NULL);
  return self->notes;
}

/* The checker's warning for a section 五 that repeats last year's, or NULL. */
char *
nb_compare_dup_copied_warning (NbCompare *self)
{
  g_return_val_if_fail (NB_IS_COMPARE (self), NULL);

  for (guint i = 0; i < self->cross_year->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (self->cross_year, i);

      if (g_str_equal (finding->rule_id, REPEATED_RULE))
        return g_strdup (finding->message);
    }
  return NULL;
}

static char *
format_cell (NbReport             *report,
             const NbEditionTable *table,
             guint                 cell,
             NbCellState           state,
             gint64                value)
{
  if (state != NB_CELL_VALUE)
    return g_strdup ("-");
  return nb_number_format (value, nb_edition_table_get_cell (table, cell)->kind, -1);
}

static void
append_row (GString            *out,
            NbCompare          *self,
            const NbCompareRow *row)
{
  const NbEditionCell *cell = nb_edition_table_get_cell (row->table, row->cell);
  g_autofree char *old_text = format_cell (self->old_report, row->table, row->cell,
                                           row->old_state, row->old_value);
  g_autofree char *new_text = format_cell (self->new_report, row->table, row->cell,
                                           row->new_state, row->new_value);
  g_autofree char *change = NULL;
  g_autofree char *label = nb_edition_table_dup_cell_label (row->table, row->cell);
  g_autofree char *key = g_strdup_printf ("%s %s", nb_edition_table_get_id (row->table), cell->key);

  if (row->has_change && row->change != 0)
    {
      g_autofree char *magnitude = nb_number_format (row->change == G_MININT64 ? G_MAXINT64
                                                                                : ABS (row->change),
                                                     cell->kind == NB_VALUE_MONEY ? NB_VALUE_MONEY
                                                                                  : NB_VALUE_COUNT,
                                                     -1);

      change = g_strconcat (row->change > 0 ? "+" : "-", magnitude, NULL);
    }
  else
    change = g_strdup (row->has_change ? "0" : "");
  g_string_append_printf (out, "%s %-40s %14s %14s %14s  %s\n", row->largest ? "!" : " ", key,
                          old_text, new_text, change, label);
}

/**
 * nb_compare_to_text:
 *
 * The comparison as plain text, for `nianbao --compare`.
 */
char *
nb_compare_to_text (NbCompare  *self,
                    const char *old_name,
                    const char *new_name)
{
  GString *out = g_string_new (NULL);
  gboolean any_largest = FALSE;

  g_return_val_if_fail (NB_IS_COMPARE (self), NULL);

  g_string_append_printf (out, _("Last year: %s (%s, %d)\n"), old_name,
                          nb_report_get_agency (self->old_report) ?: "",
                          nb_report_get_year (self->old_report));
  g_string_append_printf (out, _("This year: %s (%s, %d)\n"), new_name,
                          nb_report_get_agency (self->new_report) ?: "",
                          nb_report_get_year (self->new_report));
  for (guint i = 0; i < self->notes->len; i++)
    g_string_append_printf (out, _("Note: %s\n"), (const char *)g_ptr_array_index (self->notes, i));

  g_string_append_printf (out, "\n%s\n", _("Largest changes:"));
  for (guint i = 0; i < self->rows->len; i++)
    {
      const NbCompareRow *row = &g_array_index (self->rows, NbCompareRow, i);

      if (row->largest)
        {
          append_row (out, self, row);
          any_largest = TRUE;
        }
    }
  if (!any_largest)
    g_string_append_printf (out, "  %s\n", _("No value changed (of those stated in both years)."));

  g_string_append_printf (out, "\n%s\n", _("Every value (last year, this year, change):"));
  for (guint i = 0; i < self->rows->len; i++)
    {
      const NbCompareRow *row = &g_array_index (self->rows, NbCompareRow, i);

      if (row->old_state != NB_CELL_EMPTY || row->new_state != NB_CELL_EMPTY)
        append_row (out, self, row);
    }

  g_string_append_printf (out, "\n%s\n", _("Cross-year checks:"));
  for (guint i = 0; i < self->cross_year->len; i++)
    {
      NbFinding *finding = g_ptr_array_index (self->cross_year, i);
      g_autofree char *location = nb_finding_dup_location (finding, self->new_report);

      g_string_append_printf (out, "  %s: [%s] %s: %s\n", nb_severity_to_string (finding->severity),
                              finding->rule_id, location, finding->message);
    }
  if (self->cross_year->len == 0)
    g_string_append_printf (out, "  %s\n", _("All pass."));

  g_string_append_printf (out, "\n%s\n", _("Text similarity with last year (0 to 1):"));
  for (guint i = 0; i < self->sections->len; i++)
    {
      const NbCompareSection *section = &g_array_index (self->sections, NbCompareSection, i);
      const NbEditionSection *info =
        nb_edition_find_section (nb_report_get_edition (self->new_report), section->section_id);

      g_string_append_printf (out, "  %-10s %.2f  %s%s\n", section->section_id, section->similarity,
                              info->heading, section->copied ? _("  (repeats last year’s)") : "");
    }
  return g_string_free (out, FALSE);
}
