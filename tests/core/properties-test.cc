// Properties of the core's rules over many generated inputs (a seeded
// generator, so a failure names its case): variance is antisymmetric, the
// guardrail is monotonic in |pct|, posting conserves quantity, terminal
// states are never left, and no accepted input overflows an aggregate.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <map>
#include <random>

#include "netsuite/payload.h"
#include "pipeline/guardrail.h"
#include "pipeline/variance_workflow.h"
#include "quantity.h"
#include "stock_count/entry_rows.h"
#include "stock_count/lifecycle.h"
#include "stock_count/posting.h"
#include "stock_count/variance.h"

namespace core {
namespace {

constexpr int kCases = 20000;

struct Gen {
  std::mt19937_64 rng{20261122};
  int64_t between(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); }
  int64_t qty() { return between(0, stock_count::kMaxCountedQty); }
  int64_t small_qty() { return between(0, 500'000); }
};

TEST(Properties, VarianceIsAntisymmetric) {
  Gen g;
  for (int i = 0; i < kCases; ++i) {
    int64_t a = g.qty(), b = g.qty(), cost = g.between(0, 100'000'000);
    auto ab = stock_count::variance_figures(a, b, cost);
    auto ba = stock_count::variance_figures(b, a, cost);
    ASSERT_EQ(ab.delta, -ba.delta) << a << " " << b;
    ASSERT_EQ(ab.value_minor, -ba.value_minor) << a << " " << b << " " << cost;
    if (a == b) ASSERT_EQ(ab.delta, 0);
  }
}

TEST(Properties, TheGuardrailIsMonotonicInAbsolutePercent) {
  Gen g;
  for (int i = 0; i < kCases; ++i) {
    int64_t expected = g.between(1, 1'000'000);
    pipeline::Guardrail rail{g.between(0, 100'000), std::nullopt};
    int64_t d1 = g.between(-expected, expected), d2 = g.between(-expected, expected);
    if (std::llabs(d1) > std::llabs(d2)) std::swap(d1, d2);  // |d1| ≤ |d2|
    auto c1 = pipeline::classify_delta(expected, d1, 0, rail);
    auto c2 = pipeline::classify_delta(expected, d2, 0, rail);
    if (c2.decision == pipeline::Decision::kAuto) {
      ASSERT_NE(c1.decision, pipeline::Decision::kReview) << expected << " " << d1 << " " << d2 << " " << rail.auto_pct_milli;
    }
    if (c1.decision == pipeline::Decision::kReview) ASSERT_EQ(c2.decision, pipeline::Decision::kReview);
  }
}

TEST(Properties, PostingConservesQuantityPerItemAndDirection) {
  Gen g;
  for (int i = 0; i < 2000; ++i) {
    std::vector<stock_count::PostingLine> lines;
    int n = static_cast<int>(g.between(0, 30));
    std::map<std::string, int64_t> per_item;
    for (int k = 0; k < n; ++k) {
      std::string item = "i" + std::to_string(g.between(0, 6));
      int64_t delta = g.between(-g.small_qty(), g.small_qty());
      lines.push_back({item, "b" + std::to_string(k), k % 5 == 0 ? "LOT" + std::to_string(k) : "", "", delta, 100, "S", "9"});
      if (delta != 0) per_item[item] += delta;
    }
    std::map<std::string, int64_t> posted;
    for (const auto& adjustment : stock_count::plan_posting("p", lines)) {
      ASSERT_FALSE(adjustment.lines.empty());
      for (const auto& l : adjustment.lines) {
        ASSERT_EQ(l.delta > 0, adjustment.direction == "INCREASE") << "one direction per adjustment";
        posted[l.item_id] += l.delta;
      }
      // The NetSuite record nets bin lines per item and keeps the sum.
      json body = netsuite::posted_body({"1", "m", "2026-11-23T00:00:00Z"}, adjustment.lines);
      int64_t record_sum = 0, line_sum = 0;
      for (const auto& item : body["inventory"]["items"]) record_sum += *qty_from_json(item["adjustQtyBy"]);
      for (const auto& l : adjustment.lines) line_sum += l.delta;
      ASSERT_EQ(record_sum, line_sum);
    }
    for (const auto& [item, sum] : per_item) ASSERT_EQ(posted[item], sum) << item;
  }
}

TEST(Properties, TerminalStatesAreNeverLeft) {
  using stock_count::SessionEvent;
  using stock_count::SessionStatus;
  for (auto terminal : {SessionStatus::kPosted, SessionStatus::kRejected}) {
    for (auto event : {SessionEvent::kStart, SessionEvent::kClose, SessionEvent::kApprove, SessionEvent::kReject,
                       SessionEvent::kPost}) {
      EXPECT_FALSE(stock_count::next_session_status(terminal, event).has_value())
          << stock_count::session_status_name(terminal) << " + " << stock_count::session_event_name(event);
    }
  }
  // And every reachable status reaches a terminal one.
  for (const auto& t : stock_count::session_transitions()) {
    EXPECT_NE(t.from, SessionStatus::kPosted);
    EXPECT_NE(t.from, SessionStatus::kRejected);
  }
}

TEST(Properties, NoAcceptedInputOverflowsAnAggregate) {
  // The largest session an API accepts: every line of every request at the maximum, for as
  // many requests as a session could ever hold in D1 (10 GB / ~100 bytes a row ≈ 1e8 rows).
  constexpr int64_t kRowsEver = 100'000'000;
  static_assert(stock_count::kMaxCountedQty <= std::numeric_limits<int64_t>::max() / kRowsEver,
                "a line group's SUM(counted_qty) fits int64");
  // Per item, the workflow sums lines and multiplies by a unit cost: at the bounds it stays exact.
  std::vector<pipeline::CountedLine> lines;
  for (int k = 0; k < static_cast<int>(stock_count::kMaxEntryRows); ++k) {
    lines.push_back({.item_id = "i1", .sku = "S", .ns_item_id = "9", .bin_id = "b" + std::to_string(k),
                     .counted = stock_count::kMaxCountedQty, .unit_cost_minor = 1'000'000'00});
  }
  auto variances = pipeline::item_variances(lines, pipeline::Guardrail{5000, std::nullopt});
  ASSERT_EQ(variances.size(), 1u);
  EXPECT_EQ(variances[0].counted, stock_count::kMaxCountedQty * static_cast<int64_t>(stock_count::kMaxEntryRows));
  EXPECT_EQ(variances[0].delta, variances[0].counted);
  // 1e11 units at $1,000,000 is past int64 cents: the value saturates, it never wraps.
  EXPECT_EQ(variances[0].value_minor, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(value_minor(-variances[0].counted, 1'000'000'00), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(stock_count::percent_milli(std::numeric_limits<int64_t>::max(), 1), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(stock_count::counted_qty_problem(stock_count::kMaxCountedQty, "none").has_value());
  EXPECT_TRUE(stock_count::counted_qty_problem(stock_count::kMaxCountedQty + 1, "none").has_value());
}

}  // namespace
}  // namespace core
