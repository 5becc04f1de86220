/* nb-cli-check.c: --check, the folder check, on every core
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-cli"
#define _GNU_SOURCE /* sched_getaffinity */

#include "config.h"

#include <glib/gi18n.h>
#include <sched.h>

#include "nb-cli-private.h"
#include "nb-publish.h"

/* The folder check: every core reads and checks reports, the main thread
 * prints them in the order given.  At most a few jobs per core are in
 * flight, each dropping its report once checked, so memory stays flat.
 * The main thread waits for half of them at a time: woken for every
 * report, it took a core from a worker as often. */
typedef struct
{
  guint n_errors;
  guint n_warnings;
  guint n_unreadable;
  guint n_checked;
} CheckTotals;

typedef struct _CheckPool CheckPool;

typedef struct
{
  CheckPool  *pool;
  guint       index;      /* its place in the folder */
  const char *path;       /* NULL: the sample */
  gboolean    finished;
  SummaryRow *row;
  GString    *out;        /* the finding lines, for stdout */
  char       *error;      /* why the file could not be read, for stderr */
  guint       n_errors;
  guint       n_warnings;
} CheckJob;

typedef enum
{
  CHECK_OUTPUT_TEXT,
  CHECK_OUTPUT_CSV,         /* a row per finding */
  CHECK_OUTPUT_SUMMARY_CSV, /* a row per file */
} CheckOutput;

struct _CheckPool
{
  NbCliOptions *options;
  NbReport     *previous; /* shared, only read */
  GDate         today;    /* one clock reading for the whole folder */
  CheckOutput   output;
  GMutex        lock;
  GCond         finished;
  /* What the main thread waits for: jobs [batch_start, batch_end), of
   * which n_pending are still running. */
  guint         batch_start;
  guint         batch_end;
  guint         n_pending;
};

static void
check_job_run (gpointer data,
               gpointer user_data)
{
  CheckJob *job = data;
  CheckPool *pool = job->pool;
  const char *display = job->path ? job->path : "sample";
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = _nb_cli_load_input (pool->options, job->path, &error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (report == NULL)
    {
      job->error = g_strdup_printf ("%s: %s\n", display, error->message);
      job->row = _nb_cli_summary_row_new (rows, display, NULL, NULL);
      /* A file that could not be read is a finding of its own in the
       * table, so a spreadsheet of the findings misses no file. */
      if (pool->output == CHECK_OUTPUT_CSV)
        {
          job->out = g_string_new (NULL);
          _nb_cli_append_finding_csv (job->out, display, "UNREADABLE",
                                      nb_severity_to_string (NB_SEVERITY_ERROR), NULL, NULL, error->message);
        }
    }
  else
    {
      g_autoptr(GPtrArray) findings = nb_check_report_on (report, pool->previous, &pool->today);
      g_autofree char *due = NULL;
      NbDeadlineState deadline;

      job->row = _nb_cli_summary_row_new (rows, display, report, findings);
      job->n_errors = nb_findings_count (findings, NB_SEVERITY_ERROR);
      job->n_warnings = nb_findings_count (findings, NB_SEVERITY_WARNING);
      job->out = g_string_new (NULL);
      /* The deadline: a warning from 14 days before, never an error. */
      deadline = nb_publish_get_deadline (report, &pool->today, NULL, &due);
      if (deadline == NB_DEADLINE_SOON || deadline == NB_DEADLINE_PASSED)
        {
          job->row->n_warnings++;
          job->n_warnings++;
          if (job->row->n_errors == 0)
            job->row->status = "warnings";
        }
      if (due != NULL)
        {
          gboolean warn = job->row->n_warnings > nb_findings_count (findings, NB_SEVERITY_WARNING);

          /* The CSV's severity is a stable word for scripts, like the rule id. */
          if (pool->output == CHECK_OUTPUT_TEXT)
            g_string_append_printf (job->out, "%s: %s: [DEADLINE] %s\n", display,
                                    warn ? nb_severity_to_string (NB_SEVERITY_WARNING) : _("note"), due);
          else if (pool->output == CHECK_OUTPUT_CSV)
            _nb_cli_append_finding_csv (job->out, display, "DEADLINE",
                                        warn ? nb_severity_to_string (NB_SEVERITY_WARNING) : "note", NULL, report, due);
        }
      for (guint f = 0; f < findings->len && pool->output != CHECK_OUTPUT_SUMMARY_CSV; f++)
        {
          NbFinding *finding = g_ptr_array_index (findings, f);
          g_autofree char *location = NULL;

          if (pool->output == CHECK_OUTPUT_CSV)
            {
              _nb_cli_append_finding_csv (job->out, display, finding->rule_id,
                                          nb_severity_to_string (finding->severity), finding, report,
                                          finding->message);
              continue;
            }
          location = nb_finding_dup_location (finding, report);
          g_string_append_printf (job->out, "%s: %s: [%s] %s: %s\n", display,
                                  nb_severity_to_string (finding->severity), finding->rule_id,
                                  location, finding->message);
        }
    }
  g_mutex_lock (&pool->lock);
  job->finished = TRUE;
  if (job->index >= pool->batch_start && job->index < pool->batch_end && --pool->n_pending == 0)
    g_cond_signal (&pool->finished);
  g_mutex_unlock (&pool->lock);
}

/* Prints a finished job in its turn, and empties its slot. */
static void
check_job_print (CheckJob    *job,
                 GPtrArray   *rows,
                 CheckOutput  output,
                 CheckTotals *totals)
{
  if (job->error != NULL)
    {
      _nb_cli_print_line (stderr, "%s", job->error);
      totals->n_unreadable++;
    }
  else
    {
      totals->n_checked++;
      totals->n_errors += job->n_errors;
      totals->n_warnings += job->n_warnings;
    }
  /* CSV quotes control characters itself; the terminal gets them escaped. */
  if (job->out != NULL && output == CHECK_OUTPUT_CSV)
    fputs (job->out->str, stdout);
  else if (job->out != NULL)
    _nb_cli_print_line (stdout, "%s", job->out->str);
  g_ptr_array_add (rows, g_steal_pointer (&job->row));
  if (output == CHECK_OUTPUT_SUMMARY_CSV)
    _nb_cli_print_summary_csv (rows, FALSE);
  else if (output == CHECK_OUTPUT_CSV)
    g_ptr_array_set_size (rows, 0);
  g_clear_pointer (&job->error, g_free);
  if (job->out != NULL)
    g_string_free (g_steal_pointer (&job->out), TRUE);
  job->finished = FALSE;
}

/* The cores this process may run on.  GLib 2.74's g_get_num_processors ()
 * counts every online core and ignores the affinity mask (taskset, a
 * container's cpuset): a worker for a core the process may not use only
 * takes turns with the others. */
static guint
usable_cores (void)
{
#ifdef __linux__
  cpu_set_t set;

  CPU_ZERO (&set);
  if (sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 0)
    return (guint)CPU_COUNT (&set);
#endif
  return g_get_num_processors ();
}

static void
check_in_pool (NbCliOptions *o,
               NbReport     *previous,
               GPtrArray    *paths,
               CheckOutput   output,
               GPtrArray    *rows,
               CheckTotals  *totals)
{
  CheckPool pool = { .options = o, .previous = previous, .output = output };
  guint n_threads = MAX (1, MIN (usable_cores (), paths->len));
  guint window = 4 * n_threads;
  g_autofree CheckJob *jobs = g_new0 (CheckJob, window);
  GThreadPool *threads;
  guint submitted = 0;

  g_debug ("checking %u files, worker threads: %u", paths->len, n_threads);
  nb_publish_get_today (&pool.today);
  g_mutex_init (&pool.lock);
  g_cond_init (&pool.finished);
  threads = g_thread_pool_new (check_job_run, NULL, (int)n_threads, TRUE, NULL);
  for (guint printed = 0; printed < paths->len;)
    {
      guint batch_end;

      for (; submitted < paths->len && submitted - printed < window; submitted++)
        {
          CheckJob *next = &jobs[submitted % window];

          next->pool = &pool;
          next->index = submitted;
          next->path = g_ptr_array_index (paths, submitted);
          g_thread_pool_push (threads, next, NULL);
        }
      batch_end = MIN (printed + MAX (window / 2, 1), paths->len);
      g_mutex_lock (&pool.lock);
      pool.n_pending = 0;
      for (guint i = printed; i < batch_end; i++)
        pool.n_pending += !jobs[i % window].finished;
      pool.batch_start = printed;
      pool.batch_end = batch_end;
      while (pool.n_pending > 0)
        g_cond_wait (&pool.finished, &pool.lock);
      pool.batch_start = pool.batch_end = 0;
      g_mutex_unlock (&pool.lock);
      for (; printed < batch_end; printed++)
        check_job_print (&jobs[printed % window], rows, output, totals);
    }
  g_thread_pool_free (threads, FALSE, TRUE);
  g_mutex_clear (&pool.lock);
  g_cond_clear (&pool.finished);
}

int
_nb_cli_run_check (NbCliOptions *o)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)_nb_cli_summary_row_free);
  g_autoptr(NbReport) previous = NULL;
  CheckTotals totals = { 0, };
  CheckOutput output = CHECK_OUTPUT_TEXT;

  if (o->summary_format != NULL)
    {
      if (g_str_equal (o->summary_format, "csv"))
        output = CHECK_OUTPUT_CSV;
      else if (g_str_equal (o->summary_format, "summary-csv"))
        output = CHECK_OUTPUT_SUMMARY_CSV;
      else if (!g_str_equal (o->summary_format, "text"))
        return _nb_cli_usage_error (_("Unknown check format “%s”; use text, csv or summary-csv"),
                                    o->summary_format);
    }

  if (o->previous != NULL)
    {
      g_autoptr(GError) error = NULL;

      previous = _nb_cli_load_report (o->previous, &error);
      if (previous == NULL)
        {
          _nb_cli_print_line (stderr, "%s: %s\n", o->previous, error->message);
          return EXIT_UNREADABLE;
        }
    }

  for (guint i = 0; o->files != NULL && o->files[i] != NULL; i++)
    _nb_cli_collect_files (o->files[i], paths);
  if (o->sample)
    g_ptr_array_insert (paths, 0, NULL);
  if (paths->len == 0)
    return _nb_cli_usage_error (_("--check needs at least one report file or folder"));

  if (output == CHECK_OUTPUT_SUMMARY_CSV)
    _nb_cli_print_summary_csv (rows, TRUE);
  else if (output == CHECK_OUTPUT_CSV)
    fputs (FINDINGS_CSV_HEADER, stdout);
  check_in_pool (o, previous, paths, output, rows, &totals);

  if (output == CHECK_OUTPUT_TEXT)
    {
      g_print ("\n");
      _nb_cli_print_summary_text (rows);
      g_print ("\n");
      g_print (_("Checked %u of %u files: %u errors, %u warnings, %u unreadable\n"),
               totals.n_checked, paths->len, totals.n_errors, totals.n_warnings,
               totals.n_unreadable);
    }
  if (!_nb_cli_stdout_flushed ())
    return EXIT_UNREADABLE;
  if (totals.n_unreadable > 0)
    return EXIT_UNREADABLE;
  return totals.n_errors > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
