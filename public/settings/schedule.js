// The count schedule: a location's zones in rotation order (GET /api/cycle-count-schedule), moved
// by dragging or the arrow buttons, ticked in or out, saved whole (PUT). Which zone the next tick
// counts is the API's answer (`next_zone`, the rotation rule in the core), shown after each save.
import { allPages, api, el, say } from "../api.js";
import { clearFieldErrors, showFieldErrors } from "../forms.js";

const section = document.querySelector("#schedule");
const select = section.querySelector("select[name=location_id]");
const list = section.querySelector("[data-list=rotation]");
const next = section.querySelector("[data-field=next]");
const saveButton = section.querySelector("[data-action=save]");
const hint = section.querySelector("p.hint");  // the section's status line (the only .hint when the page loads)
let dragged = null;

function nextText(schedule) {
  const last = schedule.last_cron_session;
  const after = last?.zone_code ? ` (after zone ${last.zone_code}, counted in ${last.week_key})` : "";
  return schedule.next_zone ? `Next week counts zone ${schedule.next_zone.zone}${after}.` : "No zone is active: the weekly count skips this location.";
}

function renumber() {
  [...list.children].forEach((li, i) => {
    li.querySelector(".position").textContent = `${i + 1}.`;
    li.dataset.path = `rotation[${i}]`;  // where a refused save names it (forms.js)
    li.querySelector("input[type=checkbox]").dataset.path = `rotation[${i}].active`;
    li.querySelector("[data-move=up]").disabled = i === 0;
    li.querySelector("[data-move=down]").disabled = i === list.children.length - 1;
  });
}

function changed() {
  renumber();
  saveButton.disabled = false;
  next.textContent = "Not saved yet: save to see which zone the next weekly count opens.";
  next.className = "next hint";
}

function move(li, step) {
  const to = step < 0 ? li.previousElementSibling : li.nextElementSibling?.nextElementSibling ?? null;
  if (step < 0 && !to) return;
  list.insertBefore(li, to);
  li.querySelector(`[data-move=${step < 0 ? "up" : "down"}]`).focus();
  changed();
}

function zoneItem(zone) {
  const li = el("li", { draggable: true });
  li.dataset.zone = zone.zone;
  const active = el("input", { type: "checkbox", checked: zone.active, name: `active-${zone.zone}` });
  active.addEventListener("change", changed);
  const up = el("button", { type: "button", textContent: "↑" });
  up.dataset.move = "up";
  up.setAttribute("aria-label", `Move zone ${zone.zone} up`);
  up.addEventListener("click", () => move(li, -1));
  const down = el("button", { type: "button", textContent: "↓" });
  down.dataset.move = "down";
  down.setAttribute("aria-label", `Move zone ${zone.zone} down`);
  down.addEventListener("click", () => move(li, 1));
  li.append(el("span", { className: "position" }), el("label", {}, active, ` Zone ${zone.zone}`),
    el("span", { className: "sub", textContent: `${zone.zone_name}${zone.zone_active ? "" : " — the zone itself is inactive"}` }), up, down);
  li.addEventListener("dragstart", (event) => { dragged = li; event.dataTransfer.effectAllowed = "move"; li.classList.add("dragging"); });
  li.addEventListener("dragend", () => { li.classList.remove("dragging"); dragged = null; });
  li.addEventListener("dragover", (event) => {
    if (!dragged || dragged === li) return;
    event.preventDefault();
    const below = event.clientY > li.getBoundingClientRect().top + li.offsetHeight / 2;
    list.insertBefore(dragged, below ? li.nextElementSibling : li);
  });
  li.addEventListener("drop", (event) => { event.preventDefault(); changed(); });
  return li;
}

function show(schedule) {
  list.replaceChildren(...schedule.rotation.map(zoneItem));
  renumber();
  next.textContent = nextText(schedule);
  next.className = "next";
  saveButton.disabled = true;
}

async function loadRotation() {
  list.replaceChildren();
  next.textContent = "";
  saveButton.disabled = true;
  if (!select.value) return;
  localStorage.setItem("settings-location", select.value);
  try {
    show(await api(`/api/cycle-count-schedule?location_id=${encodeURIComponent(select.value)}`));
    say(hint, "");
  } catch (error) {
    say(hint, `Could not load the rotation: ${error.message}`, "bad");
  }
}

export async function showSchedule() {
  try {
    const locations = (await allPages("/api/locations")).filter((l) => l.active !== false);
    const keep = select.value || localStorage.getItem("settings-location") || "";
    select.replaceChildren(new Option("choose", ""), ...locations.map((l) => new Option(`${l.code} — ${l.name}`, l.id)));
    select.value = locations.some((l) => l.id === keep) ? keep : locations[0]?.id ?? "";
    await loadRotation();
  } catch (error) {
    say(hint, `Could not load the locations: ${error.message}`, "bad");
  }
}

select.addEventListener("change", loadRotation);
saveButton.addEventListener("click", async () => {
  const rotation = [...list.children].map((li) => ({ zone: li.dataset.zone, active: li.querySelector("input[type=checkbox]").checked }));
  clearFieldErrors(section);
  try {
    const saved = await api("/api/cycle-count-schedule", { method: "PUT", body: { location_id: select.value, rotation } });
    show(saved);
    say(hint, `Rotation saved for ${saved.location_code}.`, "ok");
  } catch (error) {
    showFieldErrors(section, error.fields);
    say(hint, `Not saved: ${error.message}`, "bad");
  }
});
