/* nb-settings.c: the user's settings, read for the core by its callers
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-settings"

#include "config.h"

#include "nb-settings.h"

GSettings *
nb_settings_dup (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

void
nb_settings_load_render_options (NbRenderOptions *options)
{
  g_autoptr(GSettings) settings = nb_settings_dup ();

  g_return_if_fail (options != NULL);

  nb_render_options_init (options);
  if (settings == NULL)
    return;
  options->landscape_tables = g_settings_get_boolean (settings, "print-landscape-tables");
  options->line_pitch = g_settings_get_double (settings, "print-line-pitch");
}
