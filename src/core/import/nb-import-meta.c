/* nb-import-meta.c: what the report says about itself: title, contacts, fee decimals
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-import"

#include "config.h"

#include "nb-import-map-private.h"

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

static char *
match_group (const char *pattern,
             const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) info = NULL;

  g_assert (regex != NULL);
  if (!g_regex_match (regex, text, 0, &info))
    return NULL;
  return g_strstrip (g_match_info_fetch (info, 1));
}

/* "XX局2022年政府信息公开工作年度报告", "2022年度XX局政府信息公开…" or
 * "XX局政府信息公开工作2022年度报告": the year, and the agency from the
 * text as written. */
gboolean
_nb_import_read_title (NbImportMapper *m,
                       const char     *text)
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

void
_nb_import_read_contacts (NbImportMapper *m,
                          const char     *text)
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

void
_nb_import_read_fee_decimals (NbImportMapper *m,
                              const char     *text)
{
  g_autofree char *normalized = nb_import_normalize_label (text);
  g_autofree char *digits = match_group ("保留([0-9])位小数", normalized);

  if (digits != NULL)
    nb_report_set_fee_decimals (m->report, (guint)MIN (g_ascii_strtoull (digits, NULL, 10),
                                                       NB_MONEY_MAX_DECIMALS));
}
