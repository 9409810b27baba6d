#pragma once
// The status words of a table's rows, from one place each. A module declares its statuses as
//
//   enum class PushStatus { kPending, kInFlight, kDone, kDead };
//   constexpr std::array<std::string_view, 4> status_names(PushStatus) { return {"pending", …}; }
//
// and code only names them through the enum: `is_status(row_text, PushStatus::kDead)` for a row,
// `status_sql(PushStatus::kPending)` for the quoted literal a statement reads or writes
// ('pending'), `status_from<PushStatus>(text)` for a filter. (The session and task lifecycles
// name theirs in stock_count/lifecycle.h.)
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace core {

template <typename Status>
constexpr std::string_view status_name(Status status) {
  return status_names(Status{})[static_cast<size_t>(status)];
}

template <typename Status>
bool is_status(std::string_view text, Status status) {
  return text == status_name(status);
}

template <typename Status>
std::string status_sql(Status status) {
  return "'" + std::string(status_name(status)) + "'";
}

template <typename Status>
std::optional<Status> status_from(std::string_view text) {
  constexpr auto names = status_names(Status{});
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) return static_cast<Status>(i);
  }
  return std::nullopt;
}

}  // namespace core
