#include "netsuite/jwt.h"

#include "netsuite/oauth1.h"

namespace core::netsuite {

std::string base64url(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t n = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (size_t rest = bytes.size() - i; rest > 0) {
    uint32_t n = uint8_t(bytes[i]) << 16;
    if (rest == 2) n |= uint8_t(bytes[i + 1]) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

json assertion_header(const ClientAssertion& a) { return {{"alg", a.alg}, {"typ", "JWT"}, {"kid", a.cert_id}}; }

json assertion_claims(const ClientAssertion& a) {
  return {{"iss", a.client_id}, {"scope", json::array({"rest_webservices"})}, {"aud", a.token_url},
          {"iat", a.issued_at}, {"exp", a.issued_at + kAssertionLifetimeSeconds}};
}

std::string assertion_signing_input(const ClientAssertion& a) {
  return base64url(assertion_header(a).dump()) + "." + base64url(assertion_claims(a).dump());
}

std::string token_url_of(std::string_view base_url) {
  return std::string(base_url) + "/services/rest/auth/oauth2/v1/token";
}

std::string client_credentials_form(std::string_view signed_assertion) {
  return "grant_type=client_credentials&client_assertion_type=" +
         percent_encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
         "&client_assertion=" + percent_encode(signed_assertion);
}

}  // namespace core::netsuite
