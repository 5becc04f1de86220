/* fuzz-file-load.c: the .nianbao loader never crashes, whatever the bytes;
 * what it loads holds only valid, printable text, and every integer is the
 * one the file has written (not one json-glib saturated or wrapped) */
#include "config.h"

#include <stdint.h>

#include <json-glib/json-glib.h>

#include "nb-checker.h"
#include "fuzz-round-trip.h"
#include "nb-file.h"
#include "nb-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
assert_text (const char *text)
{
  if (text == NULL)
    return;
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (nb_text_is_clean (text, NULL));
}

/* Every string a report holds: metadata, sources, runs, invalid texts. */
static void
assert_strings (NbReport *report)
{
  NbEdition *edition = nb_report_get_edition (report);
  const char * const *sources = nb_report_get_sources (report);

  assert_text (nb_report_get_agency (report));
  assert_text (nb_report_get_address (report));
  assert_text (nb_report_get_postcode (report));
  assert_text (nb_report_get_phone (report));
  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    assert_text (sources[i]);
  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs;

      if (section->table_id != NULL)
        continue;
      paragraphs = nb_report_get_paragraphs (report, section->id);
      for (guint p = 0; p < paragraphs->len; p++)
        {
          const NbParagraph *paragraph = g_ptr_array_index (paragraphs, p);

          for (guint r = 0; r < paragraph->runs->len; r++)
            assert_text (((const NbRun *)g_ptr_array_index (paragraph->runs, r))->text);
        }
    }
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const char *invalid = NULL;

          if (nb_report_get_cell (report, table, c, NULL, &invalid) == NB_CELL_INVALID)
            assert_text (invalid);
        }
    }
}

/* The number tokens of the file as written, by member path ("tables",
 * "t3", "new/natural" joined by '\x1f'; the last of duplicate members, as
 * json-glib keeps).  A walk of its own over the bytes, sharing nothing with
 * the loader; the input is known to be strict JSON, as it loaded. */
typedef struct
{
  const char *p, *end;
  GPtrArray  *path;    /* char * */
  GHashTable *numbers; /* path → token */
} Walk;

static void walk_value (Walk *w);

static gboolean
has_prefix (gpointer key,
            gpointer value,
            gpointer prefix)
{
  return g_str_has_prefix (key, prefix);
}

/* A member written again replaces the first one whole, as in json-glib. */
static void
walk_forget (Walk *w)
{
  g_autofree char *prefix = NULL;

  g_ptr_array_add (w->path, NULL);
  prefix = g_strjoinv ("\x1f", (char **)w->path->pdata);
  g_ptr_array_set_size (w->path, w->path->len - 1);
  g_hash_table_foreach_remove (w->numbers, has_prefix, prefix);
}

static void
walk_space (Walk *w)
{
  while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' || *w->p == '\n' || *w->p == '\r'))
    w->p++;
}

/* A string token, decoded by json-glib on its own. */
static char *
walk_string (Walk *w)
{
  const char *start = w->p++;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;

  while (*w->p != '"')
    w->p += *w->p == '\\' ? 2 : 1;
  w->p++;
  json = g_strdup_printf ("[%.*s]", (int)(w->p - start), start);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return g_strdup (json_array_get_string_element (json_node_get_array (json_parser_get_root (parser)), 0));
}

static void
walk_value (Walk *w)
{
  walk_space (w);
  if (*w->p == '{' || *w->p == '[')
    {
      gboolean object = *w->p == '{';
      guint index = 0;

      w->p++;
      walk_space (w);
      while (*w->p != (object ? '}' : ']'))
        {
          if (object)
            {
              g_ptr_array_add (w->path, walk_string (w));
              walk_forget (w);
              walk_space (w);
              w->p++; /* : */
            }
          else
            g_ptr_array_add (w->path, g_strdup_printf ("%u", index++));
          walk_value (w);
          g_ptr_array_set_size (w->path, w->path->len - 1);
          walk_space (w);
          if (*w->p == ',')
            w->p++;
          walk_space (w);
        }
      w->p++;
    }
  else if (*w->p == '"')
    g_free (walk_string (w));
  else if (*w->p == '-' || g_ascii_isdigit (*w->p))
    {
      const char *start = w->p;
      g_autofree char *key = NULL;

      while (w->p < w->end && strchr ("-+.eE0123456789", *w->p) != NULL)
        w->p++;
      g_ptr_array_add (w->path, NULL);
      key = g_strjoinv ("\x1f", (char **)w->path->pdata);
      g_ptr_array_set_size (w->path, w->path->len - 1);
      g_hash_table_replace (w->numbers, g_steal_pointer (&key), g_strndup (start, w->p - start));
    }
  else
    while (w->p < w->end && g_ascii_isalpha (*w->p))
      w->p++;
}

static void
assert_integer (GHashTable *numbers,
                const char *key,
                gint64      value,
                gint64      scale)
{
  const char *token = g_hash_table_lookup (numbers, key);
  gint64 written = 0;

  if (token == NULL)
    return; /* written as text, or absent */
  g_assert_true (g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, &written, NULL));
  g_assert_cmpint (written, ==, value / scale);
  g_assert_cmpint (value % scale, ==, 0);
}

static void
assert_integers (NbReport   *report,
                 GHashTable *numbers,
                 const char *prefix)
{
  NbEdition *edition = nb_report_get_edition (report);
  g_autofree char *year = g_strconcat (prefix, "metadata\x1fyear", NULL);
  g_autofree char *decimals = g_strconcat (prefix, "metadata\x1f" "fee_decimals", NULL);

  assert_integer (numbers, year, nb_report_get_year (report), 1);
  assert_integer (numbers, decimals, nb_report_get_fee_decimals (report), 1);
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const NbEditionCell *cell = nb_edition_table_get_cell (table, c);
          g_autofree char *key = NULL;
          gint64 value = 0;

          if (nb_report_get_cell (report, table, c, &value, NULL) != NB_CELL_VALUE)
            continue;
          key = g_strdup_printf ("%stables\x1f%s\x1f%s", prefix, nb_edition_table_get_id (table),
                                 cell->key);
          assert_integer (numbers, key, value, cell->kind == NB_VALUE_MONEY ? NB_MONEY_SCALE : 1);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_data ((const char *)data, size, &error);

  g_assert ((report == NULL) != (error == NULL));
  if (report != NULL)
    {
      /* Whatever loads must check and save again without trouble. */
      g_autoptr(GPtrArray) findings = nb_check_report (report, NULL);
      g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GPtrArray) path = g_ptr_array_new_with_free_func (g_free);
      Walk walk = { (const char *)data, (const char *)data + size, path, numbers };

      assert_round_trips (report);
      g_assert_nonnull (findings);
      assert_strings (report);
      walk_value (&walk);
      assert_integers (report, numbers, "");
      if (nb_report_get_reference (report) != NULL)
        {
          assert_strings (nb_report_get_reference (report));
          assert_integers (nb_report_get_reference (report), numbers, "reference\x1f");
        }
    }
  else
    g_assert_true (error->message != NULL && *error->message != '\0');
  return 0;
}
