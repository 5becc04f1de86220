/* nb-report.c: one annual report: the object, its properties and metadata
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-report"

#include "config.h"

#include "nb-report-private.h"

G_DEFINE_FINAL_TYPE (NbReport, nb_report, G_TYPE_OBJECT)

GParamSpec *_nb_report_properties[N_PROPS];
guint _nb_report_signals[N_SIGNALS];

static void
nb_report_dispose (GObject *object)
{
  NbReport *self = (NbReport *)object;

  g_queue_clear_full (&self->undo, (GDestroyNotify)_nb_report_command_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify)_nb_report_command_free);
  g_clear_pointer (&self->open_command, _nb_report_command_free);

  G_OBJECT_CLASS (nb_report_parent_class)->dispose (object);
}

static void
nb_report_finalize (GObject *object)
{
  NbReport *self = (NbReport *)object;

  for (guint i = 0; i < self->n_tables; i++)
    {
      guint n = nb_edition_table_get_n_cells (self->tables[i].table);

      for (guint c = 0; c < n; c++)
        _nb_report_cell_data_clear (&self->tables[i].cells[c]);
      g_free (self->tables[i].cells);
    }
  g_free (self->tables);
  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->postcode, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->published, g_free);
  g_clear_pointer (&self->published_sha256, g_free);
  g_clear_pointer (&self->sources, g_strfreev);
  g_clear_object (&self->reference);
  g_clear_object (&self->edition);

  G_OBJECT_CLASS (nb_report_parent_class)->finalize (object);
}

static void
nb_report_constructed (GObject *object)
{
  NbReport *self = (NbReport *)object;

  G_OBJECT_CLASS (nb_report_parent_class)->constructed (object);

  g_assert (self->edition != NULL);
  self->n_tables = nb_edition_get_n_tables (self->edition);
  self->tables = g_new0 (TableValues, self->n_tables);
  for (guint i = 0; i < self->n_tables; i++)
    {
      self->tables[i].table = nb_edition_get_table (self->edition, i);
      self->tables[i].cells = g_new0 (CellData,
                                      MAX (1, nb_edition_table_get_n_cells (self->tables[i].table)));
    }
  for (guint i = 0; i < nb_edition_get_n_sections (self->edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (self->edition, i);

      if (section->table_id == NULL)
        g_hash_table_insert (self->sections, g_strdup (section->id), nb_paragraphs_new ());
    }
}

static void
nb_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  NbReport *self = NB_REPORT (object);

  switch (prop_id)
    {
    case PROP_EDITION:
      g_value_set_object (value, self->edition);
      break;
    case PROP_AGENCY:
      g_value_set_string (value, self->agency);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_POSTCODE:
      g_value_set_string (value, self->postcode);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_FEE_DECIMALS:
      g_value_set_uint (value, self->fee_decimals);
      break;
    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;
    case PROP_PUBLISHED_SHA256:
      g_value_set_string (value, self->published_sha256);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, nb_report_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, nb_report_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS_STRING (a))
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (G_VALUE_HOLDS_INT (a))
    return g_value_get_int (a) == g_value_get_int (b);
  if (G_VALUE_HOLDS_UINT (a))
    return g_value_get_uint (a) == g_value_get_uint (b);
  return FALSE;
}

/* Stores a metadata value without recording it. */
void
_nb_report_store_meta (NbReport     *self,
                       guint         prop_id,
                       const GValue *value)
{
  switch (prop_id)
    {
    case PROP_AGENCY:
      g_free (self->agency);
      self->agency = g_strdup (g_value_get_string (value));
      break;
    case PROP_YEAR:
      self->year = g_value_get_int (value);
      break;
    case PROP_ADDRESS:
      g_free (self->address);
      self->address = g_strdup (g_value_get_string (value));
      break;
    case PROP_POSTCODE:
      g_free (self->postcode);
      self->postcode = g_strdup (g_value_get_string (value));
      break;
    case PROP_PHONE:
      g_free (self->phone);
      self->phone = g_strdup (g_value_get_string (value));
      break;
    case PROP_FEE_DECIMALS:
      self->fee_decimals = MIN (g_value_get_uint (value), NB_MONEY_MAX_DECIMALS);
      break;
    case PROP_LEVEL:
      self->level = MIN (g_value_get_uint (value), NB_AGENCY_LEVEL_LAST);
      break;
    case PROP_PUBLISHED:
      g_free (self->published);
      self->published = g_strdup (g_value_get_string (value));
      break;
    case PROP_PUBLISHED_SHA256:
      g_free (self->published_sha256);
      self->published_sha256 = g_strdup (g_value_get_string (value));
      break;
    default:
      g_assert_not_reached ();
    }
  if (!self->quiet)
    g_object_notify_by_pspec (G_OBJECT (self), _nb_report_properties[prop_id]);
}

static void
nb_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  NbReport *self = NB_REPORT (object);

  switch (prop_id)
    {
    case PROP_EDITION:
      self->edition = g_value_dup_object (value);
      break;
    case PROP_AGENCY:
    case PROP_YEAR:
    case PROP_ADDRESS:
    case PROP_POSTCODE:
    case PROP_PHONE:
    case PROP_FEE_DECIMALS:
    case PROP_LEVEL:
    case PROP_PUBLISHED:
    case PROP_PUBLISHED_SHA256:
      {
        GValue current = G_VALUE_INIT;
        Change *change;

        g_value_init (&current, pspec->value_type);
        g_object_get_property (object, pspec->name, &current);
        if (values_equal (&current, value))
          {
            g_value_unset (&current);
            break;
          }
        change = g_new0 (Change, 1);
        change->kind = CHANGE_META;
        change->prop_id = prop_id;
        change->value_before = current;
        g_value_init (&change->value_after, pspec->value_type);
        g_value_copy (value, &change->value_after);
        _nb_report_begin_change (self);
        _nb_report_store_meta (self, prop_id, value);
        _nb_report_record (self, change);
        _nb_report_end_change (self);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_report_class_init (NbReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = nb_report_constructed;
  object_class->dispose = nb_report_dispose;
  object_class->finalize = nb_report_finalize;
  object_class->get_property = nb_report_get_property;
  object_class->set_property = nb_report_set_property;

  _nb_report_properties[PROP_EDITION] =
    g_param_spec_object ("edition", NULL, NULL, NB_TYPE_EDITION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_AGENCY] =
    g_param_spec_string ("agency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_POSTCODE] =
    g_param_spec_string ("postcode", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_FEE_DECIMALS] =
    g_param_spec_uint ("fee-decimals", NULL, NULL, 0, NB_MONEY_MAX_DECIMALS,
                       NB_FEE_DECIMALS_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_LEVEL] =
    g_param_spec_uint ("level", NULL, NULL, 0, NB_AGENCY_LEVEL_LAST, NB_AGENCY_LEVEL_UNKNOWN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_PUBLISHED] =
    g_param_spec_string ("published", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_PUBLISHED_SHA256] =
    g_param_spec_string ("published-sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _nb_report_properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, _nb_report_properties);

  /**
   * NbReport::cell-changed:
   * @table_id: the table's id
   * @cell: the value cell's index
   *
   * A value cell changed, by an edit, an undo or a computed total.
   */
  _nb_report_signals[CELL_CHANGED] =
    g_signal_new ("cell-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
  _nb_report_signals[SECTION_CHANGED] =
    g_signal_new ("section-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * NbReport::changed:
   *
   * Emitted once after every change to the report (each edit, undo, redo):
   * what the checks and autosave listen to.
   */
  _nb_report_signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
nb_report_init (NbReport *self)
{
  self->fee_decimals = NB_FEE_DECIMALS_DEFAULT;
  self->sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify)g_ptr_array_unref);
}

NbReport *
nb_report_new (NbEdition *edition)
{
  g_return_val_if_fail (NB_IS_EDITION (edition), NULL);

  return g_object_new (NB_TYPE_REPORT, "edition", edition, NULL);
}

NbEdition *
nb_report_get_edition (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->edition;
}

#define DEFINE_STRING_PROPERTY(name, NAME)                                       \
  const char *nb_report_get_##name (NbReport *self)                             \
  {                                                                             \
    g_return_val_if_fail (NB_IS_REPORT (self), NULL);                           \
    return self->name;                                                          \
  }                                                                             \
  void nb_report_set_##name (NbReport *self, const char *value)                 \
  {                                                                             \
    g_return_if_fail (NB_IS_REPORT (self));                                     \
    g_object_set (self, #name, value, NULL);                                    \
  }

DEFINE_STRING_PROPERTY (agency, AGENCY)
DEFINE_STRING_PROPERTY (address, ADDRESS)
DEFINE_STRING_PROPERTY (postcode, POSTCODE)
DEFINE_STRING_PROPERTY (phone, PHONE)
DEFINE_STRING_PROPERTY (published, PUBLISHED)
DEFINE_STRING_PROPERTY (published_sha256, PUBLISHED_SHA256)

NbAgencyLevel
nb_report_get_level (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NB_AGENCY_LEVEL_UNKNOWN);
  return self->level;
}

void
nb_report_set_level (NbReport      *self,
                     NbAgencyLevel  level)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_object_set (self, "level", (guint)MIN (level, NB_AGENCY_LEVEL_LAST), NULL);
}

static const char * const level_ids[] = {
  [NB_AGENCY_LEVEL_UNKNOWN] = "",
  [NB_AGENCY_LEVEL_DEPARTMENT] = "department",
  [NB_AGENCY_LEVEL_GOVERNMENT] = "government",
};

G_STATIC_ASSERT (G_N_ELEMENTS (level_ids) == NB_AGENCY_LEVEL_LAST + 1);

const char *
nb_agency_level_to_string (NbAgencyLevel level)
{
  return level <= NB_AGENCY_LEVEL_LAST ? level_ids[level] : "";
}

gboolean
nb_agency_level_from_string (const char    *text,
                             NbAgencyLevel *level)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (level_ids); i++)
    if (g_str_equal (text, level_ids[i]))
      {
        *level = (NbAgencyLevel)i;
        return TRUE;
      }
  return FALSE;
}

gboolean
nb_report_get_due_date (NbReport *self,
                        int      *year,
                        int      *month,
                        int      *day)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);

  if (self->year <= 0 || self->year >= 9999 || self->level == NB_AGENCY_LEVEL_UNKNOWN)
    return FALSE;
  /* 条例 第四十九条: departments publish by 31 January, the 主管部门 of a
   * government at county level or above that government's report by
   * 31 March, of the year after the one reported on. */
  *year = self->year + 1;
  *month = self->level == NB_AGENCY_LEVEL_DEPARTMENT ? 1 : 3;
  *day = 31;
  return TRUE;
}

int
nb_report_get_year (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), 0);
  return self->year;
}

void
nb_report_set_year (NbReport *self,
                    int       year)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_object_set (self, "year", CLAMP (year, 0, 9999), NULL);
}

guint
nb_report_get_fee_decimals (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NB_FEE_DECIMALS_DEFAULT);
  return self->fee_decimals;
}

void
nb_report_set_fee_decimals (NbReport *self,
                            guint     decimals)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_object_set (self, "fee-decimals", MIN (decimals, NB_MONEY_MAX_DECIMALS), NULL);
}

/**
 * nb_report_get_sources:
 *
 * The reports a summary (汇总) was added up from, as "agency (file name)";
 * NULL for a report written by hand.
 */
const char * const *
nb_report_get_sources (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return (const char * const *)self->sources;
}

/* Provenance, not content: it is set once by the merge, so it is not undoable. */
void
nb_report_set_sources (NbReport           *self,
                       const char * const *sources)
{
  g_return_if_fail (NB_IS_REPORT (self));

  g_clear_pointer (&self->sources, g_strfreev);
  if (sources != NULL && sources[0] != NULL)
    self->sources = g_strdupv ((char **)sources);
}

/**
 * nb_report_get_reference:
 *
 * Last year's report as it was when this one was started from it (see
 * nb-next-year.c): the cross-year checks use it when no previous report is
 * given, and its text can be shown alongside.  NULL for most reports.
 */
NbReport *
nb_report_get_reference (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return self->reference;
}

/* Like sources, set once when the report is created: not undoable. */
void
nb_report_set_reference (NbReport *self,
                         NbReport *reference)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (reference == NULL || (NB_IS_REPORT (reference) && reference != self));

  g_set_object (&self->reference, reference);
}

/* "XX局2022年政府信息公开工作年度报告": the edition has the pattern. */
char *
nb_report_dup_title (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);

  return nb_edition_dup_report_title (self->edition, self->agency, self->year);
}
