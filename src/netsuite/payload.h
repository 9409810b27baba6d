#pragma once
// The NetSuite inventoryAdjustment record of one posted adjustment:
//   { subsidiary:{id}, account:{id}, adjLocation:{id}, tranDate, memo,
//     inventory:{ items:[ { item:{id}, location:{id}, adjustQtyBy, inventoryDetail? } ] } }
// One item line per item (bin lines netted), adjustQtyBy signed, lot and
// serial numbers as inventoryDetail.inventoryAssignment lines. What is known
// at posting is stored with the outbox row; subsidiary and account come from
// the business's connection when the row is pushed.
//
// Moves (a TRANSFER adjustment) go as a binTransfer record instead:
//   { subsidiary:{id}, location:{id}, tranDate, memo,
//     inventory:{ items:[ { item:{id}, quantity, inventoryDetail:{ inventoryAssignment:{ items:[
//       { binNumber:{refName}, toBinNumber:{refName}, quantity, issueInventoryNumber?:{refName} } ] } } } ] } }
// one item line per item, one assignment per move.
#include <string>
#include <vector>

#include "json_access.h"
#include "stock_count/posting.h"

namespace core::netsuite {

struct PostedAdjustment {
  std::string ns_location_id;
  std::string memo;
  std::string posted_at;  // ISO instant; tranDate is its UTC date
};

json posted_body(const PostedAdjustment& adjustment, const std::vector<stock_count::PostingLine>& lines);
json transfer_body(const PostedAdjustment& adjustment, const std::vector<stock_count::PostingLine>& moves);

// The record type an adjustment of `direction` is pushed as: binTransfer for TRANSFER, else inventoryAdjustment.
std::string record_type(const std::string& direction);

// The PUT body: the posted body plus the connection's subsidiary (and, for an
// inventoryAdjustment, its adjustment account).
json record_body(const json& posted, const std::string& type, const std::string& subsidiary_id,
                 const std::string& adjustment_account_id);

// PUT {base_url}/services/rest/record/v1/{type}/eid:{externalId}, the id percent-encoded.
std::string record_url(const std::string& base_url, const std::string& type, const std::string& external_id);

}  // namespace core::netsuite
