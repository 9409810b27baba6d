// The NetSuite push decisions of the core: TBA signing input, the JWT
// assertion, the record body, what an answer means, backoff, leases and the
// connection's validation.
#include <gtest/gtest.h>

#include "netsuite/connection.h"
#include "netsuite/jwt.h"
#include "netsuite/lease.h"
#include "netsuite/oauth1.h"
#include "netsuite/payload.h"
#include "netsuite/push_outcome.h"
#include "utc_time.h"

namespace core::netsuite {
namespace {

// ── TBA (OAuth 1.0a) ─────────────────────────────────────────────────────────

TEST(OAuth1, BaseStringMatchesTheWorkedExampleOfRfc5849) {
  // RFC 5849 §3.4.1.1: the query parameters and the form body of the example
  // request (c2 and a3=2 q came in the body; they are passed as parameters here).
  std::vector<OAuthParam> params = {{"oauth_consumer_key", "9djdj82h48djs9d2"}, {"oauth_token", "kkk9d7dh3k39sjv7"},
                                    {"oauth_signature_method", "HMAC-SHA1"},    {"oauth_timestamp", "137131201"},
                                    {"oauth_nonce", "7d8f3e4a"},                {"c2", ""},
                                    {"a3", "2 q"}};
  EXPECT_EQ(signature_base_string("POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", params),
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D"
            "%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
            "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
}

TbaRequest example_put() {
  return {"PUT", "https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/inventoryAdjustment/eid:" +
                     percent_encode("cc-stock-count:s1:INCREASE"),
          "1234567-sb1", "ck1", "tk1", "abc123", 1795000000};
}

TEST(OAuth1, NetSuitePutBaseStringSignsThePathExactlyAsSent) {
  // Written out by hand from RFC 5849; its HMAC-SHA256 under "cs%20secret&ts-secret",
  // computed with openssl, is checked against the shell in tests/worker/secrets.test.mjs.
  EXPECT_EQ(tba_base_string(example_put()),
            "PUT&https%3A%2F%2F1234567.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2FinventoryAdjustment"
            "%2Feid%3Acc-stock-count%253As1%253AINCREASE&oauth_consumer_key%3Dck1%26oauth_nonce%3Dabc123"
            "%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1795000000%26oauth_token%3Dtk1"
            "%26oauth_version%3D1.0");
}

TEST(OAuth1, AuthorizationHeaderCarriesTheRealmAndTheEncodedSignature) {
  EXPECT_EQ(tba_authorization_header(example_put(), "GK6cU0l2BE/W8LOx3EbZ9uOrDnSkQPlohqt/06v05Zs="),
            "OAuth realm=\"1234567_SB1\", oauth_consumer_key=\"ck1\", oauth_token=\"tk1\", "
            "oauth_signature_method=\"HMAC-SHA256\", oauth_timestamp=\"1795000000\", oauth_nonce=\"abc123\", "
            "oauth_version=\"1.0\", oauth_signature=\"GK6cU0l2BE%2FW8LOx3EbZ9uOrDnSkQPlohqt%2F06v05Zs%3D\"");
}

TEST(OAuth1, BaseStringUriLowersSchemeAndHostAndDropsDefaultPorts) {
  EXPECT_EQ(base_string_uri("HTTPS://Acct.NetSuite.com:443/a/B?x=1"), "https://acct.netsuite.com/a/B");
  EXPECT_EQ(base_string_uri("http://127.0.0.1:8788/p"), "http://127.0.0.1:8788/p");
  EXPECT_EQ(base_string_uri("http://example.com:80"), "http://example.com/");
}

TEST(OAuth1, PercentEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(percent_encode("a-b.c_d~e"), "a-b.c_d~e");
  EXPECT_EQ(percent_encode("a b+c/d:é"), "a%20b%2Bc%2Fd%3A%C3%A9");
  EXPECT_EQ(realm_of("tstdrv123-sb2"), "TSTDRV123_SB2");
}

// ── M2M (JWT assertion) ──────────────────────────────────────────────────────

TEST(Jwt, Base64UrlFollowsRfc4648WithoutPadding) {
  const std::pair<const char*, const char*> kVectors[] = {
      {"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"},
      {"foobar", "Zm9vYmFy"}, {"\xfb\xff", "-_8"}};
  for (const auto& [in, out] : kVectors) EXPECT_EQ(base64url(in), out) << in;
}

TEST(Jwt, AssertionNamesTheCertificateTheClientAndTheExactTokenUrl) {
  ClientAssertion a{"ES256", "cert-1", "client-9", token_url_of("https://1234567.suitetalk.api.netsuite.com"), 1795000000};
  EXPECT_EQ(a.token_url, "https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token");
  EXPECT_EQ(assertion_header(a), (json{{"alg", "ES256"}, {"typ", "JWT"}, {"kid", "cert-1"}}));
  json claims = assertion_claims(a);
  EXPECT_EQ(claims["iss"], "client-9");
  EXPECT_EQ(claims["scope"], json::array({"rest_webservices"}));
  EXPECT_EQ(claims["aud"], a.token_url);
  EXPECT_EQ(claims["iat"], 1795000000);
  EXPECT_GT(claims["exp"].get<int64_t>(), 1795000000);
  EXPECT_LE(claims["exp"].get<int64_t>(), 1795000000 + 3600);
  EXPECT_EQ(assertion_signing_input(a), base64url(assertion_header(a).dump()) + "." + base64url(claims.dump()));
  EXPECT_EQ(client_credentials_form("h.c.s"),
            "grant_type=client_credentials&client_assertion_type="
            "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=h.c.s");
}

// ── The record ───────────────────────────────────────────────────────────────

stock_count::PostingLine line(const char* item, const char* ns_item, int64_t delta, const char* batch = "",
                              const char* serial = "", const char* bin = "") {
  return {item, bin, batch, serial, delta, 100, "SKU", ns_item, "", bin};
}

TEST(Payload, OneLinePerItemWithEachBinInItsDetailKeepsSignsAndDatesByThePostingDay) {
  json body = posted_body({"17", "Cycle count s1", "2026-11-23T23:59:59.999Z"},
                          {line("i1", "1001", -2000, "", "", "A-01"), line("i1", "1001", -500, "", "", "A-02"),
                           line("i2", "1002", -1250)});
  EXPECT_EQ(body["tranDate"], "2026-11-23");
  EXPECT_EQ(body["memo"], "Cycle count s1");
  EXPECT_EQ(body["adjLocation"], (json{{"id", "17"}}));
  ASSERT_EQ(body["inventory"]["items"].size(), 2u);
  EXPECT_EQ(body["inventory"]["items"][0],
            (json{{"item", {{"id", "1001"}}}, {"location", {{"id", "17"}}}, {"adjustQtyBy", -2.5},
                  {"inventoryDetail", {{"inventoryAssignment", {{"items", json::array({
                      {{"binNumber", {{"refName", "A-01"}}}, {"quantity", -2}},
                      {{"binNumber", {{"refName", "A-02"}}}, {"quantity", -0.5}}})}}}}}}));
  EXPECT_EQ(body["inventory"]["items"][1],
            (json{{"item", {{"id", "1002"}}}, {"location", {{"id", "17"}}}, {"adjustQtyBy", -1.25}}))
      << "an item without bins or numbers has no detail";
}

TEST(Payload, LotAndSerialLinesCarryTheirNumbersAsInventoryDetail) {
  json body = posted_body({"17", "m", "2026-11-23T10:00:00Z"},
                          {line("i1", "1001", 3000, "LOT-7"), line("i1", "1001", 2000, "LOT-8"),
                           line("i2", "1002", -1000, "", "SN-1")});
  const json& lots = body["inventory"]["items"][0];
  EXPECT_EQ(lots["adjustQtyBy"], 5);
  EXPECT_EQ(lots["inventoryDetail"]["inventoryAssignment"]["items"],
            (json::array({{{"receiptInventoryNumber", "LOT-7"}, {"quantity", 3}},
                          {{"receiptInventoryNumber", "LOT-8"}, {"quantity", 2}}})));
  EXPECT_EQ(body["inventory"]["items"][1]["inventoryDetail"]["inventoryAssignment"]["items"],
            (json::array({{{"issueInventoryNumber", {{"refName", "SN-1"}}}, {"quantity", -1}}})));
  EXPECT_FALSE(body["inventory"]["items"][0]["inventoryDetail"]["inventoryAssignment"]["items"][0].contains("binNumber"));
  json binned = posted_body({"17", "m", "2026-11-23T10:00:00Z"}, {line("i1", "1001", -1000, "LOT-7", "", "B-02")});
  EXPECT_EQ(binned["inventory"]["items"][0]["inventoryDetail"]["inventoryAssignment"]["items"][0],
            (json{{"issueInventoryNumber", {{"refName", "LOT-7"}}}, {"quantity", -1}, {"binNumber", {{"refName", "B-02"}}}}));
}

TEST(Payload, PushAddsTheConnectionsSubsidiaryAndAccountAndEncodesTheExternalId) {
  json posted = posted_body({"17", "m", "2026-11-23T10:00:00Z"}, {line("i1", "", 1000)});
  EXPECT_TRUE(posted["inventory"]["items"][0]["item"]["id"].is_null()) << "an unmapped item reaches NetSuite as missing";
  json record = record_body(posted, "inventoryAdjustment", "3", "212");
  EXPECT_EQ(record["subsidiary"], (json{{"id", "3"}}));
  EXPECT_EQ(record["account"], (json{{"id", "212"}}));
  EXPECT_EQ(record["tranDate"], "2026-11-23");
  EXPECT_EQ(record_url("https://a.netsuite.com", record_type("INCREASE"), "cc-x:1"),
            "https://a.netsuite.com/services/rest/record/v1/inventoryAdjustment/eid:cc-x%3A1");
}

TEST(Payload, MovesGoAsOneBinTransferWithAnAssignmentPerMoveAndNoAccount) {
  auto move = [](std::string item, std::string from, std::string to, int64_t qty, std::string lot) {
    stock_count::PostingLine l{.item_id = item, .bin_id = "b-" + from, .batch_number = lot, .delta = qty,
                               .ns_item_id = "ns-" + item, .to_bin_id = "b-" + to, .bin_code = from, .to_bin_code = to};
    return l;
  };
  json posted = transfer_body({"17", "m", "2026-11-23T10:00:00Z"},
                              {move("i1", "E-01-05", "A-03-04", 14000, ""), move("i1", "E-01-06", "A-03-04", 1500, ""),
                               move("i2", "B-1", "B-2", 2000, "LOT-7")});
  json record = record_body(posted, record_type("TRANSFER"), "3", "212");
  EXPECT_FALSE(record.contains("account")) << "a bin transfer posts to no account";
  EXPECT_EQ(record["location"], (json{{"id", "17"}}));
  EXPECT_FALSE(record.contains("adjLocation"));
  const json& items = record["inventory"]["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["item"], (json{{"id", "ns-i1"}}));
  EXPECT_EQ(items[0]["quantity"], 15.5);
  EXPECT_EQ(items[0]["inventoryDetail"]["inventoryAssignment"]["items"][0],
            (json{{"binNumber", {{"refName", "E-01-05"}}}, {"toBinNumber", {{"refName", "A-03-04"}}}, {"quantity", 14}}));
  EXPECT_EQ(items[1]["inventoryDetail"]["inventoryAssignment"]["items"][0]["issueInventoryNumber"],
            (json{{"refName", "LOT-7"}}));
  EXPECT_EQ(record_url("https://a.netsuite.com", record_type("TRANSFER"), "cc-s:TRANSFER"),
            "https://a.netsuite.com/services/rest/record/v1/binTransfer/eid:cc-s%3ATRANSFER");
}

// ── Answers, backoff, leases ─────────────────────────────────────────────────

struct AnswerCase {
  const char* name;
  PushAnswer answer;
  int attempts;
  bool may_authenticate_again;
  PushOutcome outcome;
  const char* error_part;
};

static const AnswerCase kAnswers[] = {
    {"204 with Location is confirmed", {true, 204, "http://x/services/rest/record/v1/inventoryAdjustment/5012", "", ""},
     1, true, PushOutcome::kConfirmed, ""},
    {"204 without Location is retried", {true, 204, "", "", ""}, 1, true, PushOutcome::kRetry, "Location"},
    {"no answer is retried", {false, 0, "", "", "timed out after 500 ms"}, 1, true, PushOutcome::kRetry, "timed out"},
    {"429 is retried", {true, 429, "", "", ""}, 3, true, PushOutcome::kRetry, "HTTP 429"},
    {"503 is retried", {true, 503, "", "", ""}, 7, true, PushOutcome::kRetry, "HTTP 503"},
    {"the eighth failed attempt is dead", {true, 503, "", "", ""}, 8, true, PushOutcome::kDead, "gave up after 8"},
    {"401 authenticates again once", {true, 401, "", "", ""}, 1, true, PushOutcome::kAuthenticateAgain, ""},
    {"401 after that is dead", {true, 401, "", "", ""}, 1, false, PushOutcome::kDead, "refused the credentials"},
    {"400 is dead at once with NetSuite's words",
     {true, 400, "", R"({"o:errorDetails":[{"detail":"Invalid subsidiary reference key 9.","o:errorCode":"USER_ERROR"}]})", ""},
     1, true, PushOutcome::kDead, "USER_ERROR: Invalid subsidiary reference key 9."},
    {"404 is dead", {true, 404, "", "", ""}, 1, true, PushOutcome::kDead, "HTTP 404"},
};

TEST(PushOutcome, EachAnswerHasOneMeaning) {
  for (const auto& c : kAnswers) {
    Classified got = classify_answer(c.answer, c.attempts, c.may_authenticate_again);
    EXPECT_EQ(got.outcome, c.outcome) << c.name;
    EXPECT_NE(got.error.find(c.error_part), std::string::npos) << c.name << ": " << got.error;
  }
  EXPECT_EQ(classify_answer(kAnswers[0].answer, 1, true).ns_internal_id, "5012");
}

TEST(Backoff, FullJitterUnderADoublingCeiling) {
  for (int attempts = 1; attempts <= 8; ++attempts) {
    int64_t ceiling = 30000LL << (attempts - 1);
    EXPECT_EQ(backoff_ms(attempts, 30000, 0.0), 0) << attempts;
    EXPECT_EQ(backoff_ms(attempts, 30000, 0.5), ceiling / 2) << attempts;
    EXPECT_LT(backoff_ms(attempts, 30000, 0.999999), ceiling) << attempts;
  }
  EXPECT_LE(backoff_ms(40, 30000, 0.999999), kMaxBackoffMs) << "the ceiling stops at six hours";
  EXPECT_EQ(backoff_ms(3, 500, 0.25), 500);
}

OutboxRow row(const char* id, const char* status, int64_t next_ms, int64_t lease_ms_until = 0) {
  return {id, status, "", "", next_ms, lease_ms_until};
}

TEST(Lease, DueAndExpiredRowsAreClaimableOthersWakeTheDrainerLater) {
  const int64_t now = 1'000'000;
  EXPECT_TRUE(claimable(row("a", "pending", now), now));
  EXPECT_FALSE(claimable(row("b", "pending", now + 1), now));
  EXPECT_TRUE(claimable(row("c", "in_flight", 0, now), now)) << "an expired lease is reclaimed";
  EXPECT_FALSE(claimable(row("d", "in_flight", 0, now + 1), now)) << "a live lease is left alone";
  EXPECT_FALSE(claimable(row("e", "done", 0), now));
  EXPECT_FALSE(claimable(row("f", "dead", 0), now));

  auto plan = plan_claims({row("a", "pending", now - 5), row("b", "pending", now + 700), row("c", "in_flight", 0, now + 300),
                           row("d", "pending", now - 1)},
                          now, 10);
  ASSERT_EQ(plan.claim.size(), 2u);
  EXPECT_EQ(plan.claim[0].id, "a");
  EXPECT_EQ(plan.claim[1].id, "d");
  EXPECT_EQ(plan.next_wake_ms, now + 300);

  auto full = plan_claims({row("a", "pending", now), row("b", "pending", now)}, now, 1);
  EXPECT_EQ(full.claim.size(), 1u);
  EXPECT_EQ(full.next_wake_ms, now) << "more work now: wake again at once";
  EXPECT_FALSE(plan_claims({}, now, 10).next_wake_ms.has_value());
  EXPECT_GT(lease_ms(20000), 2 * 20000) << "a lease outlives a push, a second authentication and a second push";
}

TEST(UtcTime, InstantsRoundTripThroughMilliseconds) {
  EXPECT_EQ(epoch_ms_of("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(epoch_ms_of("2026-11-22T10:15:30.250Z"), 1795342530250);
  EXPECT_EQ(iso_of_epoch_ms(1795342530250), "2026-11-22T10:15:30.250Z");
  EXPECT_EQ(iso_of_epoch_ms(*epoch_ms_of("2028-02-29T23:59:59.999Z") + 1), "2028-03-01T00:00:00.000Z");
  EXPECT_FALSE(epoch_ms_of("2026-11-22 10:15:30Z").has_value());
  EXPECT_FALSE(epoch_ms_of("not a time").has_value());
}

// ── The connection ───────────────────────────────────────────────────────────

TEST(Connection, BaseUrlMustBeNetSuiteOrLoopbackWhenAllowed) {
  const std::tuple<const char*, bool, bool> kCases[] = {
      {"https://1234567.suitetalk.api.netsuite.com", false, true},
      {"https://1234567-sb1.restlets.api.NetSuite.com", false, true},
      {"http://1234567.suitetalk.api.netsuite.com", false, false},
      {"https://netsuite.com", false, false},
      {"https://a.netsuite.com.evil.io", false, false},
      {"https://a.netsuite.com:8443", false, false},
      {"https://a.netsuite.com/path", false, false},
      {"https://user@a.netsuite.com", false, false},
      {"http://127.0.0.1:8788", false, false},
      {"http://127.0.0.1:8788", true, true},
      {"http://127.0.0.1:99999", true, false},
      {"http://localhost:8788", true, false},
  };
  for (const auto& [url, loopback, allowed] : kCases) EXPECT_EQ(base_url_allowed(url, loopback), allowed) << url;
}

json m2m_body() {
  return {{"account_id", "1234567"}, {"base_url", "https://1234567.suitetalk.api.netsuite.com/"}, {"auth_mode", "m2m"},
          {"subsidiary_id", 1}, {"adjustment_account_id", "212"}, {"client_id", "c"}, {"cert_id", "k"},
          {"private_key_pem", "PEM"}};
}

std::vector<std::string> paths(const ConnectionPlan& plan) {
  std::vector<std::string> out;
  for (const auto& e : plan.errors) out.push_back(e.path);
  return out;
}

TEST(Connection, AValidM2mPutSealsItsSecretsAndNormalisesIds) {
  auto plan = plan_connection(m2m_body(), json(), false);
  EXPECT_TRUE(plan.errors.empty());
  EXPECT_EQ(plan.plain["base_url"], "https://1234567.suitetalk.api.netsuite.com");
  EXPECT_EQ(plan.plain["subsidiary_id"], "1");
  EXPECT_EQ(plan.to_seal, (json{{"client_id_sealed", "c"}, {"private_key_sealed", "PEM"}}));
}

TEST(Connection, EveryBadFieldIsNamed) {
  json body = m2m_body();
  body.erase("private_key_pem");
  body["consumer_secret"] = "x";
  body["subsidiary_id"] = "S1";
  EXPECT_EQ(paths(plan_connection(body, json(), false)),
            (std::vector<std::string>{"subsidiary_id", "private_key_pem", "consumer_secret"}));
  body = m2m_body();
  body["auth_mode"] = "basic";
  EXPECT_EQ(paths(plan_connection(body, json(), false)), (std::vector<std::string>{"auth_mode"}));
}

TEST(Connection, SecretsLeftOutAreKeptOnlyFromAStoredRowOfTheSameMode) {
  json stored = {{"auth_mode", "m2m"}, {"client_id_sealed", "v1.a.b"}, {"private_key_sealed", "v1.c.d"}, {"key_alg", "ES256"}};
  json body = m2m_body();
  body.erase("client_id");
  body.erase("private_key_pem");
  auto plan = plan_connection(body, stored, false);
  EXPECT_TRUE(plan.errors.empty());
  EXPECT_EQ(plan.kept, (json{{"client_id_sealed", "v1.a.b"}, {"private_key_sealed", "v1.c.d"}}));
  EXPECT_EQ(plan.plain["key_alg"], "ES256");
  stored["auth_mode"] = "tba";
  EXPECT_EQ(paths(plan_connection(body, stored, false)), (std::vector<std::string>{"client_id", "private_key_pem"}));
}

TEST(Connection, TheAnswerSaysWhichSecretsExistAndShowsNone) {
  json shown = connection_json({{"account_id", "1"}, {"auth_mode", "tba"}, {"consumer_key_sealed", "v1.x.y"},
                                {"token_secret_sealed", "v1.x.z"}});
  EXPECT_EQ(shown["has_consumer_key"], true);
  EXPECT_EQ(shown["has_token_secret"], true);
  EXPECT_EQ(shown["has_private_key"], false);
  EXPECT_EQ(shown.dump().find("v1."), std::string::npos);
}

}  // namespace
}  // namespace core::netsuite
