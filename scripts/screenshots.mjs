// Screenshots of the three pages for the README (docs/*.png), taken in the
// system's Chromium against a running product with the seeded history:
//   node scripts/screenshots.mjs http://127.0.0.1:8787
import path from "node:path";

import { launchChromium } from "../tests/support/browser.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:8787";
const out = path.resolve(import.meta.dirname, "../docs");
const browser = await launchChromium();

async function shoot(file, pagePath, token, viewport, ready, act = async () => {}) {
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}/${pagePath}`);
  await page.fill("#token", token);
  await page.click("#token-form button");
  await page.locator(ready).first().waitFor({ state: "attached" });
  await act(page);
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, file), fullPage: false });
  console.log(`docs/${file}`);
}

await shoot("admin-dashboard.png", "admin-dashboard.html", "demo-admin-token", { width: 1280, height: 1100 }, "#report tbody tr");
await shoot("proposed-actions.png", "proposed-actions.html", "demo-approver-token", { width: 1280, height: 700 }, "#queue tbody tr",
  async (page) => { await page.locator("#queue tbody tr button", { hasText: "History" }).first().click(); await page.locator("tr.history tbody tr").first().waitFor(); });
// The demo's locations come through the NetSuite sync: found by their NetSuite names.
const locations = await (await fetch(`${base}/api/locations?page_size=100`, { headers: { "X-Edit-Token": "demo-admin-token" } })).json();
const dc1 = locations.items.find((l) => l.code === "Main Distribution Center").id;
await shoot("scan.png", "scan.html", "demo-scanner-token", { width: 390, height: 844 }, `select[name=location_id] option[value=${dc1}]`,
  async (page) => { await page.selectOption("select[name=location_id]", dc1); await page.fill("input[name=sku]", "NW-00024"); await page.fill("input[name=bin]", "C-02-05"); });
await browser.close();
