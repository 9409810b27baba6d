#include <gtest/gtest.h>

#include "stock_count/lines.h"
#include "stock_count/posting.h"
#include "stock_count/variance.h"

namespace core::stock_count {
namespace {

StockLine placed(std::string item, std::string category, std::string brand, std::string zone, std::string bin,
                 int64_t qty, std::string batch = "", std::string serial = "") {
  StockLine l;
  l.item_id = item;
  l.sku = "SKU-" + item;
  l.category = category;
  l.brand = brand;
  l.zone_code = zone;
  l.bin_code = bin;
  l.bin_id = bin.empty() ? "" : "bin-" + bin;
  l.batch_number = batch;
  l.serial_number = serial;
  l.quantity = qty;
  return l;
}

const std::vector<StockLine> kLines = {
    placed("i1", "Snacks", "Acme", "A", "A-01", 10000),
    placed("i2", "Snacks", "Globex", "B", "B-01", 5000),
    placed("i3", "Drinks", "Acme", "A", "A-02", 7000, "LOT1"),
    placed("i3", "Drinks", "Acme", "A", "A-02", 3000, "LOT2"),
    placed("i4", "Tools", "Stark", "C", "C-01", 1000, "", "SN1"),
};

struct ScopeCase {
  const char* name;
  std::vector<ScopeRule> rules;
  size_t lines_selected;
};

static const ScopeCase kScopeCases[] = {
    {"category", {{"category", "Snacks"}}, 2},
    {"brand", {{"brand", "Acme"}}, 3},
    {"product by id", {{"product", "i3"}}, 2},
    {"product by sku", {{"product", "SKU-i1"}}, 1},
    {"zone", {{"zone", "A"}}, 3},
    {"bin", {{"bin", "C-01"}}, 1},
    {"all", {{"all", ""}}, 5},
    {"overlapping scopes count a line once", {{"zone", "A"}, {"brand", "Acme"}, {"category", "Snacks"}}, 4},
    {"no scopes select nothing", {}, 0},
};

TEST(ScopeResolution, EachKindSelectsItsLinesAndOverlapsCountOnce) {
  for (const auto& c : kScopeCases) {
    auto snapshot = build_snapshot(c.rules, kLines, {}, {});
    EXPECT_EQ(snapshot.size(), c.lines_selected) << c.name;
  }
}

TEST(Snapshot, SplitsTrackedUntrackedAndResidual) {
  std::vector<BalanceLine> balances = {
      {"i1", "SKU-i1", "Snacks", "Acme", "none", 12000, 10000, true},   // 2 units not placed → residual
      {"i3", "SKU-i3", "Drinks", "Acme", "batch", 10000, 10000, true},  // fully placed → no residual
      {"i9", "SKU-i9", "Snacks", "Acme", "none", 4000, 0, false},       // no placement at all → untracked
  };
  auto snapshot = build_snapshot({{"all", ""}}, kLines, balances, {});
  std::map<std::string, int64_t> by_kind;
  for (const auto& s : snapshot) by_kind[s.kind] += s.line.quantity;
  EXPECT_EQ(by_kind["tracked"], 11000);    // two batches of i3 + one serial of i4
  EXPECT_EQ(by_kind["untracked"], 19000);  // i1, i2 placed without batch + i9 from its balance
  EXPECT_EQ(by_kind["residual"], 2000);
}

TEST(Snapshot, ResidualIsNeverNegative) {
  std::vector<BalanceLine> balances = {{"i1", "SKU-i1", "Snacks", "Acme", "none", 8000, 10000, true}};
  for (const auto& s : build_snapshot({{"all", ""}}, kLines, balances, {})) EXPECT_NE(s.kind, "residual");
}

TEST(Snapshot, ZoneScopeLeavesOutStockThatHasNoBin) {
  std::vector<BalanceLine> balances = {{"i9", "SKU-i9", "Snacks", "Acme", "none", 4000, 0, false}};
  auto snapshot = build_snapshot({{"zone", "A"}}, kLines, balances, {});
  for (const auto& s : snapshot) EXPECT_NE(s.line.item_id, "i9");
}

TEST(TaskGeneration, ByZoneBinMakesOneTaskPerPlace) {
  auto g = generate_tasks("by_zone_bin", {{"all", ""}}, kLines, json::array());
  ASSERT_EQ(g.error, TaskStrategyError::kNone);
  ASSERT_EQ(g.tasks.size(), 4u);  // B-01, C-01
  EXPECT_EQ(g.tasks[0].zone_code, "A");
  EXPECT_EQ(g.tasks[0].bin_code, "A-01");
}

TEST(TaskGeneration, PlacesGatheredPageByPageMakeTheSameTasksAsAllLinesAtOnce) {
  // Each line is a page; the places travel between pages as JSON.
  json carried = StockPlaces{}.to_json();
  for (const auto& line : kLines) {
    StockPlaces places = StockPlaces::from_json(carried);
    places.add(line);
    carried = places.to_json();
  }
  auto paged = generate_tasks("by_zone_bin", {{"all", ""}}, StockPlaces::from_json(carried), json::array({"ana"}));
  auto whole = generate_tasks("by_zone_bin", {{"all", ""}}, kLines, json::array({"ana"}));
  ASSERT_EQ(paged.tasks.size(), whole.tasks.size());
  for (size_t i = 0; i < whole.tasks.size(); ++i) {
    EXPECT_EQ(paged.tasks[i].name, whole.tasks[i].name);
    EXPECT_EQ(paged.tasks[i].assignee, whole.tasks[i].assignee);
  }
  EXPECT_EQ(generate_tasks("by_zone_bin", {{"all", ""}}, StockPlaces::from_json(json::object()), json::array()).error,
            TaskStrategyError::kNothingInScope);
}

TEST(TaskGeneration, ByCategoryMakesOneTaskPerCategoryScopeRoundRobin) {
  std::vector<ScopeRule> rules = {{"category", "Snacks"}, {"category", "Drinks"}, {"category", "Tools"}, {"brand", "X"}};
  auto g = generate_tasks("by_category", rules, kLines, json::array({"ana", "ben"}));
  ASSERT_EQ(g.tasks.size(), 3u);
  EXPECT_EQ(g.tasks[0].assignee, "ana");
  EXPECT_EQ(g.tasks[1].assignee, "ben");
  EXPECT_EQ(g.tasks[2].assignee, "ana");
  EXPECT_EQ(generate_tasks("by_category", {{"zone", "A"}}, kLines, json::array()).error,
            TaskStrategyError::kNoCategoryScope);
}

TEST(TaskGeneration, ByAssigneeMakesOneTaskPerRule) {
  json rules = json::array({json{{"name", "ana"}, {"zone", "A"}}, "ben"});
  auto g = generate_tasks("by_assignee", {{"all", ""}}, kLines, rules);
  ASSERT_EQ(g.tasks.size(), 2u);
  EXPECT_TRUE(g.tasks[0].matches(kLines[0]));
  EXPECT_FALSE(g.tasks[0].matches(kLines[1]));  // zone B is not ana's
  EXPECT_TRUE(g.tasks[1].matches(kLines[1]));
  EXPECT_EQ(generate_tasks("by_assignee", {}, kLines, json::array()).error, TaskStrategyError::kNoAssignees);
  EXPECT_EQ(generate_tasks("by_luck", {}, kLines, json::array()).error, TaskStrategyError::kUnknownStrategy);
}

TEST(Snapshot, LinesGoToTheFirstTaskThatCountsThem) {
  auto g = generate_tasks("by_zone_bin", {{"all", ""}}, kLines, json::array());
  auto snapshot = build_snapshot({{"all", ""}}, kLines, {}, g.tasks);
  for (const auto& s : snapshot) {
    ASSERT_GE(s.task_index, 0);
    EXPECT_EQ(g.tasks[static_cast<size_t>(s.task_index)].bin_code, s.line.bin_code);
  }
}

struct VarianceCase {
  const char* name;
  int64_t expected, counted, cost;
  int64_t delta;
  std::optional<int64_t> pct;
  int64_t value;
};

static const VarianceCase kVarianceCases[] = {
    {"shortage", 40000, 37000, 250, -3000, -7500, -750},
    {"overage", 40000, 41000, 250, 1000, 2500, 250},
    {"exact", 40000, 40000, 250, 0, 0, 0},
    {"expected zero has no percentage", 0, 5000, 100, 5000, std::nullopt, 500},
    {"decimals", 2500, 2125, 1000, -375, -15000, -375},
    {"counted zero", 3000, 0, 199, -3000, -100000, -597},
    {"third-of-a-unit rounds the percentage", 3000, 2000, 0, -1000, -33333, 0},
};

TEST(Variance, DeltaPercentageAndValueInFixedScale) {
  for (const auto& c : kVarianceCases) {
    auto f = variance_figures(c.expected, c.counted, c.cost);
    EXPECT_EQ(f.delta, c.delta) << c.name;
    EXPECT_EQ(f.pct, c.pct) << c.name;
    EXPECT_EQ(f.value_minor, c.value) << c.name;
  }
}

TEST(PostingPlan, GroupsLinesByDirectionWithKeysFromTheSession) {
  std::vector<PostingLine> lines = {{"i1", "", "", "", -3000, 100}, {"i2", "", "", "", 2000, 100},
                                    {"i3", "", "", "", 0, 100}, {"i4", "", "", "", -1000, 100}};
  auto plan = plan_posting("stock-count:ses1", lines);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].direction, "INCREASE");
  EXPECT_EQ(plan[0].lines.size(), 1u);
  EXPECT_EQ(plan[1].direction, "DECREASE");
  EXPECT_EQ(plan[1].lines.size(), 2u);
  EXPECT_EQ(plan[1].idempotency_key, "stock-count:ses1:DECREASE");
  EXPECT_EQ(plan_posting("stock-count:ses1", lines)[1].idempotency_key, plan[1].idempotency_key);
}

TEST(PostingPlan, NothingToPostMakesNoAdjustment) {
  EXPECT_TRUE(plan_posting("stock-count:ses1", {{"i1", "", "", "", 0, 1}}).empty());
  EXPECT_TRUE(plan_posting("stock-count:ses1", {}).empty());
}

}  // namespace
}  // namespace core::stock_count
