// Reads that several sections of the dashboard show, made once per load
// (dashboard.js calls refresh() before each): the weekly summary (headline and
// charts) and the sessions (report filter, sessions table, guardrail preview).
import { allPages, api } from "../api.js";

let loads = new Map();

export function refresh() {
  loads = new Map();
}

function once(key, load) {
  if (!loads.has(key)) loads.set(key, load());
  return loads.get(key);
}

export const weeklySummary = () => once("weeks", () => api("/inventory/variances/summary?group_by=week"));
export const allSessions = () => once("sessions", () => allPages("/stock-count/sessions", 500));
