// Screenshots of the four pages for the README (docs/*.png), taken in the
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
// The scanner with a task's walk and a GS1 label just read (its GTIN from the demo's first item).
const item = (await (await fetch(`${base}/api/items?sku=NW-00001`, { headers: { "X-Edit-Token": "demo-admin-token" } })).json()).items[0];
await shoot("scan.png", "scan.html", "demo-scanner-token", { width: 390, height: 1300 }, `select[name=location_id] option[value=${dc1}]`,
  async (page) => {
    await page.selectOption("select[name=location_id]", dc1);
    const task = await page.locator("select[name=task_id] option:nth-child(2)").getAttribute("value");
    await page.selectOption("select[name=task_id]", task);
    await page.locator("[data-list=walk] li").first().waitFor();
    await page.locator("input[name=sku]").focus();
    await page.keyboard.insertText(`]C101${item.gtin}\x1d3012`);
    await page.keyboard.press("Enter");
    await page.locator("[data-field=label].ok").waitFor();
  });
// Settings, with a counter's token just made and its QR code (the token is revoked at once after).
await shoot("settings.png", "settings.html", "demo-admin-token", { width: 1280, height: 1250 }, "#people tbody tr",
  async (page) => {
    await page.fill("#token-new input[name=name]", "Ana — handheld 3");
    await page.click("#token-new button[type=submit]");
    await page.locator("#token-made canvas").waitFor();
    await page.locator("#schedule li").first().waitFor();
  });
const admin = { "X-Edit-Token": "demo-admin-token" };
for (const token of (await (await fetch(`${base}/api/tokens?page_size=500`, { headers: admin })).json()).items) {
  if (token.name === "Ana — handheld 3" && !token.revoked_at) await fetch(`${base}/api/tokens/${token.id}`, { method: "DELETE", headers: admin });
}
await browser.close();
