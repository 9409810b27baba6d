#pragma once
// A conversation's step between turns, as a type. The core keeps nothing between calls,
// so a step rides in the state the shell hands back (turn.h) — as a name, since that
// state is JSON — but code only ever sees the enum: a handler declares
//
//   enum class Step { kStart, kRead, kWritten };
//   constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }
//
// (its first enumerator is the first turn, named ""), reads `step_of<Step>(ctx.state)`
// and switches on it, and asks for its next turn with `at_step(Step::kWritten, {…})`.
// A name that is not one of the handler's steps is a state the core never handed out.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "json_access.h"

namespace core {

// The step `state` is at (field `field`): the first enumerator when the state has none
// (a first turn); nullopt when it names no step of `Step`.
template <typename Step>
std::optional<Step> step_of(const json& state, const char* field = "step") {
  constexpr auto names = step_names(Step{});
  const json* at = member(state, field);
  if (at == nullptr || at->is_null()) return Step{};
  if (!at->is_string()) return std::nullopt;
  const std::string& name = at->get_ref<const std::string&>();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<Step>(i);
  }
  return std::nullopt;
}

template <typename Step>
std::string step_name(Step step) {
  return std::string(step_names(Step{})[static_cast<size_t>(step)]);
}

// The state of a next turn at `step`, beside the handler's own fields.
template <typename Step>
json at_step(Step step, json fields = json::object(), const char* field = "step") {
  fields[field] = step_name(step);
  return fields;
}

// Moves `state` on to `step` in place (a conversation that keeps its state whole between turns).
template <typename Step>
void move_to(json& state, Step step, const char* field = "step") {
  state[field] = step_name(step);
}

}  // namespace core
