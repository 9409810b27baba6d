#include "stock_count/count_lines.h"

#include <gtest/gtest.h>

namespace core::stock_count {
namespace {

using Kind = LineField::Kind;

// The problem+json a refused body answers with.
json problem_of(const CountBodyRead& read) {
  if (!read.problem) return json();
  return parse_json(string_or((*read.problem)["respond"], "body", "")).value_or(json());
}
int status_of(const CountBodyRead& read) { return static_cast<int>(int_or(problem_of(read), "status", 0)); }
std::string path_of(const CountBodyRead& read) { return string_or(problem_of(read)["errors"][0], "path", ""); }

TEST(CountLines, ReadsEachLineIntoTypedFields) {
  auto read = read_count_body(R"({"location_id":"L1","session_id":null,"note":{"x":[1]},"counts":[
      {"sku":"A","bin":"B1","counted_qty":2.5,"client_entry_id":"c1","extra":[{"deep":"y"}]},
      {"item_id":7,"sku":"S","zone":"Z","counted_qty":"3","batch_number":null},
      5,
      {"sku":"A","sku":"C","counted_qty":1,"counted_qty":{"n":1}},
      {"batch_number":"B","batch_number":[1],"counted_qty":0.001}]})", "counts");
  ASSERT_FALSE(read.problem.has_value());
  const CountBody& b = read.body;
  EXPECT_EQ(b.location_id.view(), "L1");
  EXPECT_EQ(b.session_id.kind, Kind::kNull);
  EXPECT_FALSE(b.task_id.present());
  ASSERT_TRUE(b.list_is_array);
  ASSERT_EQ(b.lines.size(), 5u);

  const CountLine& first = b.lines[0];
  EXPECT_TRUE(first.is_object);
  EXPECT_EQ(first.sku.view(), "A");
  EXPECT_EQ(first.bin.view(), "B1");
  EXPECT_EQ(first.qty, 2500);
  EXPECT_EQ(first.client_entry_id.view(), "c1");
  EXPECT_FALSE(first.item_id.present());

  const CountLine& second = b.lines[1];
  EXPECT_TRUE(second.item_id.wrong_type());  // a number: present, not text
  EXPECT_EQ(second.item_id.view(), "");
  EXPECT_EQ(second.zone.view(), "Z");
  EXPECT_FALSE(second.qty.has_value());  // "3" is text, not a quantity
  EXPECT_EQ(second.batch_number.kind, Kind::kNull);

  EXPECT_FALSE(b.lines[2].is_object);
  // A repeated key: the last value counts, as in a DOM.
  EXPECT_EQ(b.lines[3].sku.view(), "C");
  EXPECT_FALSE(b.lines[3].qty.has_value());
  EXPECT_TRUE(b.lines[4].batch_number.wrong_type());
  EXPECT_TRUE(b.lines[4].batch_number.text.empty());
  EXPECT_EQ(b.lines[4].qty, 1);
}

TEST(CountLines, ReadsOnlyTheNamedList) {
  auto read = read_count_body(R"({"counts":[{"sku":"A"}],"entries":{"sku":"B"}})", "entries");
  ASSERT_FALSE(read.problem.has_value());
  EXPECT_FALSE(read.body.list_is_array);
  EXPECT_TRUE(read.body.lines.empty());
  auto repeated = read_count_body(R"({"entries":[{"sku":"A"},{"sku":"B"}],"entries":[{"sku":"C"}]})", "entries");
  ASSERT_EQ(repeated.body.lines.size(), 1u);
  EXPECT_EQ(repeated.body.lines[0].sku.view(), "C");
}

TEST(CountLines, RefusesWhatJsonBodyRefuses) {
  EXPECT_EQ(status_of(read_count_body("", "counts")), 400);
  EXPECT_EQ(status_of(read_count_body(R"({"counts":[})", "counts")), 400);
  EXPECT_EQ(status_of(read_count_body(R"([{"sku":"A"}])", "counts")), 422);
  EXPECT_EQ(status_of(read_count_body("7", "counts")), 422);

  auto control = read_count_body(R"({"counts":[{"sku":"A"},{"sku":"B\u0000"}]})", "counts");
  ASSERT_TRUE(control.problem.has_value());
  EXPECT_EQ(path_of(control), "counts[1].sku");
  EXPECT_TRUE(control.body.lines.empty());  // nothing read is kept beside a refusal

  std::string long_text(kMaxTextLength + 1, 'x');
  auto deep = read_count_body(R"({"counts":[{"sku":"A","extra":{"list":[1,")" + long_text + R"("]}}]})", "counts");
  ASSERT_TRUE(deep.problem.has_value());
  EXPECT_EQ(path_of(deep), "counts[0].extra.list[1]");
  auto top = read_count_body(R"({"location_id":")" + long_text + R"(","counts":[]})", "counts");
  EXPECT_EQ(path_of(top), "location_id");
}

}  // namespace
}  // namespace core::stock_count
