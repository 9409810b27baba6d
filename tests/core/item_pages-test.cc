#include <gtest/gtest.h>

#include "stock_count/queries/item_pages.h"

namespace core::stock_count {
namespace {

json counted(int64_t n) { return json::array({{{"n", n}}}); }

// The default D1_STATEMENT_BUDGET (settings.h).
constexpr int64_t kBudget = static_cast<int64_t>(kPageStatementBudget);

TEST(Walk, KeepsThePageWhenTheWalkFitsItsTurnsAndStatements) {
  EXPECT_EQ(walk_page_lines(2000, counted(200000), 2, kBudget), 2000);  // 100 pages
  EXPECT_EQ(walk_page_lines(2000, counted(0), 2, kBudget), 2000);
  EXPECT_EQ(walk_page_lines(2000, json::array(), 5, kBudget), 2000);
}

TEST(Walk, GrowsThePageSoAWalkStaysWithin200PagesAnd800Statements) {
  // 2 statements a page: at most 200 pages (a conversation runs 256 turns).
  EXPECT_EQ(walk_page_lines(3, counted(1000), 2, kBudget), 5);
  EXPECT_EQ(walk_page_lines(3, counted(1001), 2, kBudget), 6);
  // 5 statements a page (the postings preview): at most 160 pages of the 800-statement budget.
  EXPECT_EQ(walk_page_lines(3, counted(1000), 5, kBudget), 7);
  int64_t big = walk_page_lines(2000, counted(1000000), 5, kBudget);
  EXPECT_LE((1000000 + big - 1) / big * 5,
            static_cast<int64_t>(kPageStatementBudget));
  // A smaller D1_STATEMENT_BUDGET (what a weekly tick has left): 40 statements, 2 a page → 20 pages.
  EXPECT_EQ(walk_page_lines(3, counted(1000), 2, 40), 50);
  EXPECT_EQ(walk_page_lines(3, counted(1000), 2, 1), 1000);  // never fewer than one page
}

TEST(Walk, BindsItsCursorWhereARunReadsItFromTheSession) {
  ItemPages run{.sources = {"stock_count_snapshot WHERE session_id = ?1 AND business_id = ?2"}};
  EXPECT_NE(run.range("item_id").find("run_cursor"), std::string::npos);
  std::string walked = run.walk().range("item_id");
  EXPECT_EQ(walked.find("run_cursor"), std::string::npos);
  EXPECT_EQ(walked.rfind("item_id > ?3 AND", 0), 0u) << walked;
}

}  // namespace
}  // namespace core::stock_count
