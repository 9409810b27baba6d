// scan.html opened as a counter opens it: the scanner token entered (once a tab), the location
// list loaded; with `choose`, the location picked.
export async function openScanner(context, base, locationId, { choose = false } = {}) {
  const page = await context.newPage();
  await page.goto(`${base}/scan.html`);
  if (!(await page.inputValue("#token"))) {
    await page.fill("#token", "demo-scanner-token");
    await page.click("#token-form button");
  }
  await page.locator(`select[name=location_id] option[value=${locationId}]`).waitFor({ state: "attached" });
  if (choose) await page.selectOption("select[name=location_id]", locationId);
  return page;
}
