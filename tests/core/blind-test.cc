// Blind counting (src/blind.h): the figures leave every answer of a blind counter, at any depth,
// and nothing else does.
#include <gtest/gtest.h>

#include "blind.h"
#include "turn.h"

namespace core {
namespace {

TEST(Blind, FiguresLeaveAtAnyDepthAndTheLinesStay) {
  json body = {{"items", json::array({{{"sku", "A"}, {"bin", "A-01"}, {"quantity", 4}, {"counted_qty", 3},
                                       {"nested", {{"variance", -1}, {"lot", "L1"}}}}})},
               {"totals", {{"expected_qty", 4}}},
               {"total", 1}};
  EXPECT_TRUE(withhold_figures(body));
  EXPECT_EQ(body, (json{{"items", json::array({{{"sku", "A"}, {"bin", "A-01"}, {"counted_qty", 3}, {"nested", {{"lot", "L1"}}}}})},
                        {"total", 1}}));
  json plain = {{"sku", "A"}};
  EXPECT_FALSE(withhold_figures(plain));
}

TEST(Blind, AnswersMadeWhileABlindCounterIsServedSaySoAndCarryNoFigure) {
  json body = {{"system_qty_at_count", 7}, {"counted_qty", 6}};
  {
    BlindAnswers blind(true);
    json out = respond_json(200, body);
    EXPECT_EQ(out["respond"]["body"], "{\"counted_qty\":6}");
    EXPECT_EQ(out["respond"]["headers"]["X-Figures"], "withheld");
  }
  json seen = respond_json(200, body);
  EXPECT_EQ(json::parse(seen["respond"]["body"].get<std::string>()), body);
  EXPECT_FALSE(seen["respond"].contains("headers"));
  // A stored answer replayed to a blind counter: stripped once more, and marked.
  json replayed = {{"status", 200}, {"content_type", "application/json"}, {"body", "{\"variance\":1,\"sku\":\"A\"}"}};
  withhold_from_response(replayed);
  EXPECT_EQ(replayed["body"], "{\"sku\":\"A\"}");
  EXPECT_EQ(replayed["headers"]["X-Figures"], "withheld");
}

}  // namespace
}  // namespace core
