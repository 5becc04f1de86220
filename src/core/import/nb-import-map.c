/* nb-import-map.c: the mapping step every importer shares
 *
 * Sections are found by their headings (and by what follows them), table
 * rows by their labels (never by position alone), values are stored as the
 * source states them, totals included, and everything that could not be
 * mapped or looks wrong becomes a finding: nothing is dropped silently.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker.h"
#include "nb-import-labels.h"

/* The mapping step */

typedef struct
{
  NbImportDoc  *doc;
  NbEdition    *edition;
  NbReport     *report;
  GPtrArray    *findings;   /* NbImportFinding */
  GPtrArray    *tables;     /* NbImportTableInfo, in edition order */
  GHashTable   *locations;  /* "table/cell" -> where the value came from */
  GHashTable   *sections;   /* section id -> GPtrArray of NbParagraph */
  GHashTable   *found;      /* section ids whose heading was found */
  const NbEditionSection *current;
  GString      *contact_text; /* the narrative text, where contact details are sought */
  guint         n_values;
  guint         n_cells;
} Mapper;


static void
add_finding (Mapper     *m,
             NbSeverity  severity,
             const char *code,
             const char *location,
             char       *message)
{
  NbImportFinding *finding = g_new0 (NbImportFinding, 1);

  finding->severity = severity;
  finding->code = code;
  finding->location = g_strdup (location);
  finding->message = message;
  g_ptr_array_add (m->findings, finding);
}

static char *
row_location (const NbImportBlock *block,
              const NbImportRow   *row,
              guint                index)
{
  if (row->line > 0)
    return g_strdup_printf (_("line %u"), row->line);
  return g_strdup_printf (_("table %u, row %u"), block->index, index + 1);
}

static char *
block_location (const NbImportBlock *block)
{
  if (block->line > 0)
    return g_strdup_printf (_("line %u"), block->line);
  if (block->kind == NB_IMPORT_BLOCK_TABLE)
    return g_strdup_printf (_("table %u"), block->index);
  return g_strdup_printf (_("paragraph %u"), block->index);
}

/* Edition detection: which edition's labels does the document use? */

static void
collect_edition_labels (NbEdition  *edition,
                        GHashTable *set)
{
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);
      NbImportTableInfo *info = _nb_import_table_info_new (edition, table);
      GHashTableIter iter;
      gpointer key;

      for (guint r = 0; r < info->rows->len; r++)
        {
          NbImportRowInfo *ri = g_ptr_array_index (info->rows, r);

          if (*ri->label != '\0')
            g_hash_table_add (set, g_strdup (ri->label));
        }
      g_hash_table_iter_init (&iter, info->headers);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (set, g_strdup (key));
      g_hash_table_iter_init (&iter, info->groups);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (set, g_strdup (key));
      _nb_import_table_info_free (info);
    }
}

/* A digit as written in a title: ASCII or full width; -1 for none. */
static int
title_digit (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int)(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)
    return (int)(c - 0xFF10);
  return -1;
}

/* "…2022年…" in the title (full-width digits and a space before "年"
 * allowed): the report year, and where it starts and ends in @text. */
static int
find_year (const char  *text,
           const char **year_start,
           const char **year_end)
{
  gboolean after_digit = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      const char *q = p;
      int year = 0;
      guint n = 0;

      if (after_digit)
        {
          after_digit = title_digit (g_utf8_get_char (p)) >= 0;
          continue;
        }
      while (*q && title_digit (g_utf8_get_char (q)) >= 0 && n < 5)
        {
          year = year * 10 + title_digit (g_utf8_get_char (q));
          q = g_utf8_next_char (q);
          n++;
        }
      if (n == 0)
        continue;
      after_digit = TRUE;
      if (n != 4 || year < 2000 || year > 2999)
        continue;
      while (*q && _nb_import_is_space_char (g_utf8_get_char (q)))
        q = g_utf8_next_char (q);
      if (g_str_has_prefix (q, "年"))
        {
          if (year_start)
            *year_start = p;
          if (year_end)
            *year_end = q + strlen ("年");
          return year;
        }
    }
  return 0;
}

static NbEdition *
detect_edition (Mapper  *m,
                int      year,
                char   **reason)
{
  const char * const *ids = nb_edition_list_ids ();
  guint n = g_strv_length ((char **)ids);
  g_autofree guint *scores = g_new0 (guint, n);
  g_autofree char **examples = g_new0 (char *, n);
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify)g_hash_table_unref);
  guint best = 0;
  gboolean tie = FALSE;
  const char *id;

  for (guint e = 0; e < n; e++)
    {
      g_autoptr(NbEdition) edition = nb_edition_lookup (ids[e], NULL);
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      if (edition != NULL)
        collect_edition_labels (edition, set);
      g_ptr_array_add (sets, set);
    }

  /* A label counts for an edition when no other edition has it. */
  for (guint b = 0; b < m->doc->blocks->len; b++)
    {
      NbImportBlock *block = g_ptr_array_index (m->doc->blocks, b);

      if (block->kind != NB_IMPORT_BLOCK_TABLE)
        continue;
      for (guint r = 0; r < block->rows->len; r++)
        {
          NbImportRow *row = g_ptr_array_index (block->rows, r);

          for (guint c = 0; c < row->cells->len; c++)
            {
              const char *text = g_ptr_array_index (row->cells, c);
              g_autofree char *key = NULL;
              int owner = -1;

              if (!_nb_import_has_letters (text))
                continue;
              key = nb_import_normalize_label (text);
              for (guint e = 0; e < n; e++)
                if (g_hash_table_contains (g_ptr_array_index (sets, e), key))
                  owner = owner == -1 ? (int)e : -2;
              if (owner >= 0)
                {
                  scores[owner]++;
                  if (examples[owner] == NULL)
                    examples[owner] = g_strdup (text);
                }
            }
        }
    }

  for (guint e = 1; e < n; e++)
    if (scores[e] > scores[best])
      best = e;
  for (guint e = 0; e < n; e++)
    if (e != best && scores[e] == scores[best])
      tie = TRUE;

  if (scores[best] == 0 || tie)
    {
      id = year != 0 ? nb_edition_id_for_year (year) : nb_edition_default_id ();
      *reason = year != 0 ? g_strdup_printf (_("edition %s (the one for %d; the tables do not tell)"), id, year)
                          : g_strdup_printf (_("edition %s (the default; the tables do not tell)"), id);
    }
  else
    {
      id = ids[best];
      *reason = g_strdup_printf (_("edition %s (from the table labels)"), id);
      for (guint e = 0; e < n; e++)
        if (e != best && scores[e] > 0)
          add_finding (m, NB_SEVERITY_WARNING, "EDITION-MIXED", NULL,
                       g_strdup_printf (_("The tables mostly follow edition %s, but %u labels belong to edition %s only, such as “%s”"),
                                        id, scores[e], ids[e], examples[e]));
    }
  for (guint e = 0; e < n; e++)
    g_free (examples[e]);
  return nb_edition_lookup (id, NULL);
}

/* Metadata */

/* Marks around a title, not part of the name: Markdown's, and 《…》. */
static gboolean
is_title_mark (gunichar c)
{
  return _nb_import_is_space_char (c) || c == '*' || c == '#' || c == 0x300A || c == 0x300B;
}

/* The agency's name as the title has it: the marks and white space at
 * the ends trimmed, each run of white space inside one space (a name may
 * have one: "示范市 Smart City 中心"), invisible characters dropped;
 * nothing else changed (no NFKC: "（上海）" stays full width). */
static char *
clean_agency (const char *text,
              gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  const char *p = copy;
  const char *end = copy + strlen (copy);

  while (*p && is_title_mark (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  while (end > p && is_title_mark (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  for (; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x200B || c == 0xFEFF)
        continue;
      if (_nb_import_is_space_char (c))
        {
          space = TRUE;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Where the name of the report starts in @text ("政府信息公开工作…"),
 * or NULL: a title may put the year after it. */
static const char *
find_report_name (const char *text)
{
  const char * const *names = (const char * const *)_nb_import_lexicon ()->report_names;
  const char *first = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *found = strstr (text, names[i]);

      if (found != NULL && (first == NULL || found < first))
        first = found;
    }
  return first;
}

/* "XX局2022年政府信息公开工作年度报告", "2022年度XX局政府信息公开…" or
 * "XX局政府信息公开工作2022年度报告": the year, and the agency from the
 * text as written. */
static gboolean
read_title (Mapper     *m,
            const char *text)
{
  const char *start = NULL, *end = NULL, *name;
  g_autofree char *agency = NULL;
  int year;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  year = find_year (text, &start, &end);
  if (year == 0 || strstr (text, "报告") == NULL)
    return FALSE;
  nb_report_set_year (m->report, year);

  name = find_report_name (text);
  if (name != NULL && name < start)
    agency = clean_agency (text, (gsize)(name - text));
  else
    agency = clean_agency (text, (gsize)(start - text));
  if (*agency == '\0')
    {
      if (g_str_has_prefix (end, "度"))
        end += strlen ("度");
      name = find_report_name (end);
      if (name == NULL)
        name = strstr (end, "政府信息公开");
      if (name == NULL)
        name = strstr (end, "政务公开");
      if (name != NULL)
        {
          g_free (agency);
          agency = clean_agency (end, (gsize)(name - end));
        }
    }
  if (*agency != '\0')
    nb_report_set_agency (m->report, agency);
  return TRUE;
}

static char *
match_group (const char *pattern,
             const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;

  g_assert (regex != NULL);
  if (!g_regex_match (regex, text, 0, &info))
    return NULL;
  return g_strstrip (g_match_info_fetch (info, 1));
}

static void
read_contacts (Mapper     *m,
               const char *text)
{
  g_autofree char *address = NULL;
  g_autofree char *postcode = NULL;
  g_autofree char *phone = NULL;

  if (_nb_import_is_blank (nb_report_get_address (m->report) ?: "")
      && (address = match_group ("(?:通讯地址|办公地址|联系地址|地址)[:：]\\s*([^，,；;。）)\\n]+)", text)))
    nb_report_set_address (m->report, address);
  if (_nb_import_is_blank (nb_report_get_postcode (m->report) ?: "")
      && (postcode = match_group ("(?:邮政编码|邮编)[:：]?\\s*([0-9０-９]{6})", text)))
    {
      g_autofree char *ascii = g_utf8_normalize (postcode, -1, G_NORMALIZE_NFKC);

      nb_report_set_postcode (m->report, ascii);
    }
  if (_nb_import_is_blank (nb_report_get_phone (m->report) ?: "")
      && (phone = match_group ("(?:联系电话|咨询电话|电话)[:：]\\s*([0-9０-９][0-9０-９\\-—－–/、 ]{4,40}[0-9０-９])", text)))
    nb_report_set_phone (m->report, phone);
}

/* Sections */

/* How many of a heading's characters must be the title's (Dice) for a
 * numbered line to be read as that section's heading. */
#define HEADING_SIMILARITY 0.6

static const char * const chinese_numerals = "一二三四五六七八九十";

static gboolean
is_chinese_numeral (gunichar c)
{
  return g_utf8_strchr (chinese_numerals, -1, c) != NULL;
}

/* How alike two headings are: the characters they share (Dice), as
 * headings get reworded rather than reordered. */
static double
shared_characters (const char *a,
                   const char *b)
{
  glong n_a = 0, n_b = 0;
  g_autofree gunichar *chars_a = g_utf8_to_ucs4_fast (a, -1, &n_a);
  g_autofree gunichar *chars_b = g_utf8_to_ucs4_fast (b, -1, &n_b);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_b, 1));
  guint shared = 0;

  if (n_a + n_b == 0)
    return 0.0;
  for (glong i = 0; i < n_a; i++)
    for (glong j = 0; j < n_b; j++)
      if (!used[j] && chars_a[i] == chars_b[j])
        {
          used[j] = TRUE;
          shared++;
          break;
        }
  return 2.0 * shared / (double)(n_a + n_b);
}

static int
section_index (NbEdition              *edition,
               const NbEditionSection *section)
{
  for (guint i = 0; section != NULL && i < nb_edition_get_n_sections (edition); i++)
    if (nb_edition_get_section (edition, i) == section)
      return (int)i;
  return -1;
}

/* "五、存在的主要问题及改进措施", "一总体情况", "六、需要说明的其他事项": a
 * section's number, then wording close to its title.  Only a section after
 * the one being read, so a numbered item inside a section ("一、…" in 五) is
 * not taken for a heading. */
static const NbEditionSection *
match_section_by_number (Mapper     *m,
                         const char *key,
                         gboolean   *loose)
{
  const NbEditionSection *best = NULL;
  double best_score = HEADING_SIMILARITY;
  int current = section_index (m->edition, m->current);

  for (guint i = 0; i < nb_edition_get_n_sections (m->edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (m->edition, i);
      g_autofree char *title = nb_import_normalize_label (section->title);
      const char *rest;
      double score;

      if ((int)i <= current || !g_str_has_prefix (key, section->number))
        continue;
      rest = key + strlen (section->number);
      if (g_str_has_prefix (rest, "、"))
        rest += strlen ("、");
      else if (*rest == '.' || *rest == ',' || *rest == ' ')
        rest++;
      /* "一二…": another number, not this one */
      if (*rest == '\0' || is_chinese_numeral (g_utf8_get_char (rest)))
        continue;
      score = shared_characters (rest, title);
      if (score >= best_score)
        {
          best = section;
          best_score = score;
        }
    }
  if (best != NULL)
    *loose = TRUE;
  return best;
}

static const NbEditionSection *
match_section (Mapper     *m,
               const char *text,
               gboolean   *loose)
{
  g_autofree char *key = nb_import_normalize_label (text);

  *loose = FALSE;
  if (*key == '\0')
    return NULL;
  for (guint i = 0; i < nb_edition_get_n_sections (m->edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (m->edition, i);
      g_autofree char *heading = nb_import_normalize_label (section->heading);

      if (g_str_equal (key, heading))
        return section;
      for (guint v = 0; section->variants != NULL && section->variants[v] != NULL; v++)
        {
          g_autofree char *variant = nb_import_normalize_label (section->variants[v]);

          /* a known variant is still not the format's wording: reported */
          if (g_str_equal (key, variant))
            {
              *loose = TRUE;
              return section;
            }
        }
    }
  /* "总体情况" alone: Word's automatic numbering keeps "一、" out of the
   * text. */
  for (guint i = 0; i < nb_edition_get_n_sections (m->edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (m->edition, i);
      g_autofree char *title = nb_import_normalize_label (section->title);

      if (g_str_equal (key, title))
        {
          *loose = TRUE;
          return section;
        }
    }
  /* "五、本机关存在的主要问题及改进情况": the number and the title. */
  for (guint i = 0; i < nb_edition_get_n_sections (m->edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (m->edition, i);
      g_autofree char *number = g_strconcat (section->number, "、", NULL);
      g_autofree char *title = nb_import_normalize_label (section->title);

      if (g_str_has_prefix (key, number) && strstr (key, title) != NULL
          && g_utf8_strlen (key, -1) <= g_utf8_strlen (title, -1) + 16)
        {
          *loose = TRUE;
          return section;
        }
    }
  return match_section_by_number (m, key, loose);
}

/* "六、存在的主要问题及改进情况" where 五 was meant: a first-level number
 * that is not the section's, before a later section's whole title. */
static const NbEditionSection *
match_section_misnumbered (Mapper     *m,
                           const char *text)
{
  g_autofree char *key = nb_import_normalize_label (text);
  int current = section_index (m->edition, m->current);
  const char *rest = key;

  while (*rest != '\0' && is_chinese_numeral (g_utf8_get_char (rest)))
    rest = g_utf8_next_char (rest);
  if (rest == key || !g_str_has_prefix (rest, "、"))
    return NULL;
  rest += strlen ("、");
  for (guint i = (guint)(current + 1); i < nb_edition_get_n_sections (m->edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (m->edition, i);
      g_autofree char *title = nb_import_normalize_label (section->title);

      if (!g_hash_table_contains (m->found, section->id) && strstr (rest, title) != NULL
          && g_utf8_strlen (rest, -1) <= g_utf8_strlen (title, -1) + 16)
        return section;
    }
  return NULL;
}


/* The heading level a numbering prefix implies: "一、" 1, "（一）" 2,
 * "1." 3, "（1）" 4; 0 for none. */
static NbParagraphLevel
numbering_level (const char *text)
{
  g_autofree char *key = nb_import_normalize_label (text);
  const char *p = key;

  if (*p == '(')
    {
      gboolean numeral = FALSE, digit = FALSE;

      p++;
      while (*p && is_chinese_numeral (g_utf8_get_char (p)))
        {
          numeral = TRUE;
          p = g_utf8_next_char (p);
        }
      while (!numeral && g_ascii_isdigit (*p))
        {
          digit = TRUE;
          p++;
        }
      if (*p == ')' && (numeral || digit))
        return numeral ? NB_PARAGRAPH_HEADING_2 : NB_PARAGRAPH_HEADING_4;
      return NB_PARAGRAPH_BODY;
    }
  if (is_chinese_numeral (g_utf8_get_char (p)))
    {
      while (*p && is_chinese_numeral (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      return g_str_has_prefix (p, "、") ? NB_PARAGRAPH_HEADING_1 : NB_PARAGRAPH_BODY;
    }
  if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        p++;
      return (*p == '.' && !g_ascii_isdigit (p[1])) ? NB_PARAGRAPH_HEADING_3 : NB_PARAGRAPH_BODY;
    }
  return NB_PARAGRAPH_BODY;
}

static gboolean
all_bold (const NbParagraph *paragraph)
{
  for (guint i = 0; i < paragraph->runs->len; i++)
    if (!((NbRun *)g_ptr_array_index (paragraph->runs, i))->bold)
      return FALSE;
  return paragraph->runs->len > 0;
}

static NbParagraph *
make_paragraph (const NbImportBlock *block)
{
  g_autofree char *text = nb_paragraph_dup_text (block->paragraph);
  NbParagraphLevel level = numbering_level (text);
  glong length = g_utf8_strlen (g_strstrip (text), -1);

  if (block->heading > 0)
    {
      if (level == NB_PARAGRAPH_BODY)
        level = CLAMP (block->heading - 2, NB_PARAGRAPH_HEADING_1, NB_PARAGRAPH_LEVEL_LAST);
      return nb_paragraph_new_text (level, text);
    }
  /* A short numbered line on its own is a heading; a numbered sentence
   * ("1.加强领导，…。") is body text. */
  if (level != NB_PARAGRAPH_BODY && length <= 40 && !g_str_has_suffix (text, "。")
      && (block->paragraph->runs->len == 1 || all_bold (block->paragraph)))
    return nb_paragraph_new_text (level, text);
  return nb_paragraph_copy (block->paragraph);
}

static GPtrArray *
section_paragraphs (Mapper                 *m,
                    const NbEditionSection *section)
{
  GPtrArray *paragraphs = g_hash_table_lookup (m->sections, section->id);

  if (paragraphs == NULL)
    {
      paragraphs = nb_paragraphs_new ();
      g_hash_table_insert (m->sections, (gpointer)section->id, paragraphs);
    }
  return paragraphs;
}

/* Tables */
typedef struct
{
  GPtrArray         *context; /* char *: the current group label at each depth */
  NbImportTableInfo *info;
} RowState;

static void
set_context (GPtrArray  *context,
             guint       depth,
             const char *group)
{
  while (context->len > depth)
    g_ptr_array_remove_index (context, context->len - 1);
  while (context->len < depth)
    g_ptr_array_add (context, g_strdup (""));
  g_ptr_array_add (context, g_strdup (group));
}

static void
read_fee_decimals (Mapper     *m,
                   const char *text)
{
  g_autofree char *normalized = nb_import_normalize_label (text);
  g_autofree char *digits = match_group ("保留([0-9])位小数", normalized);

  if (digits != NULL)
    nb_report_set_fee_decimals (m->report, (guint)MIN (g_ascii_strtoull (digits, NULL, 10),
                                                       NB_MONEY_MAX_DECIMALS));
}

/* "本年收费金额（单位：元）": amounts 10 000 times the format's 万元. */
static void
check_unit (Mapper            *m,
            NbImportTableInfo *info,
            const char        *text,
            const char        *location)
{
  g_autofree char *key = nb_import_normalize_label (text);
  g_autofree char *stem = _nb_import_label_stem (key);

  for (guint c = 0; c < nb_edition_table_get_n_columns (info->table); c++)
    {
      const NbEditionColumn *column = nb_edition_table_get_column (info->table, c);
      g_autofree char *column_key = NULL;
      g_autofree char *column_stem = NULL;
      g_autofree char *unit = NULL;

      if (column->kind != NB_VALUE_MONEY || column->unit == NULL)
        continue;
      column_key = nb_import_normalize_label (column->label);
      column_stem = _nb_import_label_stem (column_key);
      unit = nb_import_normalize_label (column->unit);
      if (*stem == '\0' || !g_str_equal (stem, column_stem) || strstr (key, unit) != NULL
          || strstr (key, "元") == NULL)
        continue;
      add_finding (m, NB_SEVERITY_WARNING, "MONEY-UNIT", location,
                   g_strdup_printf (_("The column “%s” is not in %s, the format’s unit; its values were imported as written: convert them to %s"),
                                    text, column->unit, column->unit));
    }
}

static void
store_value (Mapper            *m,
             NbImportTableInfo *info,
             guint              cell,
             const char        *text,
             const char        *location)
{
  const NbEditionCell *c = nb_edition_table_get_cell (info->table, cell);
  g_autofree char *clean = NULL;
  g_autoptr(GError) error = NULL;
  GString *compact;
  gboolean is_empty = FALSE;
  gint64 value = 0;

  /* Full-width digits and &nbsp; become ASCII; spaces inside are the
   * parser's to judge ("1 234" is a number, "3 4" is not). */
  clean = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  compact = g_string_new (NULL);
  for (const char *p = clean ? clean : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (compact, _nb_import_is_space_char (c) ? ' ' : c);
    }
  g_strstrip (compact->str);
  g_string_set_size (compact, strlen (compact->str));

  g_hash_table_insert (m->locations,
                       g_strdup_printf ("%s/%u", nb_edition_table_get_id (info->table), cell),
                       g_strdup (location));
  if (compact->len == 0)
    {
      g_string_free (compact, TRUE);
      return; /* blank: the checks name it */
    }
  if ((nb_number_parse (compact->str, c->kind, c->kind == NB_VALUE_MONEY ? c->max_decimals : 0,
                        &is_empty, &value, &error)
       /* "8123456.78元", "25.1万元": converted exactly to the column's unit */
       || (c->kind == NB_VALUE_MONEY
           && nb_report_parse_cell_text (m->report, info->table, cell, compact->str, &is_empty,
                                         &value, NULL)))
      && !is_empty)
    {
      nb_report_set_stated (m->report, info->table, cell, NB_CELL_VALUE, value, NULL);
      m->n_values++;
    }
  else if (!is_empty)
    /* Kept as written, so nothing is lost; the checks report it. */
    nb_report_set_stated (m->report, info->table, cell, NB_CELL_INVALID, 0, text);
  g_string_free (compact, TRUE);
}

/* A row written as the printed grid (every exporter of Nianbao, and many
 * a Word table): each value at its own grid column, so blank cells keep
 * their places. */
static gboolean
map_values_by_layout (Mapper            *m,
                      NbImportTableInfo *info,
                      NbImportRowInfo   *ri,
                      NbImportRow       *row,
                      int                last_label,
                      const char        *location,
                      const char        *label)
{
  guint width = nb_edition_table_get_grid_width (info->table);
  g_autofree gboolean *used = NULL;
  g_autoptr(GString) extra = NULL;
  guint n_extra = 0;

  if (row->cells->len != width)
    return FALSE;
  for (guint i = 0; i < ri->cells->len; i++)
    {
      const NbLayoutItem *item =
        nb_edition_table_get_cell_layout (info->table, g_array_index (ri->cells, guint, i));

      if (item == NULL || (int)item->column <= last_label || item->column >= width)
        return FALSE;
    }

  used = g_new0 (gboolean, width);
  for (guint i = 0; i < ri->cells->len; i++)
    {
      guint cell = g_array_index (ri->cells, guint, i);
      guint column = nb_edition_table_get_cell_layout (info->table, cell)->column;

      used[column] = TRUE;
      store_value (m, info, cell, g_ptr_array_index (row->cells, column), location);
    }
  extra = g_string_new (NULL);
  for (guint c = (guint)(last_label + 1); c < width; c++)
    if (!used[c] && !_nb_import_is_blank (g_ptr_array_index (row->cells, c)))
      {
        g_string_append_printf (extra, "%s“%s”", extra->len ? "、" : "",
                                (const char *)g_ptr_array_index (row->cells, c));
        n_extra++;
      }
  if (n_extra > 0)
    add_finding (m, NB_SEVERITY_ERROR, "ROW-EXTRA-VALUES", location,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Row “%s” has %u values for %u column; the extra %s was not imported",
                                               "Row “%s” has %u values for %u columns; the extra %s was not imported",
                                               ri->cells->len),
                                  label, ri->cells->len + n_extra, ri->cells->len, extra->str));
  return TRUE;
}

static void
map_values (Mapper            *m,
            NbImportTableInfo *info,
            NbImportRowInfo   *ri,
            GPtrArray         *values,
            const char        *location,
            const char        *label)
{
  guint n = ri->cells->len;
  guint first = 0, last = values->len;

  /* Cells the source adds for its own layout (a label spanning two
   * columns, a value spanning three) are empty; drop those outside the
   * values, but never a value. */
  while (last - first > n && _nb_import_is_blank (g_ptr_array_index (values, first)))
    first++;
  while (last - first > n && _nb_import_is_blank (g_ptr_array_index (values, last - 1)))
    last--;

  for (guint i = 0; i < n && first + i < last; i++)
    store_value (m, info, g_array_index (ri->cells, guint, i),
                 g_ptr_array_index (values, first + i), location);

  if (last - first > n)
    {
      GString *extra = g_string_new (NULL);

      for (guint i = first + n; i < last; i++)
        g_string_append_printf (extra, "%s“%s”", extra->len ? "、" : "",
                                (const char *)g_ptr_array_index (values, i));
      add_finding (m, NB_SEVERITY_ERROR, "ROW-EXTRA-VALUES", location,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Row “%s” has %u values for %u column; the extra %s was not imported",
                                                 "Row “%s” has %u values for %u columns; the extra %s was not imported",
                                                 n),
                                    label, last - first, n, extra->str));
      g_string_free (extra, TRUE);
    }
  else if (last - first < n)
    add_finding (m, NB_SEVERITY_ERROR, "ROW-MISSING-VALUES", location,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Row “%s” has %u values for %u column; the last cells were left blank",
                                               "Row “%s” has %u values for %u columns; the last cells were left blank",
                                               n),
                                  label, last - first, n));
}

static const char *
row_display_label (NbImportTableInfo *info,
                   NbImportRowInfo   *ri)
{
  const NbEditionRow *row = nb_edition_table_get_row (info->table, ri->row);

  if (row->label != NULL && *row->label != '\0')
    return row->label;
  return info->section ? info->section->heading : nb_edition_table_get_caption (info->table);
}

/* The cells up to @last_label are labels (those with letters), the rest
 * values. */
static gboolean
split_row (NbImportRow *row,
           int          last_label,
           GPtrArray   *labels,
           GPtrArray   *values)
{
  gboolean any_value = FALSE;

  g_ptr_array_set_size (labels, 0);
  g_ptr_array_set_size (values, 0);
  for (guint c = 0; c < row->cells->len; c++)
    {
      const char *text = g_ptr_array_index (row->cells, c);

      if ((int)c <= last_label)
        {
          if (_nb_import_has_letters (text))
            g_ptr_array_add (labels, (gpointer)text);
        }
      else
        {
          g_ptr_array_add (values, (gpointer)text);
          if (!_nb_import_is_blank (text))
            any_value = TRUE;
        }
    }
  return any_value;
}

/* The row of a table that has no label (table 四's one row), or NULL. */
static NbImportRowInfo *
unlabelled_row (NbImportTableInfo *info)
{
  NbImportRowInfo *found = NULL;

  for (guint r = 0; r < info->rows->len; r++)
    if (*((NbImportRowInfo *)g_ptr_array_index (info->rows, r))->label == '\0')
      {
        if (found != NULL)
          return NULL;
        found = g_ptr_array_index (info->rows, r);
      }
  return found;
}

/* A row of a table whose one row has no label (table 四), starting with
 * text that is no label of the table: the unlabelled row all the same.
 * Its leading texts are labels when the values after them fill the row
 * ("本机关", then 15 values), else the first of them are values ("不详",
 * then 14): they are stored, so the checks name each bad one.  Returns the
 * last label cell, or -2 when the row is not that. */
static int
relabel_unlabelled (NbImportTableInfo  *info,
                    NbImportRow        *row,
                    int                 last_label,
                    NbImportRowInfo   **unlabelled)
{
  guint n, total = row->cells->len;

  *unlabelled = unlabelled_row (info);
  if (*unlabelled == NULL)
    return -2;
  n = (*unlabelled)->cells->len;
  while (total > 0 && _nb_import_is_blank (g_ptr_array_index (row->cells, total - 1)))
    total--;
  if (total <= (guint)(last_label + 1))
    return -2; /* no value at all */
  if (total - (guint)(last_label + 1) >= n)
    return last_label;
  return MIN (last_label, (int)(total > n ? total - n : 0) - 1);
}

static void
map_row (Mapper        *m,
         NbImportBlock *block,
         guint          index,
         RowState      *state)
{
  NbImportRow *row = g_ptr_array_index (block->rows, index);
  NbImportTableInfo *info = state->info;
  g_autofree char *location = row_location (block, row, index);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *key = NULL;
  g_autofree char *short_label = NULL;
  int last_label = -1;
  gboolean any_value = FALSE, any_header = FALSE, loose = FALSE, variant = FALSE;
  NbImportRowInfo *ri;

  /* The labels end at the last cell that is a label of this table; only
   * a row no label of which is known ends at its last cell with letters
   * (a value such as "12a" after the labels is a value, if not a number). */
  for (guint c = 0; c < row->cells->len; c++)
    {
      const char *text = g_ptr_array_index (row->cells, c);
      g_autofree char *k = NULL;

      if (!_nb_import_has_letters (text))
        continue;
      k = nb_import_normalize_label (text);
      if (g_hash_table_contains (info->labels, k) || g_hash_table_contains (info->groups, k)
          || _nb_import_is_header (info, k))
        last_label = (int)c;
    }
  if (last_label < 0)
    for (guint c = 0; c < row->cells->len; c++)
      {
        if (_nb_import_looks_numeric (g_ptr_array_index (row->cells, c))
            || _nb_import_is_nil_word (g_ptr_array_index (row->cells, c)))
          break;
        if (_nb_import_has_letters (g_ptr_array_index (row->cells, c)))
          last_label = (int)c;
      }
  any_value = split_row (row, last_label, labels, values);
  if (labels->len == 0 && !any_value)
    return;

  /* Header rows: only texts of the printed header. */
  if (!any_value)
    {
      gboolean all_known = TRUE;

      for (guint i = 0; i < labels->len; i++)
        {
          g_autofree char *k = nb_import_normalize_label (g_ptr_array_index (labels, i));

          read_fee_decimals (m, g_ptr_array_index (labels, i));
          check_unit (m, info, g_ptr_array_index (labels, i), location);
          if (_nb_import_is_header (info, k))
            any_header = TRUE;
          else if (!g_hash_table_contains (info->groups, k))
            all_known = FALSE;
        }
      if (any_header)
        {
          if (!all_known)
            {
              g_autofree char *short_text = _nb_import_excerpt (g_ptr_array_index (labels, labels->len - 1));

              add_finding (m, NB_SEVERITY_WARNING, "HEADER-UNKNOWN", location,
                           g_strdup_printf (_("Some header cells of this row are not those of the format, e.g. “%s”"),
                                            short_text));
            }
          return;
        }
    }

  /* Group labels set the context for the rows under them. */
  for (guint i = 0; i < labels->len; i++)
    {
      g_autofree char *k = nb_import_normalize_label (g_ptr_array_index (labels, i));
      guint depth = GPOINTER_TO_UINT (g_hash_table_lookup (info->groups, k));

      g_string_append (joined, k);
      if (depth > 0)
        set_context (state->context, depth - 1, k);
    }

  if (labels->len == 0)
    {
      /* Values without a label: the one unlabelled row (table 四). */
      candidates = g_ptr_array_new ();
      for (guint r = 0; r < info->rows->len; r++)
        if (*((NbImportRowInfo *)g_ptr_array_index (info->rows, r))->label == '\0')
          g_ptr_array_add (candidates, g_ptr_array_index (info->rows, r));
      key = g_strdup ("");
    }
  else
    {
      key = nb_import_normalize_label (g_ptr_array_index (labels, labels->len - 1));
      candidates = _nb_import_find_rows (info, key, joined->str, state->context, &loose, &variant);
    }

  if (labels->len > 0)
    short_label = _nb_import_excerpt (g_ptr_array_index (labels, labels->len - 1));
  else
    short_label = g_strdup ("");

  if (candidates->len == 0)
    {
      const char *text = labels->len ? g_ptr_array_index (labels, labels->len - 1) : "";
      NbImportRowInfo *unlabelled = NULL;
      int relabelled;

      if (labels->len > 0 && g_hash_table_contains (info->groups, key))
        {
          if (any_value)
            add_finding (m, NB_SEVERITY_ERROR, "ROW-IS-GROUP", location,
                         g_strdup_printf (_("“%s” is a group of rows in edition %s, not a row; the values on this line were not imported (an edition %s row?)"),
                                          text, nb_edition_get_id (m->edition),
                                          g_str_equal (nb_edition_get_id (m->edition), "2021") ? "2019" : "2021"));
          return;
        }
      relabelled = labels->len > 0 ? relabel_unlabelled (info, row, last_label, &unlabelled) : -2;
      if (relabelled >= -1)
        {
          last_label = relabelled;
          any_value = split_row (row, last_label, labels, values);
          g_ptr_array_add (candidates, unlabelled);
          /* The label is not the format's: say which row it was read as. */
          loose = labels->len > 0;
          g_free (short_label);
          short_label = loose ? _nb_import_excerpt (g_ptr_array_index (labels, labels->len - 1)) : g_strdup ("");
        }
    }
  if (candidates->len == 0)
    {
      if (any_value)
        add_finding (m, NB_SEVERITY_ERROR, "ROW-UNKNOWN", location,
                     labels->len ? g_strdup_printf (_("Row “%s” is not a row of table “%s” in edition %s; its values were not imported"),
                                                    short_label, info->section ? info->section->heading : "",
                                                    nb_edition_get_id (m->edition))
                                 : g_strdup_printf (_("A row of values without a label in table “%s”; it was not imported"),
                                                    info->section ? info->section->heading : ""));
      else
        add_finding (m, NB_SEVERITY_WARNING, "ROW-UNKNOWN", location,
                     g_strdup_printf (_("Row “%s” is not part of table “%s”; it was skipped"),
                                      short_label, info->section ? info->section->heading : ""));
      return;
    }
  if (candidates->len > 1)
    {
      add_finding (m, NB_SEVERITY_ERROR, "ROW-AMBIGUOUS", location,
                   g_strdup_printf (_("Row “%s” could be any of %u rows of the table (its group heading is missing); it was not imported"),
                                    short_label,
                                    candidates->len));
      return;
    }

  ri = g_ptr_array_index (candidates, 0);
  /* The row's groups are now the context, for the rows that follow. */
  for (guint d = 0; ri->groups[d] != NULL; d++)
    set_context (state->context, d, ri->groups[d]);
  while (state->context->len > g_strv_length (ri->groups))
    g_ptr_array_remove_index (state->context, state->context->len - 1);

  if (variant)
    add_finding (m, NB_SEVERITY_WARNING, "LABEL-VARIANT", location,
                 g_strdup_printf (_("Row “%s” is another edition’s wording; it was read as “%s” of edition %s"),
                                  short_label, row_display_label (info, ri),
                                  nb_edition_get_id (m->edition)));
  else if (loose)
    add_finding (m, NB_SEVERITY_WARNING, "ROW-LOOSE-MATCH", location,
                 g_strdup_printf (_("Row “%s” was read as “%s”"),
                                  short_label,
                                  row_display_label (info, ri)));
  if (info->sources[ri->row] != NULL)
    {
      add_finding (m, NB_SEVERITY_ERROR, "ROW-DUPLICATE", location,
                   g_strdup_printf (_("Row “%s” appears again (first at %s); this one was not imported"),
                                    row_display_label (info, ri), info->sources[ri->row]));
      return;
    }
  info->sources[ri->row] = g_strdup (location);
  if (!map_values_by_layout (m, info, ri, row, last_label, location, row_display_label (info, ri)))
    map_values (m, info, ri, values, location, row_display_label (info, ri));
}

/* How many rows of @block the table knows: decides which table it is. */
static guint
score_table (NbImportTableInfo *info,
             NbImportBlock     *block)
{
  guint score = 0;

  for (guint r = 0; r < block->rows->len; r++)
    {
      NbImportRow *row = g_ptr_array_index (block->rows, r);

      for (guint c = 0; c < row->cells->len; c++)
        {
          const char *text = g_ptr_array_index (row->cells, c);
          g_autofree char *key = NULL;

          if (!_nb_import_has_letters (text))
            continue;
          key = nb_import_normalize_label (text);
          if (_nb_import_is_header (info, key) || g_hash_table_contains (info->groups, key))
            score++;
          else
            for (guint i = 0; i < info->rows->len; i++)
              if (g_str_equal (((NbImportRowInfo *)g_ptr_array_index (info->rows, i))->label, key))
                {
                  score++;
                  break;
                }
        }
    }
  return score;
}

/* The table of the format whose rows @block knows best, or NULL. */
static NbImportTableInfo *
choose_table (Mapper        *m,
              NbImportBlock *block)
{
  NbImportTableInfo *chosen = NULL;
  guint best = 0;

  for (guint t = 0; t < m->tables->len; t++)
    {
      NbImportTableInfo *info = g_ptr_array_index (m->tables, t);
      guint score = score_table (info, block);

      /* The section's own table wins a tie. */
      if (score > best || (score == best && score > 0 && m->current == info->section))
        {
          best = score;
          chosen = info;
        }
    }
  return chosen;
}

static void
map_table (Mapper        *m,
           NbImportBlock *block)
{
  NbImportTableInfo *chosen = choose_table (m, block);
  RowState state = { NULL, NULL };
  g_autofree char *location = block_location (block);

  if (chosen == NULL && m->current != NULL && m->current->table_id != NULL)
    {
      /* Only numbers: the section tells which table. */
      for (guint t = 0; t < m->tables->len; t++)
        if (((NbImportTableInfo *)g_ptr_array_index (m->tables, t))->section == m->current)
          chosen = g_ptr_array_index (m->tables, t);
    }
  if (chosen == NULL && block->rows->len == 1 && m->current != NULL
      && m->current->table_id == NULL)
    {
      /* One row of text in a narrative section ("联系电话：\t0379…"): a
       * paragraph that happens to hold a tab or sit in a frame. */
      NbImportRow *row = g_ptr_array_index (block->rows, 0);
      GString *text = g_string_new (NULL);

      for (guint c = 0; c < row->cells->len; c++)
        if (!_nb_import_is_blank (g_ptr_array_index (row->cells, c)))
          g_string_append_printf (text, "%s%s", text->len ? " " : "",
                                  (const char *)g_ptr_array_index (row->cells, c));
      g_ptr_array_add (section_paragraphs (m, m->current),
                       nb_paragraph_new_text (NB_PARAGRAPH_BODY, text->str));
      g_string_append_printf (m->contact_text, "%s\n", text->str);
      g_string_free (text, TRUE);
      return;
    }
  if (chosen == NULL)
    {
      add_finding (m, NB_SEVERITY_WARNING, "TABLE-UNKNOWN", location,
                   g_strdup_printf (_("A table of %u rows matches no table of the report format; it was not imported"),
                                    block->rows->len));
      return;
    }
  if (m->current != NULL && m->current != chosen->section)
    add_finding (m, NB_SEVERITY_WARNING, "TABLE-MISPLACED", location,
                 g_strdup_printf (_("The table under “%s” is the table of “%s”; it was imported there"),
                                  m->current->heading, chosen->section ? chosen->section->heading : ""));

  chosen->found = TRUE;
  state.info = chosen;
  state.context = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < block->rows->len; r++)
    map_row (m, block, r, &state);
  g_ptr_array_unref (state.context);
}

/* Findings of the checks: the totals that disagree, blank cells, values
 * that are no numbers, placed at the line they came from. */
static void
add_check_findings (Mapper *m)
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
      add_finding (m, finding->severity, finding->rule_id, location, g_strdup (finding->message));
    }
}

/* The end of the report */

/* At most this many findings list what follows the report; one more
 * counts the rest. */
/* How many parts of a page's footer its finding quotes. */
#define MAX_AFTER_END_PARTS 20

/* A block's text on one line: a paragraph's, or a table's cells. */
static char *
block_text (const NbImportBlock *block)
{
  GString *text;

  if (block->kind == NB_IMPORT_BLOCK_PARAGRAPH)
    return g_strstrip (nb_paragraph_dup_text (block->paragraph));
  text = g_string_new (NULL);
  for (guint r = 0; r < block->rows->len; r++)
    {
      NbImportRow *row = g_ptr_array_index (block->rows, r);

      for (guint c = 0; c < row->cells->len; c++)
        if (!_nb_import_is_blank (g_ptr_array_index (row->cells, c)))
          g_string_append_printf (text, "%s%s", text->len ? " " : "",
                                  (const char *)g_ptr_array_index (row->cells, c));
    }
  return g_string_free (text, FALSE);
}

/* A line of the web page around a report, not of the report: the
 * copyright, the site's registration, its sponsor, the print and close
 * buttons, share buttons, the visit counter, links to other articles.
 * Compared in normalized form ("主办：" is "主办:"); never a sentence
 * (ending in "。") or a numbered line, and the weaker words only in a
 * short line. */
static gboolean
is_footer_line (const char *text)
{
  const char * const *strong = (const char * const *)_nb_import_lexicon ()->footer_strong;
  const char * const *weak = (const char * const *)_nb_import_lexicon ()->footer_weak;
  g_autofree char *key = NULL;
  glong length = g_utf8_strlen (text, -1);

  /* A numbered line ("3.网站地图更新") is the report's own. */
  if (g_str_has_suffix (text, "。") || length > 300 || numbering_level (text) != NB_PARAGRAPH_BODY)
    return FALSE;
  key = nb_import_normalize_label (text);
  for (guint i = 0; strong[i] != NULL; i++)
    if (strstr (key, strong[i]) != NULL)
      return TRUE;
  if (length > 60)
    return FALSE;
  for (guint i = 0; weak[i] != NULL; i++)
    if (strstr (key, weak[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Where the report ends: the first block after the last section heading
 * that is of the page around it (a footer line, or, in a web page, an
 * element of the site's own such as <footer>); the number of blocks when
 * the report runs to the end. */
static guint
find_report_end (Mapper *m)
{
  GPtrArray *blocks = m->doc->blocks;
  guint last_heading = G_MAXUINT;

  for (guint b = 0; b < blocks->len; b++)
    {
      NbImportBlock *block = g_ptr_array_index (blocks, b);
      g_autofree char *text = NULL;
      gboolean loose;

      if (block->kind != NB_IMPORT_BLOCK_PARAGRAPH)
        continue;
      text = g_strstrip (nb_paragraph_dup_text (block->paragraph));
      if ((block->heading > 0 || g_utf8_strlen (text, -1) <= 40)
          && match_section (m, text, &loose) != NULL)
        last_heading = b;
    }
  if (last_heading == G_MAXUINT)
    return blocks->len;

  for (guint b = last_heading + 1; b < blocks->len; b++)
    {
      NbImportBlock *block = g_ptr_array_index (blocks, b);
      g_autofree char *text = NULL;

      /* A page that marks all of itself the site's tells nothing. */
      if (block->furniture
          && !((NbImportBlock *)g_ptr_array_index (blocks, last_heading))->furniture)
        return b;
      if (block->kind == NB_IMPORT_BLOCK_TABLE && block->rows->len > 3)
        continue;
      text = block_text (block);
      if (is_footer_line (text))
        return b;
    }
  return blocks->len;
}

/* The page's footer after the report, not imported: gathered into one
 * finding, placed at its first part and naming the parts, rather than one
 * finding per line burying the others. */
typedef struct
{
  guint    n_parts;
  char    *location;
  GString *parts;
} AfterEnd;

static void
report_after_end (Mapper              *m,
                  const NbImportBlock *block,
                  AfterEnd            *after)
{
  g_autofree char *text = block_text (block);
  g_autofree char *short_text = NULL;

  if (_nb_import_is_blank (text))
    return;
  if (after->n_parts++ == 0)
    {
      after->location = block_location (block);
      after->parts = g_string_new (NULL);
    }
  if (after->n_parts > MAX_AFTER_END_PARTS)
    return;
  short_text = _nb_import_excerpt_n (text, 60);
  g_string_append_printf (after->parts, "%s“%s”", after->parts->len ? "、" : "", short_text);
}

static void
after_end_finish (Mapper   *m,
                  AfterEnd *after)
{
  if (after->n_parts == 0)
    return;
  if (after->n_parts > MAX_AFTER_END_PARTS)
    g_string_append (after->parts, "…");
  add_finding (m, NB_SEVERITY_WARNING, "TEXT-AFTER-END", after->location,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The web page’s footer after the report was not imported (%u part): %s",
                                             "The web page’s footer after the report was not imported (%u parts): %s",
                                             after->n_parts),
                                after->n_parts, after->parts->str));
  g_clear_pointer (&after->location, g_free);
  g_string_free (g_steal_pointer (&after->parts), TRUE);
}

/* How far after a heading its table is sought: a note or two ("本列数据的
 * 勾稽关系为…") may come between. */
#define TABLE_LOOKAHEAD 3

/* A line shaped like a section heading (a heading style, bold, or "X、"; a
 * phrase, not a sentence) that a later section's table follows is that
 * section's heading, whatever its number or wording: "三、主动公开政府信息
 * 情况" before table 二, "**依申请公开情况**" before table 三.  NULL
 * otherwise, or when that section's heading was already found. */
static const NbEditionSection *
section_of_following_table (Mapper     *m,
                            guint       b,
                            guint       end,
                            const char *text)
{
  NbImportBlock *block = g_ptr_array_index (m->doc->blocks, b);
  NbParagraphLevel level = numbering_level (text);
  int current = section_index (m->edition, m->current);

  if (level != NB_PARAGRAPH_BODY && level != NB_PARAGRAPH_HEADING_1)
    return NULL;
  if (block->heading == 0 && level == NB_PARAGRAPH_BODY && !all_bold (block->paragraph))
    return NULL;
  if (g_utf8_strlen (text, -1) > 30 || strstr (text, "。") != NULL || strstr (text, "，") != NULL
      || strstr (text, "；") != NULL)
    return NULL;
  for (guint k = b + 1; k < end && k <= b + TABLE_LOOKAHEAD; k++)
    {
      NbImportBlock *next = g_ptr_array_index (m->doc->blocks, k);
      g_autofree char *next_text = NULL;
      NbImportTableInfo *table;

      if (next->kind == NB_IMPORT_BLOCK_TABLE)
        {
          table = choose_table (m, next);
          if (table == NULL || table->section == NULL
              || section_index (m->edition, table->section) <= current
              || g_hash_table_contains (m->found, table->section->id))
            return NULL;
          return table->section;
        }
      /* Another heading first: the table is not this line's. */
      next_text = nb_paragraph_dup_text (next->paragraph);
      if (next->heading > 0 || numbering_level (next_text) == NB_PARAGRAPH_HEADING_1)
        return NULL;
    }
  return NULL;
}

static void
map_document (Mapper  *m,
              gboolean title_seen)
{
  g_autoptr(GPtrArray) preamble = nb_paragraphs_new ();
  guint n_dropped = 0;
  g_autofree char *first_dropped = NULL;
  g_autofree char *first_dropped_at = NULL;
  g_autofree char *first_preamble = NULL;
  guint end = find_report_end (m);
  AfterEnd after = { 0, };

  for (guint b = 0; b < m->doc->blocks->len; b++)
    {
      NbImportBlock *block = g_ptr_array_index (m->doc->blocks, b);
      g_autofree char *text = NULL;
      const NbEditionSection *section;
      gboolean loose = FALSE;
      gboolean by_following = FALSE;

      if (b >= end)
        {
          report_after_end (m, block, &after);
          continue;
        }
      if (block->kind == NB_IMPORT_BLOCK_TABLE)
        {
          map_table (m, block);
          continue;
        }

      text = g_strstrip (nb_paragraph_dup_text (block->paragraph));
      section = (block->heading > 0 || g_utf8_strlen (text, -1) <= 40)
                  ? match_section (m, text, &loose) : NULL;
      /* What follows decides where the wording alone is unsure or silent:
       * a later section's table after it, or a later section's title. */
      if ((section == NULL || loose) && (m->current != NULL || title_seen))
        {
          const NbEditionSection *by_table = section_of_following_table (m, b, end, text);

          if (by_table != NULL && by_table != section)
            {
              section = by_table;
              loose = TRUE;
              by_following = TRUE;
            }
          else if (section == NULL && (section = match_section_misnumbered (m, text)) != NULL)
            loose = TRUE;
        }
      if (section != NULL)
        {
          GPtrArray *paragraphs = g_hash_table_lookup (m->sections, section->id);

          /* "### 一、总体情况" right under "## 一、总体情况" repeats it. */
          if (section == m->current && (paragraphs == NULL || paragraphs->len == 0))
            continue;
          if (loose)
            {
              g_autofree char *location = block_location (block);

              add_finding (m, NB_SEVERITY_WARNING, "HEADING-VARIANT", location,
                           by_following
                             ? g_strdup_printf (_("The heading “%s” was read as “%s”: the table after it is that section’s"),
                                                text, section->heading)
                             : g_strdup_printf (_("The heading “%s” was read as “%s”"), text,
                                                section->heading));
            }
          if (section != m->current && g_hash_table_contains (m->found, section->id))
            {
              g_autofree char *location = block_location (block);

              add_finding (m, NB_SEVERITY_WARNING, "SECTION-REPEATED", location,
                           g_strdup_printf (_("The heading “%s” appears a second time; the text after it was added to that section"),
                                            section->heading));
            }
          m->current = section;
          g_hash_table_add (m->found, (gpointer)section->id);
          continue;
        }

      if (m->current == NULL)
        {
          if (!title_seen && read_title (m, text))
            {
              /* What comes before the title is the site around it
               * (navigation, breadcrumbs), not the report. */
              if (preamble->len > 0)
                add_finding (m, NB_SEVERITY_WARNING, "TEXT-BEFORE-TITLE", NULL,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u paragraph before the title was not imported: “%s”",
                                                           "%u paragraphs before the title were not imported, the first: “%s”",
                                                           preamble->len),
                                              preamble->len, first_preamble));
              g_ptr_array_set_size (preamble, 0);
              g_string_truncate (m->contact_text, 0);
              title_seen = TRUE;
              continue;
            }
          if (first_preamble == NULL)
            first_preamble = _nb_import_excerpt (text);
          g_ptr_array_add (preamble, make_paragraph (block));
          g_string_append_printf (m->contact_text, "%s\n", text);
          continue;
        }
      if (m->current->table_id != NULL)
        {
          read_fee_decimals (m, text);
          if (n_dropped++ == 0)
            {
              first_dropped = _nb_import_excerpt (text);
              first_dropped_at = block_location (block);
            }
          continue;
        }
      g_ptr_array_add (section_paragraphs (m, m->current), make_paragraph (block));
      g_string_append_printf (m->contact_text, "%s\n", text);
    }

  after_end_finish (m, &after);
  if (n_dropped > 0)
    add_finding (m, NB_SEVERITY_WARNING, "TEXT-IN-TABLE-SECTION", first_dropped_at,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u paragraph in a table section was not imported (a table section holds only its table): “%s”",
                                               "%u paragraphs in table sections were not imported (a table section holds only its table), the first: “%s”",
                                               n_dropped),
                                  n_dropped, first_dropped));

  if (preamble->len > 0)
    {
      const NbEditionSection *first = NULL;

      for (guint i = 0; i < nb_edition_get_n_sections (m->edition) && first == NULL; i++)
        if (nb_edition_get_section (m->edition, i)->table_id == NULL)
          first = nb_edition_get_section (m->edition, i);
      if (first != NULL)
        {
          GPtrArray *paragraphs = section_paragraphs (m, first);
          guint n = preamble->len;

          for (guint i = preamble->len; i > 0; i--)
            g_ptr_array_insert (paragraphs, 0,
                                g_ptr_array_steal_index (preamble, i - 1));
          add_finding (m, NB_SEVERITY_WARNING, "TEXT-BEFORE-SECTIONS", NULL,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u paragraph before the first section heading was put at the start of “%s”",
                                                     "%u paragraphs before the first section heading were put at the start of “%s”",
                                                     n),
                                        n, first->heading));
        }
    }
  read_contacts (m, m->contact_text->str);
}

static void
report_missing (Mapper *m)
{
  for (guint i = 0; i < nb_edition_get_n_sections (m->edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (m->edition, i);
      GPtrArray *paragraphs = g_hash_table_lookup (m->sections, section->id);

      if (section->table_id != NULL)
        continue;
      if (!g_hash_table_contains (m->found, section->id) && (paragraphs == NULL || paragraphs->len == 0))
        add_finding (m, NB_SEVERITY_ERROR, "SECTION-MISSING", NULL,
                     g_strdup_printf (_("Section “%s” was not found; it is empty"), section->heading));
      else if (paragraphs == NULL || paragraphs->len == 0)
        add_finding (m, NB_SEVERITY_WARNING, "SECTION-EMPTY", NULL,
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
          add_finding (m, NB_SEVERITY_ERROR, "TABLE-MISSING", NULL,
                       g_strdup_printf (_("The table of “%s” was not found; it is empty"), heading));
          continue;
        }
      for (guint r = 0; r < info->rows->len; r++)
        if (info->sources[r] == NULL)
          {
            NbImportRowInfo *ri = g_ptr_array_index (info->rows, r);

            if (n_missing++ < 3)
              g_string_append_printf (missing, "%s“%s”", missing->len ? "、" : "",
                                      row_display_label (info, ri));
          }
      if (n_missing > 0)
        add_finding (m, NB_SEVERITY_ERROR, "ROW-MISSING", NULL,
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
  Mapper m = { 0 };
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
      if (read_title (&m, text))
        year = nb_report_get_year (probe);
    }

  m.edition = detect_edition (&m, year, &reason);
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
    add_finding (&m, NB_SEVERITY_ERROR, "META-YEAR", NULL,
                 g_strdup (_("No report year was found in the title (such as “2022年”); set it before publishing")));
  if (_nb_import_is_blank (nb_report_get_agency (m.report) ?: ""))
    add_finding (&m, NB_SEVERITY_ERROR, "META-AGENCY", NULL,
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
