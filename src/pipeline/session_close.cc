#include "pipeline/session_close.h"

#include "stock_count/queries/store.h"

namespace core::pipeline {

namespace {

Guardrail guardrail_of(const json& reads, size_t at) {
  const json& rows = rows_of(reads, at + kCloseGuardrail);
  return guardrail_from_row(rows.empty() ? nullptr : &rows[0]);
}

std::vector<CountedLine> counted_lines(const json& reads, size_t at, bool zero_uncounted) {
  std::vector<CountedLine> lines;
  for (const auto& row : rows_of(reads, at + kCloseLines)) {
    if (auto line = counted_line_from_row(row, zero_uncounted)) lines.push_back(std::move(*line));
  }
  return lines;
}

}  // namespace

CloseBatch variance_workflow_for(const json& reads, size_t at, const std::string& business_id, const std::string& actor,
                                 const std::string& now, bool zero_uncounted, const std::string& page_key, IdMaker& ids) {
  const json& session = rows_of(reads, at + kCloseSession)[0];
  std::string session_id = string_or(session, "id", "");
  Guardrail guardrail = guardrail_of(reads, at);
  std::vector<CountedLine> lines = counted_lines(reads, at, zero_uncounted);
  const json& location = rows_of(reads, at + kCloseLocation);
  ClosingSession closing{.business_id = business_id, .session_id = session_id,
                         .location_id = string_or(session, "location_id", ""),
                         .ns_location_id = location.empty() ? "" : string_or(location[0], "ns_location_id", ""),
                         .actor = actor, .now = now, .page_key = page_key};
  CloseBatch out;
  out.statements = variance_workflow_statements(closing, item_variances(lines, guardrail), guardrail, ids, out.tally);
  return out;
}

std::vector<PreviewItem> preview_postings(const json& reads, bool zero_uncounted) {
  std::vector<PreviewItem> out;
  for (auto& v : item_variances(counted_lines(reads, 0, zero_uncounted), guardrail_of(reads, 0))) {
    if (v.classification.decision == Decision::kConfirmed) continue;
    out.push_back({std::string(decision_name(v.classification.decision)), std::move(v.lines)});
  }
  return out;
}

}  // namespace core::pipeline
