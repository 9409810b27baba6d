// The variance report (/inventory/variances): filters, sortable columns,
// paging, totals, and a CSV of exactly the filtered rows.
import { api, cell, download, el, money, say, signed, when } from "../api.js";
import { allSessions } from "./shared_reads.js";

const section = document.querySelector("#report");
const form = section.querySelector("#report-filters");
const hint = section.querySelector(".hint");
const table = section.querySelector("table");
const PAGE_SIZE = 25;
const state = { sort: "-created_at", page: 1, total: 0 };

function filters() {
  return new URLSearchParams([...new FormData(form)].filter(([, v]) => v !== ""));
}

// A count that found stock in another bin shows the move beside the change ("0, moved 14").
function deltaCell(v) {
  const td = cell(signed(v.delta), `num ${v.delta < 0 ? "bad" : v.delta > 0 ? "ok" : ""}`);
  if (v.moved_qty > 0) td.append(el("span", { className: "sub move", textContent: ` moved ${v.moved_qty}` }));
  return td;
}

export async function showReport() {
  await fillChoices();
  await load();
}

// Narrow the report to one session (the sessions table links here).
export function showSession(sessionId) {
  form.elements.session_id.value = sessionId;
  state.page = 1;
  load();
  section.scrollIntoView();
}

async function fillChoices() {
  try {
    const [locations, sessions] = await Promise.all([api("/api/locations"), allSessions()]);
    const keep = (select) => select.value;
    const location = form.elements.location_id, session = form.elements.session_id;
    const [l, s] = [keep(location), keep(session)];
    location.replaceChildren(new Option("all", ""), ...locations.items.map((x) => new Option(`${x.code} — ${x.name}`, x.id)));
    session.replaceChildren(new Option("all", ""), ...sessions.filter((x) => x.status !== "DRAFT").map((x) => new Option(x.name ?? x.id, x.id)));
    location.value = l;
    session.value = s;
  } catch {
    // load() says what is wrong with the token
  }
}

async function load() {
  const query = filters();
  query.set("sort", state.sort);
  query.set("page", String(state.page));
  query.set("page_size", String(PAGE_SIZE));
  say(hint, "Loading…");
  try {
    const { items, total, totals } = await api(`/inventory/variances?${query}`);
    state.total = total;
    table.querySelector("tbody").replaceChildren(...items.map((v) => {
      const row = document.createElement("tr");
      row.dataset.id = v.id;
      row.append(cell(when(v.created_at)), cell(v.location_code), cell(v.zone), cell(v.sku), cell(v.item_name),
        cell(v.system_qty_at_count, "num"), cell(v.counted_qty, "num"), deltaCell(v),
        cell(v.pct === null ? "n/a" : `${signed(v.pct)}`, "num"), cell(money(v.value), "num"), cell(v.decision), cell(v.status));
      return row;
    }));
    table.querySelector("[data-field=totals]").textContent = `${totals.lines} lines · ${totals.auto} auto, ${totals.review} review, ${totals.confirmed} matching`;
    table.querySelector("tfoot [data-field=net]").textContent = `${money(totals.net_value)} net / ${money(totals.absolute_value)} abs`;
    table.querySelector("tfoot [data-field=accuracy]").textContent = totals.accuracy_pct === null ? "" : `accuracy ${totals.accuracy_pct.toFixed(1)} %`;
    for (const button of table.querySelectorAll("th button")) {
      const key = button.dataset.sort;
      const sorted = state.sort === key ? "ascending" : state.sort === `-${key}` ? "descending" : "none";
      button.closest("th").setAttribute("aria-sort", sorted);
    }
    table.hidden = total === 0;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    section.querySelector("[data-field=page]").textContent = `page ${state.page} of ${pages}`;
    section.querySelector("[data-page=prev]").disabled = state.page <= 1;
    section.querySelector("[data-page=next]").disabled = state.page >= pages;
    if (total === 0) say(hint, "No variance matches these filters.");
    else say(hint, `${total} line${total === 1 ? "" : "s"}.`);
  } catch (error) {
    table.hidden = true;
    say(hint, `Could not load the report: ${error.message}`, "bad");
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  state.page = 1;
  load();
});
table.querySelector("thead").addEventListener("click", (event) => {
  const key = event.target.closest("button")?.dataset.sort;
  if (!key) return;
  state.sort = state.sort === key ? `-${key}` : key;
  state.page = 1;
  load();
});
section.querySelector(".pager").addEventListener("click", (event) => {
  const step = event.target.dataset.page;
  if (!step) return;
  state.page += step === "next" ? 1 : -1;
  load();
});
section.querySelector("#csv").addEventListener("click", async () => {
  const query = filters();
  query.set("sort", state.sort);
  query.set("format", "csv");
  try {
    await download(`/inventory/variances?${query}`, "variances.csv");
    say(hint, `Downloaded ${state.total} line${state.total === 1 ? "" : "s"} as CSV.`, "ok");
  } catch (error) {
    say(hint, `Could not download: ${error.message}`, "bad");
  }
});
