// The figures a supervisor reads first: how many locations this week's tick opened (and which
// failed or still wait), accuracy of the latest week counted
// and its trend, that week's variance value, proposals waiting, the NetSuite
// queue, how old the on-hand read from NetSuite is, and stock reserved beyond what is on hand
// (available shows 0 there).
import { api, money, say } from "../api.js";
import { syncWords } from "../sync_words.js";
import { weeklySummary } from "./shared_reads.js";

const section = document.querySelector("#headline");
const field = (name) => section.querySelector(`[data-field=${name}]`);

export async function showHeadline() {
  const hint = section.querySelector(".hint");
  const cards = section.querySelector(".cards");
  say(hint, "Loading…");
  try {
    const [weeks, waiting, overCommitted] = await Promise.all([
      weeklySummary(),
      api("/api/proposed-actions?status=pending&page_size=1"),
      api("/api/balances?over_committed=true&page_size=3"),
    ]);
    const [previous, latest] = weeks.items.slice(-2).length === 2 ? weeks.items.slice(-2) : [null, weeks.items.at(-1)];
    if (latest) {
      field("accuracy").textContent = `${latest.accuracy_pct.toFixed(1)} %`;
      const change = previous ? latest.accuracy_pct - previous.accuracy_pct : null;
      field("accuracy-trend").textContent = `week of ${latest.key}: ${latest.within_tolerance} of ${latest.lines} lines within tolerance` +
        (change === null ? "" : ` · ${change >= 0 ? "▲" : "▼"} ${Math.abs(change).toFixed(1)} pts on the week before`);
      field("accuracy-trend").className = `sub ${change === null ? "" : change >= 0 ? "ok" : "bad"}`;
      field("net").textContent = money(latest.net_value);
      field("absolute").textContent = `net; ${money(latest.absolute_value)} absolute (week of ${latest.key})`;
    } else {
      field("accuracy").textContent = "—";
      field("accuracy-trend").textContent = "no closed count yet";
    }
    field("waiting").textContent = String(waiting.total);
    field("over-committed").textContent = String(overCommitted.total);
    field("over-committed").className = `figure ${overCommitted.total ? "bad" : ""}`.trim();
    field("over-committed-sub").textContent = overCommitted.total
      ? `reserved beyond on hand: ${overCommitted.items.map((b) => `${b.sku} ${b.over_committed}`).join(", ")}${overCommitted.total > 3 ? " …" : ""}`
      : "every reservation is covered by stock on hand";
    await Promise.all([showQueue(), showSchedule(), showSync()]);
    cards.hidden = false;
    hint.hidden = true;
  } catch (error) {
    cards.hidden = true;
    say(hint, `Could not load the figures: ${error.message}`, "bad");
  }
}

async function showSchedule() {
  try {
    const week = await api("/api/schedule/runs");
    const { locations, opened, failed, queued, running } = week.totals;
    field("schedule").textContent = locations ? `${opened} of ${locations} locations opened` : "—";
    const failedNames = week.items.filter((r) => r.status === "failed").map((r) => r.location_code);
    const waitingNames = week.items.filter((r) => r.status === "queued" || r.status === "running").map((r) => r.location_code);
    const list = (names) => names.slice(0, 5).join(", ") + (names.length > 5 ? ` and ${names.length - 5} more` : "");
    const notes = [];
    if (failed) notes.push(`failed: ${list(failedNames)}`);
    if (queued + running) notes.push(`waiting for the next tick: ${list(waitingNames)}`);
    field("schedule").className = `figure ${failed ? "bad" : ""}`.trim();
    field("schedule-sub").textContent = !week.ticked_at ? `the tick of ${week.week} has not run yet`
      : notes.length ? `${week.week} · ${notes.join(" · ")}` : `${week.week} · every location is counted this week`;
    field("schedule-sub").className = `sub ${failed ? "bad" : ""}`.trim();
  } catch (error) {
    field("schedule").textContent = "—";
    field("schedule-sub").textContent = error.message;
  }
}

// How old the mirror is (sync_words.js).
async function showSync() {
  try {
    const { asOf, notes, bad } = syncWords(await api("/api/netsuite/sync"));
    field("sync").textContent = asOf ?? "—";
    field("sync").className = `figure ${bad ? "bad" : ""}`.trim();
    field("sync-sub").textContent = notes.join(" · ");
    field("sync-sub").className = `sub ${bad ? "bad" : ""}`.trim();
  } catch (error) {
    field("sync").textContent = "—";
    field("sync-sub").textContent = error.status === 403 ? "an admin token shows the NetSuite sync" : error.message;
  }
}

async function showQueue() {
  try {
    const [pending, inFlight, dead] = await Promise.all(["pending", "in_flight", "dead"].map((s) => api(`/api/pushes?status=${s}&page_size=1`)));
    field("queue").textContent = `${pending.total + inFlight.total} pending · ${dead.total} dead`;
    field("queue").className = `figure ${dead.total ? "bad" : ""}`.trim();
    field("queue-sub").textContent = dead.total ? "dead pushes need an admin: see the NetSuite queue below" : "every approved adjustment reaches NetSuite once";
  } catch (error) {
    field("queue").textContent = "—";
    field("queue-sub").textContent = error.status === 403 ? "an admin token shows the queue" : error.message;
  }
}
