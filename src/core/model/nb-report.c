/* nb-report.c: one annual report: metadata, narrative sections, table values
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-report.h"

/* Paragraphs */

static void
run_free (gpointer data)
{
  NbRun *run = data;

  g_free (run->text);
  g_free (run);
}

NbParagraph *
nb_paragraph_new (NbParagraphLevel level)
{
  NbParagraph *paragraph = g_new0 (NbParagraph, 1);

  paragraph->level = level;
  paragraph->runs = g_ptr_array_new_with_free_func (run_free);
  return paragraph;
}

NbParagraph *
nb_paragraph_new_text (NbParagraphLevel  level,
                       const char       *text)
{
  NbParagraph *paragraph = nb_paragraph_new (level);

  if (text != NULL && *text != '\0')
    nb_paragraph_add_run (paragraph, text, FALSE);
  return paragraph;
}

void
nb_paragraph_add_run (NbParagraph *paragraph,
                      const char  *text,
                      gboolean     bold)
{
  NbRun *run;

  g_return_if_fail (paragraph != NULL);

  if (text == NULL || *text == '\0')
    return;
  /* Adjacent runs of the same weight are one run. */
  if (paragraph->runs->len > 0)
    {
      NbRun *last = g_ptr_array_index (paragraph->runs, paragraph->runs->len - 1);

      if (last->bold == !!bold)
        {
          char *joined = g_strconcat (last->text, text, NULL);

          g_free (last->text);
          last->text = joined;
          return;
        }
    }
  run = g_new0 (NbRun, 1);
  run->text = g_strdup (text);
  run->bold = !!bold;
  g_ptr_array_add (paragraph->runs, run);
}

NbParagraph *
nb_paragraph_copy (const NbParagraph *paragraph)
{
  NbParagraph *copy;

  g_return_val_if_fail (paragraph != NULL, NULL);

  copy = nb_paragraph_new (paragraph->level);
  for (guint i = 0; i < paragraph->runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (paragraph->runs, i);

      nb_paragraph_add_run (copy, run->text, run->bold);
    }
  return copy;
}

void
nb_paragraph_free (NbParagraph *paragraph)
{
  if (paragraph == NULL)
    return;
  g_ptr_array_unref (paragraph->runs);
  g_free (paragraph);
}

G_DEFINE_BOXED_TYPE (NbParagraph, nb_paragraph, nb_paragraph_copy, nb_paragraph_free)

char *
nb_paragraph_dup_text (const NbParagraph *paragraph)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < paragraph->runs->len; i++)
    g_string_append (text, ((NbRun *)g_ptr_array_index (paragraph->runs, i))->text);
  return g_string_free (text, FALSE);
}

/* The runs with neighbours of the same weight joined and empty runs
 * dropped, so no exporter writes "**a****b**" or an empty <strong>. */
GPtrArray *
nb_paragraph_dup_merged_runs (const NbParagraph *paragraph)
{
  GPtrArray *runs = g_ptr_array_new_with_free_func (run_free);
  GString *text = NULL;
  gboolean bold = FALSE;

  for (guint i = 0; paragraph->runs != NULL && i < paragraph->runs->len; i++)
    {
      const NbRun *run = g_ptr_array_index (paragraph->runs, i);

      if (run->text == NULL || run->text[0] == '\0')
        continue;
      if (text != NULL && run->bold != bold)
        {
          NbRun *merged = g_new0 (NbRun, 1);

          merged->bold = bold;
          merged->text = g_string_free (text, FALSE);
          g_ptr_array_add (runs, merged);
          text = NULL;
        }
      if (text == NULL)
        {
          text = g_string_new (NULL);
          bold = run->bold;
        }
      g_string_append (text, run->text);
    }
  if (text != NULL)
    {
      NbRun *merged = g_new0 (NbRun, 1);

      merged->bold = bold;
      merged->text = g_string_free (text, FALSE);
      g_ptr_array_add (runs, merged);
    }
  return runs;
}

gboolean
nb_paragraph_equal (const NbParagraph *a,
                    const NbParagraph *b)
{
  if (a->level != b->level || a->runs->len != b->runs->len)
    return FALSE;
  for (guint i = 0; i < a->runs->len; i++)
    {
      const NbRun *ra = g_ptr_array_index (a->runs, i);
      const NbRun *rb = g_ptr_array_index (b->runs, i);

      if (ra->bold != rb->bold || g_strcmp0 (ra->text, rb->text) != 0)
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
nb_paragraphs_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)nb_paragraph_free);
}

GPtrArray *
nb_paragraphs_copy (GPtrArray *paragraphs)
{
  GPtrArray *copy = nb_paragraphs_new ();

  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    g_ptr_array_add (copy, nb_paragraph_copy (g_ptr_array_index (paragraphs, i)));
  return copy;
}

/* Plain text: one body paragraph per non-empty line. */
GPtrArray *
nb_paragraphs_from_text (const char *text)
{
  GPtrArray *paragraphs = nb_paragraphs_new ();
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] != '\0')
        g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, lines[i]));
    }
  return paragraphs;
}

static gboolean
paragraphs_equal (GPtrArray *a,
                  GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!nb_paragraph_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* The report */

typedef struct
{
  NbCellState  state;
  gint64       value;
  char        *invalid;
} CellData;

typedef struct
{
  const NbEditionTable *table;
  CellData             *cells;
} TableValues;

typedef enum
{
  CHANGE_CELL,
  CHANGE_PARAGRAPHS,
  CHANGE_META,
} ChangeKind;

typedef struct
{
  ChangeKind            kind;
  const NbEditionTable *table;
  guint                 cell;
  CellData              before;
  CellData              after;
  char                 *section_id;
  GPtrArray            *paragraphs_before;
  GPtrArray            *paragraphs_after;
  guint                 prop_id;
  GValue                value_before;
  GValue                value_after;
} Change;

typedef struct
{
  GPtrArray *changes;
  gint64     time;
  gboolean   closed;
} Command;

struct _NbReport
{
  GObject      parent_instance;

  NbEdition   *edition;
  char        *agency;
  int          year;
  char        *address;
  char        *postcode;
  char        *phone;
  NbAgencyLevel level;
  char        *published;
  char        *published_sha256;
  guint        fee_decimals;
  char       **sources;   /* a summary's source reports, or NULL */
  NbReport    *reference; /* last year's report, for the cross-year checks, or NULL */

  GHashTable  *sections;  /* id -> GPtrArray of NbParagraph */
  TableValues *tables;
  guint        n_tables;

  GQueue       undo;      /* Command, newest first */
  GQueue       redo;
  Command     *open_command;
  guint        user_action_depth;
  gboolean     replaying;
  gboolean     history_disabled;
  gboolean     quiet;     /* a loader builds it: no one can be listening */
  guint        change_depth;

  guint64      revision;
  guint        modified : 1;
};

G_DEFINE_FINAL_TYPE (NbReport, nb_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EDITION,
  PROP_AGENCY,
  PROP_YEAR,
  PROP_ADDRESS,
  PROP_POSTCODE,
  PROP_PHONE,
  PROP_FEE_DECIMALS,
  PROP_LEVEL,
  PROP_PUBLISHED,
  PROP_PUBLISHED_SHA256,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CELL_CHANGED,
  SECTION_CHANGED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define UNDO_LIMIT        1000
#define COALESCE_USEC     (1500 * G_TIME_SPAN_MILLISECOND)

static void
cell_data_clear (CellData *data)
{
  g_clear_pointer (&data->invalid, g_free);
}

static void
cell_data_copy (CellData       *dest,
                const CellData *src)
{
  dest->state = src->state;
  dest->value = src->value;
  dest->invalid = g_strdup (src->invalid);
}

static gboolean
cell_data_equal (const CellData *a,
                 const CellData *b)
{
  if (a->state != b->state)
    return FALSE;
  if (a->state == NB_CELL_VALUE)
    return a->value == b->value;
  if (a->state == NB_CELL_INVALID)
    return g_strcmp0 (a->invalid, b->invalid) == 0;
  return TRUE;
}

static void
change_free (Change *change)
{
  cell_data_clear (&change->before);
  cell_data_clear (&change->after);
  g_free (change->section_id);
  g_clear_pointer (&change->paragraphs_before, g_ptr_array_unref);
  g_clear_pointer (&change->paragraphs_after, g_ptr_array_unref);
  if (G_IS_VALUE (&change->value_before))
    g_value_unset (&change->value_before);
  if (G_IS_VALUE (&change->value_after))
    g_value_unset (&change->value_after);
  g_free (change);
}

static Command *
command_new (void)
{
  Command *command = g_new0 (Command, 1);

  command->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)change_free);
  command->time = g_get_monotonic_time ();
  return command;
}

static void
command_free (Command *command)
{
  g_ptr_array_unref (command->changes);
  g_free (command);
}

static TableValues *
find_values (NbReport             *self,
             const NbEditionTable *table)
{
  for (guint i = 0; i < self->n_tables; i++)
    if (self->tables[i].table == table)
      return &self->tables[i];
  g_critical ("Table %s does not belong to this report's edition",
              table ? nb_edition_table_get_id (table) : "(null)");
  return NULL;
}

static void
notify_undo_state (NbReport *self)
{
  if (self->quiet)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Every change goes through here: it is applied, recorded for undo, and
 * announced. */
static void
begin_change (NbReport *self)
{
  self->change_depth++;
}

static void
end_change (NbReport *self)
{
  g_assert (self->change_depth > 0);
  if (--self->change_depth == 0)
    {
      self->revision++;
      if (!self->modified)
        {
          self->modified = TRUE;
          if (!self->quiet)
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
        }
      if (!self->quiet)
        g_signal_emit (self, signals[CHANGED], 0);
    }
}

static void
record (NbReport *self,
        Change   *change)
{
  Command *command;

  if (self->replaying)
    {
      change_free (change);
      return;
    }

  if (self->open_command != NULL)
    command = self->open_command;
  else
    {
      Command *last = g_queue_peek_head (&self->undo);

      /* Typing in a section coalesces into one step until a pause. */
      if (change->kind == CHANGE_PARAGRAPHS && last != NULL && last->changes->len == 1
          && !last->closed && self->redo.length == 0)
        {
          Change *previous = g_ptr_array_index (last->changes, 0);

          if (previous->kind == CHANGE_PARAGRAPHS
              && g_strcmp0 (previous->section_id, change->section_id) == 0
              && g_get_monotonic_time () - last->time < COALESCE_USEC)
            {
              g_clear_pointer (&previous->paragraphs_after, g_ptr_array_unref);
              previous->paragraphs_after = g_steal_pointer (&change->paragraphs_after);
              last->time = g_get_monotonic_time ();
              change_free (change);
              return;
            }
        }
      command = command_new ();
      g_queue_push_head (&self->undo, command);
      while (self->undo.length > UNDO_LIMIT)
        command_free (g_queue_pop_tail (&self->undo));
    }
  g_ptr_array_add (command->changes, change);

  if (self->redo.length > 0)
    {
      g_queue_clear_full (&self->redo, (GDestroyNotify)command_free);
    }
  if (self->open_command == NULL)
    notify_undo_state (self);
}

static void
apply_cell (NbReport             *self,
            const NbEditionTable *table,
            guint                 cell,
            const CellData       *data)
{
  TableValues *values = find_values (self, table);

  cell_data_clear (&values->cells[cell]);
  cell_data_copy (&values->cells[cell], data);
  if (!self->quiet)
    g_signal_emit (self, signals[CELL_CHANGED], 0, nb_edition_table_get_id (table), cell);
}

static void
change_cell (NbReport             *self,
             const NbEditionTable *table,
             guint                 cell,
             const CellData       *data)
{
  TableValues *values = find_values (self, table);
  Change *change;

  if (cell_data_equal (&values->cells[cell], data))
    return;
  if (self->history_disabled)
    {
      begin_change (self);
      apply_cell (self, table, cell, data);
      end_change (self);
      return;
    }
  change = g_new0 (Change, 1);
  change->kind = CHANGE_CELL;
  change->table = table;
  change->cell = cell;
  cell_data_copy (&change->before, &values->cells[cell]);
  cell_data_copy (&change->after, data);
  begin_change (self);
  apply_cell (self, table, cell, data);
  record (self, change);
  end_change (self);
}

static void
nb_report_dispose (GObject *object)
{
  NbReport *self = (NbReport *)object;

  g_queue_clear_full (&self->undo, (GDestroyNotify)command_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify)command_free);
  g_clear_pointer (&self->open_command, command_free);

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
        cell_data_clear (&self->tables[i].cells[c]);
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
static void
store_meta (NbReport     *self,
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
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
        begin_change (self);
        store_meta (self, prop_id, value);
        record (self, change);
        end_change (self);
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

  properties[PROP_EDITION] =
    g_param_spec_object ("edition", NULL, NULL, NB_TYPE_EDITION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENCY] =
    g_param_spec_string ("agency", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSTCODE] =
    g_param_spec_string ("postcode", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FEE_DECIMALS] =
    g_param_spec_uint ("fee-decimals", NULL, NULL, 0, NB_MONEY_MAX_DECIMALS,
                       NB_FEE_DECIMALS_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_uint ("level", NULL, NULL, 0, NB_AGENCY_LEVEL_LAST, NB_AGENCY_LEVEL_UNKNOWN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLISHED] =
    g_param_spec_string ("published", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLISHED_SHA256] =
    g_param_spec_string ("published-sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NbReport::cell-changed:
   * @table_id: the table's id
   * @cell: the value cell's index
   *
   * A value cell changed, by an edit, an undo or a computed total.
   */
  signals[CELL_CHANGED] =
    g_signal_new ("cell-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
  signals[SECTION_CHANGED] =
    g_signal_new ("section-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * NbReport::changed:
   *
   * Emitted once after every change to the report (each edit, undo, redo):
   * what the checks and autosave listen to.
   */
  signals[CHANGED] =
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

/* Sections */

GPtrArray *
nb_report_get_paragraphs (NbReport   *self,
                          const char *section_id)
{
  g_return_val_if_fail (NB_IS_REPORT (self), NULL);
  return g_hash_table_lookup (self->sections, section_id);
}

static void
store_paragraphs (NbReport   *self,
                  const char *section_id,
                  GPtrArray  *paragraphs)
{
  g_hash_table_replace (self->sections, g_strdup (section_id), nb_paragraphs_copy (paragraphs));
  if (!self->quiet)
    g_signal_emit (self, signals[SECTION_CHANGED], 0, section_id);
}

void
nb_report_set_paragraphs (NbReport   *self,
                          const char *section_id,
                          GPtrArray  *paragraphs)
{
  GPtrArray *current;
  Change *change;

  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (paragraphs != NULL);

  current = g_hash_table_lookup (self->sections, section_id);
  if (current == NULL)
    {
      g_critical ("Section “%s” is not a narrative section of edition %s", section_id,
                  nb_edition_get_id (self->edition));
      return;
    }
  if (paragraphs_equal (current, paragraphs))
    return;

  change = g_new0 (Change, 1);
  change->kind = CHANGE_PARAGRAPHS;
  change->section_id = g_strdup (section_id);
  change->paragraphs_before = g_ptr_array_ref (current);
  change->paragraphs_after = nb_paragraphs_copy (paragraphs);
  begin_change (self);
  store_paragraphs (self, section_id, paragraphs);
  record (self, change);
  end_change (self);
}

char *
nb_report_dup_section_text (NbReport   *self,
                            const char *section_id)
{
  GPtrArray *paragraphs = nb_report_get_paragraphs (self, section_id);
  GString *text = g_string_new (NULL);

  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    {
      g_autofree char *line = nb_paragraph_dup_text (g_ptr_array_index (paragraphs, i));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return g_string_free (text, FALSE);
}

/* Characters as an office counts them ("字数"): no white space. */
guint
nb_report_count_section_chars (NbReport   *self,
                               const char *section_id)
{
  g_autofree char *text = nb_report_dup_section_text (self, section_id);
  guint n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      n++;
  return n;
}

/* Values */

NbCellState
nb_report_get_cell (NbReport             *self,
                    const NbEditionTable *table,
                    guint                 cell,
                    gint64               *value,
                    const char          **invalid_text)
{
  TableValues *values;

  g_return_val_if_fail (NB_IS_REPORT (self), NB_CELL_EMPTY);
  g_return_val_if_fail (cell < nb_edition_table_get_n_cells (table), NB_CELL_EMPTY);

  values = find_values (self, table);
  if (value != NULL)
    *value = values->cells[cell].value;
  if (invalid_text != NULL)
    *invalid_text = values->cells[cell].invalid;
  return values->cells[cell].state;
}

/* The value, with an empty or invalid cell counting as 0. */
gint64
nb_report_get_value (NbReport             *self,
                     const NbEditionTable *table,
                     guint                 cell)
{
  gint64 value = 0;

  if (nb_report_get_cell (self, table, cell, &value, NULL) != NB_CELL_VALUE)
    return 0;
  return value;
}

guint
nb_report_get_cell_decimals (NbReport             *self,
                             const NbEditionTable *table,
                             guint                 cell)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);

  if (c->kind != NB_VALUE_MONEY)
    return 0;
  /* 万元 fees follow the report's precision; other amounts their column. */
  if (c->max_decimals == NB_MONEY_MAX_DECIMALS)
    return self->fee_decimals;
  return c->max_decimals;
}

char *
nb_report_dup_cell_text (NbReport             *self,
                         const NbEditionTable *table,
                         guint                 cell)
{
  const char *invalid = NULL;
  gint64 value = 0;

  switch (nb_report_get_cell (self, table, cell, &value, &invalid))
    {
    case NB_CELL_VALUE:
      return nb_number_format (value, nb_edition_table_get_cell (table, cell)->kind,
                               (int)nb_report_get_cell_decimals (self, table, cell));
    case NB_CELL_INVALID:
      return g_strdup (invalid);
    case NB_CELL_EMPTY:
    default:
      return g_strdup ("");
    }
}

/* "8123456.78元", "25.1 万元": the unit an amount is written with, and the
 * number before it. */
static const NbMoneyUnit *
split_money_unit (NbReport    *self,
                  const char  *text,
                  char       **number)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  guint n_units = 0;
  const NbMoneyUnit *units = nb_edition_get_money_units (self->edition, &n_units);

  for (guint u = 0; u < n_units; u++)
    if (g_str_has_suffix (trimmed, units[u].name) && strlen (trimmed) > strlen (units[u].name))
      {
        *number = g_strndup (trimmed, strlen (trimmed) - strlen (units[u].name));
        return &units[u];
      }
  return NULL;
}

static const NbMoneyUnit *
find_money_unit (NbReport   *self,
                 const char *name)
{
  guint n_units = 0;
  const NbMoneyUnit *units = nb_edition_get_money_units (self->edition, &n_units);

  for (guint u = 0; name != NULL && u < n_units; u++)
    if (g_str_equal (units[u].name, name))
      return &units[u];
  return NULL;
}

/* The amount converted exactly to the column's unit: 元 to 万元 moves the
 * point four places.  Decimals past the report's precision are kept (the
 * checker's FEE-PRECISION says so); past what the model holds, an error. */
static gboolean
parse_with_unit (NbReport             *self,
                 const NbEditionTable *table,
                 const NbEditionCell  *cell,
                 const char           *text,
                 const char           *number,
                 const NbMoneyUnit    *unit,
                 gint64               *value,
                 GError              **error)
{
  const NbMoneyUnit *column_unit =
    find_money_unit (self, nb_edition_table_get_column (table, cell->column)->unit);
  gint64 written = 0;
  __int128 scaled;

  if (column_unit == NULL)
    {
      g_set_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_INVALID,
                   _("“%s”: this column states no unit; write the amount alone"), text);
      return FALSE;
    }
  /* the number as written, in millionths of its own unit */
  if (!nb_number_parse (number, NB_VALUE_MONEY, NB_MONEY_MAX_DECIMALS, NULL, &written, error))
    return FALSE;
  scaled = (__int128)written * unit->factor;
  if (scaled % column_unit->factor != 0)
    {
      g_set_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_TOO_MANY_DECIMALS,
                   _("“%s” in %s has more decimals than can be kept exactly"), text,
                   column_unit->name);
      return FALSE;
    }
  scaled /= column_unit->factor;
  if (scaled > G_MAXINT64)
    {
      g_set_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_OUT_OF_RANGE,
                   _("“%s” is too large"), text);
      return FALSE;
    }
  *value = (gint64)scaled;
  return TRUE;
}

gboolean
nb_report_parse_cell_text (NbReport             *self,
                           const NbEditionTable *table,
                           guint                 cell,
                           const char           *text,
                           gboolean             *is_empty,
                           gint64               *value,
                           GError              **error)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);
  const NbMoneyUnit *unit = NULL;
  g_autofree char *number = NULL;

  if (c->kind == NB_VALUE_MONEY)
    unit = split_money_unit (self, text, &number);
  if (unit != NULL)
    return parse_with_unit (self, table, c, text, number, unit, value, error)
           && (is_empty == NULL || (*is_empty = FALSE, TRUE));
  return nb_number_parse (text, c->kind, nb_report_get_cell_decimals (self, table, cell),
                          is_empty, value, error);
}

static void
recompute_dependents (NbReport             *self,
                      const NbEditionTable *table,
                      const guint          *cells,
                      guint                 n_cells);

static gboolean
set_cells_text (NbReport             *self,
                const NbEditionTable *table,
                guint                 n_cells,
                const guint          *cells,
                const char * const   *texts,
                gboolean              keep_invalid,
                GError              **error)
{
  g_autofree CellData *data = g_new0 (CellData, MAX (n_cells, 1));
  GError *first_error = NULL;

  for (guint i = 0; i < n_cells; i++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean is_empty = FALSE;

      if (cells[i] >= nb_edition_table_get_n_cells (table))
        {
          g_critical ("Cell %u is out of range", cells[i]);
          return FALSE;
        }
      if (nb_edition_table_get_cell (table, cells[i])->computed)
        {
          g_autofree char *label = nb_edition_table_dup_cell_label (table, cells[i]);

          g_clear_error (&first_error);
          g_set_error (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_INVALID,
                       _("%s: this total is computed and cannot be typed in"), label);
          return FALSE;
        }
      if (nb_report_parse_cell_text (self, table, cells[i], texts[i], &is_empty, &data[i].value,
                                     &local_error))
        data[i].state = is_empty ? NB_CELL_EMPTY : NB_CELL_VALUE;
      else
        {
          data[i].state = NB_CELL_INVALID;
          data[i].invalid = (char *)texts[i];
          if (first_error == NULL)
            {
              g_autofree char *label = nb_edition_table_dup_cell_label (table, cells[i]);

              first_error = g_error_new (local_error->domain, local_error->code, "%s: %s", label,
                                         local_error->message);
            }
        }
    }

  if (first_error != NULL && !keep_invalid)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }

  nb_report_begin_user_action (self);
  begin_change (self);
  for (guint i = 0; i < n_cells; i++)
    change_cell (self, table, cells[i], &data[i]);
  recompute_dependents (self, table, cells, n_cells);
  end_change (self);
  nb_report_end_user_action (self);

  if (first_error != NULL)
    {
      g_propagate_error (error, first_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * nb_report_set_cell_text:
 *
 * Sets a cell from what a person typed.  Text that is no valid value is kept
 * in the cell as invalid (so nothing typed is lost) and FALSE is returned with
 * the parser's message.
 */
gboolean
nb_report_set_cell_text (NbReport             *self,
                         const NbEditionTable *table,
                         guint                 cell,
                         const char           *text,
                         GError              **error)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return set_cells_text (self, table, 1, &cell, &text, TRUE, error);
}

/**
 * nb_report_set_cells_text:
 *
 * Sets many cells as one undoable step, all or nothing: when any text is
 * invalid nothing changes and the error names the first bad cell.
 */
gboolean
nb_report_set_cells_text (NbReport             *self,
                          const NbEditionTable *table,
                          guint                 n_cells,
                          const guint          *cells,
                          const char * const   *texts,
                          GError              **error)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);

  return set_cells_text (self, table, n_cells, cells, texts, FALSE, error);
}

void
nb_report_set_value (NbReport             *self,
                     const NbEditionTable *table,
                     guint                 cell,
                     gint64                value)
{
  CellData data = { NB_CELL_VALUE, value, NULL };

  g_return_if_fail (NB_IS_REPORT (self));

  nb_report_begin_user_action (self);
  begin_change (self);
  change_cell (self, table, cell, &data);
  recompute_dependents (self, table, &cell, 1);
  end_change (self);
  nb_report_end_user_action (self);
}

void
nb_report_clear_cell (NbReport             *self,
                      const NbEditionTable *table,
                      guint                 cell)
{
  CellData data = { NB_CELL_EMPTY, 0, NULL };

  g_return_if_fail (NB_IS_REPORT (self));

  nb_report_begin_user_action (self);
  begin_change (self);
  change_cell (self, table, cell, &data);
  recompute_dependents (self, table, &cell, 1);
  end_change (self);
  nb_report_end_user_action (self);
}

/**
 * nb_report_set_stated:
 *
 * Stores a value exactly as a file or an imported report states it, totals
 * included, without recomputing anything: the checks then compare what the
 * report says with what it adds up to.
 */
void
nb_report_set_stated (NbReport             *self,
                      const NbEditionTable *table,
                      guint                 cell,
                      NbCellState           state,
                      gint64                value,
                      const char           *invalid_text)
{
  CellData data = { state, state == NB_CELL_VALUE ? value : 0,
                    state == NB_CELL_INVALID ? (char *)invalid_text : NULL };

  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (cell < nb_edition_table_get_n_cells (table));

  change_cell (self, table, cell, &data);
}

/* What a computed cell adds up to.  FALSE when all its parts are empty. */
gboolean
nb_report_compute_cell (NbReport             *self,
                        const NbEditionTable *table,
                        guint                 cell,
                        gint64               *value)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);

  for (guint i = 0; i < nb_edition_table_get_n_instances (table); i++)
    {
      const NbRuleInstance *instance = nb_edition_table_get_instance (table, i);
      gboolean any = FALSE;
      gint64 sum = 0;

      if (instance->target != (int)cell)
        continue;
      for (guint t = 0; t < instance->n_terms; t++)
        {
          const NbRuleTerm *term = &instance->terms[t];
          gint64 v;

          if (term->lhs)
            continue;
          if (nb_report_get_cell (self, table, (guint)term->cell, &v, NULL) == NB_CELL_VALUE)
            {
              gint64 next;

              any = TRUE;
              /* Saturate rather than wrap: an absurd sum must not look right. */
              if (term->sign > 0 ? __builtin_add_overflow (sum, v, &next)
                                 : __builtin_sub_overflow (sum, v, &next))
                next = G_MAXINT64;
              sum = next;
            }
        }
      if (value != NULL)
        *value = sum;
      return any;
    }
  return FALSE;
}

static void
recompute_dependents (NbReport             *self,
                      const NbEditionTable *table,
                      const guint          *cells,
                      guint                 n_cells)
{
  guint n = nb_edition_table_get_n_cells (table);
  g_autofree gboolean *dirty = g_new0 (gboolean, MAX (n, 1));
  gboolean again = TRUE;

  for (guint i = 0; i < n_cells; i++)
    dirty[cells[i]] = TRUE;

  /* Totals of totals settle in a few rounds; the data has no cycles. */
  for (guint round = 0; again && round < 8; round++)
    {
      again = FALSE;
      for (guint i = 0; i < nb_edition_table_get_n_instances (table); i++)
        {
          const NbRuleInstance *instance = nb_edition_table_get_instance (table, i);
          gboolean touched = FALSE;
          CellData data = { NB_CELL_EMPTY, 0, NULL };
          TableValues *values;

          if (instance->target < 0)
            continue;
          for (guint t = 0; t < instance->n_terms && !touched; t++)
            if (!instance->terms[t].lhs && dirty[instance->terms[t].cell])
              touched = TRUE;
          if (!touched)
            continue;

          if (nb_report_compute_cell (self, table, (guint)instance->target, &data.value))
            data.state = NB_CELL_VALUE;
          values = find_values (self, table);
          if (!cell_data_equal (&values->cells[instance->target], &data))
            {
              change_cell (self, table, (guint)instance->target, &data);
              dirty[instance->target] = TRUE;
              again = TRUE;
            }
        }
    }
}

/* Makes every computed total agree with its parts, as one undoable step. */
void
nb_report_recompute_totals (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));

  nb_report_begin_user_action (self);
  for (guint i = 0; i < self->n_tables; i++)
    {
      const NbEditionTable *table = self->tables[i].table;
      guint n = nb_edition_table_get_n_cells (table);
      g_autofree guint *all = g_new (guint, MAX (n, 1));

      for (guint c = 0; c < n; c++)
        all[c] = c;
      recompute_dependents (self, table, all, n);
    }
  nb_report_end_user_action (self);
}

/**
 * nb_report_fill_blanks:
 * @table: (nullable): the table to fill, or %NULL for every table
 *
 * Writes 0 into every blank cell a person types (computed totals are left
 * to follow their parts), as one undoable step: the format asks for 0
 * where there is nothing to report.
 *
 * Returns: how many cells were filled
 */
guint
nb_report_fill_blanks (NbReport             *self,
                       const NbEditionTable *table)
{
  CellData zero = { NB_CELL_VALUE, 0, NULL };
  guint filled = 0;

  g_return_val_if_fail (NB_IS_REPORT (self), 0);
  g_return_val_if_fail (table == NULL || find_values (self, table) != NULL, 0);

  nb_report_begin_user_action (self);
  begin_change (self);
  for (guint i = 0; i < self->n_tables; i++)
    {
      const NbEditionTable *t = self->tables[i].table;
      guint n = nb_edition_table_get_n_cells (t);
      g_autofree guint *blanks = g_new (guint, MAX (n, 1));
      guint n_blanks = 0;

      if (table != NULL && t != table)
        continue;
      for (guint c = 0; c < n; c++)
        if (!nb_edition_table_get_cell (t, c)->computed
            && self->tables[i].cells[c].state == NB_CELL_EMPTY)
          blanks[n_blanks++] = c;
      for (guint b = 0; b < n_blanks; b++)
        change_cell (self, t, blanks[b], &zero);
      recompute_dependents (self, t, blanks, n_blanks);
      filled += n_blanks;
    }
  end_change (self);
  nb_report_end_user_action (self);
  return filled;
}

/* State */

gboolean
nb_report_get_modified (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return self->modified;
}

void
nb_report_set_modified (NbReport *self,
                        gboolean  modified)
{
  g_return_if_fail (NB_IS_REPORT (self));

  modified = !!modified;
  if (self->modified != modified)
    {
      self->modified = modified;
      if (!self->quiet)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  /* A saved state is a boundary: later typing starts a new undo step. */
  if (!modified && self->undo.head != NULL)
    ((Command *)self->undo.head->data)->closed = TRUE;
}

/* Goes up by one with every change: lets autosave tell whether what it
 * wrote is still the latest state. */
guint64
nb_report_get_revision (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), 0);
  return self->revision;
}

/* Undo */

void
nb_report_begin_user_action (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));

  if (self->user_action_depth++ == 0 && !self->replaying)
    self->open_command = command_new ();
}

void
nb_report_end_user_action (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (self->user_action_depth > 0);

  if (--self->user_action_depth > 0 || self->open_command == NULL)
    return;

  if (self->open_command->changes->len == 0)
    g_clear_pointer (&self->open_command, command_free);
  else
    {
      self->open_command->closed = TRUE;
      g_queue_push_head (&self->undo, g_steal_pointer (&self->open_command));
      while (self->undo.length > UNDO_LIMIT)
        command_free (g_queue_pop_tail (&self->undo));
      notify_undo_state (self);
    }
}

gboolean
nb_report_get_can_undo (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return self->undo.length > 0;
}

gboolean
nb_report_get_can_redo (NbReport *self)
{
  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  return self->redo.length > 0;
}

static void
replay (NbReport *self,
        Command  *command,
        gboolean  forward)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->replaying = TRUE;
  begin_change (self);
  for (guint k = 0; k < command->changes->len; k++)
    {
      guint i = forward ? k : command->changes->len - 1 - k;
      Change *change = g_ptr_array_index (command->changes, i);

      switch (change->kind)
        {
        case CHANGE_CELL:
          apply_cell (self, change->table, change->cell, forward ? &change->after : &change->before);
          break;
        case CHANGE_PARAGRAPHS:
          store_paragraphs (self, change->section_id,
                            forward ? change->paragraphs_after : change->paragraphs_before);
          break;
        case CHANGE_META:
          store_meta (self, change->prop_id, forward ? &change->value_after : &change->value_before);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  end_change (self);
  self->replaying = FALSE;
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
nb_report_undo (NbReport *self)
{
  Command *command;

  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (self->user_action_depth == 0, FALSE);

  command = g_queue_pop_head (&self->undo);
  if (command == NULL)
    return FALSE;
  command->closed = TRUE;
  replay (self, command, FALSE);
  g_queue_push_head (&self->redo, command);
  notify_undo_state (self);
  return TRUE;
}

gboolean
nb_report_redo (NbReport *self)
{
  Command *command;

  g_return_val_if_fail (NB_IS_REPORT (self), FALSE);
  g_return_val_if_fail (self->user_action_depth == 0, FALSE);

  command = g_queue_pop_head (&self->redo);
  if (command == NULL)
    return FALSE;
  replay (self, command, TRUE);
  g_queue_push_head (&self->undo, command);
  notify_undo_state (self);
  return TRUE;
}

/**
 * nb_report_set_history_enabled:
 *
 * Loaders build a report with the history off: what is loaded is the
 * starting point, not an undoable edit, and recording it would cost a fifth
 * of the loading time.
 */
void
nb_report_set_history_enabled (NbReport *self,
                               gboolean  enabled)
{
  g_return_if_fail (NB_IS_REPORT (self));

  self->history_disabled = !enabled;
}

/**
 * nb_report_set_quiet:
 *
 * A loader builds its report quietly: changes are applied without signals
 * or notifications, which no one can receive before the loader returns the
 * report.  Every emission takes GObject's one process-wide signal lock; a
 * few hundred per report (one per cell) made the workers of a folder check
 * queue on it.
 */
void
nb_report_set_quiet (NbReport *self,
                     gboolean  quiet)
{
  g_return_if_fail (NB_IS_REPORT (self));

  self->quiet = !!quiet;
}

/* For loaders: what was loaded is the starting point, not an undoable edit. */
void
nb_report_forget_history (NbReport *self)
{
  g_return_if_fail (NB_IS_REPORT (self));
  g_return_if_fail (self->user_action_depth == 0);

  g_queue_clear_full (&self->undo, (GDestroyNotify)command_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify)command_free);
  notify_undo_state (self);
  nb_report_set_modified (self, FALSE);
}
