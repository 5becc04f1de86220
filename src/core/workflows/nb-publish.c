/* nb-publish.c: publication day: the legal deadline and the published version
 *
 * The 条例 (第四十九条) sets the deadline by who publishes: a department by
 * 31 January, a government at county level or above by 31 March, of the
 * year after the one reported on.  The report records its agency level;
 * from NB_DEADLINE_WARN_DAYS days before, the window and `--check` warn.
 * Never an error: a late report must still be checked and published.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "nb-publish.h"

gboolean
nb_publish_parse_iso (const char *text,
                      GDate      *date)
{
  guint y, m, d;
  char end;

  if (text == NULL || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3
      || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
nb_publish_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The day nb_publish_set_today () fixed; not valid: the clock's. */
static GDate fixed_today;

void
nb_publish_set_today (const GDate *today)
{
  g_return_if_fail (today == NULL || g_date_valid (today));

  if (today != NULL)
    fixed_today = *today;
  else
    g_date_clear (&fixed_today, 1);
}

void
nb_publish_get_today (GDate *today)
{
  if (g_date_valid (&fixed_today))
    {
      *today = fixed_today;
      return;
    }
  g_date_clear (today, 1);
  g_date_set_time_t (today, time (NULL));
}

/* A date as people read it: "31 January 2024", "2024年1月31日". */
static char *
format_date (const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (g_date_get_year (date),
                                                     g_date_get_month (date),
                                                     g_date_get_day (date), 12, 0, 0);

  /* Translators: a date, as strftime() formats it; Chinese: "%Y年%-m月%-d日" */
  return g_date_time_format (time, _("%-d %B %Y"));
}

NbDeadlineState
nb_publish_get_deadline (NbReport     *report,
                         const GDate  *today,
                         int          *days,
                         char        **message)
{
  GDate now, due;
  int year, month, day, left;
  g_autofree char *due_text = NULL;
  NbDeadlineState state;

  g_return_val_if_fail (NB_IS_REPORT (report), NB_DEADLINE_UNKNOWN);

  if (days != NULL)
    *days = 0;
  if (message != NULL)
    *message = NULL;
  if (today == NULL)
    {
      nb_publish_get_today (&now);
      today = &now;
    }

  if (nb_report_get_published (report) != NULL)
    {
      GDate published;

      if (message != NULL && nb_publish_parse_iso (nb_report_get_published (report), &published))
        {
          g_autofree char *text = format_date (&published);

          *message = g_strdup_printf (_("Published on %s"), text);
        }
      return NB_DEADLINE_PUBLISHED;
    }
  if (!nb_report_get_due_date (report, &year, &month, &day))
    return NB_DEADLINE_UNKNOWN;

  g_date_clear (&due, 1);
  g_date_set_dmy (&due, day, month, year);
  left = g_date_days_between (today, &due);
  if (days != NULL)
    *days = left;
  state = left < 0 ? NB_DEADLINE_PASSED
          : left <= NB_DEADLINE_WARN_DAYS ? NB_DEADLINE_SOON : NB_DEADLINE_AHEAD;
  if (message == NULL)
    return state;

  due_text = format_date (&due);
  switch (state)
    {
    case NB_DEADLINE_PASSED:
      *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Was due by %s: %d day overdue",
                                               "Was due by %s: %d days overdue", -left),
                                  due_text, -left);
      break;
    case NB_DEADLINE_SOON:
      if (left == 0)
        *message = g_strdup_printf (_("Due today, %s"), due_text);
      else
        *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due by %s: %d day left",
                                                 "Due by %s: %d days left", left),
                                    due_text, left);
      break;
    case NB_DEADLINE_AHEAD:
    default:
      *message = g_strdup_printf (_("Due by %s"), due_text);
      break;
    }
  return state;
}
