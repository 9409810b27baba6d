// GS1 element strings as scanners type them and cameras read them (src/scan/gs1.h): real label
// strings with and without the AIM prefix, FNC1 as GS or a substitute, the human-readable form,
// bare EAN/UPC, and every refusal with the AI and the position it names.
#include <gtest/gtest.h>

#include "scan/gs1.h"

namespace core::scan {
namespace {

constexpr char GS = kGroupSeparator;
constexpr int kYear = 2026;

Gs1Read read_ok(std::string_view text, char separator = '\0') {
  auto result = parse_gs1(text, separator, kYear);
  EXPECT_TRUE(result.read) << text << ": " << (result.problem ? result.problem->message() : "");
  return result.read.value_or(Gs1Read{});
}

Gs1Problem refused(std::string_view text, char separator = '\0') {
  auto result = parse_gs1(text, separator, kYear);
  EXPECT_TRUE(result.problem) << text << " was read";
  return result.problem.value_or(Gs1Problem{});
}

TEST(Gs1, Gs1128WithPrefixAndGroupSeparator) {
  std::string label = "]C1010950110153000317261231" + std::string(1, GS) + "10LOT42";
  Gs1Read r = read_ok(label);
  EXPECT_EQ(r.gtin, "09501101530003");
  EXPECT_FALSE(r.contained);
  EXPECT_EQ(r.expiry, "2026-12-31");
  EXPECT_EQ(r.lot, "LOT42");
  ASSERT_EQ(r.elements.size(), 3u);
  EXPECT_EQ(r.elements[0].position, 3u);
  EXPECT_EQ(r.elements[2].ai, "10");
  EXPECT_EQ(r.elements[2].position, 28u);
}

TEST(Gs1, VariableFieldsEndAtGsOrAtTheEnd) {
  // lot first (needs GS), serial last (ends with the string), count between
  std::string label = "010950110153000310ABC-1" + std::string(1, GS) + "3012" + std::string(1, GS) + "21SN0001";
  Gs1Read r = read_ok(label);
  EXPECT_EQ(r.lot, "ABC-1");
  EXPECT_EQ(r.count, 12000);
  EXPECT_EQ(r.serial, "SN0001");
}

TEST(Gs1, PrefixesOfEachGs1Symbology) {
  for (std::string prefix : {"]C1", "]d2", "]Q3", "]e0", ""}) {
    Gs1Read r = read_ok(prefix + "0109506000134352" + "17201225" + "10ABC123");
    EXPECT_EQ(r.gtin, "09506000134352") << prefix;
    EXPECT_EQ(r.expiry, "2020-12-25") << prefix;
    EXPECT_EQ(r.lot, "ABC123") << prefix;
  }
}

TEST(Gs1, LeadingFnc1AndFnc1AfterFixedFieldsAreTolerated) {
  std::string label = std::string(1, GS) + "0109501101530003" + std::string(1, GS) + "21X";
  EXPECT_EQ(read_ok(label).serial, "X");
}

TEST(Gs1, SubstituteSeparatorChosenByTheBusiness) {
  Gs1Read r = read_ok("0109501101530003107~3712", '~');
  EXPECT_EQ(r.lot, "7");
  EXPECT_EQ(r.count, 12000);
  // without the substitute, "~" is not a character a lot may hold
  EXPECT_EQ(refused("0109501101530003107~3712").ai, "10");
}

TEST(Gs1, ContainedItemsAndTheirCount) {
  Gs1Read r = read_ok("]C1020950110153000337480");
  EXPECT_EQ(r.gtin, "09501101530003");
  EXPECT_TRUE(r.contained);
  EXPECT_EQ(r.count, 480000);
}

TEST(Gs1, NetWeightKeepsItsDecimals) {
  EXPECT_EQ(read_ok("01095011015300033103001250").net_kg, "1.250");
  EXPECT_EQ(read_ok("01095011015300033100000042").net_kg, "42");
  EXPECT_EQ(read_ok("01095011015300033105012345").net_kg, "0.12345");
}

TEST(Gs1, HumanReadableForm) {
  Gs1Read r = read_ok("(01)09501101530003(17)261231(10)LOT42");
  EXPECT_EQ(r.gtin, "09501101530003");
  EXPECT_EQ(r.lot, "LOT42");
  EXPECT_EQ(refused("(01)09501101530003(99)X").ai, "99");
}

TEST(Gs1, BareRetailBarcodesBecomeGtin14) {
  EXPECT_EQ(read_ok("4006381333931").gtin, "04006381333931");   // EAN-13
  EXPECT_EQ(read_ok("036000291452").gtin, "00036000291452");    // UPC-A
  EXPECT_EQ(read_ok("96385074").gtin, "00000096385074");        // EAN-8
  EXPECT_EQ(read_ok("]E04006381333931").gtin, "04006381333931");
  EXPECT_EQ(read_ok("10614141000415").gtin, "10614141000415");  // GTIN-14 (ITF-14)
}

TEST(Gs1, DateRules) {
  EXPECT_EQ(read_ok("0109501101530003" "17000200").expiry, "2000-02-29");
  EXPECT_EQ(read_ok("0109501101530003" "17280200").expiry, "2028-02-29");  // 00: the month's last day
  EXPECT_EQ(read_ok("0109501101530003" "17270200").expiry, "2027-02-28");
  EXPECT_EQ(read_ok("0109501101530003" "17750101").expiry, "2075-01-01");  // 49 ahead
  EXPECT_EQ(read_ok("0109501101530003" "17770101").expiry, "1977-01-01");  // 51 ahead → last century
  Gs1Problem p = refused("0109501101530003" "17261301");
  EXPECT_EQ(p.ai, "17");
  EXPECT_EQ(p.position, 16u);
  EXPECT_EQ(refused("0109501101530003" "17270230").ai, "17");
  EXPECT_EQ(refused("0109501101530003" "1727A230").why, "digits only");
}

struct Bad {
  std::string text;
  std::string ai;
  size_t position;
  std::string why_has;
};

void PrintTo(const Bad& bad, std::ostream* os) { *os << "AI '" << bad.ai << "' at " << bad.position; }

class Gs1Refusals : public ::testing::TestWithParam<Bad> {};

TEST_P(Gs1Refusals, NameTheAiAndItsPosition) {
  const Bad& bad = GetParam();
  Gs1Problem p = refused(bad.text);
  EXPECT_EQ(p.ai, bad.ai) << bad.text;
  EXPECT_EQ(p.position, bad.position) << bad.text;
  EXPECT_NE(p.why.find(bad.why_has), std::string::npos) << p.message();
  EXPECT_NE(p.message().find("position " + std::to_string(bad.position)), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Table, Gs1Refusals,
    ::testing::Values(
        Bad{"]C10109501101530004", "01", 3, "check digit"},
        Bad{"0209501101530004", "02", 0, "check digit"},
        Bad{"4006381333932", "", 0, "check digit"},
        Bad{"12345", "", 0, "not a GTIN"},
        Bad{"]C1010950110153000399ABC", "99", 19, "not an AI"},
        Bad{"]C10109501101530003" "10" "ABCDEFGHIJKLMNOPQRSTU", "10", 19, "at most 20"},
        Bad{"]C1010950110153", "01", 3, "needs 14 digits"},
        Bad{"]C10109501101530003" "30" "123456789", "30", 19, "at most 8"},
        Bad{"]C10109501101530003" "10", "10", 19, "no data"},
        Bad{"0109501101530003" "0209501101530003", "02", 16, "not both"},
        Bad{"0109501101530003" "10A" "\x1d" "10B", "10", 20, "twice"},
        Bad{"]C0ABC", "", 0, "does not carry GS1"},
        Bad{"]C1", "", 3, "no GS1 data"},
        Bad{"", "", 0, "no GS1 data"},
        Bad{"0109501101530003" "3106123456", "31", 16, "not an AI"}),
    [](const ::testing::TestParamInfo<Bad>& info) { return "label" + std::to_string(info.index); });

TEST(Gs1, Gtin14NormalisesOnlyValidGtins) {
  EXPECT_EQ(gtin14("4006381333931"), "04006381333931");
  EXPECT_FALSE(gtin14("4006381333932"));
  EXPECT_FALSE(gtin14("400638133393"));  // 12 digits, wrong check
  EXPECT_FALSE(gtin14("40063813339311"));
  EXPECT_FALSE(gtin14("12345678901"));
}

TEST(Gs1, JsonShowsWhatWasRead) {
  json j = gs1_json(read_ok("]C1020950110153000337480"));
  EXPECT_EQ(j["gtin"], "09501101530003");
  EXPECT_EQ(j["contained"], true);
  EXPECT_EQ(j["count"], 480);
  EXPECT_EQ(j["elements"].size(), 2u);
  EXPECT_FALSE(j.contains("lot"));
}

}  // namespace
}  // namespace core::scan
