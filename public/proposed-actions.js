// The human-in-the-loop queue: each proposal shows the figures the guardrail
// judged, why it waits and, on demand, the line's count history; approve posts
// the adjustment at once (queued for NetSuite). Every decision names its cause
// from the business's reason codes (GET /api/reason-codes; `other` needs a note).
// Several can be decided together with one reason. approved_by is the token's owner.
import { api, cell, el, onToken, say as sayIn, signed, tokenInput, when } from "./api.js";

const section = document.querySelector("#queue");
const hint = section.querySelector(".hint");
const table = section.querySelector("table");
const filters = document.querySelector("#filters");
const bulk = document.querySelector("#bulk");
const COLUMNS = 13;

const say = (text, tone) => sayIn(hint, text, tone);

let reasonCodes = [];  // [{ code, label }] of this business

function reasonSelect(label) {
  const select = el("select", { name: "reason_code" }, new Option("reason…", ""),
    ...reasonCodes.map((r) => new Option(r.label, r.code)));
  select.setAttribute("aria-label", label);
  return select;
}

const labelOf = (code) => reasonCodes.find((r) => r.code === code)?.label ?? code;

async function decideOne(proposal, decision, reason) {
  const body = { proposed_action_id: proposal.id, decision, reason_code: reason.code || undefined };
  if (reason.note) body.reason_note = reason.note;
  return api("/api/inventory/adjust", { method: "POST", body });
}

async function decide(proposal, decision, code, note) {
  if (!code.value) return say(`${proposal.sku}: pick a reason first.`, "bad");
  try {
    const result = await decideOne(proposal, decision, { code: code.value, note: note.value });
    const queued = result.adjustments?.length ? ` — adjustment ${result.adjustments.map((a) => a.id).join(", ")} queued for NetSuite` : "";
    await load();
    say(`${proposal.sku}: ${result.status} by ${result.approved_by}${queued}`, "ok");
  } catch (error) {
    say(`${proposal.sku}: ${error.message}`, "bad");
  }
}

// The selected proposals, one after another; what failed stays selected and says why.
async function decideSelected(decision) {
  const rows = [...table.querySelectorAll("tbody input[name=pick]:checked")].map((box) => box.closest("tr"));
  if (!rows.length) return say("Select the proposals to decide first.", "bad");
  const reason = { code: bulk.elements.reason_code.value, note: bulk.elements.reason_note.value };
  if (!reason.code) return say("Pick a reason for the selected first.", "bad");
  const failed = [];
  let done = 0;
  for (const row of rows) {
    try {
      await decideOne(row.proposal, decision, reason);
      done++;
    } catch (error) {
      failed.push(`${row.proposal.sku}: ${error.message}`);
    }
  }
  await load();
  const verb = decision === "approve" ? "approved" : "rejected";
  if (failed.length) say(`${done} ${verb}; ${failed.length} not: ${failed.join("; ")}`, "bad");
  else say(`${done} proposal${done === 1 ? "" : "s"} ${verb} — ${labelOf(reason.code)}${reason.note ? ` “${reason.note}”` : ""}.`, "ok");
}

function decisionCell(p) {
  const td = document.createElement("td");
  if (p.status !== "pending") {
    td.textContent = `${p.status} by ${p.approved_by} · ${when(p.approved_at)}${p.reason_code ? ` · ${labelOf(p.reason_code)}` : ""}${p.reason_note ? ` · “${p.reason_note}”` : ""}`;
    return td;
  }
  if (p.may_decide === false) {
    // Over this token's approval limit: said, not offered.
    td.append(el("span", { className: "over-limit bad", textContent: `Over your approval limit: ${p.over_limit}. An admin, or an approver whose limits cover it, decides it.` }));
    return td;
  }
  const code = reasonSelect(`Reason for ${p.sku}`);
  const note = Object.assign(document.createElement("input"), { placeholder: "note (required for other)", name: "reason_note" });
  note.setAttribute("aria-label", `Note for ${p.sku}`);
  const approve = Object.assign(document.createElement("button"), { textContent: "Approve", className: "approve" });
  const reject = Object.assign(document.createElement("button"), { textContent: "Reject", className: "reject" });
  approve.addEventListener("click", () => decide(p, "approve", code, note));
  reject.addEventListener("click", () => decide(p, "reject", code, note));
  td.append(code, note, approve, reject);
  return td;
}

// Every count of this line in its session: entries, recounts, what the system held at each.
async function toggleHistory(row, p, button) {
  const open = row.nextElementSibling?.classList.contains("history") ? row.nextElementSibling : null;
  if (open) {
    open.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  const holder = el("tr", { className: "history" });
  const td = el("td", { colSpan: COLUMNS }, "Loading the counts…");
  holder.append(td);
  row.after(holder);
  button.setAttribute("aria-expanded", "true");
  try {
    const { items } = await api(`/stock-count/entries?session_id=${encodeURIComponent(p.session_id)}&item_id=${encodeURIComponent(p.item_id)}&page_size=100`);
    const list = el("table", {}, el("thead", {}, el("tr", {}, ...["Counted at", "By", "Bin", "Batch / serial", "Count #", "Counted", "System at count", "NetSuite figure as of"].map((h) => el("th", { textContent: h })))));
    list.append(el("tbody", {}, ...items.map((e) => el("tr", {}, cell(when(e.counted_at)), cell(e.counted_by), cell(e.bin),
      cell(e.batch_number ?? e.serial_number ?? ""), cell(e.count_index > 1 ? `recount ${e.count_index}` : "first"),
      cell(e.counted_qty, "num"), cell(e.system_qty_at_count, "num"), cell(e.mirror_as_of ? when(e.mirror_as_of) : "— (not synced)")))));
    td.replaceChildren(items.length ? list : "No count entries for this line.");
  } catch (error) {
    td.replaceChildren(`Could not load the counts: ${error.message}`);
  }
}

function updateSelected() {
  const n = table.querySelectorAll("tbody input[name=pick]:checked").length;
  bulk.querySelector("[data-field=selected]").textContent = `${n} selected`;
}

// Why a proposal waits: a move reads as a move (bin → bin), an outdated count says so and suggests discarding it.
function whyCell(p) {
  const td = el("td", { className: "why" });
  if (p.outdated) {
    td.append(el("p", { className: "outdated bad", textContent: `Outdated — session ${p.outdated.session_id} booked this shelf at ${when(p.outdated.booked_at)}, after this count. Suggested: reject and count again.` }));
  }
  for (const m of p.moves ?? []) {
    const number = m.serial_number ?? m.batch_number;
    td.append(el("p", { className: "move", textContent: `Moved ${m.quantity} ${m.from_bin} → ${m.to_bin}${number ? ` (${number})` : ""}` }));
  }
  if (p.recount?.status === "recounted") {
    td.append(el("p", { className: "recount", textContent: `Recounted by another counter: first count ${p.recount.first_count}, recount ${p.recount.recount} — the difference stands.` }));
  } else if (p.recount) {
    td.append(el("p", { className: "recount bad", textContent: `Not recounted: the recount was asked (first count ${p.recount.first_count}) but the session closed before it was done.` }));
  }
  td.append(el("p", { className: "sub", textContent: p.why_review }));
  return td;
}

async function load() {
  if (!tokenInput.value) return;
  const query = new URLSearchParams([...new FormData(filters)].filter(([, v]) => v !== ""));
  query.set("page_size", "200");
  say("Loading…");
  try {
    const { items, total } = await api(`/api/proposed-actions?${query}`);
    table.querySelector("tbody").replaceChildren(...items.map((p) => {
      const row = document.createElement("tr");
      row.dataset.id = p.id;
      row.proposal = p;
      const pick = el("td");
      if (p.status === "pending" && p.may_decide !== false) {
        const box = el("input", { type: "checkbox", name: "pick" });
        box.setAttribute("aria-label", `Select ${p.sku}`);
        box.addEventListener("change", updateSelected);
        pick.append(box);
      }
      const counts = el("button", { type: "button", textContent: "History", className: "link" });
      counts.setAttribute("aria-expanded", "false");
      counts.setAttribute("aria-label", `Count history of ${p.sku}`);
      counts.addEventListener("click", () => toggleHistory(row, p, counts));
      row.append(pick, cell(p.sku), cell(p.item_name), cell(p.location_code), cell(p.zone), cell(p.system_qty_at_count, "num"),
                 cell(p.counted_qty, "num"), cell(signed(p.delta), `num ${p.delta < 0 ? "bad" : "ok"}`),
                 cell(p.pct === null ? "n/a" : `${signed(p.pct)} %`, "num"), cell(p.value, "num"), whyCell(p),
                 el("td", {}, counts), decisionCell(p));
      return row;
    }));
    table.hidden = items.length === 0;
    bulk.hidden = !items.some((p) => p.status === "pending");
    bulk.elements.all.checked = false;
    updateSelected();
    say(total === 0 ? "Nothing here." : `${total} proposal${total === 1 ? "" : "s"}.`);
  } catch (error) {
    table.hidden = true;
    bulk.hidden = true;
    say(`Could not load the queue: ${error.message}`, "bad");
  }
}

async function loadReasonCodes() {
  try {
    reasonCodes = (await api("/api/reason-codes")).items;
  } catch {
    reasonCodes = [];  // the queue's own load says what is wrong with the token
  }
  bulk.elements.reason_code.replaceWith(reasonSelect("Reason for the selected"));
}

async function loadLocations() {
  if (!tokenInput.value) return;
  try {
    const { items } = await api("/api/locations");
    const select = filters.elements.location_id;
    const keep = select.value;
    select.replaceChildren(new Option("all", ""), ...items.map((l) => new Option(`${l.code} — ${l.name}`, l.id)));
    select.value = keep;
  } catch {
    // the queue's own load says what is wrong with the token
  }
}

bulk.elements.all.addEventListener("change", () => {
  for (const box of table.querySelectorAll("tbody input[name=pick]")) box.checked = bulk.elements.all.checked;
  updateSelected();
});
for (const button of bulk.querySelectorAll("button[data-decision]")) {
  button.addEventListener("click", () => decideSelected(button.dataset.decision));
}
bulk.addEventListener("submit", (event) => event.preventDefault());
filters.addEventListener("change", load);
const start = async () => {
  if (!tokenInput.value) return;
  loadLocations();
  await loadReasonCodes();
  await load();
};
onToken(start);
start();
