/* nb-import-sections.c: which section a heading starts, and the paragraphs under it
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include "nb-import-map-private.h"

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
match_section_by_number (NbImportMapper *m,
                         const char     *key,
                         gboolean       *loose)
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

static gboolean
all_bold (const NbParagraph *paragraph)
{
  for (guint i = 0; i < paragraph->runs->len; i++)
    if (!((NbRun *)g_ptr_array_index (paragraph->runs, i))->bold)
      return FALSE;
  return paragraph->runs->len > 0;
}

const NbEditionSection *
_nb_import_match_section (NbImportMapper *m,
                          const char     *text,
                          gboolean       *loose)
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
const NbEditionSection *
_nb_import_match_section_misnumbered (NbImportMapper *m,
                                      const char     *text)
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
NbParagraphLevel
_nb_import_numbering_level (const char *text)
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

NbParagraph *
_nb_import_make_paragraph (const NbImportBlock *block)
{
  g_autofree char *text = nb_paragraph_dup_text (block->paragraph);
  NbParagraphLevel level = _nb_import_numbering_level (text);
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

GPtrArray *
_nb_import_section_paragraphs (NbImportMapper         *m,
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

/* How far after a heading its table is sought: a note or two ("本列数据的
 * 勾稽关系为…") may come between. */
#define TABLE_LOOKAHEAD 3

/* A line shaped like a section heading (a heading style, bold, or "X、"; a
 * phrase, not a sentence) that a later section's table follows is that
 * section's heading, whatever its number or wording: "三、主动公开政府信息
 * 情况" before table 二, "**依申请公开情况**" before table 三.  NULL
 * otherwise, or when that section's heading was already found. */
const NbEditionSection *
_nb_import_section_of_following_table (NbImportMapper *m,
                                       guint           b,
                                       guint           end,
                                       const char     *text)
{
  NbImportBlock *block = g_ptr_array_index (m->doc->blocks, b);
  NbParagraphLevel level = _nb_import_numbering_level (text);
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
          table = _nb_import_choose_table (m, next);
          if (table == NULL || table->section == NULL
              || section_index (m->edition, table->section) <= current
              || g_hash_table_contains (m->found, table->section->id))
            return NULL;
          return table->section;
        }
      /* Another heading first: the table is not this line's. */
      next_text = nb_paragraph_dup_text (next->paragraph);
      if (next->heading > 0 || _nb_import_numbering_level (next_text) == NB_PARAGRAPH_HEADING_1)
        return NULL;
    }
  return NULL;
}
