/* nb-review-item.c: one report of the Review window, checked
 *
 * Made by loading and checking the file once; the report itself is not
 * kept, so a folder of hundreds of reports costs a few strings each.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-review-item"

#include "config.h"

#include <glib/gi18n.h>

#include "nb-checker.h"
#include "nb-file.h"
#include "nb-review-item.h"

struct _NbReviewItem
{
  GObject  parent_instance;

  GFile   *file;
  char    *name;
  char    *agency;
  int      year;
  char    *edition;
  guint    errors;
  guint    warnings;
  char    *message;  /* why it is unreadable, or its first finding */
  gboolean readable;
};

G_DEFINE_FINAL_TYPE (NbReviewItem, nb_review_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_NAME,
  PROP_AGENCY,
  PROP_YEAR,
  PROP_EDITION,
  PROP_ERRORS,
  PROP_WARNINGS,
  PROP_STATUS,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nb_review_item_finalize (GObject *object)
{
  NbReviewItem *self = (NbReviewItem *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->edition, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (nb_review_item_parent_class)->finalize (object);
}

static void
nb_review_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NbReviewItem *self = NB_REVIEW_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_AGENCY:
      g_value_set_string (value, self->agency);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_EDITION:
      g_value_set_string (value, self->edition);
      break;
    case PROP_ERRORS:
      g_value_set_uint (value, self->errors);
      break;
    case PROP_WARNINGS:
      g_value_set_uint (value, self->warnings);
      break;
    case PROP_STATUS:
      g_value_set_string (value, nb_review_item_get_status (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_review_item_class_init (NbReviewItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = nb_review_item_finalize;
  object_class->get_property = nb_review_item_get_property;

  /* Read-only: an item is a snapshot of one check, made once. */
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_AGENCY] = g_param_spec_string ("agency", NULL, NULL, NULL, flags);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, 9999, 0, flags);
  properties[PROP_EDITION] = g_param_spec_string ("edition", NULL, NULL, NULL, flags);
  properties[PROP_ERRORS] = g_param_spec_uint ("errors", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_WARNINGS] = g_param_spec_uint ("warnings", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nb_review_item_init (NbReviewItem *self)
{
}

/**
 * nb_review_item_new_for_file:
 * @name: how the file is shown: its path within the reviewed folder
 *
 * Loads and checks the report now.
 */
NbReviewItem *
nb_review_item_new_for_file (GFile      *file,
                             const char *name)
{
  NbReviewItem *self;
  g_autofree char *path = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (NB_TYPE_REVIEW_ITEM, NULL);
  self->file = g_object_ref (file);
  self->name = g_strdup (name);
  path = g_file_get_path (file);
  if (path != NULL)
    report = nb_file_load (path, &error);
  else
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Only local files can be opened"));
  if (report == NULL)
    {
      self->message = g_strdup (error->message);
      self->agency = g_strdup ("");
      self->edition = g_strdup ("");
      return self;
    }

  {
    g_autoptr(GPtrArray) findings = nb_check_report (report, NULL);

    self->readable = TRUE;
    self->agency = g_strdup (nb_report_get_agency (report) ?: "");
    self->year = nb_report_get_year (report);
    self->edition = g_strdup (nb_edition_get_id (nb_report_get_edition (report)));
    self->errors = nb_findings_count (findings, NB_SEVERITY_ERROR);
    self->warnings = nb_findings_count (findings, NB_SEVERITY_WARNING);
    if (findings->len > 0)
      self->message = g_strdup (((NbFinding *)g_ptr_array_index (findings, 0))->message);
  }
  return self;
}

GFile *
nb_review_item_get_file (NbReviewItem *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_ITEM (self), NULL);
  return self->file;
}

const char *
nb_review_item_get_name (NbReviewItem *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_ITEM (self), NULL);
  return self->name;
}

const char *
nb_review_item_get_agency (NbReviewItem *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_ITEM (self), NULL);
  return self->agency;
}

int
nb_review_item_get_year (NbReviewItem *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_ITEM (self), 0);
  return self->year;
}

guint
nb_review_item_get_errors (NbReviewItem *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_ITEM (self), 0);
  return self->errors;
}

guint
nb_review_item_get_warnings (NbReviewItem *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_ITEM (self), 0);
  return self->warnings;
}

gboolean
nb_review_item_get_readable (NbReviewItem *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_ITEM (self), FALSE);
  return self->readable;
}

/* Translated for people; the command line prints its own stable words. */
const char *
nb_review_item_get_status (NbReviewItem *self)
{
  g_return_val_if_fail (NB_IS_REVIEW_ITEM (self), NULL);

  if (!self->readable)
    return _("Unreadable");
  if (self->errors > 0)
    return _("Errors");
  if (self->warnings > 0)
    return _("Warnings");
  return _("Ready");
}
