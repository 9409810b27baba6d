#include "settings.h"

#include <charconv>

#include "stock_count/queries/item_pages.h"

namespace core {

namespace {

int64_t number_or(const json* settings, std::string_view name, int64_t fallback, int64_t min, int64_t max) {
  std::string text = settings ? string_or(*settings, name, "") : "";
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min || value > max) return fallback;
  return value;
}

}  // namespace

Settings settings_of(const json& settings) {
  const json* s = settings.is_object() ? &settings : nullptr;
  return {number_or(s, "NS_RETRY_BASE_MS", 30000, 0, 3600000), number_or(s, "NS_TIMEOUT_MS", 20000, 100, 120000),
          s != nullptr && string_or(*s, "NS_ALLOW_LOOPBACK", "") == "1",
          s != nullptr ? string_or(*s, "NS_SECRETS_KEY_STATUS", "") : "", number_or(s, "COUNT_PAGE_LINES", 2000, 1, 100000),
          number_or(s, "D1_STATEMENT_BUDGET", static_cast<int64_t>(stock_count::kPageStatementBudget), 1, 1000),
          number_or(s, "NS_SYNC_MINUTES", 15, 1, 1440), number_or(s, "NS_MAX_CONCURRENCY", 1, 1, 10)};
}

}  // namespace core
