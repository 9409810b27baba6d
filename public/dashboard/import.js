// The Import panel: a CSV file of locations, bins, items or balances goes to
// POST /api/import/{kind} as it is; the answer says what was created and updated,
// or lists each bad row (row, column, why) — and then nothing was written.
import { api, cell, download, say } from "../api.js";

const section = document.querySelector("#import");
const form = section.querySelector("#import-form");
const hint = section.querySelector(".hint");
const table = section.querySelector("table");
// One key per chosen file and kind: a second click or a retried upload is answered once.
let key = null;
form.elements.file.addEventListener("change", () => { key = null; });
form.elements.kind.addEventListener("change", () => { key = null; });

form.elements.template.addEventListener("click", async () => {
  const kind = form.elements.kind.value;
  try {
    await download(`/api/import/${kind}/template.csv`, `${kind}-template.csv`);
  } catch (error) {
    say(hint, `Could not fetch the template: ${error.message}`, "bad");
  }
});

// "rows[12].sku" → ["12", "sku"]; the upload's columns are row 0.
function place(path) {
  const m = /^rows\[(\d+)\](?:\.(.+))?$/.exec(path ?? "");
  return m ? [m[1] === "0" ? "header" : m[1], m[2] ?? ""] : ["", path ?? ""];
}

function showProblems(fields) {
  table.tBodies[0].replaceChildren(...fields.map((f) => {
    const [row, column] = place(f.path);
    const tr = document.createElement("tr");
    tr.append(cell(row, "num"), cell(column || "—"), cell(f.message));
    return tr;
  }));
  table.hidden = fields.length === 0;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const kind = form.elements.kind.value;
  const file = form.elements.file.files[0];
  if (!file) return;
  showProblems([]);
  say(hint, `Sending ${file.name}…`);
  key ??= crypto.randomUUID();
  try {
    const result = await api(`/api/import/${kind}`, { method: "POST", raw: await file.text(), contentType: "text/csv",
      headers: { "Idempotency-Key": key } });
    const zones = result.zones_created ? `, ${result.zones_created} new zone${result.zones_created === 1 ? "" : "s"} added to the count rotation` : "";
    say(hint, `${file.name}: ${result.rows} rows — ${result.created} created, ${result.updated} updated${zones}.`, "ok");
  } catch (error) {
    key = null;  // a refused file is mended and sent again as a new upload
    showProblems(error.fields ?? []);
    say(hint, `${file.name} was not imported: ${error.message}`, "bad");
  }
});
