// The NetSuite queue (/api/pushes, admin): what reached NetSuite, what waits,
// what died and why; a dead push can be sent again.
import { api, cell, el, money, say, when } from "../api.js";
import { showHeadline } from "./headline.js";

const section = document.querySelector("#pushes");
const form = section.querySelector("#push-filters");
const hint = section.querySelector(".hint");

export async function showPushes() {
  const table = section.querySelector("table");
  const status = form.elements.status.value;
  say(hint, "Loading…");
  try {
    const { items, total } = await api(`/api/pushes?${status ? `status=${status}&` : ""}page_size=100`);
    table.querySelector("tbody").replaceChildren(...items.map((p) => {
      const row = el("tr");
      row.dataset.id = p.id;
      const a = p.adjustment ?? {};
      const action = el("td");
      if (p.status === "dead") {
        const retry = el("button", { type: "button", textContent: "Retry", className: "retry" });
        retry.setAttribute("aria-label", `Retry ${p.external_id}`);
        retry.addEventListener("click", () => retryPush(p));
        action.append(retry);
      }
      row.append(cell(p.ns_internal_id ? `${p.external_id} → #${p.ns_internal_id}` : p.external_id),
        cell(`${a.direction ?? ""} ${a.location_code ?? ""}`), cell(a.quantity, "num"), cell(money(a.value), "num"),
        cell(p.status, `status-${p.status}`), cell(p.attempts, "num"), cell(p.last_error ?? ""), cell(when(p.updated_at)), action);
      return row;
    }));
    table.hidden = items.length === 0;
    say(hint, total === 0 ? `No ${status || ""} push.`.replace("  ", " ") : `${total} push${total === 1 ? "" : "es"}${total > items.length ? `, the newest ${items.length} shown` : ""}.`);
  } catch (error) {
    table.hidden = true;
    say(hint, error.status === 403 ? "The NetSuite queue needs an admin token." : `Could not load the queue: ${error.message}`, "bad");
  }
}

async function retryPush(push) {
  try {
    const result = await api(`/api/pushes/${push.id}/retry`, { method: "POST" });
    await showPushes();
    say(hint, `${push.external_id}: sent again (now ${result.status}).`, "ok");
    showHeadline();
  } catch (error) {
    say(hint, `${push.external_id}: ${error.message}`, "bad");
  }
}

form.addEventListener("change", showPushes);
