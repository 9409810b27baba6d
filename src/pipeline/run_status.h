#pragma once
// A location's part of a week's count (schedule_runs.status): queued when the tick planned the
// week, running while a tick works on it, done (opened, or nothing to open), failed.
#include "status_names.h"

namespace core::pipeline {

enum class RunStatus { kQueued, kRunning, kDone, kFailed };
constexpr std::array<std::string_view, 4> status_names(RunStatus) { return {"queued", "running", "done", "failed"}; }

}  // namespace core::pipeline
