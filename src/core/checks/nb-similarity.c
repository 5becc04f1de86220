/* nb-similarity.c: how alike two texts are, for year-over-year comparison
 *
 * A Sørensen–Dice coefficient over character bigrams.  Chinese has no word
 * boundaries, and bigrams of characters are what plagiarism and duplicate
 * detection commonly use for it: a paragraph kept from last year scores
 * high even when a few words or the year changed; reordered sentences still
 * score high; a rewrite scores low.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-similarity"

#include "config.h"

#include "nb-similarity.h"

/* Whitespace and punctuation carry no content: a re-wrapped paragraph or a
 * changed comma must not lower the score. */
static gboolean
counts (gunichar c)
{
  return !g_unichar_isspace (c) && !g_unichar_ispunct (c) && g_unichar_isprint (c);
}

/* One bigram (two code points packed in 64 bits) and how often it occurs;
 * the hash table's key points into it, so counting needs no re-insertion. */
typedef struct
{
  gint64 key;
  guint  count;
} Bigram;

static void
add_bigram (GHashTable *table,
            gunichar    first,
            gunichar    second)
{
  gint64 key = ((gint64)first << 32) | second;
  Bigram *bigram = g_hash_table_lookup (table, &key);

  if (bigram == NULL)
    {
      bigram = g_new0 (Bigram, 1);
      bigram->key = key;
      g_hash_table_insert (table, &bigram->key, bigram);
    }
  bigram->count++;
}

static GHashTable *
bigrams (const char *text,
         guint      *total)
{
  GHashTable *table = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  gunichar previous = 0;
  guint n_chars = 0;

  *total = 0;
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      if (!counts (c))
        continue;
      if (n_chars++ > 0)
        {
          add_bigram (table, previous, c);
          (*total)++;
        }
      previous = c;
    }

  /* A one-character text still has content: count it as a bigram of itself. */
  if (n_chars == 1)
    {
      add_bigram (table, previous, previous);
      *total = 1;
    }
  return table;
}

/**
 * nb_similarity_text:
 * @a: (nullable): a UTF-8 text
 * @b: (nullable): another one
 *
 * How alike two texts are: 2·|A∩B| / (|A|+|B|), where A and B are the
 * multisets of adjacent character pairs of each text, ignoring whitespace,
 * punctuation and letter case.  1.0 for the same content (two empty texts
 * included), 0.0 when no pair is shared or only one text is empty.
 * Symmetric; linear in the length of the texts.
 *
 * Returns: a score from 0.0 to 1.0
 */
double
nb_similarity_text (const char *a,
                    const char *b)
{
  g_autoptr(GHashTable) bigrams_a = NULL;
  g_autoptr(GHashTable) bigrams_b = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint total_a, total_b;
  guint64 shared = 0;

  bigrams_a = bigrams (a, &total_a);
  bigrams_b = bigrams (b, &total_b);
  if (total_a == 0 && total_b == 0)
    return 1.0;
  if (total_a == 0 || total_b == 0)
    return 0.0;

  g_hash_table_iter_init (&iter, bigrams_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Bigram *in_a = value;
      const Bigram *in_b = g_hash_table_lookup (bigrams_b, key);

      if (in_b != NULL)
        shared += MIN (in_a->count, in_b->count);
    }
  return (2.0 * (double)shared) / ((double)total_a + (double)total_b);
}
