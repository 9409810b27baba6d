#include "stock_count/lifecycle.h"

namespace core::stock_count {

namespace {
using S = SessionStatus;
using E = SessionEvent;
using T = TaskStatus;
using TE = TaskEvent;

constexpr SessionTransition kSessionTransitions[] = {
    {S::kDraft, E::kStart, S::kActive},      {S::kActive, E::kClose, S::kClosed},
    {S::kClosed, E::kApprove, S::kApproved}, {S::kApproved, E::kPost, S::kPosted},
    {S::kDraft, E::kReject, S::kRejected},   {S::kActive, E::kReject, S::kRejected},
    {S::kClosed, E::kReject, S::kRejected},  {S::kApproved, E::kReject, S::kRejected},
};

// Recount pauses a task for a new count; approve reconciles it. A reconciled
// task can still be sent back for a recount while its session counts.
constexpr TaskTransition kTaskTransitions[] = {
    {T::kDraft, TE::kOpen, T::kOpen},
    {T::kOpen, TE::kBegin, T::kInProgress},        {T::kPaused, TE::kBegin, T::kInProgress},
    {T::kCompleted, TE::kBegin, T::kInProgress},   {T::kInProgress, TE::kPause, T::kPaused},
    {T::kOpen, TE::kComplete, T::kCompleted},      {T::kInProgress, TE::kComplete, T::kCompleted},
    {T::kOpen, TE::kApprove, T::kReconciled},      {T::kInProgress, TE::kApprove, T::kReconciled},
    {T::kCompleted, TE::kApprove, T::kReconciled}, {T::kPaused, TE::kApprove, T::kReconciled},
    {T::kOpen, TE::kRecount, T::kPaused},          {T::kInProgress, TE::kRecount, T::kPaused},
    {T::kCompleted, TE::kRecount, T::kPaused},     {T::kReconciled, TE::kRecount, T::kPaused},
};

constexpr std::string_view kSessionNames[] = {"DRAFT", "ACTIVE", "CLOSED", "APPROVED", "POSTED", "REJECTED"};
constexpr std::string_view kTaskNames[] = {"DRAFT", "OPEN", "IN_PROGRESS", "PAUSED", "COMPLETED", "RECONCILED"};
}  // namespace

std::span<const SessionTransition> session_transitions() { return kSessionTransitions; }

std::optional<SessionStatus> next_session_status(SessionStatus from, SessionEvent event) {
  for (const auto& t : kSessionTransitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return std::nullopt;
}

std::optional<SessionStatus> session_status_from(std::string_view name) {
  for (size_t i = 0; i < std::size(kSessionNames); ++i) {
    if (kSessionNames[i] == name) return static_cast<SessionStatus>(i);
  }
  return std::nullopt;
}

std::string_view session_status_name(SessionStatus status) { return kSessionNames[static_cast<size_t>(status)]; }

std::string_view session_event_name(SessionEvent event) {
  constexpr std::string_view kNames[] = {"start", "close", "approve", "reject", "post"};
  return kNames[static_cast<size_t>(event)];
}

std::span<const TaskTransition> task_transitions() { return kTaskTransitions; }

std::optional<TaskStatus> next_task_status(TaskStatus from, TaskEvent event) {
  for (const auto& t : kTaskTransitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return std::nullopt;
}

std::optional<TaskEvent> task_event_reaching(TaskStatus to) {
  switch (to) {
    case T::kInProgress: return TE::kBegin;
    case T::kPaused: return TE::kPause;
    case T::kCompleted: return TE::kComplete;
    default: return std::nullopt;  // OPEN comes from start, RECONCILED from approve
  }
}

std::optional<TaskStatus> task_status_from(std::string_view name) {
  for (size_t i = 0; i < std::size(kTaskNames); ++i) {
    if (kTaskNames[i] == name) return static_cast<TaskStatus>(i);
  }
  return std::nullopt;
}

std::string_view task_status_name(TaskStatus status) { return kTaskNames[static_cast<size_t>(status)]; }

std::string status_sql(SessionStatus status) { return "'" + std::string(session_status_name(status)) + "'"; }
std::string status_sql(TaskStatus status) { return "'" + std::string(task_status_name(status)) + "'"; }

}  // namespace core::stock_count
