#pragma once
// RFC 9457 problem details: every error the API answers is one of these.
#include <string>
#include <string_view>
#include <vector>

#include "json_access.h"

namespace core {

struct FieldError {
  std::string path;
  std::string message;
};

// A final answer carrying application/problem+json.
json problem(int status, std::string_view title, std::string_view detail,
             const std::vector<FieldError>& errors = {});

json bad_request(std::string_view detail);                                  // 400
json unprocessable(std::string_view detail, const std::vector<FieldError>& errors);  // 422
json not_found(std::string_view what);                                       // 404
json conflict(std::string_view detail);                                      // 409
json storage_failure(std::string_view detail);  // 503, generic; `detail` only in the output's "log"

}  // namespace core
