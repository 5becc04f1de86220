/* nb-publish.h: publication day: the legal deadline and the published version
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nb-report.h"

G_BEGIN_DECLS

typedef enum
{
  NB_DEADLINE_UNKNOWN,   /* no year or no agency level: nothing to say */
  NB_DEADLINE_PUBLISHED, /* a publication date is recorded */
  NB_DEADLINE_AHEAD,     /* more than NB_DEADLINE_WARN_DAYS away */
  NB_DEADLINE_SOON,      /* within NB_DEADLINE_WARN_DAYS, or today */
  NB_DEADLINE_PASSED,    /* past and not published */
} NbDeadlineState;

#define NB_DEADLINE_WARN_DAYS 14

/* Today, or the day given to nb_publish_set_today (). */
void            nb_publish_get_today      (GDate       *today);
/* Makes the program work as of @today (`nianbao --today`; tests), or by
 * the clock again (NULL).  Main thread, before anything asks for today. */
void            nb_publish_set_today      (const GDate *today);
/* today NULL: nb_publish_get_today().  days: until the due date (negative
 * when past).  The message says when the report is due, translated. */
NbDeadlineState nb_publish_get_deadline   (NbReport    *report,
                                           const GDate *today,
                                           int         *days,
                                           char       **message);
/* "YYYY-MM-DD" of a date, for the file's metadata. */
char           *nb_publish_format_iso     (const GDate *date);
gboolean        nb_publish_parse_iso      (const char  *text,
                                           GDate       *date);

G_END_DECLS
