/* nb-narrative.c: the figures a narrative states, against the tables
 *
 * A sentence such as "全年共收到政府信息公开申请120件" states a figure: a
 * number with its unit, after a cue word that says what it counts.  The cue
 * nearest the number decides; the lexicon (data/checks/lexicon.json) lists
 * the cues and, for each kind of figure, its readings: the sums of cells it
 * may mean ("共收到" with or without 上年结转).  A figure no reading
 * supports is a warning at its sentence; one reading that holds is enough.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-narrative"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-checker-private.h"
#include "nb-lexicon.h"
#include "nb-narrative.h"

/* How far a number may follow its cue, in characters. */
#define MAX_CUE_GAP 20
/* How far before a number its cue and exclusions are sought. */
#define MAX_WINDOW  64

typedef enum
{
  UNIT_NONE,
  UNIT_COUNT,
  UNIT_MONEY,
  UNIT_PERCENT,
} UnitKind;

typedef struct
{
  guint     start;     /* the number, in characters of the paragraph */
  guint     end;
  guint     unit_end;  /* past its unit */
  gint64    mantissa;  /* the digits as written, without the point */
  guint     decimals;
  UnitKind  unit;
  int       unit_index;
  gboolean  approximate;
} Number;

/* The figure a number was read as, for the shares and "均获维持" after it. */
typedef struct
{
  const NbLexFigure *figure;
  const Number      *number;
  guint              cue_start;
} Stated;

typedef struct
{
  NbReport        *report;
  NbEdition       *edition;
  const NbLexicon *lexicon;
  GPtrArray       *findings;
  const char      *section_id;
  guint            paragraph;
  const gunichar  *text;
  guint            n;
} Scan;

static gboolean
is_digit (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int
digit_value (gunichar c)
{
  return c >= 0xFF10 ? (int)(c - 0xFF10) : (int)(c - '0');
}

static int
cn_digit (gunichar c)
{
  switch (c)
    {
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */
      return 0;
    case 0x4E00: return 1; /* 一 */
    case 0x4E8C: /* 二 */
    case 0x4E24: /* 两 */
      return 2;
    case 0x4E09: return 3; /* 三 */
    case 0x56DB: return 4; /* 四 */
    case 0x4E94: return 5; /* 五 */
    case 0x516D: return 6; /* 六 */
    case 0x4E03: return 7; /* 七 */
    case 0x516B: return 8; /* 八 */
    case 0x4E5D: return 9; /* 九 */
    default: return -1;
    }
}

static gint64
cn_unit (gunichar c)
{
  switch (c)
    {
    case 0x5341: return 10;        /* 十 */
    case 0x767E: return 100;       /* 百 */
    case 0x5343: return 1000;      /* 千 */
    case 0x4E07: return 10000;     /* 万 */
    case 0x4EBF: return 100000000; /* 亿 */
    default: return 0;
    }
}

gboolean
nb_narrative_is_cn_numeral (gunichar c)
{
  return cn_digit (c) >= 0 || cn_unit (c) > 0;
}

/* 一百二十 → 120, 十二 → 12, 两千零五 → 2005, 一二〇 → 120. */
gboolean
nb_narrative_parse_cn_number (const gunichar *text,
                              guint           len,
                              gint64         *value)
{
  gint64 total = 0, section = 0, number = 0;
  gboolean any_unit = FALSE;

  for (guint i = 0; i < len; i++)
    if (cn_unit (text[i]) > 0)
      any_unit = TRUE;
  if (!any_unit)
    {
      /* Digit by digit, as years and codes are written. */
      for (guint i = 0; i < len; i++)
        {
          if (cn_digit (text[i]) < 0 || total > G_GINT64_CONSTANT (100000000000000))
            return FALSE;
          total = total * 10 + cn_digit (text[i]);
        }
      *value = total;
      return len > 0;
    }
  for (guint i = 0; i < len; i++)
    {
      int d = cn_digit (text[i]);
      gint64 unit = cn_unit (text[i]);

      if (d >= 0)
        number = d;
      else if (unit < 10000)
        {
          if (number == 0 && (i == 0 || cn_digit (text[i - 1]) != 0))
            number = 1; /* 十二: the one is not written */
          section += number * unit;
          number = 0;
        }
      else
        {
          section += number;
          if (section == 0)
            return FALSE;
          total = (total + section) * unit;
          section = 0;
          number = 0;
        }
      if (total > G_GINT64_CONSTANT (100000000000000))
        return FALSE;
    }
  *value = total + section + number;
  return TRUE;
}

/* The unit right after a number: money first, as 万元 is longer than any
 * count unit it could be taken for. */
static void
read_unit (const NbLexicon *lexicon,
           const gunichar  *text,
           guint            n,
           Number          *number)
{
  guint at = number->end;
  int w;
  guint best_len = 0;

  w = nb_ulist_match_at (&lexicon->approximate_after, text, n, at);
  if (w >= 0)
    {
      number->approximate = TRUE;
      at += lexicon->approximate_after.items[w].len;
    }
  number->unit_end = at;
  for (guint i = 0; i < lexicon->n_money_units; i++)
    if (lexicon->money_units[i].len > best_len && nb_ustr_at (text, n, at, &lexicon->money_units[i]))
      {
        best_len = lexicon->money_units[i].len;
        number->unit = UNIT_MONEY;
        number->unit_index = (int)i;
      }
  if (best_len == 0 && (w = nb_ulist_match_at (&lexicon->count_units, text, n, at)) >= 0)
    {
      best_len = lexicon->count_units.items[w].len;
      number->unit = UNIT_COUNT;
      number->unit_index = w;
    }
  if (best_len == 0 && (w = nb_ulist_match_at (&lexicon->percent_units, text, n, at)) >= 0)
    {
      best_len = lexicon->percent_units.items[w].len;
      number->unit = UNIT_PERCENT;
      number->unit_index = w;
    }
  number->unit_end = at + best_len;
}

static gboolean
approximate_before (const NbLexicon *lexicon,
                    const gunichar  *text,
                    guint            start)
{
  for (guint w = 0; w < lexicon->approximate_before.n; w++)
    {
      const NbUStr *word = &lexicon->approximate_before.items[w];

      /* right before the number, or before one linking character (为, 达) */
      if (nb_ustr_ends_at (text, start, word)
          || (start > 0 && nb_ustr_ends_at (text, start - 1, word)))
        return TRUE;
    }
  return FALSE;
}

/* Every number in [start, end): Arabic (with thousands separators and a
 * decimal point, half- or full-width) and Chinese numerals before a unit. */
static GArray *
scan_numbers (const NbLexicon *lexicon,
              const gunichar  *text,
              guint            start,
              guint            end)
{
  GArray *numbers = g_array_new (FALSE, TRUE, sizeof (Number));

  for (guint at = start; at < end;)
    {
      Number number = { .start = at, .unit = UNIT_NONE, .unit_index = -1 };
      gboolean ordinal = at > 0 && text[at - 1] == 0x7B2C; /* 第 */

      if (is_digit (text[at]))
        {
          gboolean overflow = FALSE;
          guint p = at;

          while (p < end)
            {
              if (is_digit (text[p]))
                {
                  if (number.mantissa > G_GINT64_CONSTANT (100000000000000))
                    overflow = TRUE;
                  else
                    number.mantissa = number.mantissa * 10 + digit_value (text[p]);
                  if (number.decimals > 0 || (p > at && (text[p - 1] == '.' || text[p - 1] == 0xFF0E)))
                    number.decimals++;
                  p++;
                }
              else if (text[p] == ',' && number.decimals == 0 && p + 3 < end + 1
                       && p + 3 <= end && is_digit (text[p + 1]) && is_digit (text[p + 2])
                       && is_digit (text[p + 3]) && (p + 4 >= end || !is_digit (text[p + 4])))
                p++;
              else if ((text[p] == '.' || text[p] == 0xFF0E) && number.decimals == 0 && p + 1 < end
                       && is_digit (text[p + 1]) && (p == at || is_digit (text[p - 1])))
                p++;
              else
                break;
            }
          number.end = p;
          read_unit (lexicon, text, end, &number);
          number.approximate = number.approximate || overflow || ordinal
                               || approximate_before (lexicon, text, at);
          g_array_append_val (numbers, number);
          at = MAX (number.unit_end, p);
          continue;
        }
      if (nb_narrative_is_cn_numeral (text[at]) && cn_digit (text[at]) >= 0)
        {
          guint p = at;

          while (p < end && nb_narrative_is_cn_numeral (text[p]))
            p++;
          number.end = p;
          read_unit (lexicon, text, end, &number);
          if (number.unit != UNIT_NONE
              && nb_narrative_parse_cn_number (text + at, p - at, &number.mantissa))
            {
              number.approximate = number.approximate || ordinal
                                   || approximate_before (lexicon, text, at);
              g_array_append_val (numbers, number);
              at = number.unit_end;
              continue;
            }
          at = p;
          continue;
        }
      at++;
    }
  return numbers;
}

/* The cue nearest before the number: the one ending last, the longest of
 * those.  Returns the figure, with the cue's start. */
static const NbLexFigure *
find_figure (const NbLexicon *lexicon,
             const gunichar  *text,
             guint            start,
             guint            end,
             guint           *cue_start)
{
  const NbLexFigure *best = NULL;
  guint best_end = 0, best_len = 0;

  for (guint f = 0; f < lexicon->n_figures; f++)
    {
      const NbLexFigure *figure = &lexicon->figures[f];

      for (guint c = 0; c < figure->cues.n; c++)
        {
          const NbUStr *cue = &figure->cues.items[c];

          for (guint at = start; at + cue->len <= end; at++)
            if (text[at] == cue->chars[0] && nb_ustr_at (text, end, at, cue)
                && (at + cue->len > best_end
                    || (at + cue->len == best_end && cue->len > best_len)))
              {
                best = figure;
                best_end = at + cue->len;
                best_len = cue->len;
                *cue_start = at;
              }
        }
    }
  return best;
}

typedef struct
{
  const NbEditionTable *table;
  int                   cells[32];
  guint                 n;
  gint64                sum;
} Evaluated;

/* The sum a reading gives in this report; FALSE when the edition has no
 * such cell or one of them holds no value. */
static gboolean
evaluate (Scan            *scan,
          const NbReading *reading,
          Evaluated       *out)
{
  out->table = NULL;
  out->n = 0;
  out->sum = 0;
  for (guint c = 0; c < reading->n && c < G_N_ELEMENTS (out->cells); c++)
    {
      const NbEditionTable *table = nb_edition_find_table (scan->edition, reading->tables[c]);
      int cell = table ? nb_edition_table_find_cell_by_key (table, reading->keys[c]) : -1;
      gint64 value = 0;

      if (cell < 0)
        return FALSE;
      if (nb_report_get_cell (scan->report, table, (guint)cell, &value, NULL) != NB_CELL_VALUE
          && !(nb_edition_table_get_cell (table, (guint)cell)->computed
               && nb_report_compute_cell (scan->report, table, (guint)cell, &value)))
        return FALSE;
      if (__builtin_add_overflow (out->sum, value, &out->sum))
        return FALSE;
      if (out->table == NULL)
        out->table = table;
      out->cells[out->n++] = cell;
    }
  return out->n > 0;
}

static char *
describe (Scan            *scan,
          const Evaluated *evaluated)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *value = NULL;

  for (guint c = 0; c < evaluated->n; c++)
    {
      g_autofree char *label = nb_edition_table_dup_cell_label (evaluated->table,
                                                                (guint)evaluated->cells[c]);

      if (c > 0)
        g_string_append (text, " + ");
      g_string_append (text, label);
    }
  value = nb_number_format (evaluated->sum,
                            nb_edition_table_get_cell (evaluated->table,
                                                       (guint)evaluated->cells[0])->kind,
                            -1);
  /* TRANSLATORS: a reading of the tables: "LABEL + LABEL is 118" */
  return g_strdup_printf (_("%s is %s"), text->str, value);
}

static char *
quote (Scan  *scan,
       guint  start,
       guint  end)
{
  return g_ucs4_to_utf8 (scan->text + start, (glong)(end - start), NULL, NULL, NULL);
}

/* Does the table's amount (millionths of 万元) read as the written one, to
 * the precision written?  Rounded or cut off both count. */
static gboolean
money_matches (const NbLexicon *lexicon,
               const Number    *number,
               gint64           table_value)
{
  __int128 factor = lexicon->money_factors[number->unit_index];
  __int128 scale = 1;
  __int128 written, table;

  for (guint i = 0; i < number->decimals; i++)
    scale *= 10;
  /* Both sides in units of 1/scale of the written unit, times the factor. */
  written = (__int128)number->mantissa * factor;
  table = (__int128)table_value * scale;
  if (written == table)
    return TRUE;
  /* the table's value, rounded half up and cut off to the written decimals */
  {
    __int128 cut = table / factor;
    __int128 rounded = (2 * table + factor) / (2 * factor);

    return number->mantissa == cut || number->mantissa == rounded;
  }
}

static gboolean
figure_matches (Scan         *scan,
                const Number *number,
                gint64        sum)
{
  if (number->unit == UNIT_MONEY)
    return money_matches (scan->lexicon, number, sum);
  return number->decimals == 0 && number->mantissa == sum;
}

static NbFinding *
add_finding (Scan            *scan,
             const char      *rule,
             guint            sentence_start,
             guint            sentence_end,
             const Evaluated *cited,
             guint            n_cited,
             char            *message)
{
  NbFinding *finding = nb_finding_append (scan->findings, NB_SEVERITY_WARNING, rule, message);
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (guint));

  nb_finding_set_place (finding, scan->section_id, scan->paragraph, sentence_start,
                        sentence_end - sentence_start);
  /* The cells it contradicts, of the table of the first reading. */
  for (guint r = 0; r < n_cited; r++)
    for (guint c = 0; c < cited[r].n; c++)
      if (cited[r].table == cited[0].table)
        {
          guint cell = (guint)cited[r].cells[c];

          g_array_append_val (cells, cell);
        }
  if (n_cited > 0)
    {
      finding->table_id = g_strdup (nb_edition_table_get_id (cited[0].table));
      finding->n_cells = cells->len;
      finding->cells = (guint *)g_array_free (g_steal_pointer (&cells), FALSE);
    }
  return finding;
}

static void
check_figure (Scan               *scan,
              const NbLexFigure  *figure,
              const NbReadings   *readings,
              const Number       *number,
              guint               cue_start,
              guint               sentence_start,
              guint               sentence_end)
{
  Evaluated evaluated[8];
  guint n_evaluated = 0;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *said = NULL;
  NbFinding *finding;

  for (guint r = 0; r < readings->n && n_evaluated < G_N_ELEMENTS (evaluated); r++)
    if (evaluate (scan, &readings->items[r], &evaluated[n_evaluated]))
      {
        if (figure_matches (scan, number, evaluated[n_evaluated].sum))
          return; /* one reading holds */
        n_evaluated++;
      }
  if (n_evaluated == 0)
    return; /* nothing in the tables to compare with */

  for (guint r = 0; r < n_evaluated; r++)
    {
      g_autofree char *reading = describe (scan, &evaluated[r]);

      if (r > 0)
        g_string_append (list, "; ");
      g_string_append (list, reading);
    }
  said = quote (scan, cue_start, number->unit_end);
  finding = add_finding (scan, figure->rule, sentence_start, sentence_end, evaluated, n_evaluated,
                         g_strdup_printf (n_evaluated == 1
                                            ? _("The text says “%s”, but the table says otherwise: %s")
                                            : _("The text says “%s”, which no reading of the tables supports: %s"),
                                          said, list->str));
  /* One reading of a count: the table's number is the fix.  With two
   * readings, or an amount in another unit, which to write is the
   * author's call. */
  if (n_evaluated == 1 && number->unit == UNIT_COUNT && number->decimals == 0
      && !number->approximate && evaluated[0].sum >= 0)
    {
      g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, evaluated[0].sum);

      nb_finding_set_fix (finding, number->start, number->end - number->start, digits,
                          g_strdup_printf (_("Write %s"), digits));
    }
}

/* "占41.2%": a share of the figure before it, to the precision written. */
static void
check_share (Scan         *scan,
             const Stated *stated,
             const Number *percent,
             guint         sentence_start,
             guint         sentence_end)
{
  const NbReadings *totals = &stated->figure->share_of;
  Evaluated evaluated[8];
  guint n_evaluated = 0;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *said = NULL;
  gint64 scale = 100;

  if (stated->number->unit != UNIT_COUNT || stated->number->decimals > 0 || percent->decimals > 6)
    return;
  for (guint i = 0; i < percent->decimals; i++)
    scale *= 10;
  for (guint r = 0; r < totals->n && n_evaluated < G_N_ELEMENTS (evaluated); r++)
    if (evaluate (scan, &totals->items[r], &evaluated[n_evaluated]))
      {
        __int128 q = (__int128)stated->number->mantissa * scale;
        gint64 total = evaluated[n_evaluated].sum;

        if (total <= 0)
          continue;
        if (percent->mantissa == (gint64)(q / total)
            || percent->mantissa == (gint64)((2 * q + total) / (2 * total)))
          return;
        n_evaluated++;
      }
  if (n_evaluated == 0)
    return;
  for (guint r = 0; r < n_evaluated; r++)
    {
      g_autofree char *reading = describe (scan, &evaluated[r]);
      __int128 q = (__int128)stated->number->mantissa * scale;
      gint64 rounded = (gint64)((2 * q + evaluated[r].sum) / (2 * evaluated[r].sum));
      g_autofree char *share = nb_number_format (rounded, NB_VALUE_COUNT, -1);
      g_autoptr(GString) digits = g_string_new (share);

      /* rounded is in units of 1/scale %: put the point back */
      if (percent->decimals > 0)
        {
          while (digits->len <= percent->decimals)
            g_string_prepend_c (digits, '0');
          g_string_insert_c (digits, (gssize)(digits->len - percent->decimals), '.');
        }
      if (r > 0)
        g_string_append (list, "; ");
      /* TRANSLATORS: "of LABEL is 340 (41.2%)" */
      g_string_append_printf (list, _("of %s: %s%%"), reading, digits->str);
    }
  said = quote (scan, stated->cue_start, percent->unit_end);
  add_finding (scan, "TEXT-SHARE", sentence_start, sentence_end, evaluated, n_evaluated,
               g_strdup_printf (_("The text says “%s”, but that is no share of a total the tables give: %s"),
                                said, list->str));
}

/* "均获维持": every case of the figure it follows was upheld. */
static void
check_all_upheld (Scan               *scan,
                  const NbLexFigure  *figure,
                  guint               cue_start,
                  guint               phrase_end,
                  guint               sentence_start,
                  guint               sentence_end)
{
  Evaluated parts[2];
  g_autofree char *said = NULL;
  g_autofree char *part = NULL;
  g_autofree char *whole = NULL;

  if (figure->upheld.n == 0 || figure->readings.n == 0
      || !evaluate (scan, &figure->upheld.items[0], &parts[0])
      || !evaluate (scan, &figure->readings.items[0], &parts[1])
      || parts[0].sum == parts[1].sum)
    return;
  said = quote (scan, cue_start, phrase_end);
  part = describe (scan, &parts[0]);
  whole = describe (scan, &parts[1]);
  add_finding (scan, "TEXT-OUTCOME", sentence_start, sentence_end, parts, 2,
               g_strdup_printf (_("The text says “%s”, but not every case was upheld: %s, while %s"),
                                said, part, whole));
}

static guint
cue_end (const NbLexFigure *figure,
         Scan              *scan,
         guint              cue_start)
{
  for (guint c = 0; c < figure->cues.n; c++)
    if (nb_ustr_at (scan->text, scan->n, cue_start, &figure->cues.items[c]))
      return cue_start + figure->cues.items[c].len;
  return cue_start;
}

/* A cue counts only for a number in the same phrase: no punctuation and
 * a few words at most between them ("…、…五个部分" is another list). */
static gboolean
close_to_cue (Scan              *scan,
              const NbLexFigure *figure,
              guint              cue_start,
              guint              number_start)
{
  guint end = cue_end (figure, scan, cue_start);

  if (number_start - end > MAX_CUE_GAP)
    return FALSE;
  for (guint at = end; at < number_start; at++)
    switch (scan->text[at])
      {
      case 0xFF0C: /* ， */
      case 0x3001: /* 、 */
      case 0xFF1A: /* ： */
      case 0x3002: /* 。 */
      case ',':
        return FALSE;
      default:
        break;
      }
  return TRUE;
}

static gboolean
unit_allowed (const NbUList *units,
              const NbUStr  *unit)
{
  if (units->n == 0)
    return TRUE;
  for (guint u = 0; u < units->n; u++)
    if (units->items[u].len == unit->len
        && memcmp (units->items[u].chars, unit->chars, unit->len * sizeof (gunichar)) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /* 。 */ || c == 0xFF1B /* ； */ || c == 0xFF01 || c == 0xFF1F || c == '!'
         || c == '?' || c == ';' || c == '\n';
}

static gboolean
is_clause_end (gunichar c)
{
  return c == 0xFF0C || c == 0x3001 || c == 0xFF1A || c == ',' || is_sentence_end (c);
}

/* "本年度未发生政府信息公开行政复议和行政诉讼案件": a figure of 0. */
static void
check_none_stated (Scan  *scan,
                   guint  start,
                   guint  end)
{
  const NbLexicon *lexicon = scan->lexicon;

  for (guint at = start; at < end; at++)
    {
      int w = nb_ulist_match_at (&lexicon->none_stated, scan->text, end, at);
      guint from, clause_end, cue_start = 0;
      const NbLexFigure *figure;
      Number zero = { .unit = UNIT_COUNT };

      if (w < 0)
        continue;
      from = at + lexicon->none_stated.items[w].len;
      for (clause_end = from; clause_end < end && !is_clause_end (scan->text[clause_end]);
           clause_end++)
        ;
      /* the cue may be in the phrase itself: 未收到…申请 */
      figure = find_figure (lexicon, scan->text, at, clause_end, &cue_start);
      if (figure == NULL || figure->money || figure->n_objects > 0
          || (figure->context.n > 0
              && nb_ulist_find_in (&figure->context, scan->text, start, end) < 0)
          || nb_ulist_find_in (&figure->exclude, scan->text, from, clause_end) >= 0)
        {
          at = from - 1;
          continue;
        }
      zero.start = zero.end = at;
      zero.unit_end = clause_end;
      check_figure (scan, figure, &figure->readings, &zero, at, start, end);
      at = clause_end;
    }
}

static void
scan_sentence (Scan  *scan,
               guint  start,
               guint  end)
{
  const NbLexicon *lexicon = scan->lexicon;
  g_autoptr(GArray) numbers = scan_numbers (lexicon, scan->text, start, end);
  Stated last = { NULL, NULL, 0 };
  guint upheld_from = start;

  for (guint i = 0; i < numbers->len; i++)
    {
      const Number *number = &g_array_index (numbers, Number, i);
      guint window = i > 0 ? g_array_index (numbers, Number, i - 1).unit_end : start;

      /* A cue is a few words before its number: the rest of a long run of
       * text without numbers need not be searched. */
      if (number->start > window + MAX_WINDOW)
        window = number->start - MAX_WINDOW;
      const NbLexFigure *figure;
      const NbReadings *readings;
      guint cue_start = 0;

      if (number->unit == UNIT_NONE || number->approximate)
        continue;
      if (number->unit == UNIT_PERCENT)
        {
          if (last.figure != NULL && last.figure->share_of.n > 0
              && nb_ulist_find_in (&lexicon->share_cues, scan->text, window, number->start) >= 0)
            check_share (scan, &last, number, start, end);
          continue;
        }
      figure = find_figure (lexicon, scan->text, window, number->start, &cue_start);
      if (figure == NULL || !close_to_cue (scan, figure, cue_start, number->start))
        continue;
      if (figure->money ? number->unit != UNIT_MONEY
                        : number->unit != UNIT_COUNT
                            || !unit_allowed (&figure->units,
                                              &lexicon->count_units.items[number->unit_index]))
        continue;
      if (figure->context.n > 0 && nb_ulist_find_in (&figure->context, scan->text, start, end) < 0)
        continue;
      if (nb_ulist_find_in (&figure->exclude, scan->text, window, number->start) >= 0
          || nb_ulist_find_in (&lexicon->exclude, scan->text, cue_end (figure, scan, cue_start),
                               number->start) >= 0)
        continue;
      readings = &figure->readings;
      if (figure->n_objects > 0)
        {
          readings = NULL;
          for (guint o = 0; o < figure->n_objects && readings == NULL; o++)
            {
              NbUList one = { &figure->objects[o].word, 1 };

              if (nb_ulist_find_in (&one, scan->text, window, number->start) >= 0)
                readings = &figure->objects[o].readings;
            }
          if (readings == NULL)
            continue;
        }
      check_figure (scan, figure, readings, number, cue_start, start, end);
      last = (Stated){ figure, number, cue_start };
      upheld_from = number->unit_end;
    }

  check_none_stated (scan, start, end);

  /* "行政复议5件，均获维持": the claim is about the figure before it, or,
   * with no number ("行政复议案件均获维持"), about the cue before it. */
  for (guint at = upheld_from; at < end; at++)
    {
      int w = nb_ulist_match_at (&lexicon->all_upheld, scan->text, end, at);
      const NbLexFigure *figure = last.figure;
      guint cue_start = last.cue_start;

      if (w < 0)
        continue;
      if (figure == NULL || figure->upheld.n == 0)
        figure = find_figure (lexicon, scan->text, start, at, &cue_start);
      if (figure != NULL && figure->upheld.n > 0)
        check_all_upheld (scan, figure, cue_start, at + lexicon->all_upheld.items[w].len, start,
                          end);
      break;
    }
}

static void
scan_paragraph (Scan       *scan,
                const char *utf8)
{
  glong n = 0;
  g_autofree gunichar *text = g_utf8_to_ucs4_fast (utf8, -1, &n);
  guint start = 0;

  scan->text = text;
  scan->n = (guint)n;
  for (guint at = 0; at < scan->n; at++)
    if (is_sentence_end (text[at]) || at + 1 == scan->n)
      {
        scan_sentence (scan, start, at + 1);
        start = at + 1;
      }
  scan->text = NULL;
}

void
nb_check_narrative (NbReport  *report,
                    GPtrArray *findings)
{
  Scan scan = {
    .report = report,
    .edition = nb_report_get_edition (report),
    .lexicon = nb_lexicon_get (),
    .findings = findings,
  };

  for (guint s = 0; s < nb_edition_get_n_sections (scan.edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (scan.edition, s);
      GPtrArray *paragraphs;

      if (section->table_id != NULL)
        continue;
      paragraphs = nb_report_get_paragraphs (report, section->id);
      scan.section_id = section->id;
      for (guint p = 0; paragraphs != NULL && p < paragraphs->len; p++)
        {
          g_autofree char *text = nb_paragraph_dup_text (g_ptr_array_index (paragraphs, p));

          scan.paragraph = p;
          scan_paragraph (&scan, text);
        }
    }
}
