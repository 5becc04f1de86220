/* test-draft-pair.c: a draft is two files, its info and its content; a
 * process killed at any moment while it writes them leaves the draft as it
 * was before or as it is after, never one's info with the other's content,
 * and once the new content is on disk the next start offers it.
 *
 * A forked child writes the drafts and ends itself (_exit, as a kill would:
 * no clean-up runs) after a chosen step of nb_drafts_write; the parent then
 * looks at the drafts folder as the next start does.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nb-drafts-private.h"
#include "nb-drafts.h"

/* The child's exit codes. */
enum
{
  WROTE_ALL = 0,
  STOPPED = 2,
  STOPPED_AFTER_CONTENT = 3,
};

typedef struct
{
  const char *title;
  const char *base;
  const char *content;
} Draft;

#define BASE_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define BASE_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define FILE_PATH "/home/clerk/2025年报.nianbao"

static const Draft draft_a = { "Report A", BASE_A, "{\"content\": \"A\"}\n" };
static const Draft draft_b = { "Report B", BASE_B, "{\"content\": \"B, longer than A\"}\n" };
static const Draft draft_b_same_info = { "Report A", BASE_A, "{\"content\": \"B\"}\n" };

static guint steps_left;

static void
stop_after_step (const char *step)
{
  if (--steps_left == 0)
    _exit (g_str_equal (step, "content") ? STOPPED_AFTER_CONTENT : STOPPED);
}

static void
write_draft (const char  *id,
             const Draft *draft)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (draft->content, strlen (draft->content));
  g_autoptr(GError) error = NULL;

  if (!nb_drafts_write (id, FILE_PATH, draft->base, draft->title, bytes, &error))
    {
      g_printerr ("child: %s\n", error->message);
      _exit (1);
    }
}

/* Forks a session that writes @before (when not NULL) in full, then @after,
 * and ends after the @n-th step of writing @after.  Returns its exit code. */
static int
write_and_stop (const char  *id,
                const Draft *before,
                const Draft *after,
                guint        n)
{
  pid_t pid;
  int status;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (before != NULL)
        write_draft (id, before);
      steps_left = n;
      nb_drafts_set_step_func (stop_after_step);
      write_draft (id, after);
      _exit (WROTE_ALL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* What the next start offers: this test's drafts folder holds one draft at
 * the most (each case removes its own). */
static NbDraftInfo *
the_orphan (const char *id)
{
  g_autoptr(GPtrArray) drafts = nb_drafts_list_orphans ();
  NbDraftInfo *info;

  g_assert_cmpuint (drafts->len, <=, 1);
  if (drafts->len == 0)
    return NULL;
  info = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (info->id, ==, id);
  return nb_draft_info_copy (info);
}

static gboolean
is_draft (const NbDraftInfo *info,
          const Draft       *draft)
{
  g_autofree char *content = NULL;

  g_assert_true (g_file_get_contents (info->path, &content, NULL, NULL));
  return g_strcmp0 (info->title, draft->title) == 0 && g_strcmp0 (info->base, draft->base) == 0
         && g_strcmp0 (info->file_path, FILE_PATH) == 0 && g_str_equal (content, draft->content);
}

static void
describe (const NbDraftInfo *info,
          guint              n,
          int                code)
{
  g_autofree char *content = NULL;

  g_file_get_contents (info->path, &content, NULL, NULL);
  g_strchomp (content);
  g_test_message ("%s %u: title \"%s\", base %.8s..., content %s",
                  code == WROTE_ALL ? "wrote all, no stop at step" : "stopped after step", n,
                  info->title, info->base ? info->base : "(none)", content);
}

/* Stops the writing of @after after each of its steps in turn, and once
 * not at all. */
static void
check_every_stop (const Draft *before,
                  const Draft *after)
{
  gboolean wrote_all = FALSE;

  for (guint n = 1; !wrote_all; n++)
    {
      g_autofree char *id = nb_drafts_new_id ();
      g_autoptr(NbDraftInfo) info = NULL;
      int code;

      g_assert_cmpuint (n, <=, 10);
      code = write_and_stop (id, before, after, n);
      g_assert_cmpint (code, !=, 1);
      wrote_all = code == WROTE_ALL;
      info = the_orphan (id);
      if (info != NULL)
        describe (info, n, code);
      if (code == WROTE_ALL || code == STOPPED_AFTER_CONTENT)
        {
          /* The new work is on disk: the next start offers it. */
          g_assert_nonnull (info);
          g_assert_true (is_draft (info, after));
        }
      else if (before == NULL)
        g_assert_true (info == NULL || is_draft (info, after));
      else
        {
          g_assert_nonnull (info);
          g_assert_true (is_draft (info, before) || is_draft (info, after));
        }
      nb_drafts_remove (id);
    }
}

static void
test_first_draft (void)
{
  check_every_stop (NULL, &draft_b);
}

static void
test_draft_replaced (void)
{
  check_every_stop (&draft_a, &draft_b);
}

static void
test_draft_same_info (void)
{
  check_every_stop (&draft_a, &draft_b_same_info);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmpdir = g_dir_make_tmp ("nb-draft-pair-XXXXXX", NULL);
  g_autofree char *data_home = NULL;
  g_autofree char *command = NULL;
  int status;

  g_assert_nonnull (tmpdir);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  /* This process never begins a session of its own: each child's ends
   * with it, so its drafts are orphans here. */
  g_test_add_func ("/drafts/pair/first-draft", test_first_draft);
  g_test_add_func ("/drafts/pair/replaced", test_draft_replaced);
  g_test_add_func ("/drafts/pair/same-info", test_draft_same_info);
  status = g_test_run ();

  command = g_strdup_printf ("rm -rf '%s'", tmpdir);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  return status;
}
