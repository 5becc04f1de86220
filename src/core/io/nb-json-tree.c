/* nb-json-tree.c: the file's JSON read strictly into a tree in one arena
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "nb-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nb-file.h"
#include "nb-json-tree-private.h"

/* Blocks from malloc, each below glibc's mmap threshold: a block that is
 * mapped and unmapped per file makes the kernel interrupt the other core
 * to flush its TLB. */
#define ARENA_BLOCK_MIN (16 * 1024)
#define ARENA_BLOCK_MAX (64 * 1024)

void
_nb_json_arena_clear (Arena *arena)
{
  g_clear_pointer (&arena->blocks, g_ptr_array_unref);
  arena->next = NULL;
  arena->left = 0;
}

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
Value *
_nb_json_parse_strict (const char  *data,
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
