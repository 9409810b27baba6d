// How this business counts (GET/PUT /api/settings): blind counts, the zone pattern of bin codes
// (with the zones it gives a few bins) and the scanners' GS1 separator.
import { api, say } from "../api.js";
import { clearFieldErrors, refusal } from "../forms.js";

const section = document.querySelector("#counting");
const form = section.querySelector("#counting-form");
const hint = section.querySelector("p.hint");
const zones = section.querySelector("[data-field=zones]");

function show(settings) {
  form.elements.blind_counts.checked = settings.blind_counts;
  form.elements.zone_pattern.value = settings.zone_pattern ?? "";
  form.elements.gs1_separator.value = settings.gs1_separator ?? "";
  const seen = new Set();
  const examples = settings.zone_examples.filter((e) => !seen.has(e.bin) && seen.add(e.bin));
  zones.textContent = examples.length
    ? `The rule names: ${examples.map((e) => `${e.bin} → ${e.zone}${e.zone_now !== null && e.zone_now !== e.zone ? ` (stored as ${e.zone_now} until the bin arrives again)` : ""}`).join(", ")}.`
    : "";
}

export async function showCounting() {
  try {
    show(await api("/api/settings"));
    say(hint, "");
  } catch (error) {
    say(hint, `Could not load the settings: ${error.message}`, "bad");
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearFieldErrors(form);
  const text = (name) => form.elements[name].value.trim() || null;
  try {
    show(await api("/api/settings", { method: "PUT", body: {
      blind_counts: form.elements.blind_counts.checked, zone_pattern: text("zone_pattern"), gs1_separator: text("gs1_separator") } }));
    say(hint, "Saved.", "ok");
  } catch (error) {
    say(hint, `Not saved: ${refusal(form, error)}`, "bad");
  }
});
