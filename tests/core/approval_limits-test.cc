// Approval limits (src/approval_limits.h): which proposals a token may decide.
#include <gtest/gtest.h>

#include "approval_limits.h"

namespace core {
namespace {

TEST(ApprovalLimits, EachLimitIsInclusiveAndTheFirstOneOverIsNamed) {
  ApprovalLimits limits{10000, 20000, 50000};  // 10 units, 20 %, 500.00
  struct Case { ProposalSize size; const char* over; };
  for (const Case& c : std::vector<Case>{
           {{10000, 20000, 50000}, nullptr},                                           // exactly at every limit
           {{10001, 1000, 100}, "quantity 10.001 is over the limit 10"},
           {{5000, 20001, 100}, "percent 20.001 is over the limit 20"},
           {{5000, std::nullopt, 100}, "percent is undefined (nothing was expected), over the limit 20"},
           {{5000, 1000, 50001}, "value 500.01 is over the limit 500.00"},
           {{20000, 30000, 90000}, "quantity 20 is over the limit 10"},                  // the first named
       }) {
    auto over = over_limit(limits, c.size);
    if (c.over == nullptr) EXPECT_FALSE(over) << *over;
    else EXPECT_EQ(over.value_or("(within)"), c.over);
  }
  EXPECT_FALSE(over_limit(ApprovalLimits{}, {999999, std::nullopt, 999999})) << "no limits: any proposal";
  EXPECT_FALSE(over_limit(ApprovalLimits{std::nullopt, std::nullopt, 100}, {999999, std::nullopt, 100}))
      << "only the limits set apply";
}

TEST(ApprovalLimits, AProposalsSizeIsItsChangeAndTheValueItMoved) {
  ProposalSize size = size_of_proposal({{"delta", -3000}, {"pct", -12500}, {"value_minor", -900}, {"moved_value_minor", 400}});
  EXPECT_EQ(size.qty, 3000);
  EXPECT_EQ(size.pct, 12500);
  EXPECT_EQ(size.value_minor, 1300);
  EXPECT_FALSE(size_of_proposal({{"delta", 2000}, {"pct", nullptr}}).pct);
}

TEST(ApprovalLimits, TheBodyIsCheckedFieldByField) {
  std::vector<FieldError> errors;
  auto limits = limits_from_json({{"qty", 12.5}, {"value", "250.00"}}, "limits", errors);
  ASSERT_TRUE(limits);
  EXPECT_EQ(limits->qty, 12500);
  EXPECT_FALSE(limits->pct);
  EXPECT_EQ(limits->value_minor, 25000);
  EXPECT_EQ(limits_json(*limits), (json{{"qty", 12.5}, {"pct", nullptr}, {"value", "250.00"}}));
  EXPECT_TRUE(limits_from_json(nullptr, "limits", errors)->any() == false);
  EXPECT_FALSE(limits_from_json({{"qty", -1}, {"value", "abc"}, {"other", 1}}, "limits", errors));
  std::vector<std::string> paths;
  for (const auto& e : errors) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"limits.other", "limits.qty", "limits.value"}));
}

}  // namespace
}  // namespace core
