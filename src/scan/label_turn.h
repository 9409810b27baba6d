#pragma once
// The scanner page's reading of a label, on the same core as the API (input kind "gs1"):
// { kind: "gs1", barcode, separator?: one character, now?: RFC 3339 } → { done: gs1_json } or
// a 422 naming the AI and its position, as POST /api/inventory/count would refuse the barcode.
#include "json_access.h"

namespace core::scan {

json label_turn(const json& input);

}  // namespace core::scan
