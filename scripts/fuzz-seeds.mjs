// Seeds for the fuzzers (scripts/fuzz.sh): every conformance case's input for
// the core's entry point, and for each route that takes a body a few bodies the
// tests send (first byte: the route's index in the router table).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { routeTable } from "../tests/support/routes.mjs";

const root = path.resolve(import.meta.dirname, "..");
const out = process.argv[2];
const cases = readdirSync(path.join(root, "tests/conformance/cases")).filter((f) => f.endsWith(".json"))
  .flatMap((f) => JSON.parse(readFileSync(path.join(root, "tests/conformance/cases", f), "utf8")));
mkdirSync(path.join(out, "core_input_fuzzer"), { recursive: true });
cases.forEach((c, i) => writeFileSync(path.join(out, "core_input_fuzzer", `case-${i}`), JSON.stringify(c.input)));

const bodies = [
  {}, { location_id: "nw_loc_dc1", counts: [{ sku: "NW-00001", bin: "A-01-01", counted_qty: 1.5, client_entry_id: "c1", counted_at: "2026-11-23T09:30:00+02:00" }] },
  { session_id: "s1", entries: [{ item_id: "i1", counted_qty: 2, batch_number: "L1" }] },
  { proposed_action_id: "p1", decision: "reject", reason_code: "miscount", reason_note: "why" }, { inventory_auto_pct: 5, inventory_auto_value: "500.00" },
  { location_id: "nw_loc_dc1", rotation: [{ zone: "A", active: true }, "B"] }, { location_id: "nw_loc_dc1", type: "FULL", name: "n" },
  { kind: "category", value: "Snacks" }, { strategy: "by_assignee", assignees: [{ name: "ana", zone: "A" }] }, { status: "IN_PROGRESS" },
  { counted_qty: 3 }, { zero_uncounted: true }, { account_id: "1", base_url: "https://1.suitetalk.api.netsuite.com", auth_mode: "m2m",
    subsidiary_id: 1, adjustment_account_id: "2", client_id: "c", cert_id: "k", private_key_pem: "-----BEGIN PRIVATE KEY-----" },
];
// The route fuzzer picks its route by index into the table the core itself answers.
const routes = routeTable().length;
mkdirSync(path.join(out, "route_body_fuzzer"), { recursive: true });
// D1 rows for the handler's second turn (after a newline): a session, an item, a proposal, a count.
const rows = [
  [{ id: "x1", status: "ACTIVE", location_id: "nw_loc_dc1", type: "CYCLE", zero_uncounted: 0, business_id: "b1" }],
  [{ id: "i1", sku: "NW-00001", tracking: "serial", category: "Snacks", brand: "Acme", n: 3, total: 2 }],
  [{ id: "p1", status: "pending", payload: "{\"lines\":[{\"item_id\":\"i1\",\"delta\":-1000}]}", variance_id: "v1", location_id: "l1" }],
  [{ item_id: "i1", expected_qty: 5000, counted_qty: 2000, system_qty_at_count: 4000, avg_cost_minor: 100, bin_id: "b", sku: "S" }],
];
// CSV uploads for the import (rows end with CR: the fuzzer's body ends at the first newline), with
// rows for the reads that follow: a location, a zone, a bin and an item that match them.
const uploads = [
  "code,name,ns_location_id,active\rDC1,Main,1,true\rDC2,\"Second, north\",,no\r",
  "location,code,zone,active\rDC1,A-01,,\rDC1,FLOOR,BULK,false\r",
  "sku,name,category,brand,avg_cost,tracking\rS,Bolt,Hardware,Acme,0.25,lot\rT,\"Nut \"\"hex\"\"\",,,1,serial\r",
  "sku,location,bin,lot,serial,quantity\rS,DC1,A-01,L1,,30.5\rT,DC1,,,SN-1,1\rS,DC1,,,,4\r",
];
const importRows = [{ id: "l1", code: "DC1", location_id: "l1" }, { id: "b1", code: "A-01", location_id: "l1", sku: "S", tracking: "batch" }];
for (let r = 0; r < routes; r++) {
  uploads.forEach((u, i) => writeFileSync(path.join(out, "route_body_fuzzer", `r${r}-csv${i}`),
    Buffer.concat([Buffer.from([r]), Buffer.from(u), Buffer.from("\n"), Buffer.from(JSON.stringify(importRows))])));
  bodies.forEach((b, i) => writeFileSync(path.join(out, "route_body_fuzzer", `r${r}-b${i}`),
    Buffer.concat([Buffer.from([r]), Buffer.from(JSON.stringify(b)), Buffer.from("\n"), Buffer.from(JSON.stringify(rows[i % rows.length]))])));
}
