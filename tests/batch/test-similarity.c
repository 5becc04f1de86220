/* test-similarity.c: the bigram similarity score
 *
 * Copyright 2026 The Nianbao authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "nb-similarity.h"

static void
test_identical_and_empty (void)
{
  const char *text = "一是政务公开平台建设有待加强。二是公开内容不够全面。";

  g_assert_cmpfloat (nb_similarity_text (text, text), ==, 1.0);
  g_assert_cmpfloat (nb_similarity_text ("", ""), ==, 1.0);
  g_assert_cmpfloat (nb_similarity_text (NULL, NULL), ==, 1.0);
  g_assert_cmpfloat (nb_similarity_text (text, ""), ==, 0.0);
  g_assert_cmpfloat (nb_similarity_text (NULL, text), ==, 0.0);
  g_assert_cmpfloat (nb_similarity_text ("无", "无"), ==, 1.0);
  g_assert_cmpfloat (nb_similarity_text ("无", "有"), ==, 0.0);
}

static void
test_ignores_layout (void)
{
  /* Whitespace, punctuation and case carry no content. */
  g_assert_cmpfloat (nb_similarity_text ("公开内容，不够全面。", "公开内容 不够全面"), ==, 1.0);
  g_assert_cmpfloat (nb_similarity_text ("Open Data", "open data"), ==, 1.0);
}

static void
test_exact_value (void)
{
  /* "ABCD" has AB BC CD, "ABCE" has AB BC CE: 2·2 / (3+3). */
  g_assert_cmpfloat_with_epsilon (nb_similarity_text ("ABCD", "ABCE"), 4.0 / 6.0, 1e-12);
  /* Multisets: "AAA" has AA AA, "AA" has AA: 2·1 / (2+1). */
  g_assert_cmpfloat_with_epsilon (nb_similarity_text ("AAA", "AA"), 2.0 / 3.0, 1e-12);
  g_assert_cmpfloat (nb_similarity_text ("ABCD", "EFGH"), ==, 0.0);
}

static void
test_copied_versus_rewritten (void)
{
  const char *last = "2021年，我局政府信息公开工作存在的主要问题：一是信息公开的及时性有待提高，"
                     "二是解读回应形式较为单一。下一步，我局将加强培训，提升公开质量。";
  const char *copied = "2022年，我局政府信息公开工作存在的主要问题：一是信息公开的及时性有待提高，"
                       "二是解读回应形式较为单一。下一步，我局将加强培训，提升公开质量。";
  const char *rewritten = "本年度新建依申请公开办理台账，但基层站所人员变动频繁，"
                          "业务衔接不畅。明年拟引入电子化流转系统，压缩答复时限。";
  double s_copied = nb_similarity_text (last, copied);
  double s_rewritten = nb_similarity_text (last, rewritten);

  g_assert_cmpfloat (s_copied, >=, NB_SIMILARITY_COPIED);
  g_assert_cmpfloat (s_copied, <, 1.0);
  g_assert_cmpfloat (s_rewritten, <, 0.3);
  /* Symmetric. */
  g_assert_cmpfloat (nb_similarity_text (copied, last), ==, s_copied);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/similarity/identical-and-empty", test_identical_and_empty);
  g_test_add_func ("/similarity/ignores-layout", test_ignores_layout);
  g_test_add_func ("/similarity/exact-value", test_exact_value);
  g_test_add_func ("/similarity/copied-versus-rewritten", test_copied_versus_rewritten);
  return g_test_run ();
}
