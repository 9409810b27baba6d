#include "write_guard.h"

namespace core {

Statement guard_previous_changed(std::string_view what) {
  return {"INSERT INTO write_guards (conflict) SELECT ?1 WHERE changes() = 0", json::array({what})};
}

Statement guard_previous_changed_rows(std::string_view what, size_t rows) {
  return {"INSERT INTO write_guards (conflict) SELECT ?1 WHERE changes() <> ?2", json::array({what, rows})};
}

Statement guard_exists(std::string_view what, std::string exists_sql, json params) {
  json all = json::array({what});
  for (auto& p : params) all.push_back(p);
  // Parameters of exists_sql are numbered from ?2.
  return {"INSERT INTO write_guards (conflict) SELECT ?1 WHERE NOT EXISTS (" + exists_sql + ")", all};
}

bool failed_on_guard(const json& d1_result) {
  if (d1_ok(d1_result)) return false;
  // SQLite names the failed CHECK either by its table or by its expression.
  std::string error = d1_error(d1_result);
  return error.find("write_guards") != std::string::npos || error.find("conflict = ''") != std::string::npos;
}

}  // namespace core
