// The human-in-the-loop queue: each proposal shows the figures the guardrail
// judged and why it waits; approve posts the adjustment at once (queued for
// NetSuite), reject needs a reason. approved_by is the token's owner.
import { api, cell, onToken, tokenInput } from "./api.js";

const section = document.querySelector("#queue");
const hint = section.querySelector(".hint");
const table = section.querySelector("table");
const filters = document.querySelector("#filters");

function say(text, tone = "") {
  hint.textContent = text;
  hint.className = `hint ${tone}`.trim();
  hint.hidden = false;
}

function signed(n) {
  return n > 0 ? `+${n}` : String(n);
}

async function decide(proposal, decision, note) {
  try {
    const result = await api("/api/inventory/adjust", {
      method: "POST", body: { proposed_action_id: proposal.id, decision, reason_note: note.value },
    });
    const queued = result.adjustments?.length ? ` — adjustment ${result.adjustments.map((a) => a.id).join(", ")} queued for NetSuite` : "";
    await load();
    say(`${proposal.sku}: ${result.status} by ${result.approved_by}${queued}`, "ok");
  } catch (error) {
    say(`${proposal.sku}: ${error.message}`, "bad");
  }
}

function decisionCell(p) {
  const td = document.createElement("td");
  if (p.status !== "pending") {
    td.textContent = `${p.status} by ${p.approved_by} · ${p.approved_at?.slice(0, 16).replace("T", " ")}${p.reason_note ? ` · “${p.reason_note}”` : ""}`;
    return td;
  }
  const note = Object.assign(document.createElement("input"), { placeholder: "reason (required to reject)", name: "reason_note" });
  note.setAttribute("aria-label", `Reason for ${p.sku}`);
  const approve = Object.assign(document.createElement("button"), { textContent: "Approve", className: "approve" });
  const reject = Object.assign(document.createElement("button"), { textContent: "Reject", className: "reject" });
  approve.addEventListener("click", () => decide(p, "approve", note));
  reject.addEventListener("click", () => decide(p, "reject", note));
  td.append(note, approve, reject);
  return td;
}

async function load() {
  if (!tokenInput.value) return;
  const query = new URLSearchParams([...new FormData(filters)].filter(([, v]) => v !== ""));
  query.set("page_size", "200");
  try {
    const { items, total } = await api(`/api/proposed-actions?${query}`);
    table.querySelector("tbody").replaceChildren(...items.map((p) => {
      const row = document.createElement("tr");
      row.dataset.id = p.id;
      row.append(cell(p.sku), cell(p.item_name), cell(p.location_code), cell(p.zone), cell(p.expected_qty),
                 cell(p.counted_qty), cell(signed(p.delta), p.delta < 0 ? "bad" : "ok"),
                 cell(p.pct === null ? "n/a" : `${signed(p.pct)} %`), cell(p.value), cell(p.why_review), decisionCell(p));
      return row;
    }));
    table.hidden = items.length === 0;
    say(total === 0 ? "Nothing here." : `${total} proposal${total === 1 ? "" : "s"}.`);
  } catch (error) {
    table.hidden = true;
    say(`Could not load the queue: ${error.message}`, "bad");
  }
}

async function loadLocations() {
  if (!tokenInput.value) return;
  try {
    const { items } = await api("/api/locations");
    const select = filters.elements.location_id;
    select.replaceChildren(new Option("all", ""), ...items.map((l) => new Option(`${l.code} — ${l.name}`, l.id)));
  } catch {
    // the queue's own load says what is wrong with the token
  }
}

filters.addEventListener("change", load);
onToken(() => { loadLocations(); load(); });
loadLocations();
load();
