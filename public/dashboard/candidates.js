// Counts where stock says "look here" (/api/count-candidates, approver): items whose on-hand is
// negative, or zero while a bin still lists them, with why; a stock check of a location's
// candidates opens in one click (the weekly tick opens them too, after each zone).
import { api, cell, el, say } from "../api.js";
import { showSessions } from "./sessions.js";

const section = document.querySelector("#candidates");
const hint = section.querySelector(".hint");

export async function showCandidates() {
  const table = section.querySelector("table");
  const actions = section.querySelector(".actions");
  say(hint, "Loading…");
  try {
    const { items, total } = await api("/api/count-candidates");
    table.querySelector("tbody").replaceChildren(...items.map((c) => {
      const row = el("tr");
      row.dataset.item = c.item_id;
      row.append(cell(c.location_code), cell(c.sku), cell(c.item_name), cell(c.on_hand, `num ${c.on_hand < 0 ? "bad" : ""}`),
        cell(c.placed_qty, "num"), cell(c.why));
      return row;
    }));
    const locations = [...new Map(items.map((c) => [c.location_id, c.location_code])).entries()];
    actions.replaceChildren(...locations.map(([id, code]) => {
      const open = el("button", { type: "button", textContent: `Open a stock check at ${code}`, className: "open-check" });
      open.addEventListener("click", () => openCheck(id, code));
      return open;
    }));
    table.hidden = items.length === 0;
    say(hint, total === 0 ? "Nothing: every on-hand the mirror holds may be right." :
      `${total} item${total === 1 ? "" : "s"} to count now; the next weekly tick opens a stock check for them if nobody does.`);
  } catch (error) {
    table.hidden = true;
    actions.replaceChildren();
    say(hint, error.status === 403 ? "Count candidates need an approver token." : `Could not load the candidates: ${error.message}`, "bad");
  }
}

async function openCheck(locationId, code) {
  try {
    const opened = await api("/api/count-candidates/open", { method: "POST", body: { location_id: locationId } });
    await showCandidates();
    say(hint, opened.session === null ? `${code}: ${opened.note}` : `${code}: stock check ${opened.id} opened for ${opened.candidates.length} item${opened.candidates.length === 1 ? "" : "s"}; counters see it in their tasks.`, "ok");
    showSessions();
  } catch (error) {
    say(hint, `${code}: ${error.message}`, "bad");
  }
}
