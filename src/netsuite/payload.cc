#include "netsuite/payload.h"

#include <map>

#include "netsuite/oauth1.h"
#include "quantity.h"

namespace core::netsuite {

namespace {

json ns_ref(const std::string& id) { return {{"id", id.empty() ? json() : json(id)}}; }

bool has_detail(const stock_count::PostingLine& l) {
  return !l.bin_code.empty() || !l.batch_number.empty() || !l.serial_number.empty();
}

// One line's inventory detail: its bin, the inventory number received (increase) or issued
// (decrease), and its signed quantity. NetSuite books a bin item's change in the bin named here,
// so the stock its next sync reads is where the count found it.
json assignment(const stock_count::PostingLine& l) {
  json a = {{"quantity", qty_json(l.delta)}};
  if (!l.bin_code.empty()) a["binNumber"] = {{"refName", l.bin_code}};
  std::string number = l.serial_number.empty() ? l.batch_number : l.serial_number;
  if (number.empty()) return a;
  if (l.delta > 0) a["receiptInventoryNumber"] = number;
  else a["issueInventoryNumber"] = {{"refName", number}};
  return a;
}

}  // namespace

json posted_body(const PostedAdjustment& adjustment, const std::vector<stock_count::PostingLine>& lines) {
  struct ItemLine {
    std::string ns_item_id;
    int64_t delta = 0;
    bool detailed = false, numbered = false;
    json assignments = json::array();
  };
  std::map<std::string, ItemLine> by_item;
  for (const auto& l : lines) {
    ItemLine& item = by_item[l.item_id];
    item.ns_item_id = l.ns_item_id;
    item.delta += l.delta;
    item.detailed = item.detailed || has_detail(l);
    item.numbered = item.numbered || !l.batch_number.empty() || !l.serial_number.empty();
    if (l.delta != 0) item.assignments.push_back(assignment(l));
  }
  json items = json::array();
  for (const auto& [item_id, item] : by_item) {
    if (item.delta == 0 && !item.numbered) continue;  // stock only moved between bins: no change to book
    json line = {{"item", ns_ref(item.ns_item_id)}, {"location", ns_ref(adjustment.ns_location_id)},
                 {"adjustQtyBy", qty_json(item.delta)}};
    if (item.detailed && !item.assignments.empty()) {
      line["inventoryDetail"] = {{"inventoryAssignment", {{"items", item.assignments}}}};
    }
    items.push_back(std::move(line));
  }
  return {{"adjLocation", ns_ref(adjustment.ns_location_id)},
          {"tranDate", adjustment.posted_at.substr(0, 10)},
          {"memo", adjustment.memo},
          {"inventory", {{"items", std::move(items)}}}};
}

json transfer_body(const PostedAdjustment& adjustment, const std::vector<stock_count::PostingLine>& moves) {
  struct ItemLine {
    std::string ns_item_id;
    int64_t quantity = 0;
    json assignments = json::array();
  };
  std::map<std::string, ItemLine> by_item;
  for (const auto& m : moves) {
    ItemLine& item = by_item[m.item_id];
    item.ns_item_id = m.ns_item_id;
    item.quantity += m.delta;
    json assignment = {{"binNumber", {{"refName", m.bin_code}}}, {"toBinNumber", {{"refName", m.to_bin_code}}},
                       {"quantity", qty_json(m.delta)}};
    std::string number = m.serial_number.empty() ? m.batch_number : m.serial_number;
    if (!number.empty()) assignment["issueInventoryNumber"] = {{"refName", number}};
    item.assignments.push_back(std::move(assignment));
  }
  json items = json::array();
  for (const auto& [item_id, item] : by_item) {
    items.push_back({{"item", ns_ref(item.ns_item_id)}, {"quantity", qty_json(item.quantity)},
                     {"inventoryDetail", {{"inventoryAssignment", {{"items", item.assignments}}}}}});
  }
  return {{"location", ns_ref(adjustment.ns_location_id)},
          {"tranDate", adjustment.posted_at.substr(0, 10)},
          {"memo", adjustment.memo},
          {"inventory", {{"items", std::move(items)}}}};
}

std::string record_type(const std::string& direction) {
  return direction == "TRANSFER" ? "binTransfer" : "inventoryAdjustment";
}

json record_body(const json& posted, const std::string& type, const std::string& subsidiary_id,
                 const std::string& adjustment_account_id) {
  json body = {{"subsidiary", ns_ref(subsidiary_id)}};
  if (type == "inventoryAdjustment") body["account"] = ns_ref(adjustment_account_id);
  for (const char* field : {"adjLocation", "location", "tranDate", "memo", "inventory"}) {
    if (const json* v = member(posted, field)) body[field] = *v;
  }
  return body;
}

std::string record_url(const std::string& base_url, const std::string& type, const std::string& external_id) {
  return base_url + "/services/rest/record/v1/" + type + "/eid:" + percent_encode(external_id);
}

}  // namespace core::netsuite
