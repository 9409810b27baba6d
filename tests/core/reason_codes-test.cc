// Reason codes (src/reason_codes.h): the list a business keeps, and what a decision must name.
#include <gtest/gtest.h>

#include "reason_codes.h"

namespace core {
namespace {

std::string paths(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : " ") + e.path;
  return out;
}

TEST(ReasonCodes, ADecisionNamesACodeOfTheListAndOtherNeedsANote) {
  auto codes = default_reason_codes();
  struct Case { json body; const char* errors; };
  for (const Case& c : std::vector<Case>{
           {{{"reason_code", "damaged"}}, ""},
           {{{"reason_code", "other"}, {"reason_note", "pallet fell from the rack"}}, ""},
           {json::object(), "reason_code"},
           {{{"reason_code", nullptr}}, "reason_code"},
           {{{"reason_code", 3}}, "reason_code"},
           {{{"reason_code", "DAMAGED"}}, "reason_code"},
           {{{"reason_code", "within_tolerance"}}, "reason_code"},  // kept for automatic adjustments
           {{{"reason_code", "other"}}, "reason_note"},
           {{{"reason_code", "other"}, {"reason_note", "  "}}, "reason_note"},
       }) {
    EXPECT_EQ(paths(check_decision_reason(codes, c.body)), c.errors) << c.body.dump();
  }
  auto unknown = check_decision_reason(codes, {{"reason_code", "lost"}});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_NE(unknown[0].message.find("damaged, theft, miscount, uom, found, supplier_short, other"), std::string::npos)
      << "the refusal lists the codes: " << unknown[0].message;
}

TEST(ReasonCodes, ASavedListReplacesTheDefaultsAndIsCheckedFieldByField) {
  std::vector<FieldError> errors;
  auto codes = reason_codes_from_json(
      json::array({{{"code", "breakage"}, {"label", "Broken in handling"}, {"ns_memo", "BRK"}},
                   {{"code", "count_error"}, {"label", "Counted wrong"}, {"ns_memo", nullptr}}}),
      "items", errors);
  ASSERT_TRUE(codes) << paths(errors);
  EXPECT_EQ(memo_reason(*codes, "breakage"), "reason breakage: BRK") << "ns_memo goes to NetSuite";
  EXPECT_EQ(memo_reason(*codes, "count_error"), "reason count_error: Counted wrong") << "else the label";
  json row = {{"reason_codes", reason_codes_text(*codes)}};
  auto kept = reason_codes_of_settings(json::array({row}));
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_TRUE(check_decision_reason(kept, {{"reason_code", "damaged"}}).size() == 1) << "the defaults no longer apply";
  EXPECT_EQ(reason_codes_of_settings(json::array()).size(), default_reason_codes().size()) << "none saved: the defaults";
  EXPECT_EQ(reason_codes_of_settings(json::array({{{"reason_codes", nullptr}}})).size(), default_reason_codes().size());

  errors.clear();
  EXPECT_FALSE(reason_codes_from_json(
      json::array({{{"code", "Bad Code"}, {"label", "x"}},
                   {{"code", "ok"}, {"label", ""}},
                   {{"code", "ok"}, {"label", "again"}, {"colour", "red"}},
                   {{"code", "within_tolerance"}, {"label", "mine"}},
                   {{"code", "memo"}, {"label", "m"}, {"ns_memo", std::string(121, 'x')}}}),
      "items", errors));
  EXPECT_EQ(paths(errors), "items[0].code items[1].label items[2].colour items[2].code items[3].code items[4].ns_memo");
  for (const json& bad : {json::array(), json("damaged"), json(nullptr)}) {
    errors.clear();
    EXPECT_FALSE(reason_codes_from_json(bad, "items", errors));
    EXPECT_EQ(paths(errors), "items") << bad.dump();
  }
  errors.clear();
  json many = json::array();
  for (int i = 0; i < 41; ++i) many.push_back({{"code", "c" + std::to_string(i)}, {"label", "L"}});
  EXPECT_FALSE(reason_codes_from_json(many, "items", errors)) << "at most 40";
}

TEST(ReasonCodes, AnAutomaticAdjustmentSaysWithinTolerance) {
  EXPECT_EQ(memo_reason({}, std::string(kWithinTolerance)), "reason within_tolerance: within the guardrail");
}

}  // namespace
}  // namespace core
