/* nb-json-tree-private.h: a .nianbao file's JSON as a plain tree, for its reader
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file's JSON is read in nb-json-tree.c, strictly (RFC 8259).
 * json-glib 1.6's own parser accepts comments, hexadecimal and leading-zero
 * numbers, single quotes and text after the report, saturates integers
 * beyond 64 bits and decodes a lone surrogate escape into invalid UTF-8; all
 * of that is refused there, so the values hold exactly what the file says.
 * The pass also bounds the nesting (it recurses) and tells a cut-off file
 * from a malformed one.
 *
 * The values are a tree of our own in one arena per file, not json-glib's
 * nodes: those come one by one from GLib 2.74's slice allocator (a node,
 * a list link and an object per value, about 1,500 slices per report), and
 * its magazines pass through one process-wide depot, so the workers of a
 * folder check kept reusing chunks the other core had just written and
 * freed, a cache miss each.  An arena is a few blocks of the thread's own
 * malloc arena, freed at once.  (Before that, json-glib's parser emitted a
 * signal per value under GObject's process-wide signal lock.) */
typedef enum
{
  VALUE_NULL,
  VALUE_BOOLEAN,
  VALUE_INT,
  VALUE_DOUBLE,
  VALUE_STRING,
  VALUE_OBJECT,
  VALUE_ARRAY,
} ValueType;

typedef struct _Member Member;
typedef struct _Value  Value;

struct _Value
{
  ValueType type;
  guint     n;  /* members of an object, elements of an array */
  union
  {
    gboolean    boolean;
    gint64      integer;
    double      number;
    const char *string;
    Member     *members;
    Value      *elements;
  };
  /* A container's bytes in the file, from its bracket to its bracket. */
  gsize     start;
  gsize     end;
};

struct _Member
{
  const char *name;
  Value       value;
};

typedef struct
{
  GPtrArray *blocks;
  char      *next;
  gsize      left;
} Arena;

void   _nb_json_arena_clear  (Arena       *arena);
/* Exactly one JSON value, and nothing after it but white space. */
Value *_nb_json_parse_strict (const char  *data,
                              gsize        length,
                              Arena       *arena,
                              GError     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Arena, _nb_json_arena_clear)

G_END_DECLS
