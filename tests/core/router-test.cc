#include "router.h"

#include <gtest/gtest.h>

namespace core {
namespace {

json answer(const Ctx&) { return json(); }

static const Route kTable[] = {
    {"GET", "/stock-count/sessions/:id", Role::kScanner, answer},
    {"PATCH", "/stock-count/sessions/:id/start", Role::kApprover, answer},
    {"DELETE", "/stock-count/sessions/:sessionId/scopes/:scopeId", Role::kApprover, answer},
};

TEST(Router, CapturesPathParameters) {
  auto m = match_route(kTable, "DELETE", "/stock-count/sessions/s1/scopes/sc9");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["sessionId"], "s1");
  EXPECT_EQ(m.params["scopeId"], "sc9");
}

TEST(Router, KnownPathWithOtherMethodIsNotANotFound) {
  auto m = match_route(kTable, "POST", "/stock-count/sessions/s1/start");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.path_exists);
}

TEST(Router, UnknownPathMatchesNothing) {
  auto m = match_route(kTable, "GET", "/stock-count/sessions/s1/nope");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.path_exists);
}

TEST(Router, TrailingSlashIsTheSamePath) {
  EXPECT_NE(match_route(kTable, "GET", "/stock-count/sessions/s1/").route, nullptr);
}

TEST(Roles, HigherRolesMayDoWhatLowerOnesMay) {
  EXPECT_TRUE(role_allows(Role::kAdmin, Role::kApprover));
  EXPECT_TRUE(role_allows(Role::kApprover, Role::kApprover));
  EXPECT_FALSE(role_allows(Role::kScanner, Role::kApprover));
  EXPECT_FALSE(role_from_name("root").has_value());
}

}  // namespace
}  // namespace core
