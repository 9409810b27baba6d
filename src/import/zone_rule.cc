#include "import/zone_rule.h"

#include <cctype>

namespace core::import {

namespace {

using Token = ZoneRule::Token;
using Kind = Token::Kind;

std::string at(size_t position, std::string_view why) {
  return "position " + std::to_string(position + 1) + ": " + std::string(why);
}

// \d \w \s and their capitals as a class; nullopt for any other letter.
std::optional<Token> shorthand(char c) {
  Token t{Kind::kClass};
  switch (std::tolower(static_cast<unsigned char>(c))) {
    case 'd': t.ranges = {{'0', '9'}}; break;
    case 'w': t.ranges = {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}}; break;
    case 's': t.ranges = {{' ', ' '}, {'\t', '\r'}}; break;
    default: return std::nullopt;
  }
  t.negated = std::isupper(static_cast<unsigned char>(c)) != 0;
  return t;
}

bool escapable(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

bool matches(const Token& t, char c) {
  if (t.kind == Kind::kLiteral) return c == t.literal;
  if (t.kind == Kind::kAny) return true;
  bool in = false;
  for (const auto& [lo, hi] : t.ranges) in = in || (c >= lo && c <= hi);
  return in != t.negated;
}

// A class from just after "[" to its "]"; i ends on the "]".
std::optional<Token> parse_class(std::string_view p, size_t& i, std::string& error) {
  size_t open = i - 1;
  Token t{Kind::kClass};
  if (i < p.size() && p[i] == '^') { t.negated = true; ++i; }
  bool first = true;
  for (; i < p.size() && (p[i] != ']' || first); ++i, first = false) {
    char lo = p[i];
    if (lo == '\\') {
      if (++i >= p.size()) break;
      if (auto s = shorthand(p[i])) {
        if (s->negated) { error = at(i, "a negated shorthand inside [...] is not supported"); return std::nullopt; }
        t.ranges.insert(t.ranges.end(), s->ranges.begin(), s->ranges.end());
        continue;
      }
      if (!escapable(p[i])) { error = at(i, std::string("unsupported escape \\") + p[i]); return std::nullopt; }
      lo = p[i];
    }
    char hi = lo;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      hi = p[i + 2];
      if (hi == '\\') { error = at(i + 2, "an escape cannot end a range"); return std::nullopt; }
      if (hi < lo) { error = at(i, "a range runs backwards"); return std::nullopt; }
      i += 2;
    }
    t.ranges.emplace_back(lo, hi);
  }
  if (i >= p.size()) { error = at(open, "[ is never closed"); return std::nullopt; }
  return t;
}

// {n}, {n,} or {n,m} from just after "{"; i ends on the "}".
bool parse_braces(std::string_view p, size_t& i, Token& t, std::string& error) {
  size_t open = i - 1;
  auto number = [&](int& out) {
    size_t start = i;
    out = 0;
    while (i < p.size() && std::isdigit(static_cast<unsigned char>(p[i])) && i - start < 3) out = out * 10 + (p[i++] - '0');
    return i > start;
  };
  if (!number(t.min)) { error = at(open, "{ must hold a count, as {2} or {1,3}"); return false; }
  t.max = t.min;
  if (i < p.size() && p[i] == ',') {
    ++i;
    if (!number(t.max)) t.max = -1;
  }
  if (i >= p.size() || p[i] != '}') { error = at(open, "{ must hold a count, as {2} or {1,3}"); return false; }
  if (t.max != -1 && t.max < t.min) { error = at(open, "{n,m} needs n ≤ m"); return false; }
  return true;
}

// Searches with backtracking; a (token, position) that failed once fails again (no backreferences),
// so each start costs at most tokens × code² steps.
struct Matcher {
  const std::vector<Token>& tokens;
  std::string_view code;
  std::vector<bool> failed;
  size_t group_start = std::string_view::npos, group_end = std::string_view::npos, end = 0;

  bool run(size_t ti, size_t si) {
    if (ti == tokens.size()) { end = si; return true; }
    size_t key = ti * (code.size() + 1) + si;
    if (failed[key]) return false;
    const Token& t = tokens[ti];
    bool ok = false;
    switch (t.kind) {
      case Kind::kStart: ok = si == 0 && run(ti + 1, si); break;
      case Kind::kEnd: ok = si == code.size() && run(ti + 1, si); break;
      case Kind::kGroupOpen: group_start = si; ok = run(ti + 1, si); break;
      case Kind::kGroupClose: group_end = si; ok = run(ti + 1, si); break;
      default: {
        size_t n = 0;
        while ((t.max == -1 || n < static_cast<size_t>(t.max)) && si + n < code.size() && matches(t, code[si + n])) ++n;
        for (size_t c = n + 1; c-- > static_cast<size_t>(t.min) && !ok;) ok = run(ti + 1, si + c);
      }
    }
    if (!ok) failed[key] = true;
    return ok;
  }
};

std::string default_zone(std::string_view code) {
  size_t dash = code.find('-');
  if (dash == std::string_view::npos || dash == 0) return std::string(code);
  return std::string(code.substr(0, dash));
}

}  // namespace

std::optional<ZoneRule> ZoneRule::parse(std::string_view p, std::string& error) {
  if (p.empty()) return ZoneRule{};
  if (p.size() > kMaxZonePatternLength) {
    error = "at most " + std::to_string(kMaxZonePatternLength) + " characters";
    return std::nullopt;
  }
  ZoneRule rule;
  int groups = 0;
  bool in_group = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    std::optional<Token> atom;
    switch (c) {
      case '^': rule.tokens_.push_back({Kind::kStart}); continue;
      case '$': rule.tokens_.push_back({Kind::kEnd}); continue;
      case '(':
        if (in_group) { error = at(i, "groups cannot be nested"); return std::nullopt; }
        if (groups == 1) { error = at(i, "one group at most: it holds the zone"); return std::nullopt; }
        if (i + 1 < p.size() && p[i + 1] == '?') { error = at(i, "(?…) groups are not supported"); return std::nullopt; }
        in_group = true;
        ++groups;
        rule.tokens_.push_back({Kind::kGroupOpen});
        continue;
      case ')':
        if (!in_group) { error = at(i, ") without its ("); return std::nullopt; }
        in_group = false;
        rule.tokens_.push_back({Kind::kGroupClose});
        if (i + 1 < p.size() && std::string_view("*+?{").find(p[i + 1]) != std::string_view::npos) {
          error = at(i + 1, "a group cannot be repeated");
          return std::nullopt;
        }
        continue;
      case '|': error = at(i, "alternation (|) is not supported"); return std::nullopt;
      case '*': case '+': case '?': case '{': error = at(i, std::string("nothing to repeat before ") + c); return std::nullopt;
      case '.': atom = Token{Kind::kAny}; break;
      case '[':
        ++i;
        atom = parse_class(p, i, error);
        if (!atom) return std::nullopt;
        break;
      case '\\':
        if (++i >= p.size()) { error = at(i - 1, "\\ ends the pattern"); return std::nullopt; }
        atom = shorthand(p[i]);
        if (!atom && !escapable(p[i])) { error = at(i, std::string("unsupported escape \\") + p[i]); return std::nullopt; }
        if (!atom) atom = Token{Kind::kLiteral, p[i]};
        break;
      default: atom = Token{Kind::kLiteral, c};
    }
    if (i + 1 < p.size()) {
      char q = p[i + 1];
      if (q == '*') { atom->min = 0; atom->max = -1; ++i; }
      else if (q == '+') { atom->min = 1; atom->max = -1; ++i; }
      else if (q == '?') { atom->min = 0; atom->max = 1; ++i; }
      else if (q == '{') {
        i += 2;
        if (!parse_braces(p, i, *atom, error)) return std::nullopt;
      }
      if (q == '*' || q == '+' || q == '?' || q == '{') {
        if (i + 1 < p.size() && std::string_view("*+?{").find(p[i + 1]) != std::string_view::npos) {
          error = at(i + 1, "lazy, possessive or double quantifiers are not supported");
          return std::nullopt;
        }
      }
    }
    rule.tokens_.push_back(std::move(*atom));
  }
  if (in_group) { error = "a ( is never closed"; return std::nullopt; }
  return rule;
}

std::string ZoneRule::zone_of(std::string_view code) const {
  if (tokens_.empty()) return default_zone(code);
  Matcher m{tokens_, code, std::vector<bool>(tokens_.size() * (code.size() + 1) + code.size() + 1)};
  bool anchored = tokens_.front().kind == Kind::kStart;
  for (size_t start = 0; start <= code.size(); ++start) {
    m.group_start = m.group_end = std::string_view::npos;
    if (m.run(0, start)) {
      bool grouped = m.group_start != std::string_view::npos && m.group_end != std::string_view::npos;
      std::string zone(grouped ? code.substr(m.group_start, m.group_end - m.group_start) : code.substr(start, m.end - start));
      return zone.empty() ? default_zone(code) : zone;
    }
    if (anchored) break;
  }
  return default_zone(code);
}

}  // namespace core::import
