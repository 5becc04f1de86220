/* nb-merge.c: 汇总, the sum of many reports of one year, cell by cell
 *
 * Streams: a caller adds one report at a time and may free it at once; what
 * is kept is one running total per cell, plus the list of sources the
 * summary records anyway.  So merging a province's reports takes the memory
 * of one report and the summary, whatever their number.
 *
 * Every stated value is summed, totals included: when each source's totals
 * agree with their parts, so do the sums (the rules are linear), and the
 * summary passes the same table checks as its sources.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-merge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker.h"
#include "nb-file.h"
#include "nb-merge.h"

typedef struct
{
  gint64   *sums;
  gboolean *stated; /* some source states a value: the sum is no blank */
} TableSums;

struct _NbMerge
{
  GObject      parent_instance;

  gboolean     force;

  NbEdition   *edition;     /* of the first source; NULL before it */
  int          year;
  char        *first_name;
  TableSums   *tables;
  guint        n_tables;
  guint        fee_decimals;

  GHashTable  *agencies;    /* agency -> file name of its first report */
  GPtrArray   *sources;     /* "agency (file name)" */
  GPtrArray   *warnings;    /* what --force let through */
  guint        n_refused;
  gboolean     overflowed;
};

G_DEFINE_FINAL_TYPE (NbMerge, nb_merge, G_TYPE_OBJECT)
G_DEFINE_QUARK (nb-merge-error-quark, nb_merge_error)

enum {
  PROP_0,
  PROP_FORCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A refusal, or with --force for the forgivable kinds, a warning. */
G_GNUC_PRINTF (4, 5) static gboolean
refuse (NbMerge       *self,
        NbMergeError   code,
        GError       **error,
        const char    *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (self->force && (code == NB_MERGE_ERROR_DUPLICATE || code == NB_MERGE_ERROR_SOURCE))
    {
      g_ptr_array_add (self->warnings, g_steal_pointer (&message));
      return TRUE;
    }
  self->n_refused++;
  g_set_error_literal (error, NB_MERGE_ERROR, (int)code, message);
  return FALSE;
}

static void
start (NbMerge    *self,
       NbReport   *report,
       const char *name)
{
  self->edition = g_object_ref (nb_report_get_edition (report));
  self->year = nb_report_get_year (report);
  self->first_name = g_strdup (name);
  self->n_tables = nb_edition_get_n_tables (self->edition);
  self->tables = g_new0 (TableSums, self->n_tables);
  for (guint t = 0; t < self->n_tables; t++)
    {
      guint n = nb_edition_table_get_n_cells (nb_edition_get_table (self->edition, t));

      self->tables[t].sums = g_new0 (gint64, MAX (n, 1));
      self->tables[t].stated = g_new0 (gboolean, MAX (n, 1));
    }
}

static gboolean
add_values (NbMerge     *self,
            NbReport    *report,
            const char  *name,
            GError     **error)
{
  NbEdition *edition = nb_report_get_edition (report);

  for (guint t = 0; t < self->n_tables; t++)
    {
      const NbEditionTable *table = nb_edition_get_table (self->edition, t);
      /* The same edition id, but maybe another instance of it. */
      const NbEditionTable *source = edition == self->edition
                                       ? table
                                       : nb_edition_find_table (edition, nb_edition_table_get_id (table));
      TableSums *sums = &self->tables[t];

      g_assert (source != NULL
                && nb_edition_table_get_n_cells (source) == nb_edition_table_get_n_cells (table));
      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          gint64 value = 0;

          /* Blank and invalid cells add nothing; the checks reported them. */
          if (nb_report_get_cell (report, source, c, &value, NULL) != NB_CELL_VALUE)
            continue;
          if (__builtin_add_overflow (sums->sums[c], value, &sums->sums[c]))
            {
              g_autofree char *label = nb_edition_table_dup_cell_label (table, c);

              self->overflowed = TRUE;
              return refuse (self, NB_MERGE_ERROR_OVERFLOW, error,
                             _("%s: adding this report makes “%s” too large to count"), name,
                             label);
            }
          sums->stated[c] = TRUE;
        }
    }
  return TRUE;
}

static void
nb_merge_finalize (GObject *object)
{
  NbMerge *self = (NbMerge *)object;

  for (guint t = 0; t < self->n_tables; t++)
    {
      g_free (self->tables[t].sums);
      g_free (self->tables[t].stated);
    }
  g_free (self->tables);
  g_free (self->first_name);
  g_clear_object (&self->edition);
  g_clear_pointer (&self->agencies, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (nb_merge_parent_class)->finalize (object);
}

static void
nb_merge_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  NbMerge *self = NB_MERGE (object);

  switch (prop_id)
    {
    case PROP_FORCE:
      g_value_set_boolean (value, self->force);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_merge_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  NbMerge *self = NB_MERGE (object);

  switch (prop_id)
    {
    case PROP_FORCE:
      self->force = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_merge_class_init (NbMergeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nb_merge_finalize;
  object_class->get_property = nb_merge_get_property;
  object_class->set_property = nb_merge_set_property;

  /* Let duplicate agencies and sources with check errors through, as warnings. */
  properties[PROP_FORCE] =
    g_param_spec_boolean ("force", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nb_merge_init (NbMerge *self)
{
  self->agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sources = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
}

NbMerge *
nb_merge_new (gboolean force)
{
  return g_object_new (NB_TYPE_MERGE, "force", force, NULL);
}

gboolean
nb_merge_get_force (NbMerge *self)
{
  g_return_val_if_fail (NB_IS_MERGE (self), FALSE);
  return self->force;
}

/**
 * nb_merge_add:
 * @name: the file name, for messages and the list of sources
 *
 * Adds one report's values.  A report of another year or edition than the
 * first is refused; so are a second report of the same agency and a report
 * whose checks find errors, unless the merge was made with @force, which
 * records a warning instead.  A refused report adds nothing; the caller may
 * go on adding others to find every problem, but nb_merge_finish () then
 * refuses.
 *
 * Returns: FALSE with @error set if the report was refused
 */
gboolean
nb_merge_add (NbMerge     *self,
              NbReport    *report,
              const char  *name,
              GError     **error)
{
  NbEdition *edition;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *basename = NULL;
  const char *other;
  guint n_errors;

  g_return_val_if_fail (NB_IS_MERGE (self), FALSE);
  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  edition = nb_report_get_edition (report);
  if (self->edition == NULL)
    start (self, report, name);
  else if (nb_report_get_year (report) != self->year)
    return refuse (self, NB_MERGE_ERROR_MIXED, error,
                   _("%s is a report for %d, but %s is for %d: a summary adds up reports of one year"),
                   name, nb_report_get_year (report), self->first_name, self->year);
  else if (!g_str_equal (nb_edition_get_id (edition), nb_edition_get_id (self->edition)))
    return refuse (self, NB_MERGE_ERROR_MIXED, error,
                   _("%s uses the %s format edition, but %s uses %s: a summary adds up reports of one edition"),
                   name, nb_edition_get_id (edition), self->first_name,
                   nb_edition_get_id (self->edition));

  agency = g_strstrip (g_strdup (nb_report_get_agency (report) ?: ""));
  other = g_hash_table_lookup (self->agencies, agency);
  if (*agency != '\0' && other != NULL
      && !refuse (self, NB_MERGE_ERROR_DUPLICATE, error,
                  _("%s and %s are both reports of “%s”: it would be counted twice"), other, name,
                  agency))
    return FALSE;

  findings = nb_check_report (report, NULL);
  n_errors = nb_findings_count (findings, NB_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      NbFinding *first = NULL;

      for (guint i = 0; i < findings->len && first == NULL; i++)
        if (((NbFinding *)g_ptr_array_index (findings, i))->severity == NB_SEVERITY_ERROR)
          first = g_ptr_array_index (findings, i);
      if (!refuse (self, NB_MERGE_ERROR_SOURCE, error,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %u check error (%s: %s): a summary would carry it",
                                "%s has %u check errors (the first, %s: %s): a summary would carry them",
                                n_errors),
                   name, n_errors, first->rule_id, first->message))
        return FALSE;
    }

  if (!add_values (self, report, name, error))
    return FALSE;

  self->fee_decimals = MAX (self->fee_decimals, nb_report_get_fee_decimals (report));
  if (other == NULL)
    g_hash_table_insert (self->agencies, g_strdup (agency), g_strdup (name));
  basename = g_path_get_basename (name);
  g_ptr_array_add (self->sources, g_strdup_printf ("%s (%s)", agency, basename));
  return TRUE;
}

/* Load, add, free: the report does not outlive the call. */
gboolean
nb_merge_add_file (NbMerge     *self,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (NB_IS_MERGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  report = nb_file_load (path, &local_error);
  if (report == NULL)
    {
      self->n_refused++;
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                   local_error->message);
      return FALSE;
    }
  return nb_merge_add (self, report, path, error);
}

guint
nb_merge_get_n_sources (NbMerge *self)
{
  g_return_val_if_fail (NB_IS_MERGE (self), 0);
  return self->sources->len;
}

guint
nb_merge_get_n_refused (NbMerge *self)
{
  g_return_val_if_fail (NB_IS_MERGE (self), 0);
  return self->n_refused;
}

/**
 * nb_merge_get_warnings:
 *
 * Returns: (transfer none) (element-type utf8): what @force let through
 */
GPtrArray *
nb_merge_get_warnings (NbMerge *self)
{
  g_return_val_if_fail (NB_IS_MERGE (self), NULL);
  return self->warnings;
}

/**
 * nb_merge_finish:
 * @agency: (nullable): the summary's agency, such as the county government
 *
 * Returns: (transfer full): a new report with the summed values and the list
 *   of sources; its narrative sections are left to the author.  NULL if no
 *   report was added or any was refused.
 */
NbReport *
nb_merge_finish (NbMerge     *self,
                 const char  *agency,
                 GError     **error)
{
  g_autoptr(NbReport) summary = NULL;

  g_return_val_if_fail (NB_IS_MERGE (self), NULL);

  if (self->n_refused > 0 || self->overflowed)
    {
      g_set_error (error, NB_MERGE_ERROR, NB_MERGE_ERROR_REFUSED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u report was refused, so there is no summary",
                                "%u reports were refused, so there is no summary",
                                self->n_refused),
                   self->n_refused);
      return NULL;
    }
  if (self->sources->len == 0)
    {
      g_set_error_literal (error, NB_MERGE_ERROR, NB_MERGE_ERROR_NO_SOURCES,
                           _("There are no reports to add up"));
      return NULL;
    }

  summary = nb_report_new (self->edition);
  nb_report_set_year (summary, self->year);
  if (agency != NULL)
    nb_report_set_agency (summary, agency);
  nb_report_set_fee_decimals (summary, self->fee_decimals);
  for (guint t = 0; t < self->n_tables; t++)
    {
      const NbEditionTable *table = nb_edition_get_table (self->edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        if (self->tables[t].stated[c])
          nb_report_set_stated (summary, table, c, NB_CELL_VALUE, self->tables[t].sums[c], NULL);
    }
  g_ptr_array_add (self->sources, NULL);
  nb_report_set_sources (summary, (const char * const *)self->sources->pdata);
  g_ptr_array_remove_index (self->sources, self->sources->len - 1);
  nb_report_forget_history (summary);
  return g_steal_pointer (&summary);
}
