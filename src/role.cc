#include "role.h"

namespace core {

std::optional<Role> role_from_name(std::string_view name) {
  if (name == "scanner") return Role::kScanner;
  if (name == "approver") return Role::kApprover;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kScanner: return "scanner";
    case Role::kApprover: return "approver";
    case Role::kAdmin: return "admin";
    case Role::kPublic: break;
  }
  return "public";
}

bool role_allows(Role held, Role required) { return static_cast<int>(held) >= static_cast<int>(required); }

}  // namespace core
