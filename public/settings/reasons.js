// Reason codes (GET/PUT /api/reason-codes): the business's list as editable rows — code, label,
// NetSuite memo — added, removed and saved whole; a refused row is marked at its field.
import { api, el, say, when } from "../api.js";
import { clearFieldErrors, refusal } from "../forms.js";

const section = document.querySelector("#reasons");
const form = section.querySelector("#reasons-form");
const body = form.querySelector("tbody");
const hint = section.querySelector("p.hint");

// Each row's inputs carry the path the API names them by (items[N].field), kept in order.
function renumber() {
  [...body.children].forEach((tr, i) => {
    for (const input of tr.querySelectorAll("input")) input.dataset.path = `items[${i}].${input.dataset.field}`;
  });
}

function codeRow(code = { code: "", label: "", ns_memo: null }) {
  const input = (field, value, size) => {
    const node = el("input", { value: value ?? "", size });
    node.dataset.field = field;
    node.setAttribute("aria-label", field === "ns_memo" ? "NetSuite memo" : field);
    return node;
  };
  const remove = el("button", { type: "button", textContent: "Remove" });
  remove.addEventListener("click", () => { tr.remove(); renumber(); });
  const tr = el("tr", {}, el("td", {}, input("code", code.code, 16)), el("td", {}, input("label", code.label, 28)),
    el("td", {}, input("ns_memo", code.ns_memo, 28)), el("td", {}, remove));
  remove.setAttribute("aria-label", `Remove ${code.code || "this code"}`);
  return tr;
}

function show(list) {
  body.replaceChildren(...list.items.map(codeRow));
  renumber();
  return list.customized ? `Saved by ${list.updated_by}, ${when(list.updated_at)}.` : "The defaults apply until you save a list.";
}

export async function showReasons() {
  try {
    say(hint, show(await api("/api/reason-codes")));
  } catch (error) {
    say(hint, `Could not load the reason codes: ${error.message}`, "bad");
  }
}

form.querySelector("[data-action=add]").addEventListener("click", () => {
  body.append(codeRow());
  renumber();
  body.lastElementChild.querySelector("input").focus();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  const items = [...body.children].map((tr) => {
    const value = (field) => tr.querySelector(`[data-field=${field}]`).value.trim();
    return { code: value("code"), label: value("label"), ns_memo: value("ns_memo") || null };
  });
  try {
    const saved = await api("/api/reason-codes", { method: "PUT", body: { items } });
    show(saved);
    say(hint, `Reason codes saved: ${saved.items.length}.`, "ok");
  } catch (error) {
    say(hint, `Not saved: ${refusal(form, error)}`, "bad");
  }
});
