// scan.html: a phone or handheld as the scanner. Blind counting (the expected
// quantity is never shown). Each line gets its client_entry_id when it is
// entered and waits in the local queue (scan_queue.js) until
// POST /api/inventory/count has it; sending retries until the API answers.
import { ApiError, api, el, onToken, say, tokenInput } from "./api.js";
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
const RETRY_MS = 3000;
const BATCH = 500;
let sending = false;
let retryTimer = null;

// --- where: location and session, remembered on this device ---
async function loadLocations() {
  if (!tokenInput.value) return;
  try {
    const { items } = await api("/api/locations");
    const select = where.elements.location_id;
    select.replaceChildren(new Option("choose", ""), ...items.map((l) => new Option(`${l.code} — ${l.name}`, l.id)));
    select.value = localStorage.getItem("scan-location") ?? "";
    await loadSessions();
    say(setupHint, select.value ? "Ready to count." : "Choose the location you count in.");
  } catch (error) {
    say(setupHint, `Could not load locations: ${error.message}`, "bad");
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
  } else {
    localStorage.setItem("scan-session", where.elements.session_id.value);
  }
});

// --- entering a line: Enter moves sku → bin → quantity → add (keyboard-wedge scanners type, then Enter) ---
form.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || event.target.name === "counted_qty") return;
  event.preventDefault();
  (event.target.name === "sku" ? form.elements.bin : form.elements.counted_qty).focus();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const location = where.elements.location_id.value;
  if (!location) return say(added, "Choose the location first.", "bad");
  const line = {
    client_entry_id: crypto.randomUUID(),
    location_id: location,
    session_id: where.elements.session_id.value || null,
    sku: form.elements.sku.value.trim(),
    bin: form.elements.bin.value.trim() || null,
    counted_qty: Number(form.elements.counted_qty.value),
    counted_at: new Date().toISOString(),
    queued_at: new Date().toISOString(),
    state: "waiting",
  };
  await queue.put(line);
  say(added, `Added ${line.sku}${line.bin ? ` @ ${line.bin}` : ""}: ${line.counted_qty}.`, "ok");
  form.reset();
  form.elements.sku.focus();
  await render();
  flush();
});

// --- the queue on screen ---
function lineItem(line, ...extras) {
  const li = el("li", { className: line.state === "refused" ? "refused" : "" },
    el("span", { textContent: line.sku }), el("span", { textContent: line.bin ?? "no bin" }),
    el("span", { className: "qty", textContent: String(line.counted_qty) }));
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
    sku: l.sku, ...(l.bin ? { bin: l.bin } : {}), counted_qty: l.counted_qty, counted_at: l.counted_at, client_entry_id: l.client_entry_id })) };
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
  }
  loadRecounts().catch(() => {});  // a count may have asked for a recount, or done one
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
