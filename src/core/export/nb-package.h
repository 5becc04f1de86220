/* nb-package.h: a zip package of XML parts (DOCX, OFD), the XML written by
 * libxml2 and the zip by libarchive
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _NbPackage NbPackage;
typedef struct _NbXmlPart NbXmlPart;

NbPackage *nb_package_new         (GError      **error);
gboolean   nb_package_add         (NbPackage    *self,
                                   const char   *name,
                                   const void   *data,
                                   gsize         length,
                                   GError      **error);
gboolean   nb_package_add_part    (NbPackage    *self,
                                   const char   *name,
                                   NbXmlPart    *part,
                                   GError      **error);
GBytes    *nb_package_finish      (NbPackage    *self,
                                   GError      **error);
void       nb_package_free        (NbPackage    *self);

/* An XML document written element by element.  A failure is remembered
 * and reported once, by nb_package_add_part(). */
NbXmlPart *nb_xml_part_new        (void);
void       nb_xml_part_free       (NbXmlPart    *self);
GBytes    *nb_xml_part_end        (NbXmlPart    *self,
                                   const char   *name,
                                   GError      **error);
void       nb_xml_start           (NbXmlPart    *self,
                                   const char   *name);
void       nb_xml_end             (NbXmlPart    *self);
void       nb_xml_attr            (NbXmlPart    *self,
                                   const char   *name,
                                   const char   *value);
void       nb_xml_attr_printf     (NbXmlPart    *self,
                                   const char   *name,
                                   const char   *format,
                                   ...) G_GNUC_PRINTF (3, 4);
void       nb_xml_text            (NbXmlPart    *self,
                                   const char   *text,
                                   gssize        length);
void       nb_xml_element         (NbXmlPart    *self,
                                   const char   *name,
                                   const char   *text);
void       nb_xml_raw             (NbXmlPart    *self,
                                   const char   *markup);

gboolean   nb_xml_char_is_allowed (gunichar      c);
char      *nb_xml_dup_text        (const char   *text,
                                   gssize        length);

/* Numbers as XML wants them whatever the locale: "12.5", "3", "-0.25". */
void       nb_xml_append_number   (GString      *out,
                                   double        value,
                                   int           decimals);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbPackage, nb_package_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbXmlPart, nb_xml_part_free)

G_END_DECLS
