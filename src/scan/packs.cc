#include "scan/packs.h"

#include "quantity.h"

namespace core::scan {

namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool code_ok(std::string_view code) {
  if (code.empty() || code.size() > 20) return false;
  for (char c : code) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::vector<Uom>> uoms_from_text(std::string_view text, std::string& why) {
  std::vector<Uom> out;
  text = trim(text);
  while (!text.empty()) {
    size_t end = text.find(';');
    std::string_view part = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : trim(text.substr(end + 1));
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string_view code = trim(part.substr(0, eq));
    if (eq == std::string_view::npos || !code_ok(code)) {
      why = "units as CODE=factor separated by ';', such as CASE=12;PALLET=480 (codes: letters, digits, _ and -, at most 20)";
      return std::nullopt;
    }
    auto factor = scaled_from_text(trim(part.substr(eq + 1)), 3);
    if (!factor || *factor <= 0 || *factor > kMaxUomFactor) {
      why = "the factor of " + std::string(code) + " must be above 0 and at most 1000000, with at most 3 decimals";
      return std::nullopt;
    }
    if (find_uom(out, code)) {
      why = "unit " + upper(code) + " is given twice";
      return std::nullopt;
    }
    out.push_back({upper(code), *factor});
    if (out.size() > kMaxUoms) {
      why = "at most " + std::to_string(kMaxUoms) + " units an item";
      return std::nullopt;
    }
  }
  return out;
}

std::vector<Uom> uoms_of_column(std::string_view stored) {
  std::vector<Uom> out;
  if (stored.empty()) return out;
  auto parsed = parse_json(stored);
  if (!parsed || !parsed->is_array()) return out;
  for (const auto& u : *parsed) {
    if (!u.is_object()) continue;
    std::string code = string_or(u, "code", "");
    int64_t factor = int_or(u, "factor", 0);
    if (!code.empty() && factor > 0) out.push_back({std::move(code), factor});
  }
  return out;
}

std::string uoms_column(const std::vector<Uom>& uoms) {
  json out = json::array();
  for (const auto& u : uoms) out.push_back({{"code", u.code}, {"factor", u.factor}});
  return out.dump();
}

json uoms_json(const std::vector<Uom>& uoms) {
  json out = json::array();
  for (const auto& u : uoms) out.push_back({{"code", u.code}, {"factor", qty_json(u.factor)}});
  return out;
}

const Uom* find_uom(const std::vector<Uom>& uoms, std::string_view code) {
  std::string wanted = upper(code);
  for (const auto& u : uoms) {
    if (u.code == wanted) return &u;
  }
  return nullptr;
}

std::optional<int64_t> base_qty(int64_t uom_qty, int64_t factor) {
  __int128 product = static_cast<__int128>(uom_qty) * factor;
  if (product % kQtyScale != 0) return std::nullopt;
  __int128 base = product / kQtyScale;
  if (base > INT64_MAX || base < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(base);
}

std::string pack_text(int64_t uom_qty, const Uom& uom) {
  std::string out = qty_json(uom_qty).dump() + " × " + uom.code;
  return uom.factor > 0 ? out + " (" + qty_json(uom.factor).dump() + ")" : out;
}

}  // namespace core::scan
