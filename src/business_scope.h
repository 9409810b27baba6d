#pragma once
// Which business a statement reads, named by the statement itself (DESIGN.md "One request").
//
// A request's first reads ride in the token lookup's batch, before the token is checked
// (one D1 round trip fewer). Then the business is not known yet: a scope of the token
// renders as the subquery that resolves the token's hash, so the reads see only the
// token's own business — or nothing for an unknown or revoked token. Once the token is
// checked, a scope of the business renders as its bound id. A handler writes
// `"… WHERE t.business_id = " + scope.sql(2)` and binds `scope.bound()` at ?2; nothing
// rewrites its SQL afterwards.
#include <string>

namespace core {

class BusinessScope {
 public:
  static BusinessScope of_business(std::string business_id) { return BusinessScope(std::move(business_id), true); }
  static BusinessScope of_token(std::string token_hash) { return BusinessScope(std::move(token_hash), false); }

  // The SQL that stands for the business, with its value bound at ?n (or at the next bare `?`).
  std::string sql(int n) const { return render("?" + std::to_string(n)); }
  std::string sql() const { return render("?"); }
  // What is bound at that ?n: the business id, or the token's hash.
  const std::string& bound() const { return value_; }

 private:
  std::string render(const std::string& marker) const {
    if (resolved_) return marker;
    return "(SELECT business_id FROM api_tokens WHERE token_hash = " + marker + " AND revoked_at IS NULL)";
  }
  BusinessScope(std::string value, bool resolved) : value_(std::move(value)), resolved_(resolved) {}
  std::string value_;
  bool resolved_;
};

// What a principal's business id and name hold while its token is unchecked: no row has
// either, so a statement that takes them instead of the scope finds nothing.
inline constexpr const char* kUncheckedToken = "\x01" "token-not-checked-yet";

}  // namespace core
