// A business's own settings (GET|PUT /api/settings, admin): the rule that names a bin's zone from
// its code. A pattern outside the bounded subset is refused by position and nothing is saved; a
// saved one names the zones of bins as they arrive by import (and the sync: netsuite_sync.test.mjs),
// new zones join the rotation, and bins already stored keep their zones.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { ok, startRuntime, TOKENS } from "../support/runtime.mjs";

let rt;
before(async () => { rt = await startRuntime(); });
after(async () => { await rt?.stop(); });

const admin = { token: TOKENS.admin };

test("by default a bin's zone is its code's text before the first '-', and the answer shows it on the business's bins", async () => {
  const settings = await ok(rt.call("GET", "/api/settings", admin));
  assert.equal(settings.zone_pattern, null);
  assert.equal(settings.updated_by, null);
  assert.equal(settings.zone_examples.length, 5);
  for (const e of settings.zone_examples) assert.equal(e.zone, e.bin.split("-")[0]);
  assert.deepEqual(settings.zone_examples[0], { bin: "A-01-01", zone: "A", zone_now: "A" });
});

test("a pattern outside the subset, or an unknown setting, is a 422 that names it, and nothing is saved", async () => {
  for (const [body, path, says] of [
    [{ zone_pattern: "^(A|B)" }, "zone_pattern", /position 4: alternation/],
    [{ zone_pattern: "(a)(b)" }, "zone_pattern", /one group at most/],
    [{ zone_pattern: 7 }, "zone_pattern", /a text or null/],
    [{}, "zone_pattern", /name a setting to save/],
    [{ zone_pattern: null, blind: true }, "blind", /not a setting/],
  ]) {
    const r = await rt.call("PUT", "/api/settings", { ...admin, body });
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.match(r.headers.get("content-type"), /problem\+json/);
    const error = r.json.errors.find((e) => e.path === path);
    assert.ok(error, `${JSON.stringify(body)} → ${r.text}`);
    assert.match(error.message, says);
  }
  assert.equal((await ok(rt.call("GET", "/api/settings", admin))).zone_pattern, null);
  const scanner = await rt.call("PUT", "/api/settings", { token: TOKENS.scanner, body: { zone_pattern: null } });
  assert.equal(scanner.status, 403);
});

test("a saved pattern names the zones of bins imported after it; they join the rotation; stored bins keep theirs", async () => {
  const saved = await ok(rt.call("PUT", "/api/settings", { ...admin, body: { zone_pattern: "^([A-Z]+)\\d" } }));
  assert.equal(saved.zone_pattern, "^([A-Z]+)\\d");
  assert.equal(saved.updated_by, "Demo admin");
  // A-01-01 has no digit right after its letters: the pattern does not match, the default names it.
  assert.deepEqual(saved.zone_examples[0], { bin: "A-01-01", zone: "A", zone_now: "A" });
  const imported = await ok(rt.call("POST", "/api/import/bins", { ...admin,
    raw: "location,code\nDC1,MZ12-04\nDC1,MZ13-01\nDC1,COLD7\nDC1,Q-01\n", headers: { "content-type": "text/csv" } }));
  assert.equal(imported.created, 4);
  assert.equal(imported.zones_created, 3, "MZ, COLD and Q");
  const [dc1] = (await ok(rt.call("GET", "/api/locations?page_size=10", admin))).items.filter((l) => l.code === "DC1");
  const zoneOf = Object.fromEntries(await rt.rows(
    "SELECT b.code, z.code AS zone FROM bins b JOIN zones z ON z.id = b.zone_id WHERE b.location_id = ? AND b.code IN ('MZ12-04', 'MZ13-01', 'COLD7', 'Q-01', 'A-01-01')",
    dc1.id).then((rows) => rows.map((r) => [r.code, r.zone])));
  assert.deepEqual(zoneOf, { "A-01-01": "A", "COLD7": "COLD", "MZ12-04": "MZ", "MZ13-01": "MZ", "Q-01": "Q" });
  const schedule = await ok(rt.call("GET", `/api/cycle-count-schedule?location_id=${dc1.id}`, admin));
  const rotation = JSON.stringify(schedule);
  for (const zone of ["MZ", "COLD", "Q"]) assert.match(rotation, new RegExp(`"${zone}"`), `${zone} joined the rotation`);
  // Back to the default: the next bins are named by their dash again.
  await ok(rt.call("PUT", "/api/settings", { ...admin, body: { zone_pattern: null } }));
  await ok(rt.call("POST", "/api/import/bins", { ...admin, raw: "location,code\nDC1,MZ14-02\n", headers: { "content-type": "text/csv" } }));
  const [{ zone }] = await rt.rows("SELECT z.code AS zone FROM bins b JOIN zones z ON z.id = b.zone_id WHERE b.code = 'MZ14-02'");
  assert.equal(zone, "MZ14");
});

test("another business's settings are its own", async () => {
  await ok(rt.call("PUT", "/api/settings", { ...admin, body: { zone_pattern: "^(..)" } }));
  const other = await ok(rt.call("GET", "/api/settings", { token: TOKENS.otherAdmin }));
  assert.equal(other.zone_pattern, null);
  await ok(rt.call("PUT", "/api/settings", { ...admin, body: { zone_pattern: null } }));
});

test("a count's entry says how old the NetSuite figure behind it was: null for a business that does not follow NetSuite", async () => {
  const [entry] = (await ok(rt.call("GET", "/stock-count/entries?page_size=1", admin))).items;
  if (entry) assert.equal(entry.mirror_as_of, null);
  const session = await ok(rt.call("POST", "/stock-count/sessions", { token: TOKENS.approver, body: { location_id: "nw_loc_dc1", type: "CYCLE" } }), 201);
  await ok(rt.call("POST", `/stock-count/sessions/${session.id}/scopes`, { token: TOKENS.approver, body: { kind: "zone", value: "A" } }), 201);
  await ok(rt.call("PATCH", `/stock-count/sessions/${session.id}/start`, { token: TOKENS.approver }));
  const counted = await ok(rt.call("POST", "/api/inventory/count", { token: TOKENS.scanner,
    body: { location_id: "nw_loc_dc1", session_id: session.id, counts: [{ sku: "NW-00001", bin: "A-01-01", counted_qty: 1 }] } }), 201);
  assert.equal(counted.entries[0].mirror_as_of, null);
});
