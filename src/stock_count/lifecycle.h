#pragma once
// The session and task lifecycles as data (h11's _state.py shape): a transition
// not in the table is refused and leaves the status unchanged. POSTED and
// REJECTED are terminal: no row leaves them.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace core::stock_count {

enum class SessionStatus { kDraft, kActive, kClosed, kApproved, kPosted, kRejected };
enum class SessionEvent { kStart, kClose, kApprove, kReject, kPost };

struct SessionTransition {
  SessionStatus from;
  SessionEvent event;
  SessionStatus to;
};

std::span<const SessionTransition> session_transitions();
std::optional<SessionStatus> next_session_status(SessionStatus from, SessionEvent event);

std::optional<SessionStatus> session_status_from(std::string_view name);
std::string_view session_status_name(SessionStatus status);
std::string_view session_event_name(SessionEvent event);

enum class TaskStatus { kDraft, kOpen, kInProgress, kPaused, kCompleted, kReconciled };
enum class TaskEvent { kOpen, kBegin, kPause, kComplete, kApprove, kRecount };

struct TaskTransition {
  TaskStatus from;
  TaskEvent event;
  TaskStatus to;
};

std::span<const TaskTransition> task_transitions();
std::optional<TaskStatus> next_task_status(TaskStatus from, TaskEvent event);
// PATCH /stock-count/tasks/:id {status}: the event that reaches `to`, if any.
std::optional<TaskEvent> task_event_reaching(TaskStatus to);

std::optional<TaskStatus> task_status_from(std::string_view name);
std::string_view task_status_name(TaskStatus status);

// The names come from here only: `is_status(text, SessionStatus::kActive)` for a row's status,
// `status_sql(…)` for the quoted literal a statement reads or creates by ('ACTIVE').
inline bool is_status(std::string_view name, SessionStatus status) { return name == session_status_name(status); }
inline bool is_status(std::string_view name, TaskStatus status) { return name == task_status_name(status); }
std::string status_sql(SessionStatus status);
std::string status_sql(TaskStatus status);

}  // namespace core::stock_count
