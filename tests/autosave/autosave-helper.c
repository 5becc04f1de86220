/* autosave-helper.c: a real process that edits a report and autosaves it,
 * for tests that kill it with SIGKILL.  No GTK: it runs NbAutosave exactly
 * as the window does (serialise on the main loop, write in a worker).
 *
 *   autosave-helper edit FILE   edit FILE's report every millisecond, for ever
 *   autosave-helper draft       an untitled report: edit, autosave to a
 *                               draft, print "saved", wait to be killed
 *   autosave-helper clean       the same, then quit cleanly
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kill-edit.h"
#include "nb-autosave.h"
#include "nb-drafts.h"
#include "nb-file.h"

typedef struct
{
  NbReport *report;
  NbReport *base;
  int       n;
} Editor;

static gboolean
edit_cb (gpointer user_data)
{
  Editor *editor = user_data;

  kill_edit_apply (editor->report, editor->base, ++editor->n);
  return G_SOURCE_CONTINUE;
}

static void
flush_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!nb_autosave_flush_finish (NB_AUTOSAVE (source), result, &error))
    g_error ("flush: %s", error->message);
  *(gboolean *)user_data = TRUE;
}

static void
flush (NbAutosave *autosave)
{
  gboolean done = FALSE;

  nb_autosave_flush_async (autosave, NULL, flush_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) base = nb_file_load_sample (&error);
  g_autoptr(NbAutosave) autosave = NULL;

  if (base == NULL)
    g_error ("%s", error->message);

  if (argc == 3 && g_str_equal (argv[1], "edit"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[2]);
      g_autoptr(NbReport) report = nb_file_load (argv[2], &error);
      Editor editor;

      if (report == NULL)
        g_error ("%s", error->message);
      autosave = nb_autosave_new (report, file);
      nb_autosave_set_delay (autosave, 2);
      editor.report = report;
      editor.base = base;
      editor.n = kill_edit_number (report);
      g_timeout_add (1, edit_cb, &editor);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }
  else if (argc == 2 && (g_str_equal (argv[1], "draft") || g_str_equal (argv[1], "clean")))
    {
      g_autoptr(NbReport) report = nb_file_load_sample (&error);

      autosave = nb_autosave_new (report, NULL);
      kill_edit_apply (report, base, 4711);
      flush (autosave);
      if (g_str_equal (argv[1], "clean"))
        {
          /* What the window does on a clean close of a report the user
           * chose not to keep, then the application on quit. */
          nb_autosave_discard_draft (autosave);
          g_clear_object (&autosave);
          nb_drafts_end_session ();
          return 0;
        }
      printf ("saved %s\n", nb_autosave_get_draft_id (autosave));
      fflush (stdout);
      for (;;)
        g_main_context_iteration (NULL, TRUE);
    }
  g_printerr ("usage: autosave-helper edit FILE | draft | clean\n");
  return 2;
}
