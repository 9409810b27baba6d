#include "netsuite/queries/connection.h"

namespace core::netsuite {

Statement connection_row(const BusinessScope& business) {
  return {std::string("SELECT ") + kConnectionColumns + " FROM netsuite_connections WHERE business_id = " +
              business.sql(1),
          json::array({business.bound()})};
}

Statement connection_upsert(const ConnectionSave& save, const ConnectionPlan& plan, const json& sealed,
                            const json& key_alg) {
  std::string columns = "business_id, account_id, base_url, auth_mode, subsidiary_id, adjustment_account_id, cert_id, "
                        "key_alg, updated_at, updated_by";
  json params = json::array({save.business_id, plan.plain["account_id"], plan.plain["base_url"],
                             plan.plain["auth_mode"], plan.plain["subsidiary_id"], plan.plain["adjustment_account_id"],
                             plan.plain["cert_id"], key_alg, save.now, save.updated_by});
  for (const auto& field : kSecretFields) {
    std::string column(field.column);
    columns += ", " + column;
    const json* value = member(sealed, column);
    if (value == nullptr) value = member(plan.kept, column);
    params.push_back(value ? *value : json());
  }
  std::string placeholders, updates;
  for (size_t i = 1; i <= params.size(); ++i) placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
  size_t start = 0;
  while (start < columns.size()) {
    size_t comma = columns.find(", ", start);
    std::string column = columns.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (column != "business_id") updates += (updates.empty() ? "" : ", ") + column + " = excluded." + column;
    start = comma == std::string::npos ? columns.size() : comma + 2;
  }
  return {"INSERT INTO netsuite_connections (" + columns + ") VALUES (" + placeholders +
              ") ON CONFLICT (business_id) DO UPDATE SET " + updates,
          params, save.business_id};
}

}  // namespace core::netsuite
