// Imports (DESIGN.md "Real data in"): the CSV reader, the upload's rows, each kind's checks.
#include <gtest/gtest.h>

#include "import/csv.h"
#include "import/import_rows.h"
#include "import/zone_rule.h"
#include "import/sheet.h"
#include "quantity.h"

namespace core::import {
namespace {

TEST(Csv, ReadsQuotedFieldsLineEndsAndAByteOrderMark) {
  auto t = parse_csv("\xEF\xBB\xBF" "sku, name \r\nA-1,\"Nut, \"\"hex\"\"\"\r\n\r\nA-2,\"two\nlines\"\nA-3,", 10);
  ASSERT_EQ(t.problem, "");
  EXPECT_EQ(t.header, (std::vector<std::string>{"sku", "name"}));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields, (std::vector<std::string>{"A-1", "Nut, \"hex\""}));
  EXPECT_EQ(t.rows[1].fields, (std::vector<std::string>{"A-2", "two\nlines"}));
  EXPECT_EQ(t.rows[1].line, 4u);
  EXPECT_EQ(t.rows[2].fields, (std::vector<std::string>{"A-3", ""}));
  EXPECT_EQ(t.rows[2].line, 6u);
}

TEST(Csv, AStrayQuoteIsTheRowsProblemAnUnclosedOneTheFiles) {
  auto stray = parse_csv("a,b\nx\"y,1\n\"q\"z,2\n", 10);
  ASSERT_EQ(stray.rows.size(), 2u);
  EXPECT_NE(stray.rows[0].problem.find("quote inside an unquoted field"), std::string::npos);
  EXPECT_NE(stray.rows[1].problem.find("text after a closing quote"), std::string::npos);
  auto open = parse_csv("a,b\n1,\"never\n2,3\n", 10);
  EXPECT_EQ(open.problem, "a quoted field opened on line 2 is never closed");
}

TEST(Csv, StopsOneRowPastTheLimitAndWritesFieldsBack) {
  EXPECT_EQ(parse_csv("a\n1\n2\n3\n4\n", 2).rows.size(), 3u);
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(Quantity, DecimalTextIsExactAndRefusesWhatIsNotPlainText) {
  EXPECT_EQ(scaled_from_text("12", 3), 12000);
  EXPECT_EQ(scaled_from_text("30.5", 3), 30500);
  EXPECT_EQ(scaled_from_text("0.125", 3), 125);
  EXPECT_EQ(scaled_from_text("12.50", 2), 1250);
  for (const char* bad : {"", "-1", "1.", ".5", "1.2345", "1e3", "1,5", " 1", "12345678901234"}) {
    EXPECT_EQ(scaled_from_text(bad, 3), std::nullopt) << bad;
  }
}

TEST(ZoneRule, ByDefaultTheZoneIsTheBinCodesTextBeforeItsFirstDash) {
  ZoneRule rule;
  EXPECT_EQ(rule.zone_of("A-01-02"), "A");
  EXPECT_EQ(rule.zone_of("COLD-7"), "COLD");
  EXPECT_EQ(rule.zone_of("FLOOR"), "FLOOR");
  EXPECT_EQ(rule.zone_of("-7"), "-7");
  std::string error;
  EXPECT_TRUE(ZoneRule::parse("", error)->is_default());
}

std::string zone(std::string_view pattern, std::string_view bin) {
  std::string error;
  auto rule = ZoneRule::parse(pattern, error);
  EXPECT_TRUE(rule) << pattern << ": " << error;
  return rule ? rule->zone_of(bin) : "";
}

TEST(ZoneRule, APatternsGroupOrWholeMatchNamesTheZone) {
  struct Case { const char* pattern; const char* bin; const char* zone; };
  for (const Case& c : std::vector<Case>{
           {"^([A-Z]+)\\d", "AB12-03", "AB"},            // letters before the first digit
           {"^MEZZ-[A-Z]", "MEZZ-B-04", "MEZZ-B"},          // whole match, no group
           {"^(\\w+-\\w+)-", "COLD-2-07", "COLD-2"},      // the first two parts
           {"^(..)", "R3S07L2", "R3"},                      // the first two characters
           {"\\.(\\d+)\\.", "WH.12.A3", "12"},             // searched, not anchored
           {"^Z(\\d{2})", "Z07-001", "07"},
           {"^Z(\\d{2,3})", "Z1234", "123"},                // greedy, bounded
       }) {
    EXPECT_EQ(zone(c.pattern, c.bin), c.zone) << c.pattern << " on " << c.bin;
  }
  // A code the pattern does not match, or matches with nothing, falls back to the default rule.
  EXPECT_EQ(zone("^MEZZ-([A-Z])", "A-01-02"), "A");
  EXPECT_EQ(zone("^(x*)", "B-03"), "B");
  EXPECT_EQ(zone("[^-]+$", "A-01-99"), "99");
  EXPECT_EQ(zone("^([^-]*)-[^-]*$", "A-01-99"), "A") << "no match: the default";
}

TEST(ZoneRule, APatternOutsideTheSubsetIsRefusedWithItsPosition) {
  for (const auto& [pattern, why] : std::vector<std::pair<std::string, std::string>>{
           {"(a)(b)", "position 4: one group at most"},
           {"((a))", "position 2: groups cannot be nested"},
           {"a|b", "position 2: alternation"},
           {"*a", "position 1: nothing to repeat"},
           {"(a)+", "position 4: a group cannot be repeated"},
           {"a+?", "position 3: lazy"},
           {"[a-", "position 1: [ is never closed"},
           {"[z-a]", "position 2: a range runs backwards"},
           {"a{3,1}", "position 2: {n,m} needs"},
           {"a{x}", "position 2: { must hold a count"},
           {"\\bA", "position 2: unsupported escape"},
           {"(?:a)", "position 1: (?"},
           {"(a", "a ( is never closed"},
           {"a)", "position 2: ) without its ("},
           {std::string(101, 'a'), "at most 100 characters"},
       }) {
    std::string error;
    EXPECT_FALSE(ZoneRule::parse(pattern, error)) << pattern;
    EXPECT_EQ(error.rfind(why, 0), 0u) << pattern << " → " << error;
  }
}

TEST(ZoneRule, AHostilePatternStaysFastOnTheLongestBinCode) {
  std::string error;
  auto rule = ZoneRule::parse(".*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*x", error);
  ASSERT_TRUE(rule) << error;
  EXPECT_EQ(rule->zone_of(std::string(100, 'a')), std::string("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))
      << "no match: the default rule (the whole code), in bounded time";
}

Sheet sheet_of(std::string_view csv) {
  SheetRead read = read_sheet(csv, "text/csv; charset=utf-8");
  EXPECT_FALSE(read.problem) << read.problem->dump();
  return read.sheet;
}

TEST(Rows, ItemsAreCheckedRowByRowAndEveryProblemIsNamed) {
  auto items = check_items(sheet_of("sku,name,avg_cost,tracking\nA,Bolt,0.25,lot\nB,,1.234,box\nA,Again,1,\n"));
  ASSERT_EQ(items.rows.size(), 1u);
  EXPECT_EQ(items.rows[0].tracking, "batch");
  EXPECT_EQ(items.rows[0].avg_cost_minor, 25);
  std::vector<std::string> paths;
  for (const auto& e : items.errors.entries) paths.push_back(e.error.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"rows[2].name", "rows[2].avg_cost", "rows[2].tracking", "rows[3].sku"}));
  json answer = items.errors.answer("items");
  EXPECT_EQ(answer["respond"]["status"], 422);
}

TEST(Rows, ColumnsTheKindDoesNotHaveOrNeedsAreRefusedBeforeAnyRow) {
  auto bins = check_bins(sheet_of("location,code,zoen\nDC1,A-1,A\n"));
  ASSERT_EQ(bins.errors.total(), 1u);
  EXPECT_EQ(bins.errors.entries[0].row, 0u);
  EXPECT_EQ(bins.errors.entries[0].error.path, "rows[0].zoen");
  auto balances = check_balances(sheet_of("sku,location\nA,DC1\n"));
  EXPECT_EQ(balances.errors.entries[0].error.path, "rows[0].quantity");
}

TEST(Rows, ASerialIsZeroOrOneAndALineHasALotOrASerial) {
  auto b = check_balances(sheet_of("sku,location,bin,lot,serial,quantity\nS,DC1,A-1,,SN1,2\nS,DC1,A-1,L1,SN2,1\nS,DC1,A-1,,SN3,1\n"));
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_EQ(b.rows[0].quantity, 1000);
  EXPECT_TRUE(b.rows[0].placed());
  std::vector<std::string> paths;
  for (const auto& e : b.errors.entries) paths.push_back(e.error.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"rows[1].quantity", "rows[2].serial"}));
}

TEST(Rows, JsonRowsReadAsTheirCsvText) {
  SheetRead read = read_sheet(R"({"rows":[{"sku":"A","location":"DC1","quantity":2.5},{"sku":"B","location":"DC1","quantity":3}]})",
                              "application/json");
  ASSERT_FALSE(read.problem);
  auto b = check_balances(read.sheet);
  ASSERT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[0].quantity, 2500);
  EXPECT_EQ(b.rows[1].quantity, 3000);
  EXPECT_FALSE(b.rows[0].placed());
  SheetRead nested = read_sheet(R"({"rows":[{"sku":["A"]}]})", "application/json");
  EXPECT_NE(nested.sheet.rows[0].problem.find("holds a list"), std::string::npos);
}

TEST(Rows, TemplatesNameEveryColumnAndAnExample) {
  EXPECT_EQ(template_csv(ImportKind::kBalances), "sku,location,bin,lot,serial,quantity\r\nSKU-0001,DC1,A-01-01,,,40\r\n");
  for (auto kind : {ImportKind::kLocations, ImportKind::kBins, ImportKind::kItems, ImportKind::kBalances}) {
    auto read = read_sheet(template_csv(kind), "text/csv");
    ASSERT_FALSE(read.problem);
    EXPECT_EQ(read.sheet.rows.size(), 1u) << kind_name(kind);
  }
}

}  // namespace
}  // namespace core::import
