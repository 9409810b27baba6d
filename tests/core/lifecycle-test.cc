#include "stock_count/lifecycle.h"

#include <gtest/gtest.h>

namespace core::stock_count {
namespace {

using S = SessionStatus;
using E = SessionEvent;

struct SessionCase {
  S from;
  E event;
  std::optional<S> to;  // nullopt: refused (409), status unchanged
};

// Every status × every event: the whole table, legal and illegal.
static const SessionCase kSessionCases[] = {
    {S::kDraft, E::kStart, S::kActive},      {S::kDraft, E::kClose, {}},           {S::kDraft, E::kApprove, {}},
    {S::kDraft, E::kReject, S::kRejected},   {S::kDraft, E::kPost, {}},
    {S::kActive, E::kStart, {}},             {S::kActive, E::kClose, S::kClosed},  {S::kActive, E::kApprove, {}},
    {S::kActive, E::kReject, S::kRejected},  {S::kActive, E::kPost, {}},
    {S::kClosed, E::kStart, {}},             {S::kClosed, E::kClose, {}},          {S::kClosed, E::kApprove, S::kApproved},
    {S::kClosed, E::kReject, S::kRejected},  {S::kClosed, E::kPost, {}},
    {S::kApproved, E::kStart, {}},           {S::kApproved, E::kClose, {}},        {S::kApproved, E::kApprove, {}},
    {S::kApproved, E::kReject, S::kRejected}, {S::kApproved, E::kPost, S::kPosted},
    {S::kPosted, E::kStart, {}},             {S::kPosted, E::kClose, {}},          {S::kPosted, E::kApprove, {}},
    {S::kPosted, E::kReject, {}},            {S::kPosted, E::kPost, {}},
    {S::kRejected, E::kStart, {}},           {S::kRejected, E::kClose, {}},        {S::kRejected, E::kApprove, {}},
    {S::kRejected, E::kReject, {}},          {S::kRejected, E::kPost, {}},
};

TEST(SessionLifecycle, EveryStatusAndEventPairFollowsTheTable) {
  for (const auto& c : kSessionCases) {
    EXPECT_EQ(next_session_status(c.from, c.event), c.to)
        << session_status_name(c.from) << " + " << session_event_name(c.event);
  }
}

TEST(SessionLifecycle, PostedAndRejectedAreTerminal) {
  for (E e : {E::kStart, E::kClose, E::kApprove, E::kReject, E::kPost}) {
    EXPECT_FALSE(next_session_status(S::kPosted, e).has_value());
    EXPECT_FALSE(next_session_status(S::kRejected, e).has_value());
  }
}

TEST(SessionLifecycle, StatusNamesRoundTrip) {
  for (const char* name : {"DRAFT", "ACTIVE", "CLOSED", "APPROVED", "POSTED", "REJECTED"}) {
    auto status = session_status_from(name);
    ASSERT_TRUE(status.has_value()) << name;
    EXPECT_EQ(session_status_name(*status), name);
  }
  EXPECT_FALSE(session_status_from("draft").has_value());
}

using T = TaskStatus;
using TE = TaskEvent;

struct TaskCase {
  T from;
  TE event;
  std::optional<T> to;
};

static const TaskCase kTaskCases[] = {
    {T::kOpen, TE::kBegin, T::kInProgress},      {T::kInProgress, TE::kComplete, T::kCompleted},
    {T::kCompleted, TE::kApprove, T::kReconciled}, {T::kInProgress, TE::kRecount, T::kPaused},
    {T::kReconciled, TE::kRecount, T::kPaused},  {T::kPaused, TE::kBegin, T::kInProgress},
    {T::kDraft, TE::kApprove, {}},               {T::kDraft, TE::kBegin, {}},
    {T::kReconciled, TE::kApprove, {}},          {T::kReconciled, TE::kBegin, {}},
    {T::kPaused, TE::kRecount, {}},              {T::kCompleted, TE::kComplete, {}},
    // Every other row of the table, so that dropping one fails here.
    {T::kDraft, TE::kOpen, T::kOpen},            {T::kCompleted, TE::kBegin, T::kInProgress},
    {T::kInProgress, TE::kPause, T::kPaused},    {T::kOpen, TE::kComplete, T::kCompleted},
    {T::kOpen, TE::kApprove, T::kReconciled},    {T::kInProgress, TE::kApprove, T::kReconciled},
    {T::kPaused, TE::kApprove, T::kReconciled},  {T::kOpen, TE::kRecount, T::kPaused},
    {T::kCompleted, TE::kRecount, T::kPaused},
};

TEST(TaskLifecycle, EveryRowOfTheTableIsACase) {
  for (const auto& t : task_transitions()) {
    bool covered = false;
    for (const auto& c : kTaskCases) covered = covered || (c.from == t.from && c.event == t.event && c.to == t.to);
    EXPECT_TRUE(covered) << task_status_name(t.from) << " has a transition without a case";
  }
}

TEST(TaskLifecycle, MovesFollowTheTable) {
  for (const auto& c : kTaskCases) {
    EXPECT_EQ(next_task_status(c.from, c.event), c.to) << task_status_name(c.from);
  }
}

TEST(TaskLifecycle, PatchCanOnlyReachWorkingStatuses) {
  EXPECT_EQ(task_event_reaching(T::kInProgress), TE::kBegin);
  EXPECT_EQ(task_event_reaching(T::kCompleted), TE::kComplete);
  EXPECT_FALSE(task_event_reaching(T::kReconciled).has_value());
  EXPECT_FALSE(task_event_reaching(T::kOpen).has_value());
}

}  // namespace
}  // namespace core::stock_count
