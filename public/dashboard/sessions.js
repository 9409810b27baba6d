// Count sessions: status, type, zone and progress (lines counted / in scope),
// each linked to its lines in the variance report.
import { cell, el, say, when } from "../api.js";
import { showSession } from "./report.js";
import { showUncounted } from "./uncounted.js";
import { allSessions } from "./shared_reads.js";

const section = document.querySelector("#sessions");

export async function showSessions() {
  const hint = section.querySelector(".hint");
  const table = section.querySelector("table");
  say(hint, "Loading…");
  try {
    const sessions = (await allSessions()).slice(0, 200);
    table.querySelector("tbody").replaceChildren(...sessions.map((s) => {
      const row = el("tr");
      row.dataset.id = s.id;
      const share = s.lines_in_scope ? Math.round((100 * s.lines_counted) / s.lines_in_scope) : 0;
      const progress = el("td", {}, el("progress", { max: 100, value: share }), ` ${s.lines_counted} / ${s.lines_in_scope}`);
      progress.querySelector("progress").setAttribute("aria-label", `${s.name}: ${share}% counted`);
      const link = el("button", { type: "button", textContent: "Variance", className: "link" });
      link.addEventListener("click", () => showSession(s.id));
      const review = el("button", { type: "button", textContent: "Not counted", className: "link" });
      review.addEventListener("click", () => showUncounted(s, showSessions));
      row.append(cell(s.name), cell(s.location_code), cell(s.zone_code), cell(s.type), cell(s.status, `status-${s.status.toLowerCase()}`),
        progress, cell(when(s.started_at)), el("td", {}, s.status === "DRAFT" ? "" : link, s.status === "ACTIVE" ? review : ""));
      return row;
    }));
    table.hidden = sessions.length === 0;
    say(hint, sessions.length ? `${sessions.length} session${sessions.length === 1 ? "" : "s"}, newest first.` : "No count session yet.");
  } catch (error) {
    table.hidden = true;
    say(hint, `Could not load the sessions: ${error.message}`, "bad");
  }
}
