// Admin dashboard: service health, this week's figures, drift charts, the
// variance report, sessions, count candidates, the NetSuite queue, the guardrail's what-if (changed in settings.html) and imports.
// Each section loads on its own and says in words what it could not show.
import { onToken, tokenInput } from "./api.js";
import { showCandidates } from "./dashboard/candidates.js";
import { showCharts } from "./dashboard/charts.js";
import { showGuardrail } from "./dashboard/guardrail.js";
import { showHeadline } from "./dashboard/headline.js";
import "./dashboard/import.js";
import { showPushes } from "./dashboard/pushes.js";
import { showReport } from "./dashboard/report.js";
import { showSessions } from "./dashboard/sessions.js";
import { refresh } from "./dashboard/shared_reads.js";

async function showHealth() {
  const field = document.querySelector("#health [data-field=status]");
  try {
    const health = await (await fetch("/health")).json();
    const config = (health.config ?? []).map((c) => ` · ${c.setting}: ${c.problem}`).join("");
    field.textContent = `${health.status} · core ${health.core_version} · database ${health.db}${config}`;
    field.className = health.status === "ok" ? "ok" : "bad";
  } catch (error) {
    field.textContent = `unreachable: ${error.message}`;
    field.className = "bad";
  }
}

function loadAll() {
  if (!tokenInput.value) return;
  refresh();
  showHeadline();
  showCharts();
  showReport();
  showSessions();
  showCandidates();
  showPushes();
  showGuardrail();
}

onToken(loadAll);
showHealth();
loadAll();
