// settings.html: what an admin sets up, without curl — people and tokens (with a QR sign-in for
// phones), the count schedule, the NetSuite connection and sync, the guardrail, reason codes and
// how the business counts. Each section loads on its own and says in words what it could not do.
import { api, onToken, say, tokenInput } from "./api.js";
import { showGuardrail } from "./dashboard/guardrail.js";
import { showCounting } from "./settings/counting.js";
import { showConnection } from "./settings/netsuite.js";
import { showReasons } from "./settings/reasons.js";
import { showSchedule } from "./settings/schedule.js";
import { showTokens } from "./settings/tokens.js";

const signin = document.querySelector("#signin");

async function loadAll() {
  if (!tokenInput.value) return;
  try {
    // One read first: a token that is not an admin's is told so once, not in every section.
    await api("/api/settings");
  } catch (error) {
    return say(signin, error.status === 403 ? "Settings need an admin token: this one may not change them." : error.message, "bad");
  }
  signin.hidden = true;
  showTokens();
  showSchedule();
  showConnection();
  showGuardrail();
  showReasons();
  showCounting();
}

onToken(loadAll);
loadAll();
