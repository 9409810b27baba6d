#include "json_access.h"

#include <gtest/gtest.h>

#include "core.h"

namespace core {
namespace {

TEST(JsonAccess, WrongTypesReadAsAbsentInsteadOfAborting) {
  json j = {{"s", 1}, {"n", "x"}, {"b", 0}, {"arr", json::array()}};
  EXPECT_FALSE(string_member(j, "s").has_value());
  EXPECT_FALSE(int_member(j, "n").has_value());
  EXPECT_FALSE(bool_member(j, "b").has_value());
  EXPECT_EQ(member(json::array(), "s"), nullptr);
  EXPECT_EQ(member(json("text"), "s"), nullptr);
  EXPECT_EQ(int_or(j, "missing", 7), 7);
}

TEST(JsonAccess, IntegralFloatsReadAsIntegersButFractionsDoNot) {
  json j = {{"a", 3.0}, {"b", 3.5}};
  EXPECT_EQ(int_member(j, "a"), 3);
  EXPECT_FALSE(int_member(j, "b").has_value());
}

// One JSON text, whole: anything after it, or a text cut short, is not JSON.
TEST(JsonAccess, ParsesOneWholeTextOrNothing) {
  EXPECT_EQ(parse_json(R"({"a":[1,2.5,"x",null,true]})"), (json{{"a", {1, 2.5, "x", nullptr, true}}}));
  EXPECT_EQ(parse_json("  7 "), json(7));
  for (const char* text : {"", "{} x", "{}{}", "[1,", "{\"a\":}", "nul", "\"open"}) {
    EXPECT_FALSE(parse_json(text).has_value()) << text;
  }
}

// The DOM the core builds: nested containers in order, and a repeated key's last value.
TEST(JsonAccess, BuildsNestedValuesAndKeepsARepeatedKeysLastValue) {
  auto parsed = parse_json(R"({"a":1,"b":[[],{"c":[1,{"d":-2}]},"e"],"a":{"x":18446744073709551615}})");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, (json{{"a", {{"x", 18446744073709551615ULL}}},
                           {"b", {json::array(), {{"c", {1, {{"d", -2}}}}}, "e"}}}));
}

// Whatever arrives, the core answers JSON and never aborts.
TEST(Core, AnswersEveryMalformedInputWithAProblem) {
  for (const char* input : {"", "{", "[]", "null", "{\"kind\":7}", "{\"kind\":\"http\"}",
                            "{\"kind\":\"http\",\"request\":[]}",
                            "{\"kind\":\"http\",\"request\":{\"method\":1,\"path\":{}}}"}) {
    auto out = parse_json(handle(input));
    ASSERT_TRUE(out.has_value()) << input;
    EXPECT_TRUE(out->is_object()) << input;
  }
}

}  // namespace
}  // namespace core
