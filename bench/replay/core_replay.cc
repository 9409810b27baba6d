// The native side of bench/replay.mjs: replays recorded core inputs (one JSON
// per line) through core::handle, each `repeat` times, and prints per input
// the median microseconds of one call. Built with the native preset.
//   core_replay <inputs.jsonl> [repeat]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core.h"
#include "json_access.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: core_replay <inputs.jsonl> [repeat]\n");
    return 2;
  }
  int repeat = argc > 2 ? std::stoi(argv[2]) : 20;
  std::ifstream in(argv[1]);
  std::string line;
  size_t index = 0;
  while (std::getline(in, line)) {
    // As worker/core_abi.js calls the wasm core: a request's body goes beside the input.
    std::optional<std::string> body;
    if (auto input = core::parse_json(line); input && input->is_object() && input->contains("request")) {
      core::json& request = (*input)["request"];
      if (request.is_object() && request.contains("body") && request["body"].is_string() &&
          !request["body"].get_ref<const std::string&>().empty()) {
        body = request["body"].get<std::string>();
        request.erase("body");
        line = input->dump();
      }
    }
    std::vector<double> us;
    size_t out_bytes = 0;
    for (int r = 0; r < repeat; ++r) {
      auto start = std::chrono::steady_clock::now();
      core::HandledParts out = body ? core::handle_parts(line, std::string_view(*body))  // as wasm/abi.cc calls it
                                    : core::handle_parts(line);
      us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
      out_bytes = out.output.size() + out.body.size();
    }
    std::sort(us.begin(), us.end());
    std::printf("%zu\t%zu\t%zu\t%.1f\n", index++, line.size(), out_bytes, us[us.size() / 2]);
  }
  return 0;
}
