/* nb-window-publish.c: publication day in the editor window
 *
 * "Copy for Website" puts the CMS fragment (text/html) and the plain text
 * on the clipboard, so a web editor's paste keeps tables and looks.
 * "Mark as Published…" records the date in the report and freezes this
 * version as published/<sha256>.nianbao in the data folder, never pruned;
 * the report records that digest, so the copy is found again wherever the
 * file is moved or renamed (files marked before the digest was recorded
 * find theirs by path, history/<key>/published.nianbao).  Later edits
 * show "changed since publication" in
 * the subtitle, and "Compare with Published Version" opens the compare
 * view on the two.  Kept out of nb-window.c: the window installs the
 * actions and shows the status.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-window-publish"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-autosave.h"
#include "nb-compare-window.h"
#include "nb-export.h"
#include "nb-file.h"
#include "nb-history.h"
#include "nb-publish.h"
#include "nb-window-private.h"

#define VERSION_KEY "nb-published-version"
#define VERSION_FROM_KEY "nb-published-version-from"

static char *
dup_history_key (NbWindow *window)
{
  NbAutosave *autosave = nb_window_get_autosave (window);
  GFile *file = nb_window_get_file (window);

  if (autosave != NULL && nb_autosave_get_history_key (autosave) != NULL)
    return g_strdup (nb_autosave_get_history_key (autosave));
  if (file != NULL)
    return nb_history_key_for_file (file);
  return NULL;
}

/* Where the published version of the report is kept, or NULL. */
static char *
dup_version_path (NbWindow *window)
{
  NbReport *report = nb_window_get_report (window);
  const char *sha256 = nb_report_get_published_sha256 (report);
  g_autofree char *key = NULL;

  if (nb_report_get_published (report) == NULL)
    return NULL;
  if (sha256 != NULL)
    return nb_published_dup_path (sha256);
  /* Marked before the digest was recorded: kept by the file's path. */
  key = dup_history_key (window);
  return key != NULL ? nb_history_dup_published_path (key) : NULL;
}

NbReport *
_nb_window_publish_get_version (NbWindow *window)
{
  g_autofree char *path = dup_version_path (window);
  NbReport *version = NULL;
  g_autoptr(GError) error = NULL;

  /* Read once per copy: an undone or repeated mark names another. */
  if (g_strcmp0 (path, g_object_get_data (G_OBJECT (window), VERSION_FROM_KEY)) == 0)
    return g_object_get_data (G_OBJECT (window), VERSION_KEY);
  if (path != NULL)
    {
      version = nb_file_load (path, &error);
      if (version == NULL)
        g_warning ("The published version %s cannot be read: %s", path, error->message);
    }
  g_object_set_data_full (G_OBJECT (window), VERSION_KEY, version, g_object_unref);
  g_object_set_data_full (G_OBJECT (window), VERSION_FROM_KEY, g_steal_pointer (&path), g_free);
  return version;
}

char *
_nb_window_publish_dup_status (NbWindow *window)
{
  NbReport *report = nb_window_get_report (window);
  NbReport *version = _nb_window_publish_get_version (window);
  g_autofree char *message = NULL;
  NbDeadlineState state = nb_publish_get_deadline (report, NULL, NULL, &message);

  gtk_widget_action_set_enabled (GTK_WIDGET (window), "win.compare-published", version != NULL);
  if (state == NB_DEADLINE_PUBLISHED && version != NULL
      && nb_history_count_differences (report, version) > 0)
    /* Translators: "Published on 20 January 2024 — changed since publication" */
    return g_strdup_printf (_("%s — changed since publication"), message);
  return g_steal_pointer (&message);
}

gboolean
_nb_window_publish_mark (NbWindow    *window,
                        const char  *date,
                        GError     **error)
{
  NbReport *report = nb_window_get_report (window);
  g_autofree char *old_date = NULL;
  g_autofree char *old_sha256 = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean stored;
  GDate parsed;

  if (!nb_publish_parse_iso (date, &parsed))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date: write it as YYYY-MM-DD"), date);
      return FALSE;
    }
  old_date = g_strdup (nb_report_get_published (report));
  old_sha256 = g_strdup (nb_report_get_published_sha256 (report));
  /* The date goes into the report first, so the frozen copy carries it
   * and the two compare equal until the next edit; the digest cannot be
   * in the bytes it is the digest of.  One undoable change. */
  nb_report_begin_user_action (report);
  nb_report_set_published (report, date);
  nb_report_set_published_sha256 (report, NULL);
  bytes = nb_file_serialize (report);
  stored = nb_published_store (bytes, &sha256, error);
  nb_report_set_published_sha256 (report, stored ? sha256 : old_sha256);
  if (!stored)
    nb_report_set_published (report, old_date);
  nb_report_end_user_action (report);
  return stored;
}

static void
copy_for_website_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  NbReport *report = nb_window_get_report (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) text = NULL;
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;
  NbExportOptions options = { .fragment = TRUE };

  nb_window_commit_edits (window);
  html = nb_export_html_full (report, &options, &error);
  if (html != NULL)
    text = nb_export_txt (report, &error);
  if (text == NULL)
    {
      _nb_window_add_toast (window, error->message);
      return;
    }
  providers[0] = gdk_content_provider_new_for_bytes ("text/html", html);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
  _nb_window_add_toast (window, _("Copied for the website’s editor: paste it into the article"));
}

static void
on_mark_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     NbWindow         *window)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "nb-entry");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "publish") != 0)
    return;
  if (!_nb_window_publish_mark (window, gtk_editable_get_text (entry), &error))
    _nb_window_add_toast (window, error->message);
  else
    _nb_window_add_toast (window, _("Marked as published: this version is kept"));
}

static void
mark_published_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  GtkWidget *dialog, *entry;
  GDate today;
  g_autofree char *iso = NULL;

  nb_window_commit_edits (window);
  nb_publish_get_today (&today);
  iso = nb_publish_format_iso (&today);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Mark as Published"),
                                   _("The day the report went on the website (YYYY-MM-DD). "
                                     "This version is kept, so later changes can be compared "
                                     "with what was published."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), iso);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Publication date"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "nb-entry", entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "publish", _("_Mark as Published"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "publish");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_mark_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
compare_published_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NbWindow *window = NB_WINDOW (widget);
  NbReport *version = _nb_window_publish_get_version (window);
  g_autoptr(NbCompare) compare = NULL;
  NbCompareWindow *compare_window;

  if (version == NULL)
    return;
  nb_window_commit_edits (window);
  compare = nb_compare_new (version, nb_window_get_report (window));
  compare_window = nb_compare_window_new (compare);
  nb_compare_window_set_changed_only (compare_window, TRUE);
  gtk_window_set_title (GTK_WINDOW (compare_window), _("Changes Since Publication"));
  gtk_window_set_transient_for (GTK_WINDOW (compare_window), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (compare_window));
}

void
_nb_window_class_publish_init (NbWindowClass *window_class)
{
  GtkWidgetClass *klass = GTK_WIDGET_CLASS (window_class);

  gtk_widget_class_install_action (klass, "win.copy-for-website", NULL, copy_for_website_action);
  gtk_widget_class_install_action (klass, "win.mark-published", NULL, mark_published_action);
  gtk_widget_class_install_action (klass, "win.compare-published", NULL, compare_published_action);
}
