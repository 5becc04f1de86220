/* nb-review-window.c: every report of a folder, checked, in one list
 *
 * For the disclosure office in January: open the folder of the departments'
 * reports, see which ones have errors, open each at its first finding.
 * Files are checked a few at a time from an idle handler, so a folder of
 * hundreds fills in while the window stays responsive.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-review-window"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-review-item.h"
#include "nb-review-window.h"
#include "nb-window.h"

/* How long one idle round may check files before the window repaints. */
#define LOAD_BUDGET_USEC (12 * G_TIME_SPAN_MILLISECOND)

struct _NbReviewWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *title;
  GtkSpinner           *spinner;
  GtkToggleButton      *errors_only;
  GtkStack             *stack;
  GtkColumnView        *view;
  GtkLabel             *summary;

  GListStore           *store;     /* NbReviewItem, in folder order */
  GtkCustomFilter      *filter;
  GtkSingleSelection   *selection; /* over the filtered, sorted list */

  GFile                *folder;
  GPtrArray            *pending;   /* GFile still to check */
  guint                 next_pending;
  guint                 load_id;
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (NbReviewWindow, nb_review_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The columns: title, item property, how it sorts. */
typedef enum
{
  SORT_STRING,
  SORT_NUMBER,
  SORT_STATUS,
} SortKind;

typedef struct
{
  const char *title;
  const char *property;
  SortKind    sort;
  gboolean    expand;
} Column;

static const Column columns[] = {
  { N_("File"), "name", SORT_STRING, TRUE },
  { N_("Agency"), "agency", SORT_STRING, TRUE },
  { N_("Year"), "year", SORT_NUMBER, FALSE },
  { N_("Edition"), "edition", SORT_STRING, FALSE },
  { N_("Errors"), "errors", SORT_NUMBER, FALSE },
  { N_("Warnings"), "warnings", SORT_NUMBER, FALSE },
  { N_("Status"), "status", SORT_STATUS, FALSE },
};

static void
update_summary (NbReviewWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n_errors = 0, n_warnings = 0, n_unreadable = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NbReviewItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (!nb_review_item_get_readable (item))
        n_unreadable++;
      else if (nb_review_item_get_errors (item) > 0)
        n_errors++;
      else if (nb_review_item_get_warnings (item) > 0)
        n_warnings++;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u report: %u with errors, %u with warnings only, %u unreadable",
                                       "%u reports: %u with errors, %u with warnings only, %u unreadable",
                                       n),
                          n, n_errors, n_warnings, n_unreadable);
  gtk_label_set_text (self->summary, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (g_file_peek_path (*(GFile * const *)a), g_file_peek_path (*(GFile * const *)b));
}

static void
collect (GFile     *folder,
         GPtrArray *out)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator == NULL)
    return;
  while ((info = g_file_enumerator_next_file (enumerator, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);
      GFileType type = g_file_info_get_file_type (info);

      if (type == G_FILE_TYPE_DIRECTORY || g_str_has_suffix (name, ".nianbao"))
        g_ptr_array_add (children, g_file_get_child (folder, name));
      g_object_unref (info);
    }

  /* The order of the command line: by path. */
  g_ptr_array_sort (children, compare_paths);
  for (guint i = 0; i < children->len; i++)
    {
      GFile *child = g_ptr_array_index (children, i);

      if (g_file_query_file_type (child, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
          == G_FILE_TYPE_DIRECTORY)
        collect (child, out);
      else
        g_ptr_array_add (out, g_object_ref (child));
    }
}

static void
update_actions (NbReviewWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.merge",
                                 self->load_id == 0
                                 && g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0);
}

static void
set_loading (NbReviewWindow *self,
             gboolean        loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
load_some_cb (gpointer user_data)
{
  NbReviewWindow *self = user_data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  while (self->next_pending < self->pending->len
         && g_get_monotonic_time () - start < LOAD_BUDGET_USEC)
    {
      GFile *file = g_ptr_array_index (self->pending, self->next_pending++);
      g_autofree char *name = g_file_get_relative_path (self->folder, file);

      g_ptr_array_add (batch, nb_review_item_new_for_file (file, name ? name : g_file_peek_path (file)));
    }
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       batch->pdata, batch->len);
  update_summary (self);

  if (self->next_pending < self->pending->len)
    return G_SOURCE_CONTINUE;
  self->load_id = 0;
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  set_loading (self, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  NbReviewWindow *self = user_data;

  if (!gtk_toggle_button_get_active (self->errors_only))
    return TRUE;
  /* A file that cannot be read blocks publication as much as an error. */
  return !nb_review_item_get_readable (item) || nb_review_item_get_errors (item) > 0;
}

static int
status_rank (NbReviewItem *item)
{
  if (!nb_review_item_get_readable (item))
    return 3;
  if (nb_review_item_get_errors (item) > 0)
    return 2;
  return nb_review_item_get_warnings (item) > 0 ? 1 : 0;
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int ra = status_rank ((NbReviewItem *)a), rb = status_rank ((NbReviewItem *)b);

  if (ra != rb)
    return ra < rb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return GTK_ORDERING_EQUAL;
}

static void
on_errors_only_toggled_cb (NbReviewWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  const Column *column = user_data;
  NbReviewItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;

  g_value_init (&value, g_object_class_find_property (G_OBJECT_GET_CLASS (item),
                                                      column->property)->value_type);
  g_object_get_property (G_OBJECT (item), column->property, &value);
  if (G_VALUE_HOLDS_STRING (&value))
    text = g_value_dup_string (&value);
  else if (G_VALUE_HOLDS_INT (&value))
    text = g_value_get_int (&value) ? g_strdup_printf ("%d", g_value_get_int (&value)) : g_strdup ("");
  else
    text = nb_review_item_get_readable (item) ? g_strdup_printf ("%u", g_value_get_uint (&value))
                                              : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (label), text);

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "success");
  if (column->sort == SORT_STATUS)
    {
      static const char *classes[] = { "success", "warning", "error", "error" };
      GValue message = G_VALUE_INIT;

      gtk_widget_add_css_class (label, classes[status_rank (item)]);
      g_value_init (&message, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (item), "message", &message);
      gtk_widget_set_tooltip_text (label, g_value_get_string (&message));
      g_value_unset (&message);
    }
}

static void
add_columns (NbReviewWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const Column *column = &columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;
      GtkSorter *sorter;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer)column);
      view_column = gtk_column_view_column_new (_(column->title), factory);
      switch (column->sort)
        {
        case SORT_STRING:
          sorter = GTK_SORTER (gtk_string_sorter_new (
            gtk_property_expression_new (NB_TYPE_REVIEW_ITEM, NULL, column->property)));
          break;
        case SORT_NUMBER:
          sorter = GTK_SORTER (gtk_numeric_sorter_new (
            gtk_property_expression_new (NB_TYPE_REVIEW_ITEM, NULL, column->property)));
          break;
        case SORT_STATUS:
        default:
          sorter = GTK_SORTER (gtk_custom_sorter_new (compare_status, NULL, NULL));
          break;
        }
      gtk_column_view_column_set_sorter (view_column, sorter);
      g_object_unref (sorter);
      gtk_column_view_column_set_expand (view_column, column->expand);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      g_object_set_data (G_OBJECT (view_column), "nb-property", (gpointer)column->property);
      gtk_column_view_append_column (self->view, view_column);
    }
}

static void
on_activate_cb (GtkColumnView  *view,
                guint           position,
                NbReviewWindow *self)
{
  nb_review_window_open_item (self, position);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        NbReviewWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        nb_review_window_load_folder (self, folder);
    }
  g_clear_object (&self->chooser);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  NbReviewWindow *self = NB_REVIEW_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = GTK_NATIVE_DIALOG (
    gtk_file_chooser_native_new (_("Open a Folder of Reports"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

/* Every report of the folder, not only those shown: the filter is for
 * reading, the summary is of the whole folder. */
static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NbReviewWindow *self = NB_REVIEW_WINDOW (widget);
  g_autoptr(GStrvBuilder) uris = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(NbReviewItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      g_autofree char *uri = g_file_get_uri (nb_review_item_get_file (item));

      g_strv_builder_add (uris, uri);
    }
  list = g_strv_builder_end (uris);
  /* The application adds them up (nb-batch-actions.c). */
  gtk_widget_activate_action (widget, "app.merge-files", "^as", list);
}

static void
nb_review_window_dispose (GObject *object)
{
  NbReviewWindow *self = (NbReviewWindow *)object;

  g_clear_handle_id (&self->load_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->view != NULL)
    gtk_column_view_set_model (self->view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_REVIEW_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->folder);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (nb_review_window_parent_class)->dispose (object);
}

static void
nb_review_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NbReviewWindow *self = NB_REVIEW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, nb_review_window_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_review_window_class_init (NbReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_review_window_dispose;
  object_class->get_property = nb_review_window_get_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nianbao/Nianbao/nb-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbReviewWindow, title);
  gtk_widget_class_bind_template_child (widget_class, NbReviewWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, NbReviewWindow, errors_only);
  gtk_widget_class_bind_template_child (widget_class, NbReviewWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NbReviewWindow, view);
  gtk_widget_class_bind_template_child (widget_class, NbReviewWindow, summary);

  gtk_widget_class_install_action (widget_class, "review.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "review.merge", NULL, merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "review.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
nb_review_window_init (NbReviewWindow *self)
{
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (NB_TYPE_REVIEW_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                        g_object_ref (GTK_FILTER (self->filter)));
  add_columns (self);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (gtk_column_view_get_sorter (self->view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));

  /* Problems first: what the office has to chase. */
  nb_review_window_sort_by (self, "status", GTK_SORT_DESCENDING);

  g_signal_connect_object (self->errors_only, "toggled", G_CALLBACK (on_errors_only_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "activate", G_CALLBACK (on_activate_cb), self, 0);
  update_summary (self);
  update_actions (self);
}

NbReviewWindow *
nb_review_window_new (GtkApplication *application)
{
  return g_object_new (NB_TYPE_REVIEW_WINDOW, "application", application, NULL);
}

/**
 * nb_review_window_load_folder:
 *
 * Lists and checks every report in @folder and its subfolders, replacing
 * what was shown.  Checking runs from idle: watch #NbReviewWindow:loading.
 */
void
nb_review_window_load_folder (NbReviewWindow *self,
                              GFile          *folder)
{
  g_autofree char *name = NULL;

  g_return_if_fail (NB_IS_REVIEW_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_clear_handle_id (&self->load_id, g_source_remove);
  g_list_store_remove_all (self->store);
  g_set_object (&self->folder, folder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);

  name = g_file_get_basename (folder);
  adw_window_title_set_subtitle (self->title, name);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->next_pending = 0;
  collect (folder, self->pending);
  self->load_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, load_some_cb, self, NULL);
  set_loading (self, TRUE);
}

GFile *
nb_review_window_get_folder (NbReviewWindow *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_WINDOW (self), NULL);
  return self->folder;
}

gboolean
nb_review_window_get_loading (NbReviewWindow *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_WINDOW (self), FALSE);
  return self->load_id != 0;
}

/**
 * nb_review_window_get_model:
 *
 * Returns: (transfer none): the reports as shown: filtered and sorted
 */
GListModel *
nb_review_window_get_model (NbReviewWindow *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_WINDOW (self), NULL);
  return G_LIST_MODEL (self->selection);
}

void
nb_review_window_set_errors_only (NbReviewWindow *self,
                                  gboolean        errors_only)
{
  g_return_if_fail (NB_IS_REVIEW_WINDOW (self));
  gtk_toggle_button_set_active (self->errors_only, errors_only);
}

/* As a click on a column header does. */
void
nb_review_window_sort_by (NbReviewWindow *self,
                          const char     *property,
                          GtkSortType     direction)
{
  GListModel *view_columns;

  g_return_if_fail (NB_IS_REVIEW_WINDOW (self));

  view_columns = gtk_column_view_get_columns (self->view);
  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "nb-property"), property) == 0)
        gtk_column_view_sort_by_column (self->view, column, direction);
    }
}

/**
 * nb_review_window_open_item:
 * @position: in nb_review_window_get_model ()
 *
 * Opens the report in an editor window, at its first finding.
 *
 * Returns: (transfer none) (nullable): the editor window, or NULL for a
 *   file that cannot be read (a dialog says why)
 */
GtkWindow *
nb_review_window_open_item (NbReviewWindow *self,
                            guint           position)
{
  g_autoptr(NbReviewItem) item = NULL;
  GtkApplication *application;
  GFile *file;

  g_return_val_if_fail (NB_IS_REVIEW_WINDOW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (item == NULL)
    return NULL;
  application = gtk_window_get_application (GTK_WINDOW (self));
  file = nb_review_item_get_file (item);
  if (!nb_review_item_get_readable (item) || application == NULL)
    {
      GValue message = G_VALUE_INIT;
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"),
                                                  nb_review_item_get_name (item));
      GtkWidget *dialog;

      g_value_init (&message, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (item), "message", &message);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, g_value_get_string (&message));
      g_value_unset (&message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return NULL;
    }

  {
    g_autofree char *uri = g_file_get_uri (file);

    g_action_group_activate_action (G_ACTION_GROUP (application), "open-file",
                                    g_variant_new_string (uri));
  }
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      if (!NB_IS_WINDOW (l->data) || nb_window_get_file (l->data) == NULL
          || !g_file_equal (nb_window_get_file (l->data), file))
        continue;
      gtk_widget_activate_action (l->data, "win.show-finding", "u", 0);
      return l->data;
    }
  return NULL;
}
