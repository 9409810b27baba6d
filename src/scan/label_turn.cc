#include "scan/label_turn.h"

#include "problem.h"
#include "scan/gs1.h"

namespace core::scan {

json label_turn(const json& input) {
  const json* barcode = member(input, "barcode");
  if (!barcode || !barcode->is_string()) return unprocessable("the label cannot be read", {FieldError{"barcode", "must be a string"}});
  std::string separator = string_or(input, "separator", "");
  auto result = parse_gs1(barcode->get<std::string>(), separator.size() == 1 ? separator[0] : '\0',
                          reference_year(string_or(input, "now", "")));
  if (result.problem) return unprocessable("the label cannot be read", {FieldError{"barcode", result.problem->message()}});
  return {{"done", gs1_json(*result.read)}};
}

}  // namespace core::scan
