/* nb-test-wait.h: waits for conditions in widget tests, never for time
 *
 * A test under Xvfb never sleeps for a fixed time: it waits for what it
 * needs (a frame drawn, a window mapped, an adjustment changed, a file
 * written), up to a generous deadline, and fails with a message naming what
 * never happened.  The deadline is NB_TEST_WAIT_SECONDS (default 60), so a
 * slow or loaded machine only makes a test slower, never red.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 start;
  gint64 deadline;
} NbTestWait;

void     nb_test_wait_begin     (NbTestWait *wait);
gboolean nb_test_wait_step      (NbTestWait *wait);
void     nb_test_wait_failed    (NbTestWait *wait,
                                 const char *file,
                                 int         line,
                                 const char *func,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (5, 6);

/* Runs the main loop until @condition (an expression, evaluated again after
 * each event) holds; past the deadline the test fails with "never happened:"
 * and the printf-style message. */
#define nb_test_wait_until(condition, ...)                                               \
  G_STMT_START {                                                                         \
    NbTestWait nb_wait_;                                                                 \
    nb_test_wait_begin (&nb_wait_);                                                      \
    while (!(condition))                                                                 \
      if (!nb_test_wait_step (&nb_wait_))                                                \
        {                                                                                \
          nb_test_wait_failed (&nb_wait_, __FILE__, __LINE__, G_STRFUNC, __VA_ARGS__);   \
          break;                                                                         \
        }                                                                                \
  } G_STMT_END

void     nb_test_wait_events     (void);
void     nb_test_wait_frames     (GtkWidget  *widget,
                                  guint       n_frames);
void     nb_test_wait_sync       (GtkWidget  *widget);
void     nb_test_wait_drawn      (GtkWidget  *widget);
void     nb_test_wait_settled    (GtkWidget  *widget);
void     nb_test_wait_file       (const char *path);
GtkWindow *nb_test_find_window   (GType       type,
                                  GtkWindow  *transient_for);
GtkWindow *nb_test_wait_window   (GType       type,
                                  GtkWindow  *transient_for,
                                  const char *what);
void     nb_test_assert_finalize (gpointer    object);
void     nb_test_destroy_window  (gpointer    window);

gboolean nb_test_have_xdotool    (void);
/* In a test function: skips it, saying why, unless real key events can be
 * sent (an X11 display and xdotool). */
#define NB_TEST_REQUIRE_KEYS()                                                           \
  G_STMT_START {                                                                         \
    if (!nb_test_have_xdotool ())                                                        \
      {                                                                                  \
        g_test_skip ("needs an X11 display (Xvfb) and xdotool to send real key events"); \
        return;                                                                          \
      }                                                                                  \
  } G_STMT_END
void     nb_test_xdotool         (GtkWidget  *widget,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (2, 3);
void     nb_test_xdotool_send    (const char *format,
                                  ...) G_GNUC_PRINTF (1, 2);
void     nb_test_focus_window    (GtkWindow  *window);

G_END_DECLS
