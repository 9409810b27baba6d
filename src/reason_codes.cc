#include "reason_codes.h"

#include <algorithm>

namespace core {

namespace {

constexpr size_t kMaxCodeLength = 32, kMaxLabelLength = 80, kMaxMemoLength = 120;

bool code_shape(const std::string& code) {
  if (code.empty() || code.size() > kMaxCodeLength || code[0] < 'a' || code[0] > 'z') return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string code_list(const std::vector<ReasonCode>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ", ") + c.code;
  return out;
}

const ReasonCode* find_code(const std::vector<ReasonCode>& codes, const std::string& code) {
  for (const auto& c : codes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

}  // namespace

std::vector<ReasonCode> default_reason_codes() {
  return {{"damaged", "Damaged", ""},           {"theft", "Theft or loss", ""},
          {"miscount", "Miscount corrected", ""}, {"uom", "Wrong unit of measure", ""},
          {"found", "Found stock", ""},          {"supplier_short", "Supplier short-shipped", ""},
          {"other", "Other (see the note)", ""}};
}

std::optional<std::vector<ReasonCode>> reason_codes_from_json(const json& body, const std::string& path,
                                                               std::vector<FieldError>& errors) {
  size_t before = errors.size();
  if (!body.is_array() || body.empty() || body.size() > kMaxReasonCodes) {
    errors.push_back({path, "a list of 1 to " + std::to_string(kMaxReasonCodes) + " reason codes [{ code, label, ns_memo? }]"});
    return std::nullopt;
  }
  std::vector<ReasonCode> out;
  for (size_t i = 0; i < body.size(); ++i) {
    const json& entry = body[i];
    std::string at = path + "[" + std::to_string(i) + "]";
    if (!entry.is_object()) {
      errors.push_back({at, "an object { code, label, ns_memo? }"});
      continue;
    }
    for (const auto& [key, value] : entry.items()) {
      if (key != "code" && key != "label" && key != "ns_memo") errors.push_back({at + "." + key, "not a field (code, label and ns_memo are)"});
    }
    ReasonCode code{string_or(entry, "code", ""), string_or(entry, "label", ""), string_or(entry, "ns_memo", "")};
    const json* memo = member(entry, "ns_memo");
    if (!code_shape(code.code)) {
      errors.push_back({at + ".code", "lower-case letters, digits and _, starting with a letter, at most 32"});
    } else if (code.code == kWithinTolerance) {
      errors.push_back({at + ".code", "within_tolerance is kept for automatic adjustments"});
    } else if (find_code(out, code.code)) {
      errors.push_back({at + ".code", code.code + " is listed twice"});
    }
    if (!member(entry, "label") || !member(entry, "label")->is_string() || blank(code.label) ||
        code.label.size() > kMaxLabelLength) {
      errors.push_back({at + ".label", "a text of 1 to 80 characters"});
    }
    if (memo && !memo->is_null() && (!memo->is_string() || code.ns_memo.size() > kMaxMemoLength)) {
      errors.push_back({at + ".ns_memo", "a text of at most 120 characters, or null"});
    }
    out.push_back(std::move(code));
  }
  if (errors.size() != before) return std::nullopt;
  return out;
}

std::vector<ReasonCode> reason_codes_of_settings(const json& settings_rows) {
  if (settings_rows.empty()) return default_reason_codes();
  auto parsed = parse_json(string_or(settings_rows[0], "reason_codes", ""));
  if (!parsed) return default_reason_codes();
  std::vector<FieldError> ignored;
  auto codes = reason_codes_from_json(*parsed, "", ignored);  // saved only after this same check
  return codes ? *codes : default_reason_codes();
}

json reason_codes_json(const std::vector<ReasonCode>& codes) {
  json out = json::array();
  for (const auto& c : codes) {
    out.push_back({{"code", c.code}, {"label", c.label}, {"ns_memo", c.ns_memo.empty() ? json() : json(c.ns_memo)}});
  }
  return out;
}

std::string reason_codes_text(const std::vector<ReasonCode>& codes) { return reason_codes_json(codes).dump(); }

std::vector<FieldError> check_decision_reason(const std::vector<ReasonCode>& codes, const json& body) {
  const json* code = member(body, "reason_code");
  if (!code || code->is_null()) return {{"reason_code", "required: one of " + code_list(codes)}};
  if (!code->is_string() || !find_code(codes, code->get<std::string>())) {
    return {{"reason_code", "not one of this business's reason codes: " + code_list(codes)}};
  }
  if (code->get<std::string>() == kOtherReason && blank(string_or(body, "reason_note", ""))) {
    return {{"reason_note", "say what happened when the reason is other"}};
  }
  return {};
}

std::string reason_label(const std::vector<ReasonCode>& codes, const std::string& code) {
  if (code.empty()) return "Not coded";
  if (code == kWithinTolerance) return "Within tolerance";
  const ReasonCode* found = find_code(codes, code);
  return found ? found->label : code;
}

std::string memo_reason(const std::vector<ReasonCode>& codes, const std::string& code) {
  if (code == kWithinTolerance) return "reason within_tolerance: within the guardrail";
  const ReasonCode* found = find_code(codes, code);
  std::string text = found ? (found->ns_memo.empty() ? found->label : found->ns_memo) : "";
  return "reason " + code + (text.empty() ? "" : ": " + text);
}

}  // namespace core
