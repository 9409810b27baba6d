// scan.html: a phone or handheld as the scanner. Blind counting (the expected
// quantity is never shown). Each line gets its client_entry_id when it is
// entered and waits in the local queue (scan_queue.js) until
// POST /api/inventory/count has it; sending retries until the API answers.
import { ApiError, api, el, onToken, say, tokenInput } from "./api.js";
import { detect, startCamera } from "./scan/camera.js";
import { itemOf, packText, readLabel } from "./scan/label.js";
import { keptWalk, loadWalk, renderWalk, tick } from "./scan/walk.js";
import { queue } from "./scan_queue.js";

const where = document.querySelector("#where");
const form = document.querySelector("#scan");
const setupHint = document.querySelector("#setup .hint");
const added = document.querySelector("[data-field=added]");
const state = document.querySelector("[data-field=state]");
const waitingList = document.querySelector("[data-list=waiting]");
const sentList = document.querySelector("[data-list=sent]");
const recounts = document.querySelector("#recounts");
const recountList = document.querySelector("[data-list=recounts]");
const walkSection = document.querySelector("#walk");
const labelHint = document.querySelector("[data-field=label]");
const RETRY_MS = 3000;
const BATCH = 500;
let sending = false;
let retryTimer = null;

// --- where: location and session, remembered on this device ---
async function loadLocations() {
  if (!tokenInput.value) return;
  const select = where.elements.location_id;
  const show = (items) => {
    select.replaceChildren(new Option("choose", ""), ...items.map((l) => new Option(`${l.code} — ${l.name}`, l.id)));
    select.value = localStorage.getItem("scan-location") ?? "";
  };
  try {
    const { items } = await api("/api/locations");
    localStorage.setItem("scan-locations", JSON.stringify(items));
    show(items);
    await loadSessions();
    say(setupHint, select.value ? "Ready to count." : "Choose the location you count in.");
  } catch (error) {
    // A token refused (revoked, unknown, not a counter's) is said as the API says it, in words.
    if (error.status === 401 || error.status === 403) {
      select.replaceChildren(new Option("choose", ""));
      return say(setupHint, `${error.message} Counts already added wait on this device.`, "bad");
    }
    // Offline: the locations and the walk as this device last saw them; counts wait in the queue.
    show(JSON.parse(localStorage.getItem("scan-locations") ?? "[]"));
    const task = localStorage.getItem("scan-task");
    if (task) {
      where.elements.task_id.replaceChildren(new Option("the task chosen before", task));
      where.elements.task_id.value = task;
      await showWalk({ fresh: false });
    }
    say(setupHint, `Could not reach the API (${error.message}); counting on this device until it answers.`, "bad");
  }
}

async function loadSessions() {
  const location = where.elements.location_id.value;
  const select = where.elements.session_id;
  select.replaceChildren(new Option("the open session covering the item", ""));
  if (!location) return showRecounts([]);
  const { items } = await api(`/stock-count/sessions?status=ACTIVE&location_id=${encodeURIComponent(location)}&page_size=100`);
  select.append(...items.map((s) => new Option(s.name ?? s.id, s.id)));
  select.value = localStorage.getItem("scan-session") ?? "";
  activeSessions = items.map((s) => s.id);
  await loadRecounts();
  await loadTasks();
}

// --- the task walk: a counter with a task sees its bins in walk order and what is left in each ---
let walk = null;
async function loadTasks() {
  const select = where.elements.task_id;
  const sessions = where.elements.session_id.value ? [where.elements.session_id.value] : activeSessions;
  const tasks = [];
  for (const session of sessions) {
    const { items } = await api(`/stock-count/tasks?session_id=${encodeURIComponent(session)}&page_size=200`);
    tasks.push(...items.filter((t) => t.status !== "COMPLETED" && t.status !== "RECONCILED"));
  }
  const chosen = localStorage.getItem("scan-task") ?? "";
  select.replaceChildren(new Option("no task: count anything", ""),
    ...tasks.map((t) => new Option(`${t.name}${t.assignee ? ` — ${t.assignee}` : ""}`, t.id)));
  select.value = tasks.some((t) => t.id === chosen) ? chosen : "";
  await showWalk();
}

async function showWalk({ fresh = true } = {}) {
  const task = where.elements.task_id.value;
  walkSection.hidden = !task;
  if (!task) return (walk = null);
  walk = fresh ? await loadWalk(task) : walk ?? keptWalk(task);
  if (!walk) return say(walkSection.querySelector("[data-field=progress]"), "The walk could not be loaded; count on, it is read again when the API answers.", "bad");
  const countedHere = (await queue.all()).filter((l) => l.state === "waiting").concat(sentHere);
  renderWalk(walkSection, tick(walk, countedHere), (bin, line) => {
    form.elements.sku.value = line.sku;
    form.elements.bin.value = bin ?? "";
    form.elements.batch_number.value = line.batch_number ?? "";
    form.elements.serial_number.value = line.serial_number ?? "";
    delete form.dataset.barcode;
    showUnits(line.sku);
    form.elements.counted_qty.focus();
  });
}
// Lines sent from this device (the last 1,000, kept across reloads): the walk ticks them off even
// when the API's walk was not read again after they went, as after a reload in a dead zone.
const SENT = "scan-sent";
const sentHere = JSON.parse(localStorage.getItem(SENT) ?? "[]");
function keepSent(line) {
  sentHere.push({ sku: line.sku, bin: line.bin, batch_number: line.batch_number ?? null, serial_number: line.serial_number ?? null });
  if (sentHere.length > 1000) sentHere.splice(0, sentHere.length - 1000);
  localStorage.setItem(SENT, JSON.stringify(sentHere));
}

// --- recounts: lines the service sent back for a second count (a recount task each, OPEN until counted) ---
let activeSessions = [];
async function loadRecounts() {
  const tasks = [];
  for (const session of activeSessions) {
    const { items } = await api(`/stock-count/tasks?session_id=${encodeURIComponent(session)}&status=OPEN&page_size=200`);
    tasks.push(...items.filter((t) => t.count_index > 1));
  }
  showRecounts(tasks);
}

function showRecounts(tasks) {
  recounts.hidden = tasks.length === 0;
  recountList.replaceChildren(...tasks.map((t) => {
    const [, sku, bin] = /^Recount (\S+)(?: at (\S+))?/.exec(t.name) ?? [];
    const pick = el("button", { type: "button", textContent: `${t.name}${t.assignee ? ` — for ${t.assignee}` : ""}`, className: "recount" });
    pick.addEventListener("click", () => {
      form.elements.sku.value = sku ?? "";
      form.elements.bin.value = bin ?? "";
      form.elements.counted_qty.focus();
    });
    return el("li", {}, pick);
  }));
}

where.addEventListener("change", async (event) => {
  if (event.target.name === "location_id") {
    localStorage.setItem("scan-location", where.elements.location_id.value);
    localStorage.removeItem("scan-session");
    try {
      await loadSessions();
      say(setupHint, where.elements.location_id.value ? "Ready to count." : "Choose the location you count in.");
    } catch (error) {
      say(setupHint, error.message, "bad");
    }
  } else if (event.target.name === "session_id") {
    localStorage.setItem("scan-session", where.elements.session_id.value);
    loadTasks().catch((error) => say(setupHint, error.message, "bad"));
  } else {
    localStorage.setItem("scan-task", where.elements.task_id.value);
    showWalk().catch((error) => say(setupHint, error.message, "bad"));
  }
});

// --- the item: a label (GS1 or EAN/UPC, read by the core) or a typed SKU ---
let itemRead = Promise.resolve();
async function showUnits(sku, known) {
  const item = known ?? (sku ? await itemOf({ sku }) : null);
  const select = form.elements.uom;
  select.replaceChildren(new Option("units", ""), ...(item?.uoms ?? []).map((u) => new Option(`${u.code} (${u.factor})`, u.code)));
  form.dataset.uoms = JSON.stringify(item?.uoms ?? []);
}

// `read`: what readLabel said of the text, when the caller already asked.
async function takeItem(read) {
  const text = form.elements.sku.value;
  const { label, problem } = read ?? await readLabel(text).catch(() => ({}));
  if (problem) {
    delete form.dataset.barcode;
    return say(labelHint, `This label cannot be read: ${problem}`, "bad");
  }
  if (!label) {
    delete form.dataset.barcode;
    say(labelHint, "");
    return showUnits(text.trim());
  }
  form.dataset.barcode = text;
  const item = label.gtin ? await itemOf({ gtin: label.gtin }) : null;
  form.elements.sku.value = item?.sku ?? (label.gtin ? `GTIN ${label.gtin}` : text);
  if (label.lot) form.elements.batch_number.value = label.lot;
  if (label.serial) form.elements.serial_number.value = label.serial;
  const qty = form.elements.counted_qty;
  if (!qty.value && label.count !== undefined) qty.value = String(label.count);
  else if (!qty.value && label.serial) qty.value = "1";
  if (document.activeElement === qty) qty.select();
  await showUnits(item?.sku, item ?? { uoms: [] });
  say(labelHint, `Label: ${item ? item.sku : `GTIN ${label.gtin ?? "none"}`}${label.lot ? `, lot ${label.lot}` : ""}` +
    `${label.serial ? `, serial ${label.serial}` : ""}${label.count !== undefined ? `, count ${label.count}` : ""}` +
    `${label.expiry ? `, expires ${label.expiry}` : ""}`, "ok");
}
form.elements.sku.addEventListener("input", () => delete form.dataset.barcode);
form.elements.counted_qty.addEventListener("focus", () => form.elements.counted_qty.select());  // typing replaces a label's count

// A scan from the camera or a photo: a bin label fills the bin — one of the walk's bins, or any
// plain code scanned once the item is there and the bin not yet — and anything else the item.
async function scanned(text) {
  const bins = new Set((walk?.bins ?? []).map((b) => b.bin).filter(Boolean));
  const read = await readLabel(text).catch(() => ({}));
  const plainCode = !read.label && !read.problem;
  if (bins.has(text) || (plainCode && form.elements.sku.value && !form.elements.bin.value)) {
    form.elements.bin.value = text;
    return form.elements.counted_qty.focus();
  }
  form.elements.sku.value = text;
  itemRead = takeItem(read);
  await itemRead;
  (form.elements.bin.value ? form.elements.counted_qty : form.elements.bin).focus();
}

const video = document.querySelector(".camera video");
let stopCamera = null;
document.querySelector("[data-action=camera]").addEventListener("click", async (event) => {
  if (stopCamera) {
    stopCamera();
    stopCamera = null;
    video.hidden = true;
    event.target.textContent = "Scan with the camera";
    return;
  }
  try {
    video.hidden = false;
    stopCamera = await startCamera(video, scanned);
    event.target.textContent = "Stop the camera";
  } catch (error) {
    video.hidden = true;
    say(added, `The camera cannot be used here (${error.message}); take a photo instead.`, "bad");
  }
});
const photo = document.querySelector("input[name=photo]");
photo.addEventListener("change", async () => {
  const file = photo.files[0];
  if (!file) return;
  try {
    const text = await detect(file);
    if (text === null) say(added, "No barcode was found in the photo; try again closer.", "bad");
    else await scanned(text);
  } catch (error) {
    say(added, `The photo could not be read: ${error.message}`, "bad");
  }
  photo.value = "";
});

// --- entering a line: Enter moves sku → bin → quantity → add (keyboard-wedge scanners type, then Enter) ---
form.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || event.target.name === "counted_qty") return;
  event.preventDefault();
  if (event.target.name === "sku") {
    // The next field at once (a wedge scanner types on without waiting); the label fills in behind.
    itemRead = takeItem();
    (form.elements.bin.value ? form.elements.counted_qty : form.elements.bin).focus();
  } else {
    form.elements.counted_qty.focus();
  }
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  await itemRead;
  const location = where.elements.location_id.value;
  if (!location) return say(added, "Choose the location first.", "bad");
  const barcode = form.dataset.barcode ?? null;
  const sku = form.elements.sku.value.trim();
  const line = {
    client_entry_id: crypto.randomUUID(),
    location_id: location,
    session_id: where.elements.session_id.value || null,
    sku: barcode && sku.startsWith("GTIN ") ? null : sku,
    barcode,
    batch_number: form.elements.batch_number.value.trim() || null,
    serial_number: form.elements.serial_number.value.trim() || null,
    bin: form.elements.bin.value.trim() || null,
    uom: form.elements.uom.value || null,
    uoms: JSON.parse(form.dataset.uoms ?? "[]"),
    counted_qty: Number(form.elements.counted_qty.value),
    counted_at: new Date().toISOString(),
    queued_at: new Date().toISOString(),
    state: "waiting",
  };
  await queue.put(line);
  say(added, `Added ${line.sku ?? barcode}${line.bin ? ` @ ${line.bin}` : ""}: ${packText(line)}.`, "ok");
  form.reset();
  delete form.dataset.barcode;
  await showUnits(null, { uoms: [] });
  say(labelHint, "");
  form.elements.sku.focus();
  await render();
  showWalk({ fresh: false });
  flush();
});

// --- the queue on screen ---
function lineItem(line, ...extras) {
  const li = el("li", { className: line.state === "refused" ? "refused" : "" },
    el("span", { textContent: line.sku ?? line.barcode }), el("span", { textContent: line.bin ?? "no bin" }),
    ...(line.batch_number ? [el("span", { textContent: `lot ${line.batch_number}` })] : []),
    ...(line.serial_number ? [el("span", { textContent: `serial ${line.serial_number}` })] : []),
    el("span", { className: "qty", textContent: packText(line) }));
  li.dataset.id = line.client_entry_id;
  li.append(...extras);
  return li;
}

async function render(note) {
  const lines = await queue.all();
  waitingList.replaceChildren(...lines.map((line) => {
    if (line.state !== "refused") return lineItem(line, el("span", { className: "hint", textContent: "waiting" }));
    const drop = el("button", { type: "button", textContent: "Remove" });
    drop.setAttribute("aria-label", `Remove ${line.sku}`);
    drop.addEventListener("click", async () => { await queue.remove(line.client_entry_id); render(); });
    return lineItem(line, el("span", { className: "bad", textContent: `refused: ${line.problem}` }), drop);
  }));
  const waiting = lines.filter((l) => l.state === "waiting").length;
  const refused = lines.length - waiting;
  const text = waiting === 0 && refused === 0 ? "Nothing waiting." :
    `${waiting} waiting to send${refused ? `, ${refused} refused` : ""}${note ? ` — ${note}` : ""}`;
  say(state, text, note && waiting ? "bad" : "");
  state.dataset.waiting = String(waiting);
}

function sent(line, duplicate) {
  sentList.prepend(lineItem(line, el("span", { className: "ok", textContent: duplicate ? "already counted (resend)" : "counted" })));
  while (sentList.children.length > 50) sentList.lastChild.remove();
}

// --- sending: one POST per location and session, retried until the API answers ---
function retryLater(note) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(flush, RETRY_MS);
  return render(note);
}

async function sendBatch(batch) {
  const body = { location_id: batch[0].location_id, counts: batch.map((l) => ({
    ...(l.sku ? { sku: l.sku } : {}), ...(l.barcode ? { barcode: l.barcode } : {}), ...(l.bin ? { bin: l.bin } : {}),
    ...(l.batch_number ? { batch_number: l.batch_number } : {}), ...(l.serial_number ? { serial_number: l.serial_number } : {}),
    ...(l.uom ? { uom: l.uom } : {}), counted_qty: l.counted_qty, counted_at: l.counted_at, client_entry_id: l.client_entry_id })) };
  if (batch[0].session_id) body.session_id = batch[0].session_id;
  let answer;
  try {
    answer = await api("/api/inventory/count?return=summary", { method: "POST", body });
  } catch (error) {
    if (!(error instanceof ApiError)) return { retry: "the API is unreachable; retrying" };
    if (error.status >= 500 || error.status === 429 || error.status === 408) return { retry: `the API answered ${error.status}; retrying` };
    if (error.status === 401 || error.status === 403) return { retry: error.message };
    // The request wrote nothing: the lines it names (or all, if none named) are refused; the rest go again.
    const named = new Set((error.fields ?? []).map((f) => Number(f.path.match(/^counts\[(\d+)\]/)?.[1])).filter(Number.isInteger));
    for (const [i, line] of batch.entries()) {
      if (named.size && !named.has(i)) continue;
      await queue.put({ ...line, state: "refused", problem: error.message });
    }
    return { again: named.size > 0 };
  }
  const duplicates = new Set((answer.duplicates ?? []).map((d) => d.client_entry_id));
  for (const line of batch) {
    await queue.remove(line.client_entry_id);
    sent(line, duplicates.has(line.client_entry_id));
    keepSent(line);
  }
  loadRecounts().catch(() => {});  // a count may have asked for a recount, or done one
  showWalk().catch(() => {});
  return {};
}

async function flush() {
  if (sending || !tokenInput.value) return;
  sending = true;
  try {
    for (let round = 0; round < 20; round++) {
      const waiting = (await queue.all()).filter((l) => l.state === "waiting");
      if (!waiting.length) return render();
      const key = (l) => `${l.location_id}|${l.session_id ?? ""}`;
      const batch = waiting.filter((l) => key(l) === key(waiting[0])).slice(0, BATCH);
      say(state, `Sending ${batch.length}…`);
      const outcome = await sendBatch(batch);
      if (outcome.retry) return retryLater(outcome.retry);
      await render();
    }
  } finally {
    sending = false;
  }
}

window.addEventListener("online", flush);
onToken(() => { loadLocations(); flush(); });
loadLocations();
render().then(flush);

// Offline reloads: the page's files are kept by a service worker (scan-sw.js).
if ("serviceWorker" in navigator) navigator.serviceWorker.register("scan-sw.js").catch(() => {});
