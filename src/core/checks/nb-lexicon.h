/* nb-lexicon.h: the words the checker reads the narrative with
 *
 * Loaded once from data/checks/lexicon.json (a resource): the phrasings are
 * data, so a new way of writing "共收到…申请" is a new entry, not new code.
 * Strings are kept as arrays of characters, as the text is scanned.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct
{
  gunichar *chars;
  guint     len;
} NbUStr;

typedef struct
{
  NbUStr *items;
  guint   n;
} NbUList;

/* A sum of cells: "t3:new/total" + "t3:carried_over/total". */
typedef struct
{
  guint   n;
  char  **tables; /* "t3" */
  char  **keys;   /* "new/total" */
} NbReading;

typedef struct
{
  NbReading *items;
  guint      n;
} NbReadings;

/* An object word ("规范性文件") that picks the readings of a figure. */
typedef struct
{
  NbUStr     word;
  NbReadings readings;
} NbLexObject;

/* One kind of figure a narrative states. */
typedef struct
{
  const char  *id;
  const char  *rule;       /* interned: "TEXT-RECEIVED" */
  NbUList      cues;       /* words just before the number */
  NbUList      context;    /* one of these must be in the sentence, if any */
  NbUList      exclude;    /* none of these between the previous figure and the number */
  NbUList      units;      /* count units accepted, if any */
  gboolean     money;      /* an amount in 元/万元 */
  NbReadings   readings;   /* what the tables may say */
  NbReadings   share_of;   /* the totals a share of it may refer to */
  NbReadings   upheld;     /* the part a "均获维持" claims equals readings[0] */
  NbLexObject *objects;
  guint        n_objects;
} NbLexFigure;

typedef struct
{
  NbUList      count_units;
  NbUStr      *money_units; /* parallel to money_factors */
  gint64      *money_factors; /* in millionths of 万元 */
  guint        n_money_units;
  NbUList      percent_units;
  NbUList      approximate_before;
  NbUList      approximate_after;
  NbUList      exclude;
  NbUList      share_cues;
  NbUList      all_upheld;
  NbUList      none_stated; /* "未发生…行政复议": the figure after it is 0 */
  NbLexFigure *figures;
  guint        n_figures;

  /* proofreading */
  NbUList      enumeration_suffixes; /* 是 in 一是、二是 */
  NbUList      placeholders;
  NbUList      slot_cues;
  NbUList      slot_measures;
  NbUList      slot_before_ok;
  NbUList      slot_compounds;
  NbUList      comparison_before;
  NbUList      comparison_after;
  NbUList      fee_words;
  NbReadings   fee_cells;    /* any not 0 asks for the fee mention */
  const char  *fee_section;  /* where: the section id */
  guint        year_window;  /* how many years back a year is suspect */
} NbLexicon;

const NbLexicon *nb_lexicon_get          (void);
NbLexicon       *nb_lexicon_new_from_bytes (GBytes        *json,
                                            GError       **error);
void             nb_lexicon_free         (NbLexicon     *lexicon);

/* Matching helpers over a text of n characters. */
gboolean         nb_ustr_ends_at         (const gunichar *text,
                                          guint           end,
                                          const NbUStr   *word);
int              nb_ulist_find_in        (const NbUList  *list,
                                          const gunichar *text,
                                          guint           start,
                                          guint           end);
int              nb_ulist_match_at       (const NbUList  *list,
                                          const gunichar *text,
                                          guint           n,
                                          guint           at);

/* Whether @word stands at @at.  Inline, and deciding by the first
 * character before comparing the rest: the lexicons are tried at every
 * character of every section, and nearly every place differs there. */
static inline gboolean
nb_ustr_at (const gunichar *text,
            guint           n,
            guint           at,
            const NbUStr   *word)
{
  if (at + word->len > n)
    return FALSE;
  if (word->len > 0 && text[at] != word->chars[0])
    return FALSE;
  return memcmp (text + at, word->chars, word->len * sizeof (gunichar)) == 0;
}

G_END_DECLS
