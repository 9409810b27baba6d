#include "problem.h"

#include "turn.h"

namespace core {

namespace {
std::string type_for(int status) {
  switch (status) {
    case 400: return "https://cycle-count.dev/problems/malformed-request";
    case 401: return "https://cycle-count.dev/problems/unauthenticated";
    case 403: return "https://cycle-count.dev/problems/forbidden";
    case 404: return "https://cycle-count.dev/problems/not-found";
    case 405: return "https://cycle-count.dev/problems/method-not-allowed";
    case 409: return "https://cycle-count.dev/problems/state-conflict";
    case 422: return "https://cycle-count.dev/problems/invalid-request";
    default: return "about:blank";
  }
}
}  // namespace

json problem(int status, std::string_view title, std::string_view detail,
             const std::vector<FieldError>& errors) {
  json list = json::array();
  for (const auto& e : errors) list.push_back({{"path", e.path}, {"message", e.message}});
  json body = {{"type", type_for(status)}, {"title", title}, {"status", status},
               {"detail", detail}, {"errors", std::move(list)}};
  return respond_text(status, "application/problem+json",
                      body.dump(-1, ' ', false, json::error_handler_t::replace));
}

json bad_request(std::string_view detail) { return problem(400, "Malformed request", detail); }

json unprocessable(std::string_view detail, const std::vector<FieldError>& errors) {
  return problem(422, "Invalid request", detail, errors);
}

json not_found(std::string_view what) {
  return problem(404, "Not found", std::string(what) + " was not found");
}

json conflict(std::string_view detail) { return problem(409, "State conflict", detail); }

json storage_failure(std::string_view detail) {
  json out = problem(503, "Storage unavailable", "the database did not complete the request; nothing was changed, try again");
  out["log"] = "storage: " + std::string(detail);  // the shell logs it; the client never sees SQLite's words
  return out;
}

}  // namespace core
