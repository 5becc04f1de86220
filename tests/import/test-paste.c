/* test-paste.c: a block pasted with its row and column labels (issue 16)
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nb-import.h"

typedef struct
{
  NbEdition            *edition;
  const NbEditionTable *table;
  GArray               *cells;
  GStrv                 texts;
  gboolean              has_labels;
} Paste;

static void
paste_clear (Paste *p)
{
  g_clear_pointer (&p->cells, g_array_unref);
  g_clear_pointer (&p->texts, g_strfreev);
  g_clear_object (&p->edition);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Paste, paste_clear)

static gboolean
paste (Paste       *p,
       const char  *table_id,
       const char  *cursor_key,
       const char  *text,
       GError     **error)
{
  int cursor;

  p->edition = nb_edition_lookup ("2021", NULL);
  g_assert_nonnull (p->edition);
  p->table = nb_edition_find_table (p->edition, table_id);
  g_assert_nonnull (p->table);
  cursor = nb_edition_table_find_cell_by_key (p->table, cursor_key);
  g_assert_cmpint (cursor, >=, 0);
  return nb_import_map_pasted_block (p->edition, p->table, text, (guint)cursor, &p->has_labels,
                                     &p->cells, &p->texts, error);
}

/* "row_id/column_id=text;…", in the block's order. */
static char *
describe (Paste *p)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; p->cells != NULL && i < p->cells->len; i++)
    {
      const NbEditionCell *cell =
        nb_edition_table_get_cell (p->table, g_array_index (p->cells, guint, i));

      g_string_append_printf (out, "%s%s=%s", i > 0 ? ";" : "", cell->key, p->texts[i]);
    }
  return g_string_free (out, FALSE);
}

static void
test_row_labels (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  /* Copied from row 一 of a spreadsheet with its label; the cursor is on
   * another row: the label decides, not the cursor. */
  g_assert_true (paste (&p, "t3", "carried_over/natural",
                        "一、本年新收政府信息公开申请数量\t5\t1\t0\t0\t2\t0\r\n", &error));
  g_assert_no_error (error);
  g_assert_true (p.has_labels);
  got = describe (&p);
  g_assert_cmpstr (got, ==,
                   "new/natural=5;new/commercial=1;new/research=0;new/nonprofit=0;"
                   "new/legal_services=2;new/other=0");
}

static void
test_column_labels (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  /* Columns in another order than the table's, rows from the cursor down. */
  g_assert_true (paste (&p, "t3", "new/natural", "商业企业\t自然人\n3\t4\n6\t7\n", &error));
  g_assert_no_error (error);
  g_assert_true (p.has_labels);
  got = describe (&p);
  g_assert_cmpstr (got, ==,
                   "new/commercial=3;new/natural=4;carried_over/commercial=6;carried_over/natural=7");
}

static void
test_both_labels (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  /* Two label columns, the group copied once (a merged cell), the second
   * line's group blank; full-width digits in a label and in values. */
  g_assert_true (paste (&p, "t3", "new/natural",
                        "\t\t自然人\t科研机构\n"
                        "（三）不予公开\t１．属于国家秘密\t１２\t０\n"
                        "\t2.其他法律行政法规禁止公开\t3\t\n",
                        &error));
  g_assert_no_error (error);
  got = describe (&p);
  g_assert_cmpstr (got, ==,
                   "withheld_secret/natural=１２;withheld_secret/research=０;"
                   "withheld_prohibited/natural=3;withheld_prohibited/research=");
}

static void
test_export_labels (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  /* The row_label and column_label of `nianbao --export csv`: full labels. */
  g_assert_true (paste (&p, "t3", "new/natural",
                        "\t申请人情况 法人或其他组织 商业企业\n"
                        "三、本年度办理结果 （三）不予公开 1.属于国家秘密\t7\n",
                        &error));
  g_assert_no_error (error);
  got = describe (&p);
  g_assert_cmpstr (got, ==, "withheld_secret/commercial=7");
}

static void
test_unplaced_label (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (paste (&p, "t3", "new/natural",
                         "\t自然人\n一、本年新收政府信息公开申请数量\t1\n本年新增数量\t2\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "本年新增数量"));
  g_assert_null (p.cells);
  g_clear_error (&error);
  paste_clear (&p);

  g_assert_false (paste (&p, "t3", "new/natural", "\t外国人\n一、本年新收政府信息公开申请数量\t1\n",
                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "外国人"));
}

static void
test_no_labels (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;

  /* Numbers only: pasted by position at the cursor, as before. */
  g_assert_true (paste (&p, "t3", "new/natural", "1\t2\n3\t4\n", &error));
  g_assert_no_error (error);
  g_assert_false (p.has_labels);
  g_assert_null (p.cells);
}

/* Values copied with their units are values, not labels: a count's unit
 * goes, an amount keeps its own for the report to convert exactly. */
static void
test_units (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  g_assert_true (paste (&p, "t3", "new/natural",
                        "一、本年新收政府信息公开申请数量\t12 件\t3件\t０ 件\n", &error));
  g_assert_no_error (error);
  g_assert_true (p.has_labels);
  got = describe (&p);
  g_assert_cmpstr (got, ==, "new/natural=12;new/commercial=3;new/research=0");
  g_clear_pointer (&got, g_free);
  paste_clear (&p);

  /* Under column labels too: the first line is labels, the rest values. */
  g_assert_true (paste (&p, "t3", "new/natural", "自然人\t商业企业\n5 件\t6 件\n", &error));
  g_assert_no_error (error);
  got = describe (&p);
  g_assert_cmpstr (got, ==, "new/natural=5;new/commercial=6");
  g_clear_pointer (&got, g_free);
  paste_clear (&p);

  g_assert_true (paste (&p, "t2", "regulations/issued", "行政事业性收费\t3.5万元\n", &error));
  g_assert_no_error (error);
  got = describe (&p);
  g_assert_cmpstr (got, ==, "fees/fee_amount=3.5万元");
}

/* A label twice in one block: which line holds the values is not for the
 * program to guess; the label is named and nothing is pasted. */
static void
test_duplicate_labels (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (paste (&p, "t3", "new/natural",
                         "一、本年新收政府信息公开申请数量\t1\n"
                         "二、上年结转政府信息公开申请数量\t2\n"
                         "一、本年新收政府信息公开申请数量\t3\n",
                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "一、本年新收政府信息公开申请数量"));
  g_assert_nonnull (strstr (error->message, "twice"));
  g_assert_null (p.cells);
  g_clear_error (&error);
  paste_clear (&p);

  g_assert_false (paste (&p, "t3", "new/natural", "自然人\t商业企业\t自然人\n1\t2\t3\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "自然人"));
  g_assert_nonnull (strstr (error->message, "twice"));
  g_assert_null (p.cells);
}

/* A block that does not fit is refused whole, saying which value or line
 * did not fit. */
static void
test_refused_blocks (void)
{
  g_auto(Paste) p = { 0 };
  g_autoptr(GError) error = NULL;

  /* A value under no column label. */
  g_assert_false (paste (&p, "t3", "new/natural", "自然人\t\n1\t2\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "“2” in line 2 has no column label"));
  g_assert_null (p.cells);
  g_clear_error (&error);
  paste_clear (&p);

  /* More values than the row has cells. */
  g_assert_false (paste (&p, "t3", "new/natural",
                         "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t7\t8\t9\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "does not fit in the row"));
  g_assert_null (p.cells);
  g_clear_error (&error);
  paste_clear (&p);

  /* Under column labels, more lines than rows below the cursor. */
  g_assert_false (paste (&p, "t3", "carry_forward/natural", "自然人\n1\n2\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "more lines than the table has rows below the cursor"));
  g_assert_null (p.cells);
}

/* What the sheet and the label mapping both read a block as: the line
 * ends of Windows, old Macs and Unix alike, fields stripped and unquoted,
 * the empty line a copied block ends with dropped, blank fields kept. */
static void
test_split_block (void)
{
  g_autoptr(GPtrArray) lines =
    nb_import_split_pasted_block ("1\t 2 \t\"a\"\"b\"\r\n３\r\t\n\"1,000\"\n\n");
  g_autoptr(GPtrArray) none = nb_import_split_pasted_block ("\r\n");
  const char * const expected[][4] = {
    { "1", "2", "a\"b", NULL },
    { "３", NULL },
    { "", "", NULL },
    { "1,000", NULL },
  };

  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < lines->len; i++)
    g_assert_cmpstrv (g_ptr_array_index (lines, i), expected[i]);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/paste/row-labels", test_row_labels);
  g_test_add_func ("/paste/column-labels", test_column_labels);
  g_test_add_func ("/paste/both-labels", test_both_labels);
  g_test_add_func ("/paste/export-labels", test_export_labels);
  g_test_add_func ("/paste/unplaced-label", test_unplaced_label);
  g_test_add_func ("/paste/no-labels", test_no_labels);
  g_test_add_func ("/paste/units", test_units);
  g_test_add_func ("/paste/duplicate-labels", test_duplicate_labels);
  g_test_add_func ("/paste/refused-blocks", test_refused_blocks);
  g_test_add_func ("/paste/split-block", test_split_block);
  return g_test_run ();
}
