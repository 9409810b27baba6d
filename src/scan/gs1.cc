#include "scan/gs1.h"

#include <algorithm>
#include <array>

#include "quantity.h"

namespace core::scan {

namespace {

// The application identifiers read (GS1 General Specifications, section 3): fixed-length
// data needs no FNC1 after it, variable-length data ends at FNC1 or at the text's end.
enum class Data { kDigits, kText };
struct AiRule {
  std::string_view ai;  // "310" stands for 3100…3105 (the fourth digit: decimals)
  size_t length;        // fixed length, or the most a variable field holds
  bool fixed;
  Data data;
};
constexpr std::array<AiRule, 8> kRules = {{
    {"01", 14, true, Data::kDigits},   // GTIN
    {"02", 14, true, Data::kDigits},   // GTIN of the trade items contained
    {"10", 20, false, Data::kText},    // batch or lot
    {"17", 6, true, Data::kDigits},    // expiration date YYMMDD
    {"21", 20, false, Data::kText},    // serial number
    {"30", 8, false, Data::kDigits},   // variable count of items
    {"37", 8, false, Data::kDigits},   // count of trade items contained
    {"310", 6, true, Data::kDigits},   // net weight, kg, n decimals
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// GS1 AI encodable character set 82 (the characters a lot or a serial may hold).
bool in_set_82(char c) {
  if (is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  return std::string_view("!\"%&'()*+,-./:;<=>?_").find(c) != std::string_view::npos;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return !s.empty();
}

// The rule whose AI `text` starts with, and that AI's length; nullptr when none.
const AiRule* rule_at(std::string_view text, size_t& ai_length) {
  if (text.size() >= 4 && text.substr(0, 3) == "310" && text[3] >= '0' && text[3] <= '5') {
    ai_length = 4;
    return &kRules.back();
  }
  for (const auto& r : kRules) {
    if (r.ai.size() == 2 && text.substr(0, 2) == r.ai) {
      ai_length = 2;
      return &r;
    }
  }
  return nullptr;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// YYMMDD → YYYY-MM-DD by GS1's sliding century; nullopt when not a date.
std::optional<std::string> expiry_date(std::string_view yymmdd, int reference_year) {
  int yy = (yymmdd[0] - '0') * 10 + (yymmdd[1] - '0');
  int mm = (yymmdd[2] - '0') * 10 + (yymmdd[3] - '0');
  int dd = (yymmdd[4] - '0') * 10 + (yymmdd[5] - '0');
  int century = reference_year / 100 * 100;
  int diff = yy - reference_year % 100;
  int year = century + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  if (mm < 1 || mm > 12) return std::nullopt;
  int last = days_in_month(year, mm);
  if (dd > last) return std::nullopt;
  if (dd == 0) dd = last;  // "00": the end of the month
  char out[11];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, mm, dd);
  return std::string(out);
}

class ElementReader {
 public:
  ElementReader(int reference_year) : reference_year_(reference_year) {}

  // One element: its checks, then its place in the read. A problem ends the reading.
  std::optional<Gs1Problem> take(std::string ai, std::string_view data, size_t position, const AiRule& rule) {
    auto fail = [&](std::string why) { return Gs1Problem{ai, position, std::move(why)}; };
    if (data.empty()) return fail("no data");
    if (rule.fixed && data.size() != rule.length) {
      return fail("needs " + std::to_string(rule.length) + " digits, has " + std::to_string(data.size()));
    }
    if (data.size() > rule.length) {
      return fail("at most " + std::to_string(rule.length) + " characters (a variable-length field ends with FNC1 before the next AI)");
    }
    for (char c : data) {
      if (rule.data == Data::kDigits ? !is_digit(c) : !in_set_82(c)) {
        return fail(rule.data == Data::kDigits ? "digits only" : "holds a character GS1 does not allow here");
      }
    }
    for (const auto& e : read_.elements) {
      if (e.ai == ai) {
        if (e.data == data) return std::nullopt;
        return fail("given twice with different data");
      }
    }
    if (ai == "01" || ai == "02") {
      if (!read_.gtin.empty()) return fail("a label carries one GTIN (AI 01 or AI 02), not both");
      if (!gtin_check_digit_ok(data)) return fail("check digit does not match");
      read_.gtin = std::string(data);
      read_.contained = ai == "02";
    } else if (ai == "10") {
      read_.lot = std::string(data);
    } else if (ai == "21") {
      read_.serial = std::string(data);
    } else if (ai == "17") {
      auto date = expiry_date(data, reference_year_);
      if (!date) return fail("not a date (YYMMDD)");
      read_.expiry = *date;
    } else if (ai == "30" || ai == "37") {
      if (read_.count) return fail("a label carries one count (AI 30 or AI 37)");
      read_.count = std::stoll(std::string(data)) * kQtyScale;
    } else {  // 310n
      size_t decimals = static_cast<size_t>(ai[3] - '0');
      std::string whole(data.substr(0, 6 - decimals));
      size_t lead = whole.find_first_not_of('0');
      whole = lead == std::string::npos ? "0" : whole.substr(lead);
      read_.net_kg = decimals ? whole + "." + std::string(data.substr(6 - decimals)) : whole;
    }
    read_.elements.push_back({std::move(ai), std::string(data), position});
    return std::nullopt;
  }

  Gs1Result done() {
    if (read_.elements.empty()) return {.problem = Gs1Problem{"", 0, "no GS1 data"}};
    return {.read = std::move(read_)};
  }

 private:
  int reference_year_;
  Gs1Read read_;
};

// "(01)09501101530003(10)LOT42": the human-readable form, typed or printed under the bars.
Gs1Result parse_hri(std::string_view text, size_t offset, int reference_year) {
  ElementReader reader(reference_year);
  size_t pos = 0;
  while (pos < text.size()) {
    size_t close = text.find(')', pos);
    if (text[pos] != '(' || close == std::string_view::npos) {
      return {.problem = Gs1Problem{"", offset + pos, "expected (AI) here"}};
    }
    std::string_view ai = text.substr(pos + 1, close - pos - 1);
    size_t ai_length = 0;
    const AiRule* rule = rule_at(ai, ai_length);
    if (rule == nullptr || ai_length != ai.size()) {
      return {.problem = Gs1Problem{std::string(ai), offset + pos, "not an AI this service reads"}};
    }
    size_t next = text.find('(', close + 1);
    if (next == std::string_view::npos) next = text.size();
    if (auto problem = reader.take(std::string(ai), text.substr(close + 1, next - close - 1), offset + pos, *rule)) {
      return {.problem = std::move(problem)};
    }
    pos = next;
  }
  return reader.done();
}

}  // namespace

std::string Gs1Problem::message() const {
  std::string where = "at position " + std::to_string(position);
  return ai.empty() ? where + ": " + why : "AI " + ai + " " + where + ": " + why;
}

int reference_year(std::string_view now) {
  if (now.size() < 4 || !all_digits(now.substr(0, 4))) return 2000;
  return std::stoi(std::string(now.substr(0, 4)));
}

bool gtin_check_digit_ok(std::string_view digits) {
  if (digits.size() < 2 || !all_digits(digits)) return false;
  int sum = 0;
  size_t last = digits.size() - 1;
  for (size_t i = 0; i < last; ++i) sum += (digits[last - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
  return (10 - sum % 10) % 10 == digits[last] - '0';
}

std::optional<std::string> gtin14(std::string_view digits) {
  if (digits.size() != 8 && digits.size() != 12 && digits.size() != 13 && digits.size() != 14) return std::nullopt;
  if (!gtin_check_digit_ok(digits)) return std::nullopt;
  return std::string(14 - digits.size(), '0') + std::string(digits);
}

Gs1Result parse_gs1(std::string_view text, char separator, int reference_year) {
  size_t offset = 0;
  bool element_string = false;  // a GS1 symbology identifier: never a bare GTIN
  if (text.size() >= 3 && text[0] == ']') {
    std::string_view id = text.substr(0, 3);
    if (id == "]C1" || id == "]d2" || id == "]Q3" || id == "]e0") {
      element_string = true;
    } else if (id != "]E0" && id != "]E4") {
      return {.problem = Gs1Problem{"", 0, "symbology " + std::string(id) + " does not carry GS1 data"}};
    }
    offset = 3;
  }
  auto is_fnc1 = [separator](char c) { return c == kGroupSeparator || (separator != '\0' && c == separator); };
  while (offset < text.size() && is_fnc1(text[offset])) ++offset;  // a leading FNC1 (the symbol's flag)
  std::string_view body = text.substr(offset);
  if (body.empty()) return {.problem = Gs1Problem{"", offset, "no GS1 data"}};
  if (body[0] == '(') return parse_hri(body, offset, reference_year);
  if (!element_string && all_digits(body) && body.size() != 16 && body.size() <= 14) {
    auto gtin = gtin14(body);
    if (!gtin) {
      return {.problem = Gs1Problem{"", offset, body.size() == 8 || body.size() >= 12
                                                    ? "check digit does not match"
                                                    : "not a GTIN (8, 12, 13 or 14 digits)"}};
    }
    Gs1Read read;
    read.gtin = *gtin;
    read.elements.push_back({"01", *gtin, offset});
    return {.read = std::move(read)};
  }

  ElementReader reader(reference_year);
  size_t pos = offset;
  while (pos < text.size()) {
    if (is_fnc1(text[pos])) {  // FNC1 after a fixed-length field: allowed, not needed
      ++pos;
      continue;
    }
    size_t ai_length = 0;
    const AiRule* rule = rule_at(text.substr(pos), ai_length);
    if (rule == nullptr) {
      std::string ai(text.substr(pos, 2));
      return {.problem = Gs1Problem{ai, pos, "not an AI this service reads"}};
    }
    size_t start = pos + ai_length;
    size_t end = start;
    if (rule->fixed) {
      end = std::min(text.size(), start + rule->length);
      for (size_t i = start; i < end; ++i) {
        if (is_fnc1(text[i])) {
          end = i;
          break;
        }
      }
    } else {
      while (end < text.size() && !is_fnc1(text[end])) ++end;
    }
    if (auto problem = reader.take(std::string(text.substr(pos, ai_length)), text.substr(start, end - start), pos, *rule)) {
      return {.problem = std::move(problem)};
    }
    pos = end;
  }
  return reader.done();
}

json gs1_json(const Gs1Read& read) {
  json out = json::object();
  if (!read.gtin.empty()) {
    out["gtin"] = read.gtin;
    out["contained"] = read.contained;
  }
  if (!read.lot.empty()) out["lot"] = read.lot;
  if (!read.serial.empty()) out["serial"] = read.serial;
  if (!read.expiry.empty()) out["expiry"] = read.expiry;
  if (read.count) out["count"] = qty_json(*read.count);
  if (!read.net_kg.empty()) out["net_kg"] = read.net_kg;
  json elements = json::array();
  for (const auto& e : read.elements) elements.push_back({{"ai", e.ai}, {"data", e.data}, {"position", e.position}});
  out["elements"] = std::move(elements);
  return out;
}

}  // namespace core::scan
