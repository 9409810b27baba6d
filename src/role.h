#pragma once
// Token roles of API.md, ordered: a higher role may do all a lower one may.
#include <optional>
#include <string_view>

namespace core {

enum class Role { kPublic = 0, kScanner = 1, kApprover = 2, kAdmin = 3 };

std::optional<Role> role_from_name(std::string_view name);
std::string_view role_name(Role role);
bool role_allows(Role held, Role required);

}  // namespace core
