// Counting in packs (src/scan/packs.h): units as an import gives them, and counts in a unit
// turned into base units exactly.
#include <gtest/gtest.h>

#include "scan/packs.h"

namespace core::scan {
namespace {

TEST(Packs, UnitsFromAnImportCell) {
  std::string why;
  auto uoms = uoms_from_text(" case=12; PALLET = 480 ;", why);
  ASSERT_TRUE(uoms) << why;
  ASSERT_EQ(uoms->size(), 2u);
  EXPECT_EQ((*uoms)[0].code, "CASE");
  EXPECT_EQ((*uoms)[0].factor, 12000);
  EXPECT_EQ((*uoms)[1].factor, 480000);
  EXPECT_TRUE(uoms_from_text("", why)->empty());
  EXPECT_EQ(uoms_of_column(uoms_column(*uoms)).size(), 2u);
  EXPECT_EQ(uoms_json(*uoms)[1]["factor"], 480);
}

TEST(Packs, BadUnitsSayWhy) {
  std::string why;
  for (const char* bad : {"CASE", "CASE=0", "CASE=-1", "CASE=1.2345", "CASE=12;case=6", "CA SE=12", "=12",
                          "CASE=1000001", "CASE=abc"}) {
    why.clear();
    EXPECT_FALSE(uoms_from_text(bad, why)) << bad;
    EXPECT_FALSE(why.empty()) << bad;
  }
}

TEST(Packs, CountsInAUnitBecomeBaseUnitsExactly) {
  EXPECT_EQ(base_qty(2000, 12000), 24000);          // 2 CASE of 12 → 24
  EXPECT_EQ(base_qty(1500, 480000), 720000);        // 1.5 PALLET of 480 → 720
  EXPECT_EQ(base_qty(3, 2500), std::nullopt);       // 0.003 × 2.5 = 0.0075: more than 3 decimals
  EXPECT_EQ(base_qty(0, 12000), 0);
  EXPECT_EQ(base_qty(INT64_MAX / 10, 1'000'000'000), std::nullopt);  // beyond int64
}

TEST(Packs, FindsUnitsWhateverTheCase) {
  std::vector<Uom> uoms = {{"CASE", 12000}};
  ASSERT_NE(find_uom(uoms, "case"), nullptr);
  EXPECT_EQ(find_uom(uoms, "PALLET"), nullptr);
  EXPECT_EQ(pack_text(2000, uoms[0]), "2 × CASE (12)");
}

}  // namespace
}  // namespace core::scan
