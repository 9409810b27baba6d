// settings.html in real headless Chromium against the running product (the seeded demo, connected
// to the NetSuite stand-in): an admin sets everything up without curl — a counter's token and the
// phone it signs in by QR code, the count schedule, the NetSuite connection, reason codes.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { apiClient } from "../support/api_client.mjs";
import { launchChromium } from "../support/browser.mjs";
import { startStack } from "../support/stack.mjs";

let stack;
let browser;
const serverLog = path.join(mkdtempSync(path.join(tmpdir(), "cc-settings-")), "runtime.log");
const api = apiClient(() => stack.base);

before(async () => {
  stack = await startStack({ netsuite: true, logTo: serverLog });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openSettings(token = "demo-admin-token", context = browser) {
  const page = await context.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  page.on("dialog", (dialog) => dialog.accept());
  await page.goto(`${stack.base}/settings.html`);
  await page.fill("#token", token);
  await page.click("#token-form button");
  page.errors = errors;
  return page;
}

// Puts the demo's NetSuite credentials back, as npm start saved them.
function execDemoConfigure() {
  execFileSync("node", ["scripts/netsuite-demo.mjs", "configure", stack.base, stack.ns], { cwd: path.resolve(import.meta.dirname, "../.."), stdio: "ignore" });
}

// The QR code on the page, read back by the scanner page's own detector (ZXing, from this origin).
const qrText = (page) => page.evaluate(async () => {
  const { detect } = await import("/scan/camera.js");
  const blob = await new Promise((resolve) => document.querySelector("#token-made canvas").toBlob(resolve));
  return detect(blob);
});

test("a counter's token: made with a QR code, a phone opens the scanner from it and counts a line; the token is in no request URL or log line; revoked, the phone is told so", async () => {
  // An open count at DC1 for the phone to count in.
  const session = await api("POST", "/stock-count/sessions", "demo-approver-token", { location_id: "nw_loc_dc1", type: "CYCLE", name: "Phone check" });
  await api("POST", `/stock-count/sessions/${session.id}/scopes`, "demo-approver-token", { kind: "zone", value: "A" });
  await api("PATCH", `/stock-count/sessions/${session.id}/start`, "demo-approver-token");
  const line = (await api("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=50`, "demo-approver-token")).items.find((l) => l.bin);

  const admin = await openSettings();
  const people = admin.locator("#people");
  await people.locator("tbody tr").first().waitFor();
  await people.locator("input[name=name]").fill("Ana — handheld 3");
  await people.locator("select[name=role]").selectOption("scanner");
  assert.equal(await people.locator("fieldset.limits").isHidden(), true, "a counter has no approval limits");
  await people.locator("#token-new button[type=submit]").click();
  const made = people.locator("#token-made");
  await made.waitFor();
  const token = await made.locator("[data-field=token]").textContent();
  assert.match(token, /^cct_/);
  const link = await qrText(admin);
  assert.equal(link, `${stack.base}/scan.html#token=${token}`, "the QR code opens the scanner with the token in the fragment");
  await people.locator("tbody tr", { hasText: "Ana — handheld 3" }).locator("td", { hasText: "never" }).waitFor();

  // The phone: a small touch screen, opened from the code.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const urls = [];
  phone.on("request", (request) => urls.push(request.url()));
  const scanner = await phone.newPage();
  await scanner.goto(link);
  await scanner.locator("select[name=location_id] option[value=nw_loc_dc1]").waitFor({ state: "attached" });
  assert.equal(new URL(scanner.url()).hash, "", "the fragment is cleared from the address bar");
  assert.equal(await scanner.evaluate(() => sessionStorage.getItem("edit-token")), token);
  await scanner.selectOption("select[name=location_id]", "nw_loc_dc1");
  await scanner.fill("input[name=sku]", line.sku);
  await scanner.fill("input[name=bin]", line.bin);
  await scanner.fill("input[name=counted_qty]", String(line.quantity));
  await scanner.click("#scan button[type=submit]");
  await scanner.locator("[data-list=sent] li", { hasText: line.sku }).locator(".ok", { hasText: "counted" }).waitFor();
  const entries = (await api("GET", `/stock-count/entries?session_id=${session.id}&item_id=${line.item_id}`, "demo-approver-token")).items;
  assert.deepEqual(entries.map((e) => [e.bin, e.counted_qty, e.counted_by]), [[line.bin, line.quantity, "Ana — handheld 3"]]);

  // The admin sees the token used; then revokes it (the confirmation is accepted).
  await admin.reload();
  await people.locator("tbody tr", { hasText: "Ana — handheld 3" }).waitFor();
  assert.notEqual(await people.locator("tbody tr", { hasText: "Ana — handheld 3" }).locator("td").nth(4).textContent(), "never");
  await people.locator("button[aria-label='Revoke Ana — handheld 3']").click();
  await people.locator(".hint.ok", { hasText: "Ana — handheld 3's token is revoked" }).waitFor();
  // Revoked tokens are hidden unless asked for.
  await people.locator("tbody tr", { hasText: "Ana — handheld 3" }).waitFor({ state: "detached" });
  await people.locator("input[name=show-revoked]").check();
  await people.locator("tbody tr", { hasText: "Ana — handheld 3" }).locator("td.bad", { hasText: "revoked" }).waitFor();

  // The phone, next time it asks the API, is told in words.
  await scanner.reload();
  await scanner.locator("#setup .hint.bad", { hasText: /^Signed out: this token was revoked on \d{4}-\d{2}-\d{2}; ask an admin for a new one\./ }).waitFor();

  await new Promise((r) => setTimeout(r, 500));  // the runtime's last lines reach the log
  for (const url of urls) assert.ok(!url.includes(token), `a request URL carries the token: ${url}`);
  const log = readFileSync(serverLog, "utf8");
  assert.ok(log.includes("GET /scan.html"), "the runtime's log is read");
  assert.ok(!log.includes(token) && !log.includes(token.slice(4, 20)), "no server log line carries the token");
  assert.deepEqual(admin.errors, []);
  await phone.close();
  await admin.close();
});

test("an approver's token carries approval limits, changed later in the table; a non-admin token is told the page is not for it", async () => {
  const page = await openSettings();
  const people = page.locator("#people");
  await people.locator("tbody tr").first().waitFor();
  await people.locator("input[name=name]").fill("Bo — shift lead");
  await people.locator("select[name=role]").selectOption("approver");
  await people.locator("input[name='limits.qty']").fill("-3");
  await people.locator("#token-new button[type=submit]").click();
  await people.locator(".field-error[data-for='limits.qty']").waitFor();
  assert.equal(await people.locator("#token-made").isHidden(), true, "a refused token is not made");
  await people.locator("input[name='limits.qty']").fill("25");
  await people.locator("input[name='limits.value']").fill("500");
  await people.locator("#token-new button[type=submit]").click();
  await people.locator("#token-made").waitFor();
  assert.equal(await qrText(page), `${stack.base}/proposed-actions.html#token=${await people.locator("[data-field=token]").textContent()}`);
  const row = people.locator("tbody tr", { hasText: "Bo — shift lead" });
  await row.locator("td", { hasText: "|qty| ≤ 25 · |value| ≤ 500.00" }).waitFor();
  await people.locator("[data-action=done]").click();
  assert.equal(await people.locator("[data-field=token]").textContent(), "", "the token is gone from the page once done");

  await row.locator("button[aria-label=\"Change Bo — shift lead's limits\"]").click();
  await row.locator("input[name='limits.qty']").fill("");
  await row.locator("input[name='limits.pct']").fill("8");
  await row.locator("button", { hasText: "Save limits" }).click();
  await row.locator("td", { hasText: "|%| ≤ 8 · |value| ≤ 500.00" }).waitFor();
  const listed = (await api("GET", "/api/tokens?role=approver&page_size=100", "demo-admin-token")).items.find((t) => t.name === "Bo — shift lead");
  assert.deepEqual(listed.limits, { qty: null, pct: 8, value: "500.00" });
  await page.close();

  const approver = await openSettings("demo-approver-token");
  await approver.locator("#signin.bad", { hasText: "Settings need an admin token" }).waitFor();
  assert.equal(await approver.locator("#people tbody tr").count(), 0);
  await approver.close();
});

test("the count schedule: a zone dragged to the front and another unticked; after saving the page names the zone the next weekly tick opens, and the tick opens it", async () => {
  const page = await openSettings();
  const section = page.locator("#schedule");
  await section.locator("select[name=location_id]").selectOption("nw_loc_dc2");
  await section.locator("li[data-zone=A]").waitFor();
  const before = await section.locator("[data-field=next]").textContent();
  assert.match(before, /^Next week counts zone A\./);
  await section.locator("li[data-zone=D]").dragTo(section.locator("li[data-zone=A]"), { targetPosition: { x: 20, y: 2 } });
  await section.locator("button[aria-label='Move zone E up']").click();
  await section.locator("button[aria-label='Move zone E up']").click();
  await section.locator("button[aria-label='Move zone E up']").click();
  await section.locator("input[name=active-D]").uncheck();
  const order = await section.locator("li").evaluateAll((lis) => lis.map((li) => li.dataset.zone));
  assert.deepEqual(order, ["D", "E", "A", "B", "C", "F"]);
  assert.match(await section.locator("[data-field=next]").textContent(), /Not saved yet/);
  await section.locator("[data-action=save]").click();
  await section.locator(".hint.ok", { hasText: "Rotation saved for DC2" }).waitFor();
  const shown = (await section.locator("[data-field=next]").textContent()).match(/^Next week counts zone (\w+)\./)?.[1];
  assert.equal(shown, "E", "D is skipped, E is first of the active zones");
  const saved = await api("GET", "/api/cycle-count-schedule?location_id=nw_loc_dc2", "demo-admin-token");
  assert.deepEqual(saved.rotation.map((z) => [z.zone, z.active]), [["D", false], ["E", true], ["A", true], ["B", true], ["C", true], ["F", true]]);

  await fetch(`${stack.base}/__scheduled?cron=0+6+*+*+MON`);
  let session;
  for (let i = 0; i < 200 && !session; i++) {
    session = (await api("GET", "/stock-count/sessions?source=cron&location_id=nw_loc_dc2", "demo-approver-token")).items[0];
    if (!session) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(session, "the tick opened DC2's count");
  assert.equal(session.zone_id, `nw_loc_dc2_z${shown.toLowerCase()}`, "the tick opened the zone the page named");
  await page.reload();
  await section.locator("select[name=location_id]").selectOption("nw_loc_dc2");
  await section.locator("[data-field=next]", { hasText: `after zone ${shown}` }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("NetSuite: a bad PEM is refused next to its field and nothing is saved; the test reports success, then NetSuite's refusal of a wrong key; sync now runs", async () => {
  const page = await openSettings();
  const section = page.locator("#netsuite");
  const before = await api("GET", "/api/netsuite/connection", "demo-admin-token");
  await section.locator(".stored", { hasText: "Private key: stored (ES256)" }).waitFor();
  assert.equal(await section.locator("input[name=account_id]").inputValue(), before.account_id);

  await section.locator("button[aria-label='Replace the stored private key pem']").click();
  await section.locator("input[name=private_key_pem]").setInputFiles({ name: "broken.pem", mimeType: "application/x-pem-file",
    buffer: Buffer.from("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n") });
  await section.locator("button[type=submit]", { hasText: "Save the connection" }).click();
  const error = section.locator(".field-error[data-for=private_key_pem]");
  await error.waitFor();
  assert.match(await error.textContent(), /\S/);
  assert.equal(await section.locator("input[name=private_key_pem]").getAttribute("aria-invalid"), "true");
  assert.match(await section.locator("[data-field=connection]").textContent(), /^Not saved/);
  assert.deepEqual(await api("GET", "/api/netsuite/connection", "demo-admin-token"), before, "nothing saved");

  await page.reload();
  await section.locator(".stored", { hasText: "Private key: stored" }).waitFor();
  await section.locator("[data-action=test]").click();
  await section.locator("[data-field=connection].ok", { hasText: `NetSuite accepted the connection to ${before.account_id}.` }).waitFor();
  assert.deepEqual(await section.locator("[data-list=checks] li").evaluateAll((lis) => lis.map((li) => [li.dataset.check, li.className])),
    [["credentials", "ok"], ["login", "ok"], ["subsidiary", "ok"], ["adjustment_account", "ok"]]);

  // A key NetSuite does not know: saved (it is a good key), then the test says what NetSuite said.
  await section.locator("button[aria-label='Replace the stored private key pem']").click();
  await section.locator("input[name=private_key_pem]").setInputFiles({ name: "other.pem", mimeType: "application/x-pem-file",
    buffer: Buffer.from(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" })) });
  await section.locator("button[type=submit]", { hasText: "Save the connection" }).click();
  await section.locator("[data-field=connection].ok", { hasText: "Connection saved" }).waitFor();
  await section.locator("[data-action=test]").click();
  await section.locator("[data-field=connection].bad", { hasText: "The test failed at login" }).waitFor();
  assert.match(await section.locator("[data-list=checks] li[data-check=login]").textContent(),
    /✗ login — token request: HTTP 400 invalid_grant: the JWT signature does not verify against the certificate \(HTTP 400\)/);

  // TBA (the other business): a wrong token secret is NetSuite's 401.
  const tba = await openSettings("demo2-admin-token");
  const other = tba.locator("#netsuite");
  await other.locator(".stored", { hasText: "token secret: stored" }).waitFor();
  assert.equal(await other.locator("fieldset[data-mode=m2m]").isHidden(), true);
  await other.locator("button[aria-label='Replace the stored token secret']").click();
  await other.locator("input[name=token_secret]").fill("0".repeat(64));
  await other.locator("button[type=submit]", { hasText: "Save the connection" }).click();
  await other.locator("[data-field=connection].ok", { hasText: "Connection saved" }).waitFor();
  await other.locator("[data-action=test]").click();
  await other.locator("[data-list=checks] li[data-check=login].bad", { hasText: "HTTP 401 INVALID_LOGIN" }).waitFor();

  // Put the demo's credentials back, as npm start saved them; then read NetSuite now.
  execDemoConfigure();
  await page.reload();
  await section.locator("[data-action=test]").click();
  await section.locator("[data-field=connection].ok", { hasText: "NetSuite accepted" }).waitFor();
  await section.locator("#sync-form button[type=submit]").click();
  await section.locator("[data-field=sync]", { hasText: /last run (full|incremental), done at .* \(\d+ pages in \d+ ms\)/ }).waitFor({ timeout: 60000 });
  assert.deepEqual([...page.errors, ...tba.errors], []);
  await tba.close();
  await page.close();
});

test("reason codes: a bad code is marked at its row and nothing is saved; the mended list is saved whole", async () => {
  const page = await openSettings();
  const section = page.locator("#reasons");
  await section.locator("tbody tr").first().waitFor();
  const count = await section.locator("tbody tr").count();
  await section.locator("[data-action=add]").click();
  const added = section.locator("tbody tr").last();
  await added.locator("[data-field=code]").fill("Short Pick");
  await added.locator("[data-field=label]").fill("Short pick found at count");
  await section.locator("button[type=submit]").click();
  await section.locator(`.field-error[data-for='items[${count}].code']`).waitFor();
  assert.equal((await api("GET", "/api/reason-codes", "demo-admin-token")).customized, false, "nothing saved");
  await added.locator("[data-field=code]").fill("short_pick");
  await added.locator("[data-field=ns_memo]").fill("Cycle count: short pick");
  await section.locator("button[type=submit]").click();
  await section.locator(".hint.ok", { hasText: `Reason codes saved: ${count + 1}.` }).waitFor();
  const saved = await api("GET", "/api/reason-codes", "demo-admin-token");
  assert.deepEqual(saved.items.at(-1), { code: "short_pick", label: "Short pick found at count", ns_memo: "Cycle count: short pick" });
  assert.equal(await section.locator(".field-error").count(), 0);
  await page.close();
});

test("the guardrail is edited here: a recount threshold under the automatic one is refused beside its field; then saved", async () => {
  const page = await openSettings();
  const editor = page.locator("#guardrail");
  await editor.locator("[data-field=current]", { hasText: "Saved: up to" }).waitFor();
  const before = await api("GET", "/api/guardrails", "demo-admin-token");
  await editor.locator("input[name=inventory_auto_pct]").fill("4");
  await editor.locator("input[name=recount_pct]").fill("3");
  await editor.locator("button[type=submit]").click();
  await editor.locator(".field-error[data-for=recount_pct]", { hasText: "must be at least inventory_auto_pct" }).waitFor();
  assert.equal((await api("GET", "/api/guardrails", "demo-admin-token")).updated_at, before.updated_at, "nothing saved");
  await editor.locator("input[name=recount_pct]").fill("12");
  await editor.locator("button[type=submit]").click();
  await editor.locator(".hint.ok", { hasText: "Guardrail saved: up to 4 %" }).waitFor();
  assert.equal(await editor.locator(".field-error").count(), 0);
  const saved = await api("GET", "/api/guardrails", "demo-admin-token");
  assert.deepEqual([saved.inventory_auto_pct, saved.recount_pct, saved.updated_by], [4, 12, "Demo admin"]);
  await page.close();
});

test("at phone width the settings page loads every section without a page-wide scroll", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  const page = await openSettings("demo-admin-token", context);
  await page.locator("#schedule li").first().waitFor();
  await page.locator("#netsuite .stored").first().waitFor();
  await page.locator("#reasons tbody tr").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await context.close();
});

test("'Sync now' on a business that loads its data by import asks first: the first sync makes it follow NetSuite", async () => {
  const page = await openSettings("demo2-admin-token");  // Contoso: its data came as CSV files
  page.removeAllListeners("dialog");
  const asked = [];
  page.on("dialog", (dialog) => { asked.push(dialog.message()); dialog.dismiss(); });
  const section = page.locator("#netsuite");
  await section.locator("[data-field=sync]", { hasText: "not synced from NetSuite yet" }).waitFor();
  await section.locator("#sync-form button[type=submit]").click();
  await section.locator("[data-field=sync]", { hasText: "Not started: the business keeps the data it loads by import." }).waitFor();
  assert.match(asked[0], /^The first sync makes this business follow NetSuite/);
  const sync = await api("GET", "/api/netsuite/sync", "demo2-admin-token");
  assert.deepEqual([sync.current, sync.last], [null, null], "nothing started");
  await page.close();
});
