#include "routes/business_settings.h"

#include "import/zone_rule.h"
#include "json_access.h"
#include "problem.h"
#include "queries/business_settings.h"
#include "query.h"
#include "routes/queries/master_data.h"
#include "steps.h"
#include "turn.h"

namespace core::routes {

namespace {

// The settings with a preview: how the rule names the zones of a few of the business's bins.
json settings_json(const json& settings, const json& bins) {
  const json* row = settings.empty() ? nullptr : &settings[0];
  import::ZoneRule rule = queries::zone_rule_of(settings);
  json examples = json::array();
  for (const auto& b : bins) {
    std::string code = string_or(b, "code", "");
    examples.push_back({{"bin", code}, {"zone", rule.zone_of(code)}, {"zone_now", value_or_null(b, "zone")}});
  }
  return {{"zone_pattern", row ? value_or_null(*row, "zone_pattern") : json()},
          {"zone_examples", std::move(examples)},
          {"blind_counts", row ? int_or(*row, "blind_counts", 1) != 0 : true},
          {"gs1_separator", row ? value_or_null(*row, "gs1_separator") : json()},
          {"updated_at", row ? value_or_null(*row, "updated_at") : json()},
          {"updated_by", row ? value_or_null(*row, "updated_by") : json()}};
}

enum class Step { kStart, kRead, kWritten };
constexpr std::array<std::string_view, 3> step_names(Step) { return {"", "read", "written"}; }

json read_back(const Ctx& ctx, Batch& batch, json state) {
  keep(state, "settings", batch.add(queries::business_settings_row(ctx.principal.business())));
  keep(state, "bins", batch.add(bin_examples(ctx.principal.business())));
  return ask_d1(batch.take(), std::move(state));
}

json answer(const Ctx& ctx) {
  const json& d1 = ctx.first_result();
  if (!d1_ok(d1)) return storage_failure(d1_error(d1));
  return respond_json(200, settings_json(rows(d1, kept(ctx.state, "settings")), rows(d1, kept(ctx.state, "bins"))));
}

}  // namespace

json get_settings(const Ctx& ctx) {
  if (step_of<Step>(ctx.state) == Step::kRead) return answer(ctx);
  Batch batch;
  return read_back(ctx, batch, at_step(Step::kRead));
}

// { zone_pattern?: text (a pattern in zone_rule.h's subset) | null (the default rule),
//   blind_counts?: boolean, gs1_separator?: one printable character | null (GS only) } — at
//   least one; a setting not named keeps what is stored.
json put_settings(const Ctx& ctx) {
  if (step_of<Step>(ctx.state) == Step::kWritten) return answer(ctx);
  const auto& read = json_body(ctx);
  if (read.problem) return *read.problem;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : read.value.items()) {
    if (key != "zone_pattern" && key != "blind_counts" && key != "gs1_separator") {
      errors.push_back({key, "not a setting (zone_pattern, blind_counts and gs1_separator are)"});
    }
  }
  queries::SettingsChange change;
  const json* pattern = member(read.value, "zone_pattern");
  const json* blind = member(read.value, "blind_counts");
  const json* separator = member(read.value, "gs1_separator");
  if (!pattern && !blind && !separator) {
    errors.push_back({"zone_pattern", "name a setting to save: zone_pattern, blind_counts or gs1_separator"});
  }
  if (pattern && !pattern->is_null() && !pattern->is_string()) errors.push_back({"zone_pattern", "a text or null"});
  if (pattern && pattern->is_string()) {
    std::string why;
    if (!import::ZoneRule::parse(pattern->get<std::string>(), why)) errors.push_back({"zone_pattern", why});
  }
  if (blind && !blind->is_boolean()) errors.push_back({"blind_counts", "true or false"});
  if (separator && !separator->is_null()) {
    // One printable ASCII character that no GS1 field may hold, so it can only mean FNC1.
    std::string text = separator->is_string() ? separator->get<std::string>() : "";
    bool ok = text.size() == 1 && text[0] > ' ' && text[0] < 0x7f &&
              std::string_view("!\"%&'()*+,-./:;<=>?_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz").find(text[0]) ==
                  std::string_view::npos;
    if (!ok) errors.push_back({"gs1_separator", "one printable character a GS1 field cannot hold (such as ~ | # or ^), or null for GS only"});
  }
  if (!errors.empty()) return unprocessable("the settings cannot be saved", errors);
  change.zone_given = pattern != nullptr;
  change.zone_pattern = pattern && pattern->is_string() && !pattern->get<std::string>().empty() ? *pattern : json();
  change.blind_counts = blind ? *blind : json();
  change.separator_given = separator != nullptr;
  change.gs1_separator = separator ? *separator : json();
  Batch batch;
  batch.add(queries::business_settings_upsert(ctx.principal.business_id, change, ctx.now, ctx.principal.token_name));
  return read_back(ctx, batch, at_step(Step::kWritten));
}

}  // namespace core::routes
