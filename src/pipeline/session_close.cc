#include "pipeline/session_close.h"

#include "stock_count/queries/store.h"

namespace core::pipeline {

namespace {

Guardrail guardrail_of(const json& d1, const CloseReads& reads) {
  const json& row = rows(d1, reads.guardrail);
  return guardrail_from_row(row.empty() ? nullptr : &row[0]);
}

std::vector<CountedLine> counted_lines(const json& d1, const CloseReads& reads, bool zero_uncounted) {
  std::vector<CountedLine> lines;
  for (const auto& row : rows(d1, reads.lines)) {
    if (auto line = counted_line_from_row(row, zero_uncounted)) lines.push_back(std::move(*line));
  }
  return lines;
}

}  // namespace

CloseBatch variance_workflow_for(const json& d1, const CloseReads& reads, const std::string& business_id,
                                 const std::string& actor, const std::string& now, bool zero_uncounted,
                                 const std::string& page_key, IdMaker& ids) {
  const json& session = rows(d1, reads.session)[0];
  std::string session_id = string_or(session, "id", "");
  Guardrail guardrail = guardrail_of(d1, reads);
  std::vector<CountedLine> lines = counted_lines(d1, reads, zero_uncounted);
  const json& location = rows(d1, reads.location);
  ClosingSession closing{.business_id = business_id, .session_id = session_id,
                         .location_id = string_or(session, "location_id", ""),
                         .ns_location_id = location.empty() ? "" : string_or(location[0], "ns_location_id", ""),
                         .actor = actor, .now = now, .page_key = page_key};
  CloseBatch out;
  out.statements = variance_workflow_statements(closing, item_variances(lines, guardrail), guardrail, ids, out.tally);
  return out;
}

std::vector<PreviewItem> preview_postings(const json& d1, const CloseReads& reads, bool zero_uncounted) {
  std::vector<PreviewItem> out;
  for (auto& v : item_variances(counted_lines(d1, reads, zero_uncounted), guardrail_of(d1, reads))) {
    if (v.classification.decision == Decision::kConfirmed) continue;
    out.push_back({std::string(decision_name(v.classification.decision)), std::move(v.lines)});
  }
  return out;
}

}  // namespace core::pipeline
