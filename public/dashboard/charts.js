// Drift over time, drawn by Chart.js (installed from npm, served from /vendor).
import "../vendor/chart.umd.min.js";

import { api } from "../api.js";
import { weeklySummary } from "./shared_reads.js";

const { Chart } = globalThis;
const charts = {};

function draw(id, config) {
  charts[id]?.destroy();
  charts[id] = new Chart(document.getElementById(id), { ...config, options: { responsive: true, animation: false, maintainAspectRatio: false, ...config.options } });
}

const REASON_COLOURS = ["#11743b", "#b3261e", "#3b6fd8", "#e0913a", "#7b4fa0", "#0f8a8a", "#8a6d0f", "#c2185b", "#5d6b78"];

// Variance value by reason code, stacked per week: what the decisions said caused the drift.
function drawReasons(rows) {
  const weeks = [...new Set(rows.map((r) => r.week))].sort();
  const codes = [...new Map(rows.map((r) => [r.reason_code ?? "", r.label])).entries()];
  draw("chart-reason", {
    type: "bar",
    data: { labels: weeks, datasets: codes.map(([code, label], i) => ({
      label,
      data: weeks.map((w) => Number(rows.find((r) => r.week === w && (r.reason_code ?? "") === code)?.absolute_value ?? 0)),
      backgroundColor: REASON_COLOURS[i % REASON_COLOURS.length],
    })) },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } },
  });
}

export async function showCharts() {
  const section = document.querySelector("#charts");
  try {
    const [weeks, zones, reasons] = await Promise.all([weeklySummary(), api("/inventory/variances/summary?group_by=zone"),
      api("/inventory/variances/by-reason")]);
    const labels = weeks.items.map((w) => w.key);
    draw("chart-week", {
      type: "bar",
      data: { labels, datasets: [
        { label: "net", data: weeks.items.map((w) => Number(w.net_value)), backgroundColor: "#3b6fd8" },
        { label: "absolute", data: weeks.items.map((w) => Number(w.absolute_value)), backgroundColor: "#e0913a" }] },
    });
    draw("chart-accuracy", {
      type: "line",
      data: { labels, datasets: [{ label: "accuracy %", data: weeks.items.map((w) => w.accuracy_pct), borderColor: "#11743b", backgroundColor: "#11743b" }] },
      options: { scales: { y: { suggestedMin: 80, suggestedMax: 100 } } },
    });
    draw("chart-zone", {
      type: "bar",
      data: { labels: zones.items.map((z) => z.key), datasets: [
        { label: "net", data: zones.items.map((z) => Number(z.net_value)), backgroundColor: "#3b6fd8" },
        { label: "absolute", data: zones.items.map((z) => Number(z.absolute_value)), backgroundColor: "#e0913a" }] },
    });
    drawReasons(reasons.items);
    section.querySelector(".hint")?.remove();
  } catch (error) {
    let hint = section.querySelector(".hint");
    if (!hint) section.append(hint = Object.assign(document.createElement("p"), { role: "status" }));
    hint.textContent = `Could not load the charts: ${error.message}`;
    hint.className = "hint bad";
  }
}
