/* nb-proofread.c: the text defects reviewers flag (PROOF-*, FEE-MENTION)
 *
 * Enumerations that skip or repeat, a phrase written twice, a template slot
 * left empty, last year named in the body, half-width punctuation between
 * Chinese characters, and 六 silent about the 信息处理费 the tables imply.
 * Every rule is a warning, and every word list is in the lexicon.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-proofread"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker-private.h"
#include "nb-lexicon.h"
#include "nb-narrative.h"

/* A phrase written twice back to back is a slip from this length on. */
#define MIN_DUPLICATE 6
#define MAX_DUPLICATE 200
#define HASH_SIZE     4096
/* How far before an empty measure word its cue verb is sought. */
#define SLOT_CLAUSE   40

typedef enum
{
  ENUM_PAREN_CN,     /* （一）（二） */
  ENUM_ARABIC,       /* 1. 2. or 1、2、 */
  ENUM_PAREN_ARABIC, /* （1）（2） */
  ENUM_INLINE,       /* 一是、二是: one kind per suffix of the lexicon, up to three */
  N_ENUM_KINDS = ENUM_INLINE + 3,
} EnumKind;

typedef struct
{
  gint64 last;      /* the last number seen, 0 for none */
} Sequence;

typedef struct
{
  NbReport        *report;
  const NbLexicon *lexicon;
  GPtrArray       *findings;
  const char      *section_id;
  guint            paragraph;
  const gunichar  *text;
  guint            n;
  int              year;
  Sequence         sequences[N_ENUM_KINDS];
  int             *head;
  int             *chain;
  guint            chain_size;
} Proof;

static gboolean
is_han (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
         || (c >= 0xF900 && c <= 0xFAFF);
}

static gboolean
is_ascii_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

static gboolean
is_digit (gunichar c)
{
  return is_ascii_digit (c) || (c >= 0xFF10 && c <= 0xFF19);
}

static gboolean
is_clause_punct (gunichar c)
{
  switch (c)
    {
    case 0xFF0C: /* ， */
    case 0x3002: /* 。 */
    case 0xFF1B: /* ； */
    case 0x3001: /* 、 */
    case 0xFF1A: /* ： */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case ',':
    case ';':
    case ':':
    case '.':
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
quote (Proof *proof,
       guint  start,
       guint  end)
{
  return g_ucs4_to_utf8 (proof->text + start, (glong)(end - start), NULL, NULL, NULL);
}

static NbFinding *
add (Proof      *proof,
     const char *rule,
     guint       offset,
     guint       length,
     char       *message)
{
  NbFinding *finding = nb_finding_append (proof->findings, NB_SEVERITY_WARNING, rule, message);

  nb_finding_set_place (finding, proof->section_id, proof->paragraph, offset, length);
  return finding;
}

/* Enumerations */

static void
sequence_step (Proof    *proof,
               EnumKind  kind,
               gint64    number,
               guint     start,
               guint     end)
{
  Sequence *sequence = &proof->sequences[kind];
  gint64 last = sequence->last;
  g_autofree char *marker = NULL;

  sequence->last = number;
  if (number == 1 || last == 0 || number == last + 1)
    return;
  marker = quote (proof, start, end);
  if (number == last)
    add (proof, "PROOF-ENUM", start, end - start,
         g_strdup_printf (_("“%s” is repeated: the item before has the same number"), marker));
  else if (number > last)
    add (proof, "PROOF-ENUM", start, end - start,
         g_strdup_printf (_("“%s” follows item %d: a number is skipped"), marker, (int)last));
  else
    add (proof, "PROOF-ENUM", start, end - start,
         g_strdup_printf (_("“%s” follows item %d: the numbers go back"), marker, (int)last));
}

/* A Chinese number (一…九十九) at at; its length, or 0. */
static guint
cn_number_at (Proof  *proof,
              guint   at,
              gint64 *value)
{
  guint p = at;

  while (p < proof->n && p - at < 4 && nb_narrative_is_cn_numeral (proof->text[p]))
    p++;
  if (p == at || !nb_narrative_parse_cn_number (proof->text + at, p - at, value) || *value == 0)
    return 0;
  return p - at;
}

static guint
arabic_number_at (Proof  *proof,
                  guint   at,
                  gint64 *value)
{
  guint p = at;

  *value = 0;
  while (p < proof->n && p - at < 3 && is_ascii_digit (proof->text[p]))
    *value = *value * 10 + (proof->text[p++] - '0');
  return *value > 0 ? p - at : 0;
}

/* The numbering that opens a paragraph: （一）, 1. 1、, （1）. */
static void
check_paragraph_numbering (Proof            *proof,
                           NbParagraphLevel  level)
{
  const gunichar *t = proof->text;
  gint64 value = 0;
  guint len;

  if (proof->n >= 3 && (t[0] == 0xFF08 || t[0] == '('))
    {
      if ((len = cn_number_at (proof, 1, &value)) > 0 && 1 + len < proof->n
          && (t[1 + len] == 0xFF09 || t[1 + len] == ')'))
        {
          /* a new （一） block starts the numbers below it afresh */
          proof->sequences[ENUM_ARABIC].last = 0;
          proof->sequences[ENUM_PAREN_ARABIC].last = 0;
          sequence_step (proof, ENUM_PAREN_CN, value, 0, 2 + len);
        }
      else if ((len = arabic_number_at (proof, 1, &value)) > 0 && 1 + len < proof->n
               && (t[1 + len] == 0xFF09 || t[1 + len] == ')'))
        sequence_step (proof, ENUM_PAREN_ARABIC, value, 0, 2 + len);
      return;
    }
  if ((len = arabic_number_at (proof, 0, &value)) > 0 && len < proof->n
      && (t[len] == '.' || t[len] == 0x3001 || t[len] == 0xFF0E) && len + 1 < proof->n
      && !is_digit (t[len + 1]))
    {
      proof->sequences[ENUM_PAREN_ARABIC].last = 0;
      sequence_step (proof, ENUM_ARABIC, value, 0, len + 1);
    }
  (void)level;
}

/* 一是…二是…: at the start of the paragraph or after a punctuation mark. */
static void
check_inline_enumeration (Proof *proof)
{
  const NbUList *suffixes = &proof->lexicon->enumeration_suffixes;

  for (guint at = 0; at < proof->n; at++)
    {
      gint64 value = 0;
      guint len;
      int w;

      if (at > 0 && !is_clause_punct (proof->text[at - 1]) && proof->text[at - 1] != 0xFF09
          && proof->text[at - 1] != 0x201D)
        continue;
      if ((len = cn_number_at (proof, at, &value)) == 0)
        continue;
      w = nb_ulist_match_at (suffixes, proof->text, proof->n, at + len);
      if (w < 0 || ENUM_INLINE + w >= N_ENUM_KINDS)
        continue;
      sequence_step (proof, (EnumKind)(ENUM_INLINE + w), value, at,
                     at + len + suffixes->items[w].len);
    }
}

/* Duplicated phrases: a 6-character piece at p seen L characters before,
 * with the L characters from there equal to the L from p. */
static gboolean
worth_reporting (Proof *proof,
                 guint  start,
                 guint  len)
{
  guint han = 0;

  for (guint i = start; i < start + len; i++)
    if (is_han (proof->text[i]))
      han++;
  return han >= 2;
}

static guint
hash6 (const gunichar *t)
{
  guint h = 5381;

  for (guint i = 0; i < MIN_DUPLICATE; i++)
    h = h * 33 + t[i];
  return h % HASH_SIZE;
}

static void
check_duplicates (Proof *proof)
{
  const gunichar *t = proof->text;

  if (proof->n < 2 * MIN_DUPLICATE)
    return;
  if (proof->chain_size < proof->n)
    {
      proof->chain_size = proof->n;
      proof->chain = g_renew (int, proof->chain, proof->n);
    }
  for (guint i = 0; i < HASH_SIZE; i++)
    proof->head[i] = -1;
  for (guint p = 0; p + MIN_DUPLICATE <= proof->n; p++)
    {
      guint h = hash6 (t + p);
      gboolean found = FALSE;

      for (int q = proof->head[h]; q >= 0 && p - (guint)q <= MAX_DUPLICATE; q = proof->chain[q])
        {
          guint len = p - (guint)q;

          if (len >= MIN_DUPLICATE && p + len <= proof->n
              && memcmp (t + q, t + p, len * sizeof (gunichar)) == 0
              && worth_reporting (proof, (guint)q, len))
            {
              g_autofree char *phrase = quote (proof, (guint)q, p);

              NbFinding *finding =
                add (proof, "PROOF-DUPLICATE", (guint)q, 2 * len,
                     g_strdup_printf (_("“%s” is written twice in a row"), phrase));

              nb_finding_set_fix (finding, p, len, "", g_strdup (_("Delete the Repeat")));
              found = TRUE;
              break;
            }
        }
      proof->chain[p] = proof->head[h];
      proof->head[h] = (int)p;
      if (found)
        return; /* one per paragraph: the rest is likely the same slip */
    }
}

/* Template slots: XX, ××, □, 20XX, and a measure word with no number. */
static gboolean
word_in (const NbUList  *list,
         const gunichar *text,
         guint           start,
         guint           end)
{
  for (guint w = 0; w < list->n; w++)
    if (list->items[w].len == end - start
        && memcmp (list->items[w].chars, text + start, (end - start) * sizeof (gunichar)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
ends_with_any (const NbUList  *list,
               const gunichar *text,
               guint           end)
{
  for (guint w = 0; w < list->n; w++)
    if (nb_ustr_ends_at (text, end, &list->items[w]))
      return TRUE;
  return FALSE;
}

static void
check_slots (Proof *proof)
{
  const NbLexicon *lexicon = proof->lexicon;
  const gunichar *t = proof->text;
  guint clause = 0;

  for (guint at = 0; at < proof->n; at++)
    {
      int w = nb_ulist_match_at (&lexicon->placeholders, t, proof->n, at);

      if (w >= 0)
        {
          guint end = at + lexicon->placeholders.items[w].len;

          /* XX inside a Latin word (XXL, 0xX) is no slot */
          if ((at == 0 || !g_unichar_isalpha (t[at - 1]) || is_han (t[at - 1]))
              && (end == proof->n || !g_unichar_isalnum (t[end]) || is_han (t[end])))
            {
              g_autofree char *slot = quote (proof, at, end);

              add (proof, "PROOF-SLOT", at, end - at,
                   g_strdup_printf (_("“%s” is a template placeholder left in the text"), slot));
              return;
            }
          at = end - 1;
          continue;
        }
      if (is_clause_punct (t[at]))
        {
          clause = at + 1;
          continue;
        }
      if (at == 0 || !word_in (&lexicon->slot_measures, t, at, at + 1))
        continue;
      /* 件 ending a clause, after a noun: "发布政策解读篇。" */
      if ((at + 1 < proof->n && !is_clause_punct (t[at + 1])) || !is_han (t[at - 1])
          || word_in (&lexicon->slot_before_ok, t, at - 1, at)
          || ends_with_any (&lexicon->slot_compounds, t, at + 1)
          || nb_narrative_is_cn_numeral (t[at - 1])
          || nb_ulist_find_in (&lexicon->slot_cues, t, MAX (clause, at > SLOT_CLAUSE ? at - SLOT_CLAUSE : 0),
                               at) < 0)
        continue;
      {
        g_autofree char *phrase = quote (proof, clause, at + 1);

        add (proof, "PROOF-SLOT", clause, at + 1 - clause,
             g_strdup_printf (_("“%s”: the number before “%s” is missing"), phrase,
                              g_utf8_offset_to_pointer (phrase, (glong)(at - clause))));
        return;
      }
    }
}

/* A year before the report's, named neither as a comparison nor inside a
 * document title: likely kept from last year's report. */
static void
check_years (Proof *proof)
{
  const NbLexicon *lexicon = proof->lexicon;
  const gunichar *t = proof->text;
  int title_depth = 0;

  if (proof->year <= 0)
    return;
  for (guint at = 0; at + 4 < proof->n; at++)
    {
      int year = 0;
      guint after;
      gboolean compared = FALSE;

      if (t[at] == 0x300A) /* 《 */
        title_depth++;
      else if (t[at] == 0x300B && title_depth > 0)
        title_depth--;
      if (!is_digit (t[at]) || (at > 0 && is_digit (t[at - 1])))
        continue;
      for (guint i = 0; i < 4; i++)
        {
          if (!is_digit (t[at + i]))
            {
              year = -1;
              break;
            }
          year = year * 10 + (t[at + i] >= 0xFF10 ? (int)(t[at + i] - 0xFF10) : (int)(t[at + i] - '0'));
        }
      after = at + 4;
      if (year < 0 || t[after] != 0x5E74 /* 年 */ || title_depth > 0)
        continue;
      /* a date ("2021年9月") refers to something that happened then */
      if (after + 1 < proof->n && is_digit (t[after + 1]))
        continue;
      if (year >= proof->year || year < proof->year - (int)lexicon->year_window)
        continue;
      after++;
      if (after < proof->n && t[after] == 0x5EA6) /* 年度 */
        after++;
      for (guint back = 0; back <= 2 && back <= at && !compared; back++)
        compared = ends_with_any (&lexicon->comparison_before, t, at - back);
      if (!compared && nb_ulist_match_at (&lexicon->comparison_after, t, proof->n, after) >= 0)
        compared = TRUE;
      if (compared)
        continue;
      {
        g_autofree char *named = quote (proof, at, after);

        add (proof, "PROOF-YEAR", at, after - at,
             g_strdup_printf (_("“%s” names an earlier year in a report for %d: kept from an earlier report? Name it as a comparison (比上年, 较%d年) if it is one"),
                              named, proof->year, year));
      }
    }
}

/* GB/T 15834: between Chinese characters, punctuation is full-width. */
static gboolean
is_half_width_slip (const gunichar *t,
                    guint           at)
{
  gunichar c = t[at];

  if (c == ',' || c == ';' || c == ':' || c == '?' || c == '!')
    return is_han (t[at - 1]) && is_han (t[at + 1]);
  if (c == '(')
    return is_han (t[at - 1]) || is_han (t[at + 1]);
  if (c == ')')
    return is_han (t[at - 1]);
  return FALSE;
}

static void
check_punctuation (Proof *proof)
{
  const gunichar *t = proof->text;
  guint count = 0, first = 0, last = 0;
  g_autoptr(GString) fixed = g_string_new (NULL);

  for (guint at = 1; at + 1 < proof->n; at++)
    {
      gboolean bad = is_half_width_slip (t, at);

      if (bad && count++ == 0)
        first = at;
      if (bad)
        last = at;
    }
  /* The fix: every one of them full-width (U+FF01… holds each ASCII mark
   * at 0xFEE0 above it), the text between as it is. */
  for (guint at = first; count > 0 && at <= last; at++)
    {
      g_string_append_unichar (fixed, is_half_width_slip (t, at) ? t[at] + 0xFEE0 : t[at]);
    }
  if (count > 0)
    {
      g_autofree char *sample = quote (proof, first - 1, first + 2);
      NbFinding *finding =
        add (proof, "PROOF-PUNCT", first, 1,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u half-width punctuation mark between Chinese characters (“%s”): use the full-width one",
                                           "%u half-width punctuation marks between Chinese characters, the first in “%s”: use full-width ones",
                                           count),
                              count, sample));

      nb_finding_set_fix (finding, first, last + 1 - first, fixed->str,
                          g_strdup (g_dngettext (GETTEXT_PACKAGE, "Use the Full-Width Mark",
                                                 "Use Full-Width Marks", count)));
    }
}

static void
check_paragraph (Proof             *proof,
                 const NbParagraph *paragraph,
                 const char        *utf8)
{
  glong n = 0;
  g_autofree gunichar *text = g_utf8_to_ucs4_fast (utf8, -1, &n);

  proof->text = text;
  proof->n = (guint)n;
  /* A heading of a higher level starts every sequence below it afresh. */
  if (paragraph->level == NB_PARAGRAPH_HEADING_1)
    memset (proof->sequences, 0, sizeof proof->sequences);
  if (paragraph->level != NB_PARAGRAPH_BODY)
    for (guint k = ENUM_INLINE; k < N_ENUM_KINDS; k++)
      proof->sequences[k].last = 0;
  check_paragraph_numbering (proof, paragraph->level);
  check_inline_enumeration (proof);
  check_duplicates (proof);
  check_slots (proof);
  check_years (proof);
  check_punctuation (proof);
  proof->text = NULL;
}

static gboolean
any_fee_figure (NbReport        *report,
                const NbLexicon *lexicon)
{
  NbEdition *edition = nb_report_get_edition (report);

  for (guint r = 0; r < lexicon->fee_cells.n; r++)
    for (guint c = 0; c < lexicon->fee_cells.items[r].n; c++)
      {
        const NbEditionTable *table =
          nb_edition_find_table (edition, lexicon->fee_cells.items[r].tables[c]);
        int cell = table ? nb_edition_table_find_cell_by_key (table, lexicon->fee_cells.items[r].keys[c])
                         : -1;
        gint64 value = 0;

        if (cell >= 0 && nb_report_get_cell (report, table, (guint)cell, &value, NULL) == NB_CELL_VALUE
            && value != 0)
          return TRUE;
      }
  return FALSE;
}

/* 六 must report the 信息处理费 when requests ended for unpaid fees. */
static void
check_fee_mention (NbReport        *report,
                   const NbLexicon *lexicon,
                   GPtrArray       *findings)
{
  const NbEditionSection *section =
    nb_edition_find_section (nb_report_get_edition (report), lexicon->fee_section);
  g_autofree char *utf8 = NULL;
  g_autofree gunichar *text = NULL;
  glong n = 0;
  NbFinding *finding;

  if (section == NULL || !any_fee_figure (report, lexicon))
    return;
  utf8 = nb_report_dup_section_text (report, section->id);
  text = g_utf8_to_ucs4_fast (utf8 ? utf8 : "", -1, &n);
  /* an empty section is SECTION-EMPTY already */
  if (nb_report_count_section_chars (report, section->id) == 0
      || nb_ulist_find_in (&lexicon->fee_words, text, 0, (guint)n) >= 0)
    return;
  finding = nb_finding_append (findings, NB_SEVERITY_WARNING, "FEE-MENTION",
                               g_strdup_printf (_("Section “%s” says nothing about the information processing fee (信息处理费), although table 三 shows requests ended for unpaid fees"),
                                                section->heading));
  finding->section_id = g_strdup (section->id);
}

void
nb_check_proofreading (NbReport  *report,
                       GPtrArray *findings)
{
  NbEdition *edition = nb_report_get_edition (report);
  int head[HASH_SIZE];
  Proof proof = {
    .report = report,
    .lexicon = nb_lexicon_get (),
    .findings = findings,
    .year = nb_report_get_year (report),
    .head = head,
  };

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      GPtrArray *paragraphs;

      if (section->table_id != NULL)
        continue;
      paragraphs = nb_report_get_paragraphs (report, section->id);
      proof.section_id = section->id;
      memset (proof.sequences, 0, sizeof proof.sequences);
      for (guint p = 0; paragraphs != NULL && p < paragraphs->len; p++)
        {
          const NbParagraph *paragraph = g_ptr_array_index (paragraphs, p);
          g_autofree char *text = nb_paragraph_dup_text (paragraph);

          proof.paragraph = p;
          check_paragraph (&proof, paragraph, text);
        }
    }
  g_free (proof.chain);
  check_fee_mention (report, proof.lexicon, findings);
}
