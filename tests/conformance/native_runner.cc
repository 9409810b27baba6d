// Runs every JSON conformance case against the native core. The wasm build
// runs the very same files (tests/conformance/wasm.test.mjs): one suite, two
// implementations. A case: { "name", "input", "expect" } where expect is a
// subset of the output: objects match member-wise, everything else exactly;
// a string "~contains:TEXT" matches any string containing TEXT.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core.h"
#include "json_access.h"

using core::json;

namespace {

bool subset(const json& expect, const json& actual, std::string& where) {
  if (expect.is_string()) {
    std::string e = core::as_string(expect);
    if (e.rfind("~contains:", 0) == 0) {
      bool ok = actual.is_string() && core::as_string(actual).find(e.substr(10)) != std::string::npos;
      if (!ok) where += " (no '" + e.substr(10) + "' in " + actual.dump() + ")";
      return ok;
    }
  }
  if (expect.is_object()) {
    if (!actual.is_object()) return false;
    for (auto it = expect.begin(); it != expect.end(); ++it) {
      const json* a = core::member(actual, it.key());
      where += "." + it.key();
      if (a == nullptr || !subset(it.value(), *a, where)) return false;
      where.resize(where.size() - it.key().size() - 1);
    }
    return true;
  }
  if (expect.is_array()) {
    if (!actual.is_array() || actual.size() != expect.size()) return false;
    for (size_t i = 0; i < expect.size(); ++i) {
      if (!subset(expect[i], actual[i], where)) return false;
    }
    return true;
  }
  return expect == actual;
}

// The body of a response is JSON text; expectations name it parsed as "body_json".
json normalise(json out) {
  if (core::member(out, "respond") && out["respond"]["body"].is_string()) {
    auto parsed = core::parse_json(core::as_string(out["respond"]["body"]));
    if (parsed) out["respond"]["body_json"] = *parsed;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: conformance_native CASES_DIR\n");
    return 2;
  }
  int passed = 0, failed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path());
    std::stringstream text;
    text << file.rdbuf();
    auto cases = core::parse_json(text.str());
    if (!cases || !cases->is_array()) {
      std::fprintf(stderr, "FAIL %s: not a JSON array of cases\n", entry.path().c_str());
      ++failed;
      continue;
    }
    for (const json& c : *cases) {
      json out = normalise(json::parse(core::handle(core::member(c, "input")->dump()), nullptr, false));
      std::string where;
      if (subset(c["expect"], out, where)) {
        ++passed;
      } else {
        ++failed;
        std::fprintf(stderr, "FAIL %s / %s at %s\n  got %s\n", entry.path().filename().c_str(),
                     core::string_or(c, "name", "?").c_str(), where.c_str(), out.dump().c_str());
      }
    }
  }
  std::printf("conformance (native): %d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
