// What nobody counted, before a close: per task of an ACTIVE session, the lines no count of its
// round holds (GET /stock-count/tasks/{id}/walk); one action sends them to a recount task
// (POST /stock-count/tasks/{id}/uncounted); closing with lines left asks first.
import { api, cell, el, say } from "../api.js";

const section = document.querySelector("#uncounted");
const hint = section.querySelector(".hint");
const table = section.querySelector("table");
const closeButton = section.querySelector("[data-action=close]");
let current = null;

export async function showUncounted(session, afterClose) {
  current = { session, afterClose };
  section.hidden = false;
  section.querySelector("h2").textContent = `Not counted yet — ${session.name}`;
  say(hint, "Loading…");
  try {
    const { items: tasks } = await api(`/stock-count/tasks?session_id=${encodeURIComponent(session.id)}&page_size=200`);
    const walks = [];
    for (const t of tasks) walks.push({ task: t, walk: await api(`/stock-count/tasks/${encodeURIComponent(t.id)}/walk`) });
    const open = walks.filter(({ walk }) => walk.lines > walk.counted);
    current.left = open.reduce((n, { walk }) => n + walk.lines - walk.counted, 0);
    table.querySelector("tbody").replaceChildren(...open.map(({ task, walk }) => {
      const left = walk.bins.flatMap((b) => b.lines.filter((l) => !l.counted).map((l) =>
        `${l.sku} @ ${b.bin ?? "no bin"}${l.batch_number ? ` lot ${l.batch_number}` : ""}${l.serial_number ? ` serial ${l.serial_number}` : ""}`));
      const send = el("button", { type: "button", textContent: "Send to a recount task" });
      send.addEventListener("click", async () => {
        send.disabled = true;
        try {
          const made = await api(`/stock-count/tasks/${encodeURIComponent(task.id)}/uncounted`, { method: "POST", body: {} });
          await showUncounted(session, afterClose);
          say(hint, `${left.length} line${left.length === 1 ? "" : "s"} sent to "${made.name}".`, "ok");
        } catch (error) {
          send.disabled = false;
          say(hint, `Could not send them: ${error.message}`, "bad");
        }
      });
      const row = el("tr", {}, cell(task.name), cell(task.assignee ?? "anyone"), cell(String(left.length), "num"),
        cell(left.slice(0, 8).join(", ") + (left.length > 8 ? ` and ${left.length - 8} more` : "")), el("td", {}, send));
      row.dataset.task = task.id;
      return row;
    }));
    table.hidden = open.length === 0;
    say(hint, open.length ? `${current.left} line${current.left === 1 ? "" : "s"} not counted in ${open.length} task${open.length === 1 ? "" : "s"}.`
      : "Every line of this session is counted.");
  } catch (error) {
    table.hidden = true;
    say(hint, `Could not load what is left: ${error.message}`, "bad");
  }
}

closeButton.addEventListener("click", async () => {
  if (!current) return;
  const { session, left } = current;
  if (left > 0) {
    const what = session.type === "FULL" ? "they count as 0 (a full count)" : "they are left as they are";
    if (!window.confirm(`${left} line${left === 1 ? " was" : "s were"} not counted in ${session.name}: ${what}. Close the session anyway?`)) {
      return say(hint, "Not closed.");
    }
  }
  try {
    await api(`/stock-count/sessions/${encodeURIComponent(session.id)}/close`, { method: "PATCH", body: {} });
    say(hint, `${session.name} is closed.`, "ok");
    table.hidden = true;
    current.afterClose?.();
  } catch (error) {
    say(hint, `Could not close it: ${error.message}`, "bad");
  }
});
