// The guardrail and its what-if: how many of a session's counted items (and how much value) a
// threshold and cap would auto-adjust, send to another counter for a recount first, or send
// straight to review — decided by the C++ rule itself (what_if.js). On settings.html the form
// saves (PUT /api/guardrails); on the dashboard it has no save button: a what-if only.
import { allPages, api, money, say, when } from "../api.js";
import { clearFieldErrors, showFieldErrors } from "../forms.js";
import { allSessions } from "./shared_reads.js";
import { whatIf } from "./what_if.js";

const section = document.querySelector("#guardrail");
const form = section.querySelector("#guardrail-form");
const hint = section.querySelector(".hint");
const board = section.querySelector(".what-if");
let lines = [];

function guardrailOfForm() {
  const text = (name) => (form.elements[name].value === "" ? null : form.elements[name].value);
  const pct = text("recount_pct");
  return { inventory_auto_pct: Number(form.elements.inventory_auto_pct.value), inventory_auto_value: text("inventory_auto_value"),
    recount_pct: pct === null ? null : Number(pct), recount_value: text("recount_value") };
}

function showCurrent(g) {
  section.querySelector("[data-field=current]").textContent =
    `Saved: up to ${g.inventory_auto_pct} %${g.inventory_auto_value === null ? ", no value cap" : ` and ${money(g.inventory_auto_value)}`}` +
    `; recount first above ${g.recount_pct_applied} %${g.recount_value_applied === null ? "" : ` or ${money(g.recount_value_applied)}`}` +
    (g.updated_by ? ` — by ${g.updated_by}, ${when(g.updated_at)}` : "");
}

export async function showGuardrail() {
  try {
    const g = await api("/api/guardrails");
    form.elements.inventory_auto_pct.value = g.inventory_auto_pct;
    form.elements.inventory_auto_value.value = g.inventory_auto_value ?? "";
    form.elements.recount_pct.value = g.recount_pct ?? "";
    form.elements.recount_value.value = g.recount_value ?? "";
    showCurrent(g);
    const sessions = (await allSessions()).slice(0, 200).filter((s) => s.lines_counted > 0);
    const select = form.elements.preview_session;
    const keep = select.value;
    select.replaceChildren(new Option("choose a session", ""),
      ...sessions.map((s) => new Option(`${s.name} — ${s.status}, ${s.lines_counted} lines counted`, s.id)));
    select.value = keep;
    say(hint, "Choose a session to preview what this guardrail would decide on its counted lines.");
  } catch (error) {
    say(hint, error.status === 403 ? "The guardrail needs an admin token." : `Could not load the guardrail: ${error.message}`, "bad");
  }
}

async function loadLines() {
  const id = form.elements.preview_session.value;
  lines = [];
  board.hidden = true;
  if (!id) return;
  say(hint, "Loading the session's lines…");
  try {
    lines = (await allPages(`/stock-count/sessions/${id}/variance`)).filter((l) => l.status !== "not_counted");
    await preview();
  } catch (error) {
    say(hint, `Could not load the lines: ${error.message}`, "bad");
  }
}

async function preview() {
  if (!lines.length) return;
  try {
    const result = await whatIf(guardrailOfForm(), lines);
    const show = (name, b) => { board.querySelector(`[data-field=${name}]`).textContent = `${b.items} items · ${money(b.value)}`; };
    show("auto", result.auto);
    show("recount", result.recount);
    show("review", result.review);
    show("confirmed", result.confirmed);
    board.hidden = false;
    say(hint, `What-if over ${lines.length} counted lines (${result.items} items), not saved yet.`);
  } catch (error) {
    board.hidden = true;
    say(hint, `Cannot preview: ${error.message}`, "bad");
  }
}

form.elements.preview_session.addEventListener("change", loadLines);
form.elements.inventory_auto_pct.addEventListener("input", preview);
form.elements.inventory_auto_value.addEventListener("input", preview);
form.elements.recount_pct.addEventListener("input", preview);
form.elements.recount_value.addEventListener("input", preview);
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!form.querySelector("button[type=submit]")) return preview();
  clearFieldErrors(form);
  try {
    const saved = await api("/api/guardrails", { method: "PUT", body: guardrailOfForm() });
    showCurrent(saved);
    say(hint, `Guardrail saved: up to ${saved.inventory_auto_pct} %${saved.inventory_auto_value === null ? "" : ` and ${money(saved.inventory_auto_value)}`}.`, "ok");
  } catch (error) {
    showFieldErrors(form, error.fields);
    say(hint, `Not saved: ${error.message}`, "bad");
  }
});
