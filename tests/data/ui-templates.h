/* ui-templates.h: every widget type with a template in ui/, in one place
 *
 * One line per template: NB_UI_TEMPLATE (type prefix, file under ui/).
 * test-ui-templates fails when a ui/ file with a <template> has no line here,
 * or when the line's type is not the template's class.
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
NB_UI_TEMPLATE (nb_window, "nb-window.ui")
NB_UI_TEMPLATE (nb_history_dialog, "nb-history-dialog.ui")
NB_UI_TEMPLATE (nb_new_report_dialog, "nb-new-report-dialog.ui")
NB_UI_TEMPLATE (nb_print_preview, "nb-print-preview.ui")
NB_UI_TEMPLATE (nb_recovery_dialog, "nb-recovery-dialog.ui")
NB_UI_TEMPLATE (nb_review_window, "nb-review-window.ui")
NB_UI_TEMPLATE (nb_import_dialog, "nb-import-dialog.ui")
NB_UI_TEMPLATE (nb_compare_window, "nb-compare-window.ui")
NB_UI_TEMPLATE (nb_table_page, "nb-table-page.ui")
NB_UI_TEMPLATE (nb_text_page, "nb-text-page.ui")
NB_UI_TEMPLATE (nb_info_page, "nb-info-page.ui")
NB_UI_TEMPLATE (nb_last_year_window, "nb-last-year-window.ui")
