/* export-test-util.c: reports with odd text and odd values, for the export tests
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "export-test-util"

#include "config.h"

#include "export-test-util.h"
#include "nb-export.h"

/* Text that breaks careless exporters: markup, entities, quotes, emoji,
 * bidi marks, control characters, Markdown markers, tabs and line breaks. */
static const char * const odd_texts[] = {
  "<script>alert(1)</script>",
  "&amp; & &lt; AT&T",
  "\"double\" 'single' “全角”",
  "emoji 😀👍🏽 and 𠀋 (outside the BMP)",
  "\u200f\u202eRTL override\u202c\u200e",
  "control\x01\x07\x1b\x7f chars",
  "C1 \xc2\x85 next line",
  "]]> <![CDATA[ x ]]>",
  "back\\slash \\* and **not bold**",
  "# not a heading",
  "tab\there",
  "line\nbreak",
  "<b>not bold</b>",
  "   leading and trailing spaces   ",
};

static const char * const plain_texts[] = {
  "本年度认真贯彻落实政府信息公开条例。",
  "一是加强组织领导。",
  "进一步规范依申请公开办理流程，",
  "主动公开政府信息1,234条",
};

static const char *
pick_text (GRand *rand)
{
  if (g_rand_boolean (rand))
    return odd_texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (odd_texts))];
  return plain_texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (plain_texts))];
}

static gint64
pick_value (GRand              *rand,
            const NbEditionCell *cell)
{
  switch (cell->kind)
    {
    case NB_VALUE_MONEY:
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          return 123456789012 * NB_MONEY_SCALE + 654321; /* six decimals */
        case 1:
          return (gint64)g_rand_int_range (rand, 0, 100000000);
        default:
          return 0;
        }
    case NB_VALUE_SIGNED:
      return g_rand_boolean (rand) ? -(gint64)g_rand_int (rand) : (gint64)g_rand_int (rand);
    case NB_VALUE_COUNT:
    default:
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          return G_MAXINT64;
        case 1:
          return (gint64)g_rand_int (rand) * 1000003;
        default:
          return g_rand_int_range (rand, 0, 1000);
        }
    }
}

NbReport *
export_test_generate_report (guint32     seed,
                             const char *edition_id)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbEdition) edition = nb_edition_lookup (edition_id, &error);
  g_autofree char *agency = g_strdup_printf ("<测试>&“局” %s",
                                             odd_texts[seed % G_N_ELEMENTS (odd_texts)]);
  NbReport *report;

  g_assert_no_error (error);
  report = nb_report_new (edition);
  nb_report_set_agency (report, agency);
  nb_report_set_year (report, edition_id[3] == '9' ? 2020 : 2023);
  nb_report_set_fee_decimals (report, g_rand_int_range (rand, 0, NB_MONEY_MAX_DECIMALS + 1));

  for (guint s = 0; s < nb_edition_get_n_sections (edition); s++)
    {
      const NbEditionSection *section = nb_edition_get_section (edition, s);
      g_autoptr(GPtrArray) paragraphs = NULL;
      guint n;

      if (section->table_id != NULL)
        continue;
      paragraphs = nb_paragraphs_new ();
      n = g_rand_int_range (rand, 0, 6);
      for (guint i = 0; i < n; i++)
        {
          NbParagraph *paragraph =
            nb_paragraph_new (g_rand_int_range (rand, 0, 3) == 0
                                ? (NbParagraphLevel)g_rand_int_range (rand, NB_PARAGRAPH_HEADING_1,
                                                                      NB_PARAGRAPH_LEVEL_LAST + 1)
                                : NB_PARAGRAPH_BODY);
          guint n_runs = g_rand_int_range (rand, 1, 5);

          for (guint k = 0; k < n_runs; k++)
            nb_paragraph_add_run (paragraph, pick_text (rand), g_rand_boolean (rand));
          g_ptr_array_add (paragraphs, paragraph);
        }
      nb_report_set_paragraphs (report, section->id, paragraphs);
    }

  for (guint t = 0; t < nb_edition_get_n_tables (edition); t++)
    {
      const NbEditionTable *table = nb_edition_get_table (edition, t);

      for (guint c = 0; c < nb_edition_table_get_n_cells (table); c++)
        {
          const NbEditionCell *cell = nb_edition_table_get_cell (table, c);

          switch (g_rand_int_range (rand, 0, 10))
            {
            case 0:
              nb_report_set_stated (report, table, c, NB_CELL_EMPTY, 0, NULL);
              break;
            case 1:
              nb_report_set_stated (report, table, c, NB_CELL_INVALID, 0,
                                    g_rand_boolean (rand) ? "12a<b>&" : "3\t4");
              break;
            default:
              {
                gint64 value = pick_value (rand, cell);
                gint64 step = 1;

                /* Within the column's precision (2019's 采购总金额: 2). */
                for (guint d = cell->max_decimals; cell->kind == NB_VALUE_MONEY
                                                   && d < NB_MONEY_MAX_DECIMALS; d++)
                  step *= 10;
                value -= value % step;
                nb_report_set_stated (report, table, c, NB_CELL_VALUE, value, NULL);
                break;
              }
            }
        }
    }
  return report;
}

GString *
export_test_text (NbReport    *report,
                  const char *(*rewordings)[2],
                  guint        n_rewordings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = nb_export_to_bytes (report, "txt", &error);
  GString *text;

  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize)g_bytes_get_size (bytes));
  for (guint i = 0; i < n_rewordings; i++)
    g_assert_cmpuint (g_string_replace (text, rewordings[i][0], rewordings[i][1], 1), ==, 1);
  return text;
}
