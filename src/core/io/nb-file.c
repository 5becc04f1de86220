/* nb-file.c: .nianbao project files (see docs/file-format.md)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-file"
#define _GNU_SOURCE /* renameat2 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nb-file.h"
#include "nb-text.h"

G_DEFINE_QUARK (nb-file-error-quark, nb_file_error)

static const char * const meta_strings[] = { "agency", "address", "postcode", "phone" };

/* The file's JSON is read here, strictly (RFC 8259).  json-glib 1.6's own
 * parser accepts comments, hexadecimal and leading-zero numbers, single
 * quotes and text after the report, saturates integers beyond 64 bits and
 * decodes a lone surrogate escape into invalid UTF-8; all of that is
 * refused here, so the values hold exactly what the file says.  The pass
 * also bounds the nesting (it recurses) and tells a cut-off file from a
 * malformed one.
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

/* Blocks from malloc, each below glibc's mmap threshold: a block that is
 * mapped and unmapped per file makes the kernel interrupt the other core
 * to flush its TLB. */
#define ARENA_BLOCK_MIN (16 * 1024)
#define ARENA_BLOCK_MAX (64 * 1024)

typedef struct
{
  GPtrArray *blocks;
  char      *next;
  gsize      left;
} Arena;

static void
arena_clear (Arena *arena)
{
  g_clear_pointer (&arena->blocks, g_ptr_array_unref);
  arena->next = NULL;
  arena->left = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Arena, arena_clear)

static gpointer
arena_alloc (Arena *arena,
             gsize  size)
{
  gpointer memory;

  size = (size + 7) & ~(gsize)7;
  if (size > arena->left)
    {
      gsize block = arena->blocks == NULL
        ? ARENA_BLOCK_MIN
        : MIN (ARENA_BLOCK_MIN << arena->blocks->len, ARENA_BLOCK_MAX);

      if (arena->blocks == NULL)
        arena->blocks = g_ptr_array_new_with_free_func (g_free);
      block = MAX (block, size);
      arena->next = g_malloc (block);
      arena->left = block;
      g_ptr_array_add (arena->blocks, arena->next);
    }
  memory = arena->next;
  arena->next += size;
  arena->left -= size;
  return memory;
}

typedef struct
{
  const char  *data;
  gsize        length;
  gsize        pos;
  guint        depth;
  GError      *error;
  GString     *text;     /* the string being decoded */
  Arena       *arena;
  GArray      *pending;  /* Member: the open containers' members so far */
  GHashTable  *names;    /* name → index, to find a repeated name */
} Scanner;

static void
scanner_position (Scanner *scanner,
                  guint   *line,
                  guint   *column)
{
  const char *p = scanner->data;
  const char *end = scanner->data + MIN (scanner->pos, scanner->length);

  *line = 1;
  *column = 1;
  /* The data is valid UTF-8 (checked first): columns count characters. */
  while (p < end)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
      p = g_utf8_next_char (p);
    }
}

G_GNUC_PRINTF (3, 4) static gboolean
scanner_fail (Scanner     *scanner,
              NbFileError  code,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  if (scanner->error != NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  scanner_position (scanner, &line, &column);
  if (code == NB_FILE_ERROR_TRUNCATED)
    scanner->error = g_error_new (NB_FILE_ERROR, code,
                                  _("The file ends too early; it may have been cut off (line %u)"),
                                  line);
  else if (code == NB_FILE_ERROR_NOT_JSON)
    scanner->error = g_error_new (NB_FILE_ERROR, code,
                                  _("The file is not valid JSON: line %u, column %u: %s"), line,
                                  column, message);
  else
    scanner->error = g_error_new (NB_FILE_ERROR, code, _("Line %u, column %u: %s"), line, column,
                                  message);
  return FALSE;
}

static gboolean
scanner_at_end (Scanner *scanner)
{
  return scanner->pos >= scanner->length;
}

static void
scanner_skip_space (Scanner *scanner)
{
  while (!scanner_at_end (scanner))
    {
      char c = scanner->data[scanner->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      scanner->pos++;
    }
}

/* What an unexpected character is, in words: the usual JSON dialects by
 * name, so a hand-edited file gets a useful message. */
static gboolean
scanner_unexpected (Scanner *scanner)
{
  const char *p = scanner->data + scanner->pos;
  gsize left = scanner->length - scanner->pos;
  g_autofree char *character = NULL;

  if (left == 0)
    return scanner_fail (scanner, NB_FILE_ERROR_TRUNCATED, "end");
  if (*p == '/')
    return scanner_fail (scanner, NB_FILE_ERROR_NOT_JSON, _("comments are not part of JSON"));
  if (*p == '\'')
    return scanner_fail (scanner, NB_FILE_ERROR_NOT_JSON,
                         _("text must be in double quotes (\"), not single ones"));
  character = g_strndup (p, g_utf8_next_char (p) - p);
  return scanner_fail (scanner, NB_FILE_ERROR_NOT_JSON, _("unexpected “%s”"), character);
}

static gboolean
scanner_expect (Scanner *scanner,
                char     c)
{
  scanner_skip_space (scanner);
  if (scanner_at_end (scanner) || scanner->data[scanner->pos] != c)
    return scanner_unexpected (scanner);
  scanner->pos++;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits after "\u", or -1. */
static int
scanner_read_hex4 (Scanner *scanner,
                   gsize    at)
{
  int value = 0;

  if (at + 4 > scanner->length)
    return -2;
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (scanner->data[at + i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* A string, decoded into scanner->text. */
static gboolean
scanner_string (Scanner *scanner)
{
  gsize run;

  g_string_truncate (scanner->text, 0);
  scanner->pos++; /* the opening quote */
  run = scanner->pos;
  while (!scanner_at_end (scanner))
    {
      guchar c = (guchar)scanner->data[scanner->pos];

      if (c == '"')
        {
          g_string_append_len (scanner->text, scanner->data + run, (gssize)(scanner->pos - run));
          scanner->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return scanner_fail (scanner, NB_FILE_ERROR_NOT_JSON,
                             _("a control character in text must be written as an escape"));
      if (c != '\\')
        {
          scanner->pos++;
          continue;
        }
      g_string_append_len (scanner->text, scanner->data + run, (gssize)(scanner->pos - run));
      if (scanner->pos + 1 >= scanner->length)
        break;
      switch (scanner->data[scanner->pos + 1])
        {
        case '"': case '\\': case '/':
          g_string_append_c (scanner->text, scanner->data[scanner->pos + 1]);
          scanner->pos += 2;
          break;
        case 'b':
          g_string_append_c (scanner->text, '\b');
          scanner->pos += 2;
          break;
        case 'f':
          g_string_append_c (scanner->text, '\f');
          scanner->pos += 2;
          break;
        case 'n':
          g_string_append_c (scanner->text, '\n');
          scanner->pos += 2;
          break;
        case 'r':
          g_string_append_c (scanner->text, '\r');
          scanner->pos += 2;
          break;
        case 't':
          g_string_append_c (scanner->text, '\t');
          scanner->pos += 2;
          break;
        case 'u':
          {
            int unit = scanner_read_hex4 (scanner, scanner->pos + 2);

            if (unit == -2)
              return scanner_fail (scanner, NB_FILE_ERROR_TRUNCATED, "end");
            if (unit < 0)
              return scanner_fail (scanner, NB_FILE_ERROR_NOT_JSON,
                                   _("“\\u” must be followed by four hexadecimal digits"));
            if (unit == 0)
              return scanner_fail (scanner, NB_FILE_ERROR_ENCODING,
                                   _("“\\u0000” (a NUL character) cannot be part of a report"));
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return scanner_fail (scanner, NB_FILE_ERROR_ENCODING,
                                   _("“\\u%04X” is half of a UTF-16 surrogate pair, not a "
                                     "character"), (guint)unit);
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                int low = -1;

                if (scanner->pos + 7 < scanner->length && scanner->data[scanner->pos + 6] == '\\'
                    && scanner->data[scanner->pos + 7] == 'u')
                  low = scanner_read_hex4 (scanner, scanner->pos + 8);
                if (low < 0xDC00 || low > 0xDFFF)
                  return scanner_fail (scanner, NB_FILE_ERROR_ENCODING,
                                       _("“\\u%04X” is half of a UTF-16 surrogate pair, not a "
                                         "character"), (guint)unit);
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                scanner->pos += 6;
              }
            g_string_append_unichar (scanner->text, (gunichar)unit);
            scanner->pos += 6;
            break;
          }
        default:
          scanner->pos++;
          return scanner_fail (scanner, NB_FILE_ERROR_NOT_JSON, _("unknown escape in text"));
        }
      run = scanner->pos;
    }
  return scanner_fail (scanner, NB_FILE_ERROR_TRUNCATED, "end");
}

/* The JSON number grammar, and the 64-bit range for integers checked on the
 * digits as written.  An integer is a gint64 value, any other number a
 * double one, as json-glib makes them. */
static gboolean
scanner_number (Scanner *scanner,
                Value   *value)
{
  gsize start = scanner->pos;
  gboolean negative = FALSE, integer = TRUE;
  guint64 magnitude = 0;
  gboolean overflow = FALSE;
  const char *d = scanner->data;

  if (d[scanner->pos] == '-')
    {
      negative = TRUE;
      scanner->pos++;
    }
  if (scanner_at_end (scanner))
    return scanner_fail (scanner, NB_FILE_ERROR_TRUNCATED, "end");
  if (!g_ascii_isdigit (d[scanner->pos]))
    return scanner_unexpected (scanner);
  if (d[scanner->pos] == '0' && scanner->pos + 1 < scanner->length)
    {
      char next = d[scanner->pos + 1];

      if (next == 'x' || next == 'X')
        return scanner_fail (scanner, NB_FILE_ERROR_NOT_JSON,
                             _("hexadecimal numbers are not part of JSON"));
      if (g_ascii_isdigit (next))
        return scanner_fail (scanner, NB_FILE_ERROR_NOT_JSON,
                             _("a number cannot start with 0 (as in 007)"));
    }
  while (!scanner_at_end (scanner) && g_ascii_isdigit (d[scanner->pos]))
    {
      guint digit = (guint)(d[scanner->pos] - '0');

      if (magnitude > (G_MAXUINT64 - digit) / 10)
        overflow = TRUE;
      else
        magnitude = magnitude * 10 + digit;
      scanner->pos++;
    }
  if (!scanner_at_end (scanner) && d[scanner->pos] == '.')
    {
      integer = FALSE;
      scanner->pos++;
      if (scanner_at_end (scanner) || !g_ascii_isdigit (d[scanner->pos]))
        return scanner_unexpected (scanner);
      while (!scanner_at_end (scanner) && g_ascii_isdigit (d[scanner->pos]))
        scanner->pos++;
    }
  if (!scanner_at_end (scanner) && (d[scanner->pos] == 'e' || d[scanner->pos] == 'E'))
    {
      integer = FALSE;
      scanner->pos++;
      if (!scanner_at_end (scanner) && (d[scanner->pos] == '+' || d[scanner->pos] == '-'))
        scanner->pos++;
      if (scanner_at_end (scanner) || !g_ascii_isdigit (d[scanner->pos]))
        return scanner_unexpected (scanner);
      while (!scanner_at_end (scanner) && g_ascii_isdigit (d[scanner->pos]))
        scanner->pos++;
    }
  if (integer && (overflow || magnitude > (guint64)G_MAXINT64 + (negative ? 1 : 0)))
    {
      gsize end = scanner->pos;

      scanner->pos = start;
      return scanner_fail (scanner, NB_FILE_ERROR_OUT_OF_RANGE,
                           _("%.*s is beyond the range of whole numbers (at most %s)"),
                           (int)MIN (end - start, 64), d + start, "9223372036854775807");
    }
  if (integer)
    {
      value->type = VALUE_INT;
      value->integer = !negative                          ? (gint64)magnitude
                       : magnitude > (guint64)G_MAXINT64 ? G_MININT64
                                                          : -(gint64)magnitude;
      return TRUE;
    }
  {
    g_autofree char *number = g_strndup (d + start, scanner->pos - start);

    value->type = VALUE_DOUBLE;
    value->number = g_ascii_strtod (number, NULL);
    return TRUE;
  }
}

static gboolean
scanner_literal (Scanner    *scanner,
                 const char *word)
{
  gsize n = strlen (word);

  if (scanner->length - scanner->pos < n)
    {
      if (strncmp (scanner->data + scanner->pos, word, scanner->length - scanner->pos) == 0)
        return scanner_fail (scanner, NB_FILE_ERROR_TRUNCATED, "end");
      return scanner_unexpected (scanner);
    }
  if (strncmp (scanner->data + scanner->pos, word, n) != 0)
    return scanner_unexpected (scanner);
  scanner->pos += n;
  return TRUE;
}

static gboolean scanner_value (Scanner *scanner,
                               Value   *value);

static char *
scanner_dup_text (Scanner *scanner)
{
  char *copy = arena_alloc (scanner->arena, scanner->text->len + 1);

  memcpy (copy, scanner->text->str, scanner->text->len + 1);
  return copy;
}

/* A repeated name keeps its first place and takes the last value, as
 * json-glib's objects do.  Few members are compared pairwise. */
static guint
object_merge_repeated (Scanner *scanner,
                       Member  *members,
                       guint    n)
{
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    {
      gpointer found = NULL;
      guint first = i;

      if (n <= 8)
        {
          for (guint j = 0; j < kept; j++)
            if (strcmp (members[j].name, members[i].name) == 0)
              {
                first = j;
                break;
              }
        }
      else if (g_hash_table_lookup_extended (scanner->names, members[i].name, NULL, &found))
        first = GPOINTER_TO_UINT (found);
      else
        g_hash_table_insert (scanner->names, (gpointer)members[i].name, GUINT_TO_POINTER (kept));
      if (first != i)
        members[first].value = members[i].value;
      else
        members[kept++] = members[i];
    }
  if (n > 8)
    g_hash_table_remove_all (scanner->names);
  return kept;
}

static gboolean
scanner_container (Scanner *scanner,
                   char     close,
                   Value   *value)
{
  guint mark = scanner->pending->len;
  guint n;

  if (++scanner->depth > NB_FILE_MAX_DEPTH)
    return scanner_fail (scanner, NB_FILE_ERROR_TOO_DEEP,
                         _("The file nests deeper than %d levels; it is not a report"),
                         NB_FILE_MAX_DEPTH);
  value->start = scanner->pos;
  scanner->pos++;
  scanner_skip_space (scanner);
  if (!scanner_at_end (scanner) && scanner->data[scanner->pos] == close)
    scanner->pos++;
  else
    for (;;)
      {
        Member member = { NULL, };

        if (close == '}')
          {
            scanner_skip_space (scanner);
            if (scanner_at_end (scanner) || scanner->data[scanner->pos] != '"')
              return scanner_unexpected (scanner);
            if (!scanner_string (scanner))
              return FALSE;
            member.name = scanner_dup_text (scanner);
            if (!scanner_expect (scanner, ':'))
              return FALSE;
          }
        if (!scanner_value (scanner, &member.value))
          return FALSE;
        /* The value's own members are done and off the stack. */
        g_array_append_val (scanner->pending, member);
        scanner_skip_space (scanner);
        if (scanner_at_end (scanner))
          return scanner_fail (scanner, NB_FILE_ERROR_TRUNCATED, "end");
        if (scanner->data[scanner->pos] == close)
          {
            scanner->pos++;
            break;
          }
        if (scanner->data[scanner->pos] != ',')
          return scanner_unexpected (scanner);
        scanner->pos++;
      }
  scanner->depth--;
  value->end = scanner->pos;
  n = scanner->pending->len - mark;
  if (close == '}')
    {
      Member *members = &g_array_index (scanner->pending, Member, mark);

      n = object_merge_repeated (scanner, members, n);
      value->type = VALUE_OBJECT;
      value->members = arena_alloc (scanner->arena, n * sizeof (Member));
      memcpy (value->members, members, n * sizeof (Member));
    }
  else
    {
      value->type = VALUE_ARRAY;
      value->elements = arena_alloc (scanner->arena, n * sizeof (Value));
      for (guint i = 0; i < n; i++)
        value->elements[i] = g_array_index (scanner->pending, Member, mark + i).value;
    }
  value->n = n;
  g_array_set_size (scanner->pending, mark);
  return TRUE;
}

static gboolean
scanner_value (Scanner *scanner,
               Value   *value)
{
  memset (value, 0, sizeof (*value));
  scanner_skip_space (scanner);
  if (scanner_at_end (scanner))
    return scanner_fail (scanner, NB_FILE_ERROR_TRUNCATED, "end");
  switch (scanner->data[scanner->pos])
    {
    case '{':
      return scanner_container (scanner, '}', value);
    case '[':
      return scanner_container (scanner, ']', value);
    case '"':
      if (!scanner_string (scanner))
        return FALSE;
      value->type = VALUE_STRING;
      value->string = scanner_dup_text (scanner);
      return TRUE;
    case 't':
      value->type = VALUE_BOOLEAN;
      value->boolean = TRUE;
      return scanner_literal (scanner, "true");
    case 'f':
      value->type = VALUE_BOOLEAN;
      return scanner_literal (scanner, "false");
    case 'n':
      value->type = VALUE_NULL;
      return scanner_literal (scanner, "null");
    default:
      if (scanner->data[scanner->pos] == '-' || g_ascii_isdigit (scanner->data[scanner->pos]))
        return scanner_number (scanner, value);
      return scanner_unexpected (scanner);
    }
}

/* Exactly one JSON value, and nothing after it but white space; its
 * values live in @arena. */
static Value *
parse_strict (const char  *data,
              gsize        length,
              Arena       *arena,
              GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Member));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  Scanner scanner = { data, length, 0, 0, NULL, text, arena, pending, names };
  Value *root = arena_alloc (arena, sizeof (Value));

  if (scanner_value (&scanner, root))
    {
      scanner_skip_space (&scanner);
      if (!scanner_at_end (&scanner))
        scanner_fail (&scanner, NB_FILE_ERROR_NOT_JSON,
                      _("more follows the end of the report (two reports in one file?)"));
    }
  if (scanner.error != NULL)
    {
      g_propagate_error (error, scanner.error);
      return NULL;
    }
  return root;
}

typedef struct
{
  NbReport   *report;
  GError     *error;
  GPtrArray  *warnings; /* char *, or NULL when nobody asked */
  const char *data;     /* the file */
} Reader;

G_GNUC_PRINTF (4, 5) static gboolean
reader_fail (Reader      *reader,
             NbFileError  code,
             const char  *where,
             const char  *format,
             ...)
{
  va_list args;

  if (reader->error == NULL)
    {
      g_autofree char *message = NULL;

      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      if (where != NULL)
        reader->error = g_error_new (NB_FILE_ERROR, (int)code, "%s: %s", where, message);
      else
        reader->error = g_error_new_literal (NB_FILE_ERROR, (int)code, message);
    }
  return FALSE;
}

static const char *
node_type_name (Value *node)
{
  if (node->type == VALUE_OBJECT)
    return _("an object");
  if (node->type == VALUE_ARRAY)
    return _("a list");
  if (node->type == VALUE_NULL)
    return _("null");
  switch (node->type)
    {
    case VALUE_STRING:
      return _("text");
    case VALUE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

/* A member by name, or NULL.  The objects the reader looks names up in are
 * small; larger ones (a table's cells) are walked in order. */
static Value *
value_member (Value      *object,
              const char *name)
{
  for (guint i = 0; i < object->n; i++)
    if (strcmp (object->members[i].name, name) == 0)
      return &object->members[i].value;
  return NULL;
}

/* Every text of the file passes here, and only here: the decoded text is
 * validated again (the strict pass already refuses lone surrogates; this
 * stays the one place that vouches for a text), and characters no export
 * can write (see nb_text_clean) are replaced, with a warning naming the
 * place.  Returns a new string, or NULL after reader_fail. */
static char *
reader_string (Reader     *reader,
               Value      *node,
               const char *where,
               gsize       max_bytes)
{
  const char *text = node->type == VALUE_STRING ? node->string : NULL;
  gunichar first_bad = 0;
  guint n_replaced = 0;
  char *clean;

  /* Checked first: a hostile 15 MB agency name took half a minute to reach
   * the first window. */
  if (text != NULL && strlen (text) > max_bytes)
    {
      reader_fail (reader, NB_FILE_ERROR_TOO_LARGE, where,
                   _("the text is %llu bytes long; at most %llu are allowed"),
                   (unsigned long long)strlen (text), (unsigned long long)max_bytes);
      return NULL;
    }
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      reader_fail (reader, NB_FILE_ERROR_ENCODING, where, _("the text is not valid UTF-8"));
      return NULL;
    }
  clean = nb_text_clean (text, -1, &n_replaced, &first_bad);
  if (n_replaced > 0 && reader->warnings != NULL)
    g_ptr_array_add (reader->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u character that is not text (U+%04X) "
                                                   "was replaced by “\uFFFD”",
                                                   "%s: %u characters that are not text (the "
                                                   "first U+%04X) were replaced by “\uFFFD”",
                                                   n_replaced),
                                      where, n_replaced, first_bad));
  return clean;
}

/* @node as an object; NULL for null, and after reader_fail for anything
 * else. */
static Value *
object_or_null (Reader     *reader,
                Value      *node,
                const char *where)
{
  if (node == NULL || node->type == VALUE_NULL)
    return NULL;
  if (node->type != VALUE_OBJECT)
    {
      reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected an object, found %s"),
                   node_type_name (node));
      return NULL;
    }
  return node;
}

static Value *
member_object (Reader     *reader,
               Value      *object,
               const char *member,
               const char *where)
{
  return object_or_null (reader, value_member (object, member), where);
}

static gboolean
read_metadata (Reader     *reader,
               Value      *meta)
{
  Value *node;

  for (guint i = 0; i < G_N_ELEMENTS (meta_strings); i++)
    {
      g_autofree char *where = g_strconcat ("metadata.", meta_strings[i], NULL);

      node = value_member (meta, meta_strings[i]);
      if (node == NULL || node->type == VALUE_NULL)
        continue;
      g_autofree char *text = NULL;

      if (node->type != VALUE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected text, found %s"),
                            node_type_name (node));
      if ((text = reader_string (reader, node, where, NB_FILE_MAX_FIELD_BYTES)) == NULL)
        return FALSE;
      g_object_set (reader->report, meta_strings[i], text, NULL);
    }

  node = value_member (meta, "year");
  if (node != NULL && node->type != VALUE_NULL)
    {
      gint64 year;

      if (node->type != VALUE_INT)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.year",
                            _("expected a whole number, found %s"), node_type_name (node));
      year = node->integer;
      if (year < 0 || year > 9999)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, "metadata.year",
                            _("%lld is not a year"), (long long)year);
      nb_report_set_year (reader->report, (int)year);
    }

  node = value_member (meta, "fee_decimals");
  if (node != NULL && node->type != VALUE_NULL)
    {
      gint64 decimals;

      if (node->type != VALUE_INT)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.fee_decimals",
                            _("expected a whole number, found %s"), node_type_name (node));
      decimals = node->integer;
      if (decimals < 0 || decimals > NB_MONEY_MAX_DECIMALS)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, "metadata.fee_decimals",
                            _("must be between 0 and %d"), NB_MONEY_MAX_DECIMALS);
      nb_report_set_fee_decimals (reader->report, (guint)decimals);
    }

  /* Optional: who publishes the report, which sets its deadline. */
  node = value_member (meta, "level");
  if (node != NULL && node->type != VALUE_NULL)
    {
      NbAgencyLevel level;

      if (node->type != VALUE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.level",
                            _("expected text, found %s"), node_type_name (node));
      if (!nb_agency_level_from_string (node->string, &level))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.level",
                            _("“%s” is not an agency level (department or government)"),
                            node->string);
      nb_report_set_level (reader->report, level);
    }

  /* Optional: the day the report was published, YYYY-MM-DD. */
  node = value_member (meta, "published");
  if (node != NULL && node->type != VALUE_NULL)
    {
      const char *date;
      guint y, m, d;
      char end;

      if (node->type != VALUE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.published",
                            _("expected text, found %s"), node_type_name (node));
      date = node->string;
      if (sscanf (date, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 || strlen (date) != 10
          || !g_date_valid_dmy (d, m, y))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.published",
                            _("“%s” is not a date (YYYY-MM-DD)"), date);
      nb_report_set_published (reader->report, date);
    }

  /* Optional: the digest that names the published version's frozen copy. */
  node = value_member (meta, "published_sha256");
  if (node != NULL && node->type != VALUE_NULL)
    {
      const char *digest;

      if (node->type != VALUE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.published_sha256",
                            _("expected text, found %s"), node_type_name (node));
      digest = node->string;
      if (!nb_file_is_sha256 (digest))
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.published_sha256",
                            _("“%s” is not a SHA-256 digest (64 hexadecimal digits)"), digest);
      nb_report_set_published_sha256 (reader->report, digest);
    }

  /* Optional: the source reports of a summary (汇总). */
  node = value_member (meta, "sources");
  if (node != NULL && node->type != VALUE_NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) sources = NULL;

      if (node->type != VALUE_ARRAY)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, "metadata.sources",
                            _("expected a list, found %s"), node_type_name (node));
      for (guint i = 0; i < node->n; i++)
        {
          Value *item = &node->elements[i];
          g_autofree char *where = g_strdup_printf ("metadata.sources[%u]", i);
          g_autofree char *text = NULL;

          if (item->type != VALUE_STRING)
            return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                                _("expected text, found %s"), node_type_name (item));
          if ((text = reader_string (reader, item, where, NB_FILE_MAX_FIELD_BYTES)) == NULL)
            return FALSE;
          g_strv_builder_add (builder, text);
        }
      sources = g_strv_builder_end (builder);
      nb_report_set_sources (reader->report, (const char * const *)sources);
    }
  return TRUE;
}

static gboolean
read_paragraph (Reader      *reader,
                Value       *node,
                const char  *where,
                GPtrArray   *paragraphs)
{
  Value *level_node, *runs_node;
  g_autoptr(NbParagraph) paragraph = NULL;
  gint64 level = 0;
  gsize paragraph_bytes = 0; /* of the runs so far, against the limit */

  if (node->type != VALUE_OBJECT)
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected an object, found %s"),
                        node_type_name (node));
  level_node = value_member (node, "level");
  if (level_node != NULL)
    {
      if (level_node->type != VALUE_INT)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("“level” must be a whole number"));
      level = level_node->integer;
      if (level < NB_PARAGRAPH_BODY || level > NB_PARAGRAPH_LEVEL_LAST)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("“level” must be between 0 and %d"), NB_PARAGRAPH_LEVEL_LAST);
    }
  paragraph = nb_paragraph_new ((NbParagraphLevel)level);

  runs_node = value_member (node, "runs");
  if (runs_node == NULL || runs_node->type != VALUE_ARRAY)
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("“runs” must be a list"));
  for (guint i = 0; i < runs_node->n; i++)
    {
      Value *run_node = &runs_node->elements[i];
      g_autofree char *run_text = NULL;
      Value *text, *bold;

      if (run_node->type != VALUE_OBJECT)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("a run must be an object"));
      text = value_member (run_node, "text");
      bold = value_member (run_node, "bold");
      if (text == NULL || text->type != VALUE_STRING)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("a run needs “text”"));
      if (bold != NULL && bold->type != VALUE_BOOLEAN)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("“bold” must be true or false"));
      if ((run_text = reader_string (reader, text, where, NB_FILE_MAX_PARAGRAPH_BYTES)) == NULL)
        return FALSE;
      paragraph_bytes += strlen (text->string);
      if (paragraph_bytes > NB_FILE_MAX_PARAGRAPH_BYTES)
        return reader_fail (reader, NB_FILE_ERROR_TOO_LARGE, where,
                            _("the paragraph is longer than %d bytes"),
                            NB_FILE_MAX_PARAGRAPH_BYTES);
      nb_paragraph_add_run (paragraph, run_text, bold ? bold->boolean : FALSE);
    }
  g_ptr_array_add (paragraphs, g_steal_pointer (&paragraph));
  return TRUE;
}

static gboolean
read_sections (Reader     *reader,
               Value      *sections)
{
  NbEdition *edition = nb_report_get_edition (reader->report);

  for (guint m = 0; m < sections->n; m++)
    {
      const char *id = sections->members[m].name;
      const NbEditionSection *section = nb_edition_find_section (edition, id);
      g_autofree char *where = g_strconcat ("sections.", id, NULL);
      g_autoptr(GPtrArray) paragraphs = nb_paragraphs_new ();
      Value *node = &sections->members[m].value;

      if (section == NULL || section->table_id != NULL)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("edition %s has no narrative section “%s”"),
                            nb_edition_get_id (edition), id);
      if (node->type != VALUE_ARRAY)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where, _("expected a list, found %s"),
                            node_type_name (node));
      for (guint i = 0; i < node->n; i++)
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", where, i);

          if (!read_paragraph (reader, &node->elements[i], item, paragraphs))
            return FALSE;
        }
      nb_report_set_paragraphs (reader->report, id, paragraphs);
    }
  return TRUE;
}

static gboolean
read_value (Reader               *reader,
            const NbEditionTable *table,
            guint                 cell,
            Value                *node,
            const char           *where)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);
  g_autoptr(GError) error = NULL;
  gboolean is_empty = FALSE;
  gint64 value = 0;

  if (node->type == VALUE_NULL)
    return TRUE;

  if (node->type == VALUE_INT && c->kind != NB_VALUE_MONEY)
    {
      value = node->integer;
      if (value < 0 && c->kind == NB_VALUE_COUNT)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("%lld is negative; a count cannot be"), (long long)value);
    }
  else if (node->type == VALUE_STRING)
    {
      g_autofree char *text = reader_string (reader, node, where, NB_FILE_MAX_CELL_BYTES);

      if (text == NULL)
        return FALSE;
      /* The storage precision, not the report's: a file keeps what was typed. */
      if (!nb_number_parse (text, c->kind,
                            c->kind == NB_VALUE_MONEY ? c->max_decimals : 0, &is_empty, &value,
                            &error))
        return reader_fail (reader,
                            g_error_matches (error, NB_NUMBER_ERROR, NB_NUMBER_ERROR_INVALID)
                              ? NB_FILE_ERROR_INVALID
                              : NB_FILE_ERROR_OUT_OF_RANGE,
                            where, "%s", error->message);
      if (is_empty)
        return TRUE;
    }
  else if (node->type == VALUE_INT)
    {
      /* A whole amount written as a JSON integer. */
      if (node->integer < 0)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where,
                            _("an amount cannot be negative"));
      if (node->integer > G_MAXINT64 / NB_MONEY_SCALE)
        return reader_fail (reader, NB_FILE_ERROR_OUT_OF_RANGE, where, _("the amount is too large"));
      value = node->integer * NB_MONEY_SCALE;
    }
  else if (node->type == VALUE_DOUBLE)
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                        c->kind == NB_VALUE_MONEY
                          ? _("amounts are written as text (\"27.25\") so they stay exact")
                          : _("expected a whole number"));
  else
    return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                        _("expected a number, found %s"), node_type_name (node));

  nb_report_set_stated (reader->report, table, cell, NB_CELL_VALUE, value, NULL);
  return TRUE;
}

static gboolean
read_tables (Reader     *reader,
             Value      *tables,
             gboolean    invalid_texts)
{
  NbEdition *edition = nb_report_get_edition (reader->report);
  const char *root = invalid_texts ? "invalid" : "tables";

  for (guint m = 0; m < tables->n; m++)
    {
      const char *table_id = tables->members[m].name;
      const NbEditionTable *table = nb_edition_find_table (edition, table_id);
      g_autofree char *where = g_strconcat (root, ".", table_id, NULL);
      Value *values;

      if (table == NULL)
        return reader_fail (reader, NB_FILE_ERROR_INVALID, where,
                            _("edition %s has no table “%s”"), nb_edition_get_id (edition),
                            table_id);
      values = object_or_null (reader, &tables->members[m].value, where);
      if (values == NULL)
        {
          if (reader->error != NULL)
            return FALSE;
          continue;
        }
      for (guint k = 0; k < values->n; k++)
        {
          const char *key = values->members[k].name;
          int cell = nb_edition_table_find_cell_by_key (table, key);
          g_autofree char *cell_where = g_strconcat (where, ".", key, NULL);
          Value *node = &values->members[k].value;

          if (cell < 0)
            return reader_fail (reader, NB_FILE_ERROR_INVALID, cell_where,
                                _("table %s of edition %s has no cell “%s”"), table_id,
                                nb_edition_get_id (edition), key);
          if (!invalid_texts)
            {
              if (!read_value (reader, table, (guint)cell, node, cell_where))
                return FALSE;
            }
          else if (node->type != VALUE_STRING)
            return reader_fail (reader, NB_FILE_ERROR_INVALID, cell_where,
                                _("expected text, found %s"), node_type_name (node));
          else
            {
              g_autofree char *text = reader_string (reader, node, cell_where,
                                                     NB_FILE_MAX_CELL_BYTES);

              if (text == NULL)
                return FALSE;
              nb_report_set_stated (reader->report, table, (guint)cell, NB_CELL_INVALID, 0, text);
            }
        }
    }
  return TRUE;
}

/* "reference": last year's report (see nb_report_get_reference), stored
 * as a complete report of its own, one level deep: its bytes in the file
 * are read as a file of their own. */
static gboolean
read_reference (Reader *reader,
                Value  *object)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL; /* set by the load */
  g_autoptr(NbReport) reference = nb_file_load_data_full (reader->data + object->start,
                                                          object->end - object->start,
                                                          &warnings, &error);

  if (reference == NULL)
    return reader_fail (reader, NB_FILE_ERROR_INVALID, "reference", "%s", error->message);
  for (guint i = 0; reader->warnings != NULL && i < warnings->len; i++)
    g_ptr_array_add (reader->warnings,
                     g_strconcat ("reference.", (char *)g_ptr_array_index (warnings, i), NULL));
  nb_report_set_reference (reference, NULL);
  nb_report_set_reference (reader->report, reference);
  return TRUE;
}

NbReport *
nb_file_load_data (const char  *data,
                   gsize        length,
                   GError     **error)
{
  return nb_file_load_data_full (data, length, NULL, error);
}

/* @warnings: what was changed to load the file (characters that are not
 * text), one message each; the caller shows them. */
NbReport *
nb_file_load_data_full (const char  *data,
                        gsize        length,
                        GPtrArray  **warnings,
                        GError     **error)
{
  g_auto(Arena) arena = { NULL, };
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(NbEdition) edition = NULL;
  g_autoptr(NbReport) report = NULL;
  const char *end = NULL;
  Value *root, *object, *node;
  Reader reader = { NULL, NULL, NULL, data };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > NB_FILE_MAX_SIZE)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
                   _("The file is too large to be a report (%llu bytes; at most %d)"),
                   (unsigned long long)length, NB_FILE_MAX_SIZE);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_TRUNCATED,
                           _("The file is empty"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_ENCODING,
                   _("The file is not UTF-8 text (invalid byte at offset %llu)"),
                   (unsigned long long)(end - data));
      return NULL;
    }
  if ((root = parse_strict (data, length, &arena, error)) == NULL)
    return NULL;
  if (root->type != VALUE_OBJECT)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_NOT_A_REPORT,
                           _("The file is JSON, but not a Nianbao report"));
      return NULL;
    }
  node = value_member (root, "format");
  if (node == NULL || node->type != VALUE_STRING
      || strcmp (node->string, NB_FILE_FORMAT_NAME) != 0)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_NOT_A_REPORT,
                           _("The file is JSON, but not a Nianbao report (no \"format\": \"nianbao\")"));
      return NULL;
    }

  node = value_member (root, "version");
  if (node == NULL || node->type != VALUE_INT || node->integer < 1)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID,
                           _("version: expected a whole number of at least 1"));
      return NULL;
    }
  if (node->integer > NB_FILE_FORMAT_VERSION)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_NEW,
                   _("The file was written by a newer Nianbao (file version %lld); this version reads "
                     "files up to version %d. Please update Nianbao."),
                   (long long)node->integer, NB_FILE_FORMAT_VERSION);
      return NULL;
    }

  node = value_member (root, "edition");
  if (node == NULL || node->type != VALUE_STRING)
    {
      g_set_error_literal (error, NB_FILE_ERROR, NB_FILE_ERROR_INVALID,
                           _("edition: expected the format edition as text, such as \"2021\""));
      return NULL;
    }
  edition = nb_edition_lookup (node->string, &parse_error);
  if (edition == NULL)
    {
      g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_UNKNOWN_EDITION, "%s", parse_error->message);
      return NULL;
    }

  report = nb_report_new (edition);
  nb_report_set_history_enabled (report, FALSE);
  nb_report_set_quiet (report, TRUE);
  reader.report = report;
  if (warnings != NULL)
    reader.warnings = g_ptr_array_new_with_free_func (g_free);

  object = member_object (&reader, root, "metadata", "metadata");
  if (object != NULL)
    read_metadata (&reader, object);
  if (reader.error == NULL && (object = member_object (&reader, root, "sections", "sections")))
    read_sections (&reader, object);
  if (reader.error == NULL && (object = member_object (&reader, root, "tables", "tables")))
    read_tables (&reader, object, FALSE);
  if (reader.error == NULL && (object = member_object (&reader, root, "invalid", "invalid")))
    read_tables (&reader, object, TRUE);
  if (reader.error == NULL && (object = member_object (&reader, root, "reference", "reference")))
    read_reference (&reader, object);

  if (reader.error != NULL)
    {
      g_clear_pointer (&reader.warnings, g_ptr_array_unref);
      g_propagate_error (error, reader.error);
      return NULL;
    }
  if (warnings != NULL)
    *warnings = reader.warnings;

  nb_report_set_history_enabled (report, TRUE);
  nb_report_forget_history (report);
  nb_report_set_quiet (report, FALSE);
  return g_steal_pointer (&report);
}

/* Opens @path for reading, only if it is a regular file: a named pipe
 * would block a reader for ever (until something writes to it), a device
 * may never end.  O_NONBLOCK makes the open itself return at once for a
 * pipe; fstat() on the open descriptor then decides, so nothing can swap
 * the file between the check and the read.  Returns the descriptor, or -1. */
int
nb_file_open_regular (const char  *path,
                      goffset     *size,
                      GError     **error)
{
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, -1);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                   g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                   g_strerror (saved));
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      if (S_ISDIR (st.st_mode))
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                             _("This is a folder, not a file"));
      else
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                             S_ISFIFO (st.st_mode)
                               ? _("This is a named pipe (FIFO), not a file; only files are read")
                               : _("This is a device or socket, not a file; only files are read"));
      return -1;
    }
  if (size != NULL)
    *size = st.st_size;
  return fd;
}

/* The whole of a regular file of at most @max_size bytes.  A larger one
 * fails with G_IO_ERROR_MESSAGE_TOO_LARGE and its size in @size, so each
 * reader can name its own limit.
 *
 * Read, not mapped: unmapping flushes the TLB of every core running a
 * thread of the process, which made the workers of a folder check
 * interrupt each other once per file; and a mapped file that shrinks
 * under the reader kills it with SIGBUS.  A file that changes while it is
 * read is read up to where it ends then, within the limit. */
GBytes *
nb_file_read_regular (const char  *path,
                      goffset      max_size,
                      goffset     *size,
                      GError     **error)
{
  g_autofree char *data = NULL;
  goffset file_size = 0;
  gsize capacity, length = 0;
  int fd;

  fd = nb_file_open_regular (path, &file_size, error);
  if (fd < 0)
    return NULL;
  if (size != NULL)
    *size = file_size;
  if (file_size > max_size)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("The file is too large (%llu bytes; at most %llu)"),
                   (unsigned long long)file_size, (unsigned long long)max_size);
      return NULL;
    }
  /* One byte more than the size: the read that finds the end needs room. */
  capacity = (gsize)file_size + 1;
  data = g_malloc (capacity);
  for (;;)
    {
      gssize n;

      if (length == capacity)
        {
          /* It grew since fstat(). */
          if (length > (gsize)max_size)
            {
              close (fd);
              if (size != NULL)
                *size = (goffset)length;
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           _("The file is too large (%llu bytes; at most %llu)"),
                           (unsigned long long)length, (unsigned long long)max_size);
              return NULL;
            }
          capacity = MIN (capacity * 2, (gsize)max_size + 1);
          data = g_realloc (data, capacity);
        }
      n = read (fd, data + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                       g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize)n;
    }
  close (fd);
  if (length == 0)
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

NbReport *
nb_file_load_full (const char  *path,
                   GPtrArray  **warnings,
                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  goffset size = 0;
  gsize length;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);

  /* Huge files, folders and pipes are refused before anything is read. */
  bytes = nb_file_read_regular (path, NB_FILE_MAX_SIZE, &size, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
                     _("The file is too large to be a report (%llu bytes; at most %d)"),
                     (unsigned long long)size, NB_FILE_MAX_SIZE);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);
  return nb_file_load_data_full (data ? data : "", length, warnings, error);
}

NbReport *
nb_file_load (const char  *path,
              GError     **error)
{
  return nb_file_load_full (path, NULL, error);
}

static void
add_value (JsonBuilder          *builder,
           NbReport             *report,
           const NbEditionTable *table,
           guint                 cell)
{
  const NbEditionCell *c = nb_edition_table_get_cell (table, cell);
  gint64 value = 0;

  json_builder_set_member_name (builder, c->key);
  nb_report_get_cell (report, table, cell, &value, NULL);
  if (c->kind == NB_VALUE_MONEY)
    {
      /* Money as text, so it stays exact in every JSON reader. */
      g_autofree char *text = nb_number_format (value, NB_VALUE_MONEY, -1);

      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_int_value (builder, value);
}

static JsonNode *
reference_node (NbReport *reference)
{
  g_autoptr(GBytes) bytes = nb_file_serialize (reference);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!json_parser_load_from_data (parser, data, (gssize)length, NULL))
    g_assert_not_reached ();
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
is_raw_control (char c)
{
  return (guchar)c < 0x20 && c != '\n';
}

/* json-glib 1.6 writes U+001F in a string as the raw byte (its escaping
 * stops below it), which JSON forbids and our reader refuses: every control
 * byte but the layout's newlines is inside a string, so it is escaped here.
 * Takes @data; adds the final newline text files have. */
static GBytes *
escape_control_characters (char  *data,
                           gsize  length)
{
  GString *out;
  gsize i = 0;

  while (i < length && !is_raw_control (data[i]))
    i++;
  if (i == length)
    {
      data = g_realloc (data, length + 2);
      data[length++] = '\n';
      data[length] = '\0';
      return g_bytes_new_take (data, length);
    }

  out = g_string_sized_new (length + 64);
  for (i = 0; i < length; i++)
    {
      if (is_raw_control (data[i]))
        g_string_append_printf (out, "\\u%04x", (guint)(guchar)data[i]);
      else
        g_string_append_c (out, data[i]);
    }
  g_string_append_c (out, '\n');
  g_free (data);
  return g_string_free_to_bytes (out);
}

GBytes *
nb_file_serialize (NbReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  NbEdition *edition;
  gsize length = 0;
  char *data;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  edition = nb_report_get_edition (report);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, NB_FILE_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, NB_FILE_FORMAT_VERSION);
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, "Nianbao " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "edition");
  json_builder_add_string_value (builder, nb_edition_get_id (edition));

  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "agency");
  json_builder_add_string_value (builder, nb_report_get_agency (report) ?: "");
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, nb_report_get_year (report));
  json_builder_set_member_name (builder, "address");
  json_builder_add_string_value (builder, nb_report_get_address (report) ?: "");
  json_builder_set_member_name (builder, "postcode");
  json_builder_add_string_value (builder, nb_report_get_postcode (report) ?: "");
  json_builder_set_member_name (builder, "phone");
  json_builder_add_string_value (builder, nb_report_get_phone (report) ?: "");
  json_builder_set_member_name (builder, "fee_decimals");
  json_builder_add_int_value (builder, nb_report_get_fee_decimals (report));
  if (nb_report_get_level (report) != NB_AGENCY_LEVEL_UNKNOWN)
    {
      json_builder_set_member_name (builder, "level");
      json_builder_add_string_value (builder, nb_agency_level_to_string (nb_report_get_level (report)));
    }
  if (nb_report_get_published (report) != NULL)
    {
      json_builder_set_member_name (builder, "published");
      json_builder_add_string_value (builder, nb_report_get_published (report));
    }
  if (nb_report_get_published_sha256 (report) != NULL)
    {
      json_builder_set_member_name (builder, "published_sha256");
      json_builder_add_string_value (builder, nb_report_get_published_sha256 (report));
    }
  if (nb_report_get_sources (report) != NULL)
    {
      const char * const *sources = nb_report_get_sources (report);

      json_builder_set_member_name (builder, "sources");
      json_builder_begin_array (builder);
      for (guint i = 0; sources[i] != NULL; i++)
        json_builder_add_string_value (builder, sources[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_object (builder);
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      GPtrArray *paragraphs;

      if (section->table_id != NULL)
        continue;
      paragraphs = nb_report_get_paragraphs (report, section->id);
      json_builder_set_member_name (builder, section->id);
      json_builder_begin_array (builder);
      for (guint p = 0; p < paragraphs->len; p++)
        {
          const NbParagraph *paragraph = g_ptr_array_index (paragraphs, p);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "level");
          json_builder_add_int_value (builder, paragraph->level);
          json_builder_set_member_name (builder, "runs");
          json_builder_begin_array (builder);
          for (guint r = 0; r < paragraph->runs->len; r++)
            {
              const NbRun *run = g_ptr_array_index (paragraph->runs, r);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "text");
              json_builder_add_string_value (builder, run->text);
              if (run->bold)
                {
                  json_builder_set_member_name (builder, "bold");
                  json_builder_add_boolean_value (builder, TRUE);
                }
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean any_invalid = FALSE;

      if (pass == 1)
        {
          for (guint t = 0; t < nb_edition_get_n_tables (edition) && !any_invalid; t++)
            {
              const NbEditionTable *table = nb_edition_get_table (edition, t);

              for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
                if (nb_report_get_cell (report, table, c, NULL, NULL) == NB_CELL_INVALID)
                  any_invalid = TRUE;
            }
          if (!any_invalid)
            break;
        }

      json_builder_set_member_name (builder, pass == 0 ? "tables" : "invalid");
      json_builder_begin_object (builder);
      for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
        {
          const NbEditionTable *table = nb_edition_get_table (edition, t);

          json_builder_set_member_name (builder, nb_edition_table_get_id (table));
          json_builder_begin_object (builder);
          for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
            {
              const char *invalid = NULL;
              NbCellState state = nb_report_get_cell (report, table, c, NULL, &invalid);

              if (pass == 0 && state == NB_CELL_VALUE)
                add_value (builder, report, table, c);
              else if (pass == 1 && state == NB_CELL_INVALID)
                {
                  json_builder_set_member_name (builder,
                                                nb_edition_table_get_cell (table, c)->key);
                  json_builder_add_string_value (builder, invalid);
                }
            }
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  if (nb_report_get_reference (report) != NULL)
    {
      json_builder_set_member_name (builder, "reference");
      json_builder_add_value (builder, reference_node (nb_report_get_reference (report)));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, &length);
  return escape_control_characters (data, length);
}

#define STALE_TEMP_AGE_S (10 * 60)

/* A write killed half-way leaves its temporary file ("NAME.XXXXXX", as
 * g_file_set_contents and write_no_clobber name them) next to the file,
 * never in place of it.  Every writer of @path removes the old ones (the
 * window once per file, the command line before each write); a write takes
 * seconds, not ten minutes, so a younger one may still be in use. */
void
nb_file_sweep_temporaries (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  size_t base_length = strlen (base);
  const char *name;

  if (gdir == NULL)
    return;
  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *stale = NULL;
      struct stat st;
      gboolean match;

      if (strlen (name) != base_length + 7 || strncmp (name, base, base_length) != 0
          || name[base_length] != '.')
        continue;
      match = TRUE;
      for (const char *p = name + base_length + 1; *p; p++)
        match &= g_ascii_isalnum (*p);
      if (!match)
        continue;
      stale = g_build_filename (dir, name, NULL);
      if (lstat (stale, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > STALE_TEMP_AGE_S)
        g_unlink (stale);
    }
}

/* One limit for reading and writing: a report Nianbao writes is one it can
 * open again. */
gboolean
nb_file_check_size (gsize    length,
                    GError **error)
{
  if (length <= NB_FILE_MAX_SIZE)
    return TRUE;
  g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
               _("The report would be %llu bytes, more than the %d a report may have "
                 "(%d MiB); it was not written. Shorten its longest texts."),
               (unsigned long long)length, NB_FILE_MAX_SIZE, NB_FILE_MAX_SIZE / (1024 * 1024));
  return FALSE;
}

static gboolean
check_text (const char  *text,
            gsize        max_bytes,
            const char  *where,
            GError     **error)
{
  gsize length = text ? strlen (text) : 0;

  if (length <= max_bytes)
    return TRUE;
  g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
               _("The report was not written: %s: the text is %llu bytes long; at most %llu "
                 "are allowed"),
               where, (unsigned long long)length, (unsigned long long)max_bytes);
  return FALSE;
}

/* The loader's limits on single texts (NB_FILE_MAX_FIELD_BYTES and the
 * others), checked before writing: a report Nianbao writes is one it can
 * open again.  Main thread: reads the report. */
gboolean
nb_file_check_texts (NbReport  *report,
                     GError   **error)
{
  NbEdition *edition = nb_report_get_edition (report);
  const char * const *sources = nb_report_get_sources (report);

  for (guint i = 0; i < G_N_ELEMENTS (meta_strings); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *where = g_strconcat ("metadata.", meta_strings[i], NULL);

      g_object_get (report, meta_strings[i], &text, NULL);
      if (!check_text (text, NB_FILE_MAX_FIELD_BYTES, where, error))
        return FALSE;
    }
  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    {
      g_autofree char *where = g_strdup_printf ("metadata.sources[%u]", i);

      if (!check_text (sources[i], NB_FILE_MAX_FIELD_BYTES, where, error))
        return FALSE;
    }
  for (guint i = 0; i < nb_edition_get_n_sections (edition); i++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, i);
      GPtrArray *paragraphs;

      if (section->table_id != NULL)
        continue;
      paragraphs = nb_report_get_paragraphs (report, section->id);
      for (guint p = 0; p < paragraphs->len; p++)
        {
          const NbParagraph *paragraph = g_ptr_array_index (paragraphs, p);
          gsize length = 0;

          for (guint r = 0; r < paragraph->runs->len; r++)
            length += strlen (((const NbRun *)g_ptr_array_index (paragraph->runs, r))->text);
          if (length > NB_FILE_MAX_PARAGRAPH_BYTES)
            {
              g_autofree char *where = g_strdup_printf ("sections.%s[%u]", section->id, p);

              g_set_error (error, NB_FILE_ERROR, NB_FILE_ERROR_TOO_LARGE,
                           _("The report was not written: %s: the text is %llu bytes long; at "
                             "most %llu are allowed"),
                           where, (unsigned long long)length,
                           (unsigned long long)NB_FILE_MAX_PARAGRAPH_BYTES);
              return FALSE;
            }
        }
    }
  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const char *invalid = NULL;

          if (nb_report_get_cell (report, table, c, NULL, &invalid) == NB_CELL_INVALID
              && invalid != NULL && strlen (invalid) > NB_FILE_MAX_CELL_BYTES)
            {
              g_autofree char *where =
                g_strdup_printf ("invalid.%s.%s", nb_edition_table_get_id (table),
                                 nb_edition_table_get_cell (table, c)->key);

              return check_text (invalid, NB_FILE_MAX_CELL_BYTES, where, error);
            }
        }
    }
  return TRUE;
}

/* The bytes of @report as a file, or an error when they would be more than
 * a reader accepts. */
GBytes *
nb_file_serialize_checked (NbReport  *report,
                           GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (!nb_file_check_texts (report, error))
    return NULL;
  bytes = nb_file_serialize (report);
  if (!nb_file_check_size (g_bytes_get_size (bytes), error))
    return NULL;
  return g_steal_pointer (&bytes);
}

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Could not write %s: %s"),
               display, g_strerror (saved));
  return FALSE;
}

static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Creates @path only if nothing has that name, atomically: the content goes
 * to a temporary file (named as g_file_set_contents names them, so one sweep
 * finds both), is flushed, and then gets the final name by link(), which
 * fails with EEXIST if another writer got there first: no window between a
 * check and a rename in which two writers both "win".  File systems without
 * hard links get renameat2 (RENAME_NOREPLACE), the same guarantee. */
static gboolean
write_no_clobber (const char  *path,
                  const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *temp = g_strconcat (path, ".XXXXXX", NULL);
  gsize done = 0;
  int fd, saved;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_errno_error (error, errno, path);
  while (done < length)
    {
      ssize_t n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved = n < 0 ? errno : ENOSPC;
          goto fail;
        }
      done += (gsize)n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      saved = errno;
      fd = -1;
      goto fail;
    }
  fd = -1;

  if (link (temp, path) != 0)
    {
      saved = errno;
      if (saved == EPERM || saved == EOPNOTSUPP || saved == ENOSYS || saved == EMLINK)
        {
          if (renameat2 (AT_FDCWD, temp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
            {
              sync_folder (path);
              return TRUE;
            }
          saved = errno;
          if (saved == EINVAL || saved == ENOSYS)
            {
              g_unlink (temp);
              g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                                   _("This file system cannot create a file without the risk of "
                                     "replacing one written at the same moment"));
              return FALSE;
            }
        }
      goto fail;
    }
  g_unlink (temp);
  sync_folder (path);
  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
  if (saved == EEXIST)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("%s already exists; it was not replaced"), display);
      return FALSE;
    }
  return set_errno_error (error, saved, path);
}

/* Atomic and durable: a temporary file in the same folder, flushed, then
 * renamed over the old one (or, with NB_FILE_WRITE_NO_CLOBBER, linked to a
 * name nothing has), so a crash leaves either the old file or the new one,
 * never a mix; the folder is then synced, so the rename survives a power cut
 * too (G_FILE_SET_CONTENTS_DURABLE). */
static gboolean
folder_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) == 0;
}

/* Where write_in_place() keeps the old content of @path: one copy a file
 * (named by its absolute path's hash, its own name and extension kept so it
 * opens as it is), in the data folder, replaced by the next save in place. */
char *
nb_file_dup_backup_path (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  absolute = g_file_get_path (file);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  base = g_path_get_basename (absolute);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    {
      *dot = '\0';
      name = g_strdup_printf ("%s-%.12s.%s", base, hash, dot + 1);
    }
  else
    name = g_strdup_printf ("%s-%.12s", base, hash);
  /* The app's data folder (nb_drafts_get_data_dir (), whose module reads
   * this one: not included, so the two do not include each other). */
  return g_build_filename (g_get_user_data_dir (), "nianbao", "backups", name, NULL);
}

static gboolean
read_all (int     fd,
          GBytes **out)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[65536];

  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (data->len + (gsize)n > 4 * (gsize)NB_FILE_MAX_SIZE)
        {
          errno = EFBIG;
          return FALSE;
        }
      g_byte_array_append (data, buffer, (guint)n);
    }
  *out = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return TRUE;
}

static gboolean
write_all_at_start (int         fd,
                    const char *data,
                    gsize       length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = pwrite (fd, data + done, length - done, (off_t)done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      done += (gsize)n;
    }
  return ftruncate (fd, (off_t)length) == 0 && fsync (fd) == 0;
}

/* A writable file in a folder that is not (a shared folder where only the
 * file was made writable for you): no temporary file can be made beside it,
 * so the file is rewritten in place, but only once a copy of its old content
 * is in the data folder, flushed and read back equal.  Before the first byte
 * is written, any failure leaves the file as it was; after it, the message
 * names the copy (a crash then too could leave half a file, and the copy is
 * where the old one is). */
static gboolean
write_in_place (const char  *path,
                const char  *data,
                gsize        length,
                GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *backup = nb_file_dup_backup_path (path);
  g_autofree char *backup_dir = g_path_get_dirname (backup);
  g_autofree char *backup_display = g_filename_display_name (backup);
  g_autoptr(GBytes) old = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *check = NULL;
  gsize check_length = 0;
  const char *old_data;
  gsize old_length;
  struct stat st;
  int fd, saved;

  fd = g_open (path, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_errno_error (error, errno, path);
  errno = 0;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || !read_all (fd, &old))
    {
      saved = errno != 0 ? errno : EINVAL;
      close (fd);
      return set_errno_error (error, saved, path);
    }
  old_data = g_bytes_get_data (old, &old_length);

  if (g_mkdir_with_parents (backup_dir, 0700) != 0)
    {
      saved = errno;
      local_error = g_error_new_literal (G_FILE_ERROR, g_file_error_from_errno (saved),
                                         g_strerror (saved));
    }
  else if (g_file_set_contents_full (backup, old_data ? old_data : "", (gssize)old_length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0600, &local_error)
           && g_file_get_contents (backup, &check, &check_length, &local_error)
           && (check_length != old_length || (old_length > 0 && memcmp (check, old_data, old_length) != 0)))
    local_error = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_IO,
                                       _("the copy read back differs from the file"));
  if (local_error != NULL)
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _("Cannot save %s: its folder is read-only for you, and the file could be "
                     "rewritten in place only after a copy of it was kept in %s, which failed "
                     "(%s); the file is unchanged: save to another folder instead"),
                   display, backup_display, local_error->message);
      return FALSE;
    }

  if (!write_all_at_start (fd, data, length))
    {
      saved = errno;
      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write %s in place (its folder is read-only for you): %s. Its "
                     "old content is kept in %s"),
                   display, g_strerror (saved), backup_display);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write %s in place (its folder is read-only for you): %s. Its "
                     "old content is kept in %s"),
                   display, g_strerror (saved), backup_display);
      return FALSE;
    }
  return TRUE;
}

gboolean
nb_file_write_bytes_full (const char        *path,
                          GBytes            *bytes,
                          NbFileWriteFlags   flags,
                          GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  gboolean ok;
  int mode = 0644;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_return_val_if_fail (path != NULL, FALSE);

  if (flags & NB_FILE_WRITE_NO_CLOBBER)
    ok = write_no_clobber (path, data ? data : "", length, &local_error);
  else
    {
      if (g_stat (path, &st) == 0)
        mode = st.st_mode & 0777;
      ok = g_file_set_contents_full (path, data, (gssize)length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     mode, &local_error);
    }
  if (ok)
    return TRUE;
  if ((g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES)
       || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_PERM)
       || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ROFS))
      && !folder_writable (path))
    {
      /* The file itself may be writable: then in place, after a backup.
       * Autosave does not ask for it: its draft keeps the work, and a
       * backup on every pause in typing would be too much. */
      if ((flags & NB_FILE_WRITE_IN_PLACE) && !(flags & NB_FILE_WRITE_NO_CLOBBER)
          && g_access (path, W_OK) == 0)
        return write_in_place (path, data ? data : "", length, error);
      /* Else say why, instead of naming a temporary file the user never
       * heard of. */
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("Cannot save in this folder: it is read-only for you. Nianbao saves by "
                     "writing a new copy beside the file and swapping it in, so that a crash "
                     "never leaves half a file, or, when only the file is writable, in place "
                     "after keeping a copy; save to another folder instead (%s)"),
                   local_error->message);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
nb_file_write_bytes (const char  *path,
                     GBytes      *bytes,
                     GError     **error)
{
  return nb_file_write_bytes_full (path, bytes, NB_FILE_WRITE_REPLACE, error);
}

gboolean
nb_file_save_full (NbReport          *report,
                   const char        *path,
                   NbFileWriteFlags   flags,
                   GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = nb_file_serialize_checked (report, error);
  if (bytes == NULL)
    return FALSE;
  nb_file_sweep_temporaries (path);
  if (!nb_file_write_bytes_full (path, bytes, flags, error))
    return FALSE;
  nb_report_set_modified (report, FALSE);
  return TRUE;
}

/* Save: replaces @path, in place (after a backup) if only the file, not
 * its folder, is writable. */
gboolean
nb_file_save (NbReport    *report,
              const char  *path,
              GError     **error)
{
  return nb_file_save_full (report, path, NB_FILE_WRITE_REPLACE | NB_FILE_WRITE_IN_PLACE, error);
}

gboolean
nb_file_is_sha256 (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* The report shipped with Nianbao: a real report as published (2022). */
NbReport *
nb_file_load_sample (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  /* Editions and the sample share one resource; make sure it is registered. */
  nb_edition_list_ids ();
  bytes = g_resources_lookup_data ("/io/github/nianbao/Nianbao/samples/sample-2022.nianbao", 0,
                                   error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return nb_file_load_data (data, length, error);
}
