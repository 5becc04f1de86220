/* kill-edit.h: the edit the kill test makes, shared by the editing helper
 * and the test that checks what a killed helper left on disk.  Edit n sets
 * values that depend only on n, so "the state after edit n" is one exact
 * file and a mix of two states cannot pass for either. */
#pragma once

#include "nb-report.h"

static inline int
kill_edit_number (NbReport *report)
{
  const char *agency = nb_report_get_agency (report);

  if (agency != NULL && g_str_has_prefix (agency, "编辑局 "))
    return atoi (agency + strlen ("编辑局 "));
  return 0;
}

static inline void
kill_edit_apply (NbReport *report,
                 NbReport *base,
                 int       n)
{
  NbEdition *edition = nb_report_get_edition (report);
  const NbEditionTable *table = nb_edition_get_table (edition, 0);
  g_autoptr(GPtrArray) paragraphs = nb_paragraphs_copy (nb_report_get_paragraphs (base, "overview"));
  g_autofree char *agency = g_strdup_printf ("编辑局 %d", n);
  g_autofree char *address = g_strdup_printf ("地址 %d 号", n);
  g_autofree char *phone = g_strdup_printf ("0395-%07d", n);
  g_autofree char *text = g_strdup_printf ("（第 %d 次修改）这一段文字随每次修改而变。", n);
  guint cell = 0;

  while (nb_edition_table_get_cell (table, cell)->computed)
    cell++;
  g_ptr_array_add (paragraphs, nb_paragraph_new_text (NB_PARAGRAPH_BODY, text));

  nb_report_begin_user_action (report);
  nb_report_set_agency (report, agency);
  nb_report_set_address (report, address);
  nb_report_set_phone (report, phone);
  nb_report_set_value (report, table, cell, n);
  nb_report_set_paragraphs (report, "overview", paragraphs);
  nb_report_end_user_action (report);
}
