// The admin dashboard in real headless Chromium against the running product,
// started from the seeded eight weeks of history (scripts/history-seed.mjs).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";

import { syncAndWait } from "../../scripts/demo-load.mjs";
import { mondayOf, seededWeekOf } from "../../scripts/history-seed.mjs";
import { mulberry32 } from "../../scripts/seeded-random.mjs";
import { apiClient } from "../support/api_client.mjs";
import { launchChromium } from "../support/browser.mjs";
import { startStack } from "../support/stack.mjs";

let stack;
let browser;
let dc1;  // Main Distribution Center, as Northwind's NetSuite names it (its data came through the sync)
before(async () => {
  stack = await startStack({ template: process.env.HISTORY_TEMPLATE, netsuite: true });
  browser = await launchChromium();
  dc1 = (await api("GET", "/api/locations?page_size=100", "demo-admin-token")).items.find((l) => l.code === "Main Distribution Center").id;
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const api = apiClient(() => stack.base);

async function openDashboard(token = "demo-admin-token", viewport = { width: 1280, height: 900 }, pageName = "admin-dashboard.html") {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  await page.goto(`${stack.base}/${pageName}`);
  await page.fill("#token", token);
  await page.click("#token-form button");
  page.errors = errors;
  return page;
}

const chartPoints = (page, id) => page.evaluate((canvasId) => {
  const chart = globalThis.Chart.getChart(document.getElementById(canvasId));
  return chart ? chart.data.datasets.map((d) => d.data.length) : null;
}, id);

test("the headline figures and the three charts show the seeded weeks", async () => {
  const page = await openDashboard();
  const cards = page.locator("#headline .cards");
  await cards.waitFor();
  const weeks = await api("GET", "/inventory/variances/summary?group_by=week", "demo-admin-token");
  assert.ok(weeks.items.length >= 8, `eight weeks of history, got ${weeks.items.length}`);
  const latest = weeks.items.at(-1);
  assert.equal(await page.locator("#headline [data-field=accuracy]").textContent(), `${latest.accuracy_pct.toFixed(1)} %`);
  assert.match(await page.locator("#headline [data-field=accuracy-trend]").textContent(), /pts on the week before/);
  const waiting = await api("GET", "/api/proposed-actions?status=pending&page_size=1", "demo-admin-token");
  assert.ok(waiting.total > 0, "the seed leaves proposals waiting");
  assert.equal(await page.locator("#headline [data-field=waiting]").textContent(), String(waiting.total));
  assert.equal(await page.locator("#headline [data-field=waiting]").getAttribute("href"), "proposed-actions.html");
  const overCommitted = await api("GET", "/api/balances?over_committed=true&page_size=1", "demo-admin-token");
  assert.equal(await page.locator("#headline [data-field=over-committed]").textContent(), String(overCommitted.total));
  assert.match(await page.locator("#headline [data-field=queue]").textContent(), /0 pending · 1 dead/);
  // This week's count, location by location (GET /api/schedule/runs): what the seeded tick opened.
  const runs = await api("GET", "/api/schedule/runs", "demo-admin-token");
  if (runs.ticked_at === null && seededWeekOf(Date.now()) < mondayOf(Date.now())) {
    // Early in the week (until 15:00 UTC on Monday) the seed's last tick is last week's (history-seed.mjs):
    // this week's has not run, and the card says so instead of a count.
    assert.equal(await page.locator("#headline [data-field=schedule-sub]").textContent(), `the tick of ${runs.week} has not run yet`);
  } else {
    assert.ok(runs.ticked_at && runs.totals.locations > 0 && runs.totals.failed === 0, JSON.stringify(runs.totals));
    assert.equal(await page.locator("#headline [data-field=schedule]").textContent(),
      `${runs.totals.opened} of ${runs.totals.locations} locations opened`);
    assert.match(await page.locator("#headline [data-field=schedule-sub]").textContent(), new RegExp(runs.week));
  }

  await page.waitForFunction(() => globalThis.Chart?.getChart(document.getElementById("chart-zone")));
  assert.deepEqual(await chartPoints(page, "chart-week"), [weeks.items.length, weeks.items.length]);
  assert.deepEqual(await chartPoints(page, "chart-accuracy"), [weeks.items.length]);
  const zones = await api("GET", "/inventory/variances/summary?group_by=zone", "demo-admin-token");
  assert.ok(zones.items.length > 6);
  assert.deepEqual(await chartPoints(page, "chart-zone"), [zones.items.length, zones.items.length]);
  // What the decisions said caused the drift: one stacked series per reason code, a bar per week.
  const reasons = (await api("GET", "/inventory/variances/by-reason", "demo-admin-token")).items;
  const codes = new Set(reasons.map((r) => r.reason_code));
  for (const code of ["within_tolerance", "miscount", "damaged", "found"]) assert.ok(codes.has(code), `the seed's decisions name ${code}: ${[...codes]}`);
  const reasonWeeks = new Set(reasons.map((r) => r.week)).size;
  assert.ok(reasonWeeks >= 7, `decided weeks: ${reasonWeeks}`);
  await page.waitForFunction(() => globalThis.Chart?.getChart(document.getElementById("chart-reason")));
  assert.deepEqual(await chartPoints(page, "chart-reason"), [...codes].map(() => reasonWeeks));
  // Chart.js is served from this origin (no CDN), and nothing broke the CSP.
  assert.equal((await fetch(`${stack.base}/vendor/chart.umd.min.js`)).status, 200);
  assert.deepEqual(page.errors, []);
});

test("a filter narrows the report; sorting reorders it; the CSV holds exactly the filtered rows", async () => {
  const page = await openDashboard();
  const report = page.locator("#report");
  await report.locator("tbody tr").first().waitFor();
  const all = await api("GET", "/inventory/variances?page_size=1", "demo-admin-token");
  assert.equal(await report.locator(".hint").textContent(), `${all.total} lines.`);

  await report.locator("select[name=location_id]").selectOption(dc1);
  await report.locator("select[name=decision]").selectOption("review");
  await report.locator("button[type=submit]").click();
  const narrowed = await api("GET", `/inventory/variances?location_id=${dc1}&decision=review&page_size=1`, "demo-admin-token");
  assert.ok(narrowed.total > 0 && narrowed.total < all.total);
  await report.locator(".hint", { hasText: `${narrowed.total} lines.` }).waitFor();
  for (const row of await report.locator("tbody tr").all()) {
    const cells = await row.locator("td").allTextContents();
    assert.equal(cells[1], "Main Distribution Center");
    assert.equal(cells[10], "review");
  }

  // Sorting by value: the first row is the largest loss of the filtered lines.
  await report.locator("th button[data-sort=value]").click();
  await report.locator("th[aria-sort=ascending] button[data-sort=value]").waitFor();
  const smallest = await api("GET", `/inventory/variances?location_id=${dc1}&decision=review&sort=value&page_size=1`, "demo-admin-token");
  await report.locator("tbody tr").first().locator("td", { hasText: smallest.items[0].sku }).waitFor();

  const [download] = await Promise.all([page.waitForEvent("download"), report.locator("#csv").click()]);
  const csv = readFileSync(await download.path(), "utf8").trim().split("\r\n");
  const header = csv[0].split(",");
  const rows = csv.slice(1).map((line) => line.split(","));
  assert.equal(rows.length, narrowed.total);
  assert.ok(rows.every((r) => r[header.indexOf("location_code")] === "Main Distribution Center" && r[header.indexOf("decision")] === "review"));
  assert.equal(download.suggestedFilename(), "variances.csv");
});

test("stock a count found in another bin shows as a move in the report, not as a loss and a gain", async () => {
  const rows = [];
  for (let page = 1; ; page++) {
    const { items, total } = await api("GET", `/inventory/variances?page_size=500&page=${page}`, "demo-admin-token");
    rows.push(...items);
    if (page * 500 >= total) break;
  }
  // A move the report's first page shows once narrowed to its session and decision.
  let moved;
  for (const r of rows.filter((x) => x.moved_qty > 0 && x.delta === 0)) {
    const first = await api("GET", `/inventory/variances?session_id=${r.session_id}&decision=${r.decision}&page_size=50`, "demo-admin-token");
    if (first.items.some((x) => x.id === r.id)) { moved = r; break; }
  }
  assert.ok(moved, "the demo history holds a move");
  const page = await openDashboard();
  const report = page.locator("#report");
  await report.locator("tbody tr").first().waitFor();
  await report.locator("select[name=session_id]").selectOption(moved.session_id);
  await report.locator("select[name=decision]").selectOption(moved.decision);
  await report.locator("button[type=submit]").click();
  const row = report.locator("tbody tr", { hasText: moved.sku });
  await row.waitFor();
  assert.equal((await row.locator("td").nth(7).textContent()).trim(), `0 moved ${moved.moved_qty}`);
});

test("stock says look here: an item NetSuite sold below zero is listed with why, and a stock check opens from the dashboard", async () => {
  // NetSuite sells 3 of an item East Annex holds none of (allowed negative inventory); the sync brings it in.
  const account = "TSTDRV1234567";
  const balances = await (await fetch(`${stack.ns}/__balances?account=${account}`)).json();
  const atAnnex = new Set(balances.filter((b) => b.location === 2).map((b) => b.item));
  const item = balances.find((b) => b.location === 1 && !atAnnex.has(b.item) && b.inventorynumber === null).item;
  const sold = await fetch(`${stack.ns}/__movements?account=${account}`, { method: "POST", body: JSON.stringify([{ item, location: 2, delta: -3, type: "CashSale" }]) });
  assert.equal(sold.status, 200, await sold.text());
  await syncAndWait(stack.base, "demo-admin-token");
  const candidate = (await api("GET", "/api/count-candidates", "demo-admin-token")).items.find((c) => c.why === "on-hand is -3");
  assert.ok(candidate, "the oversold item is a count candidate");
  assert.equal(candidate.location_code, "East Annex");

  const page = await openDashboard();
  const row = page.locator("#candidates tbody tr", { hasText: candidate.sku });
  await row.waitFor();
  assert.match(await row.textContent(), /East Annex.*-3.*on-hand is -3/);
  await page.locator("#candidates button.open-check", { hasText: "Open a stock check at East Annex" }).click();
  await page.locator("#candidates .hint.ok", { hasText: "stock check" }).waitFor();
  assert.equal(await page.locator("#candidates tbody tr", { hasText: candidate.sku }).count(), 0, "being counted now");
  const [check] = (await api("GET", "/stock-count/sessions?source=trigger&status=ACTIVE", "demo-admin-token")).items;
  assert.match(check.trigger_reason, new RegExp(`${candidate.sku}: on-hand is -3`));
  assert.match(await page.locator("#candidates .hint").textContent(), new RegExp(check.id));
  assert.deepEqual(page.errors, []);
});

test("an admin retries the dead push from the NetSuite queue and it reaches NetSuite", async () => {
  const page = await openDashboard();
  const row = page.locator("#pushes tbody tr", { hasText: "dead" });
  await row.waitFor();
  assert.match(await row.textContent(), /closed period/);
  const id = await row.getAttribute("data-id");
  await row.locator("button.retry").click();
  await page.locator("#pushes .hint.ok", { hasText: "sent again" }).waitFor();
  let push;
  for (let i = 0; i < 100; i++) {
    push = (await api("GET", "/api/pushes?page_size=500", "demo-admin-token")).items.find((p) => p.id === id);
    if (push.status === "done") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(push.status, "done");
  const records = await (await fetch(`${stack.ns}/__records`)).json();
  assert.equal(records.filter((r) => r.externalId === push.external_id).length, 1);
});

test("the what-if over 1,000 counted lines (settings, with the dashboard's link to it) equals what the server decides after saving that guardrail and closing", async () => {
  // A full count at DC1 with 1,000 lines counted: most right, some a little off, some far off.
  const session = await api("POST", "/stock-count/sessions", "demo-approver-token", { location_id: dc1, type: "FULL", name: "What-if check" });
  await api("PATCH", `/stock-count/sessions/${session.id}/start`, "demo-approver-token");
  const lines = [];
  for (let page = 1; lines.length < 1000; page++) {
    const { items } = await api("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500&page=${page}`, "demo-approver-token");
    lines.push(...items.filter((l) => l.bin));
  }
  const rnd = mulberry32(7);
  const entries = lines.slice(0, 1000).map((l) => {
    const r = rnd();
    const off = r < 0.5 ? 0 : r < 0.8 ? Math.round(l.quantity * (rnd() * 0.08 - 0.04)) : Math.round(l.quantity * (rnd() - 0.5));
    return { item_id: l.item_id, bin: l.bin, counted_qty: Math.max(0, l.quantity + off) };
  });
  await api("POST", "/stock-count/entries", "demo-scanner-token", { session_id: session.id, entries });

  // The dashboard keeps the what-if and sends the admin to Settings to change the guardrail.
  const dashboard = await openDashboard();
  const whatIf = dashboard.locator("#guardrail");
  await whatIf.locator(`select[name=preview_session] option[value="${session.id}"]`).waitFor({ state: "attached" });
  assert.equal(await whatIf.locator("button[type=submit]").count(), 0, "no save on the dashboard");
  await whatIf.locator("a[href='settings.html#guardrail']").click();
  await dashboard.waitForURL(/settings\.html#guardrail$/);
  await dashboard.close();

  const page = await openDashboard("demo-admin-token", { width: 1280, height: 900 }, "settings.html");
  const editor = page.locator("#guardrail");
  await editor.locator(`select[name=preview_session] option[value="${session.id}"]`).waitFor({ state: "attached" });
  await editor.locator("select[name=preview_session]").selectOption(session.id);
  await editor.locator(".what-if:not([hidden])").waitFor();
  await editor.locator("input[name=inventory_auto_pct]").fill("3");
  await editor.locator("input[name=inventory_auto_value]").fill("40");
  await editor.locator(".hint", { hasText: "What-if over 1000 counted lines" }).waitFor();
  const items = async (name) => Number((await editor.locator(`[data-field=${name}]`).textContent()).split(" ")[0]);
  const preview = { auto: await items("auto"), recount: await items("recount"), review: await items("review"), confirmed: await items("confirmed") };
  assert.ok(preview.auto > 0 && preview.recount > 0 && preview.review > 0 && preview.confirmed > 0, JSON.stringify(preview));
  // A recount threshold of 100 % sends only stock found where none was expected to a recount (no
  // percentage judges it); the rest go straight to review.
  const recountShows = (n) => page.waitForFunction((k) => document.querySelector("#guardrail [data-field=recount]").textContent.startsWith(`${k} items`), n);
  await editor.locator("input[name=recount_pct]").fill("100");
  await page.waitForFunction((n) => !document.querySelector("#guardrail [data-field=recount]").textContent.startsWith(`${n} items`), preview.recount);
  const loose = { recount: await items("recount"), review: await items("review") };
  assert.ok(loose.recount < preview.recount, JSON.stringify({ loose, preview }));
  assert.equal(loose.recount + loose.review, preview.recount + preview.review);
  await editor.locator("input[name=recount_pct]").fill("");
  await recountShows(preview.recount);

  await editor.locator("button[type=submit]").click();
  await editor.locator(".hint.ok", { hasText: "Guardrail saved: up to 3 % and 40.00" }).waitFor();
  const saved = await api("GET", "/api/guardrails", "demo-admin-token");
  assert.equal(saved.inventory_auto_pct, 3);
  assert.equal(saved.inventory_auto_value, "40.00");
  assert.equal(saved.recount_pct, null);
  assert.equal(saved.recount_pct_applied, 6);
  assert.match(await editor.locator("[data-field=current]").textContent(), /recount first above 6 % or 80\.00/);

  await api("PATCH", `/stock-count/sessions/${session.id}/close`, "demo-approver-token");
  const { totals } = await api("GET", `/inventory/variances?session_id=${session.id}&page_size=1`, "demo-approver-token");
  // The close decides as the preview said: every recount item waits for a person too (it was not recounted).
  assert.deepEqual({ auto: totals.auto, review: totals.review, confirmed: totals.confirmed },
    { auto: preview.auto, review: preview.review + preview.recount, confirmed: preview.confirmed });
});

test("an admin imports items from a file: a bad row is named in a table and nothing is written; the mended file is created once", async () => {
  const page = await openDashboard();
  const form = page.locator("#import-form");
  await form.locator("select[name=kind]").selectOption("items");
  const [template] = await Promise.all([page.waitForEvent("download"), form.locator("button[name=template]").click()]);
  assert.equal(template.suggestedFilename(), "items-template.csv");
  assert.match(readFileSync(await template.path(), "utf8"), /^sku,name,category,brand,avg_cost,tracking,ns_item_id,active,gtin,uoms\r\n/);

  const file = (cost) => ({ name: "new-items.csv", mimeType: "text/csv",
    buffer: Buffer.from(`sku,name,category,avg_cost,tracking\nBR-1,Browser bolt,Hardware,0.40,none\nBR-2,Browser nut,Hardware,${cost},lot\n`) });
  await form.locator("input[name=file]").setInputFiles(file("0.4.1"));
  await form.locator("button[type=submit]").click();
  await page.locator("#import .hint.bad", { hasText: "was not imported" }).waitFor();
  const problem = page.locator("#import tbody tr");
  assert.equal(await problem.count(), 1);
  assert.deepEqual(await problem.locator("td").allTextContents(), ["2", "avg_cost", "an amount such as 12.50 (at most 2 decimals, not negative)"]);
  assert.equal((await api("GET", "/api/items?sku=BR-1", "demo-admin-token")).total, 0, "nothing written");

  await form.locator("input[name=file]").setInputFiles(file("0.55"));
  await form.locator("button[type=submit]").click();
  await page.locator("#import .hint.ok", { hasText: "new-items.csv: 2 rows — 2 created, 0 updated." }).waitFor();
  assert.equal(await page.locator("#import table").isHidden(), true);
  // A second click sends the same upload again: answered once, nothing made twice.
  await form.locator("button[type=submit]").click();
  await page.locator("#import .hint.ok", { hasText: "2 created" }).waitFor();
  const made = await api("GET", "/api/items?sku=BR-2", "demo-admin-token");
  assert.deepEqual(made.items.map((i) => [i.sku, i.tracking]), [["BR-2", "batch"]]);
  assert.deepEqual(page.errors, []);
});

test("tokens are explained in words: a wrong one is not accepted, a scanner's role cannot see the report", async () => {
  const wrong = await openDashboard("wrong-token");
  await wrong.locator("#headline .hint.bad").waitFor();
  assert.match(await wrong.locator("#headline .hint").textContent(), /not accepted/);
  const scanner = await openDashboard("demo-scanner-token");
  await scanner.locator("#report .hint.bad").waitFor();
  assert.match(await scanner.locator("#report .hint").textContent(), /role may not/);
  const approver = await openDashboard("demo-approver-token");
  await approver.locator("#pushes .hint.bad").waitFor();
  assert.match(await approver.locator("#pushes .hint").textContent(), /needs an admin token/);
});

test("at phone width the dashboard still loads its figures without a page-wide scroll", async () => {
  const page = await openDashboard("demo-admin-token", { width: 390, height: 844 });
  await page.locator("#headline .cards").waitFor();
  await page.locator("#report tbody tr").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
});

test("pages carry a CSP without inline script, refuse framing and sniffing", async () => {
  for (const path of ["/admin-dashboard.html", "/proposed-actions.html", "/scan.html", "/settings.html"]) {
    const r = await fetch(`${stack.base}${path}`);
    const csp = r.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'/, path);
    assert.doesNotMatch(csp, /unsafe-inline/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff", path);
  }
  assert.equal((await fetch(`${stack.base}/health`)).headers.get("x-content-type-options"), "nosniff");
});

test("GET /openapi.json serves the contract in docs/openapi.yaml, without a token", async () => {
  const { parse } = await import("yaml");
  const response = await fetch(`${stack.base}/openapi.json`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /application\/json/);
  assert.deepEqual(await response.json(), parse(readFileSync(new URL("../../docs/openapi.yaml", import.meta.url), "utf8")));
});
