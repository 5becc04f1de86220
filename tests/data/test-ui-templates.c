/* test-ui-templates.c: instantiate every .ui template under fatal warnings
 *
 * gtk4-builder-tool cannot load templates whose parent is an Adw type, so
 * each template is built here the way the app builds it: the type from
 * ui-templates.h, object properties the app would set filled from the sample
 * report (report, edition) or the application, windows presented, other
 * widgets put in a window, drawn once, destroyed and checked for finalization.
 * A ui/ file without a template is loaded with GtkBuilder.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "nb-file.h"
#include "nb-report.h"

#define NB_UI_TEMPLATE(prefix, file) GType prefix##_get_type (void);
#include "ui-templates.h"
#undef NB_UI_TEMPLATE

typedef struct {
  GType     (*get_type) (void);
  const char *file;
} Template;

static const Template templates[] = {
#define NB_UI_TEMPLATE(prefix, file) { prefix##_get_type, file },
#include "ui-templates.h"
#undef NB_UI_TEMPLATE
};

static GtkApplication *app;

static char *
ui_dir (void)
{
  const char *src = g_getenv ("NB_SOURCE_DIR");

  g_assert_nonnull (src);
  return g_build_filename (src, "ui", NULL);
}

/* The class of the file's <template>, or NULL when it has none. */
static char *
template_class (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<template\\s+class=\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  if (!g_regex_match (regex, text, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static void
collect_ui_files (const char *dir,
                  const char *relative,
                  GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = relative ? g_build_filename (relative, name, NULL) : g_strdup (name);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_ui_files (path, rel, out);
      else if (g_str_has_suffix (name, ".ui"))
        g_ptr_array_add (out, g_steal_pointer (&rel));
    }
}

static const Template *
find_template (const char *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_str_equal (templates[i].file, file))
      return &templates[i];
  return NULL;
}

/* Every ui/ file with a template is listed, under its own class. */
static void
test_list_complete (void)
{
  g_autofree char *dir = ui_dir ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n_templates = 0;

  collect_ui_files (dir, NULL, files);
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *klass = template_class (path);
      const Template *t = find_template (file);

      if (klass == NULL)
        continue;
      n_templates++;
      if (t == NULL)
        g_error ("ui/%s has a template for %s, but no NB_UI_TEMPLATE line in tests/data/ui-templates.h",
                 file, klass);
      g_assert_cmpstr (g_type_name (t->get_type ()), ==, klass);
    }
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *path = g_build_filename (dir, templates[i].file, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        g_error ("tests/data/ui-templates.h lists ui/%s, which does not exist", templates[i].file);
    }
  g_assert_cmpuint (n_templates, ==, G_N_ELEMENTS (templates));
}

/* Values for the object properties the app sets on its widgets. */
static GObject *
value_for (GType       type,
           NbReport   *report)
{
  if (type == G_TYPE_OBJECT || type == G_TYPE_INITIALLY_UNOWNED)
    return NULL;
  if (g_type_is_a (G_TYPE_FROM_INSTANCE (report), type))
    return G_OBJECT (report);
  if (g_type_is_a (G_TYPE_FROM_INSTANCE (nb_report_get_edition (report)), type))
    return G_OBJECT (nb_report_get_edition (report));
  if (g_type_is_a (G_TYPE_FROM_INSTANCE (app), type))
    return G_OBJECT (app);
  return NULL;
}

static GObject *
instantiate (GType     type,
             NbReport *report)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  GObject *object;
  guint n_pspecs;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      GObject *value;
      GValue v = G_VALUE_INIT;

      if (!(pspec->flags & G_PARAM_WRITABLE) || !G_TYPE_IS_OBJECT (pspec->value_type))
        continue;
      if ((value = value_for (pspec->value_type, report)) == NULL)
        continue;
      g_value_init (&v, pspec->value_type);
      g_value_set_object (&v, value);
      g_array_append_val (values, v);
      g_ptr_array_add (names, (gpointer) pspec->name);
    }
  /* A section page shows one section of the report: a table for the
   * table page. */
  if (g_object_class_find_property (G_OBJECT_CLASS (klass), "section-id") != NULL)
    {
      GValue v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_STRING);
      g_value_set_static_string (&v, g_str_equal (g_type_name (type), "NbTablePage") ? "requests"
                                                                                  : "overview");
      g_array_append_val (values, v);
      g_ptr_array_add (names, (gpointer) "section-id");
    }
  object = g_object_new_with_properties (type, names->len, (const char **) names->pdata,
                                         (const GValue *) values->data);
  return object;
}

static void
test_instantiate (gconstpointer data)
{
  const Template *t = data;
  GType type = t->get_type ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_file_load_sample (&error);
  GObject *object;
  GtkWidget *window;

  g_assert_no_error (error);
  g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));
  object = instantiate (type, report);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (object, type));
  if (GTK_IS_WINDOW (object))
    {
      window = GTK_WIDGET (object);
      if (gtk_window_get_application (GTK_WINDOW (window)) == NULL)
        gtk_window_set_application (GTK_WINDOW (window), app);
    }
  else
    {
      window = gtk_window_new ();
      gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (object));
    }
  g_object_ref_sink (object);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (object));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (object)));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_finalize_object (object);
}

/* ui/ files without a template (menus, the shortcuts window) build with GtkBuilder. */
static void
test_plain_files (void)
{
  g_autofree char *dir = ui_dir ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  collect_ui_files (dir, NULL, files);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (files, i), NULL);
      g_autofree char *klass = template_class (path);
      g_autoptr(GtkBuilder) builder = NULL;
      g_autoptr(GError) error = NULL;
      GSList *objects;

      if (klass != NULL)
        continue;
      builder = gtk_builder_new ();
      gtk_builder_add_from_file (builder, path, &error);
      g_assert_no_error (error);
      objects = gtk_builder_get_objects (builder);
      for (GSList *l = objects; l != NULL; l = l->next)
        if (GTK_IS_WINDOW (l->data))
          gtk_window_destroy (l->data);
      g_slist_free (objects);
    }
}

static int status;

static void
on_activate_cb (GApplication *application,
                gpointer      user_data)
{
  g_application_hold (application);
  status = g_test_run ();
  g_application_release (application);
  g_application_quit (application);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) application = NULL;

  g_setenv ("GTK_A11Y", "test", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Every listed type, before any template refers to it. */
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    g_type_ensure (templates[i].get_type ());

  g_test_add_func ("/ui/templates/listed", test_list_complete);
  g_test_add_func ("/ui/templates/plain-files", test_plain_files);
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *name = g_strdup_printf ("/ui/templates/instantiate/%s", templates[i].file);

      g_test_add_data_func (name, &templates[i], test_instantiate);
    }

  application = GTK_APPLICATION (adw_application_new ("io.github.nianbao.Nianbao.TestTemplates",
                                                      G_APPLICATION_NON_UNIQUE));
  app = application;
  g_signal_connect (application, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_application_run (G_APPLICATION (application), 0, NULL);
  return status;
}
