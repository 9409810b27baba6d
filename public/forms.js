// A refused save shown where it belongs: each problem+json error (`errors[].path`, as the API
// names the body's field, e.g. "private_key_pem" or "items[2].code") is written next to the
// control that carries that path (data-path, else name); what no control carries is returned
// for the section's own status line. Nothing of a refused request was saved (the API writes all
// or nothing), so the form keeps what the admin typed.
import { el } from "./api.js";

export function clearFieldErrors(container) {
  for (const note of container.querySelectorAll(".field-error")) note.remove();
  for (const field of container.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
}

function controlFor(container, path) {
  const escaped = CSS.escape(path);
  return container.querySelector(`[data-path="${escaped}"]`) ?? container.querySelector(`[name="${escaped}"]`);
}

// → the errors no control carries.
export function showFieldErrors(container, errors = []) {
  clearFieldErrors(container);
  const unplaced = [];
  for (const error of errors) {
    const control = controlFor(container, error.path);
    if (!control) { unplaced.push(error); continue; }
    control.setAttribute("aria-invalid", "true");
    const note = el("span", { className: "field-error bad", textContent: error.message });
    note.setAttribute("role", "alert");
    note.dataset.for = error.path;
    (control.closest("label") ?? control).after(note);
  }
  return unplaced;
}

// A refused save in words for the section's status line: each error placed at its field, and the
// API's own words when some error has no field here (or none names one).
export function refusal(container, error) {
  const unplaced = showFieldErrors(container, error.fields);
  if (unplaced.length || !error.fields?.length) return error.message;
  return error.fields.length === 1 ? "see the marked field" : "see the marked fields";
}
