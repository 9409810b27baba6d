#pragma once
// The rule that names a bin's zone from its code, per business (business_settings.zone_pattern):
// by default the text before the first "-" (A-01-02 → A; a code without one is its own zone);
// or a pattern, a regular expression in a bounded subset, searched in the code: the zone is its
// one capture group, or the whole match when it has none; a code the pattern does not match
// falls back to the default.
//
// The subset: literals and escapes (\- \. \\ …), `.`, classes ([A-Z0-9_], [^-]), \d \w \s and
// their negations, quantifiers * + ? {n} {n,} {n,m} (greedy), anchors ^ and $, and at most one
// group ( … ) that is not quantified. No alternation, no nested groups, no backreferences: every
// match runs in time bounded by pattern × code² (failed states are remembered), so a pattern an
// admin types can never stall an import or a sync.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace core::import {

class ZoneRule {
 public:
  ZoneRule() = default;  // the default rule
  // The rule of a pattern, or why the pattern is refused (`error`, with its position).
  static std::optional<ZoneRule> parse(std::string_view pattern, std::string& error);

  std::string zone_of(std::string_view bin_code) const;
  bool is_default() const { return tokens_.empty(); }

  struct Token {
    enum class Kind { kLiteral, kAny, kClass, kGroupOpen, kGroupClose, kStart, kEnd } kind;
    char literal = 0;
    std::vector<std::pair<char, char>> ranges = {};  // kClass
    bool negated = false;
    int min = 1, max = 1;  // max -1: unbounded
  };

 private:
  std::vector<Token> tokens_;
};

inline constexpr size_t kMaxZonePatternLength = 100;

}  // namespace core::import
