// The NetSuite stand-in's SuiteQL: a small SQL evaluator over in-memory tables, enough of
// SuiteQL (Oracle-flavoured SQL) to answer what a client may reasonably send for the tables the
// stand-in keeps — never a copy of our client's query strings:
//   SELECT [DISTINCT] expr [AS name], … | *  FROM table [alias]
//     [[LEFT [OUTER] | INNER] JOIN table [alias] ON expr]…  [WHERE expr]  [ORDER BY expr [ASC|DESC], …]
//   expr: OR, AND, NOT, ( ), = <> != < <= > >=, [NOT] IN (list | subquery), IS [NOT] NULL,
//         [NOT] LIKE, ||, + -, numbers, 'text', column, alias.column, TO_DATE(text, format),
//         TO_TIMESTAMP(text, format), NVL(a, b), COALESCE(…), UPPER(x), LOWER(x)
// Identifiers are case-insensitive. A column that does not exist is an error, as in NetSuite
// ("Invalid search query"). Booleans are 'T' / 'F'; dates compare as instants.
const KEYWORDS = new Set(["select", "distinct", "from", "where", "and", "or", "not", "in", "is", "null", "as", "order", "by",
  "asc", "desc", "join", "left", "inner", "outer", "on", "like"]);

export class SuiteQLError extends Error {}

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'") {
      let s = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new SuiteQLError("an unterminated string");
        if (text[i] === "'") {
          if (text[i + 1] === "'") { s += "'"; i += 2; continue; }
          i++;
          break;
        }
        s += text[i++];
      }
      tokens.push({ t: "str", v: s });
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(text.slice(i));
    if (num) { tokens.push({ t: "num", v: Number(num[0]) }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i));
    if (id) {
      const lower = id[0].toLowerCase();
      tokens.push(KEYWORDS.has(lower) ? { t: "kw", v: lower } : { t: "id", v: lower });
      i += id[0].length;
      continue;
    }
    const op = /^(<>|!=|<=|>=|\|\||[=<>(),.*+-])/.exec(text.slice(i));
    if (op) { tokens.push({ t: "op", v: op[0] }); i += op[0].length; continue; }
    throw new SuiteQLError(`unexpected character ${c}`);
  }
  return tokens;
}

class Parser {
  constructor(tokens) { this.tokens = tokens; this.i = 0; }
  peek(k = 0) { return this.tokens[this.i + k]; }
  is(t, v, k = 0) { const x = this.peek(k); return x && x.t === t && (v === undefined || x.v === v); }
  take(t, v) {
    if (!this.is(t, v)) throw new SuiteQLError(`expected ${v ?? t} near ${JSON.stringify(this.peek()?.v ?? "the end")}`);
    return this.tokens[this.i++];
  }
  maybe(t, v) { if (this.is(t, v)) { this.i++; return true; } return false; }

  query() {
    this.take("kw", "select");
    const distinct = this.maybe("kw", "distinct");
    const columns = [];
    do {
      if (this.maybe("op", "*")) { columns.push({ star: true }); continue; }
      const expr = this.expr();
      let name = expr.k === "col" ? expr.name : null;
      if (this.maybe("kw", "as")) name = this.take("id").v;
      else if (this.is("id")) name = this.take("id").v;
      columns.push({ expr, name: name ?? `expr${columns.length + 1}` });
    } while (this.maybe("op", ","));
    this.take("kw", "from");
    const from = [this.tableRef("from")];
    for (;;) {
      let kind = null;
      if (this.maybe("kw", "left")) { this.maybe("kw", "outer"); kind = "left"; } else if (this.maybe("kw", "inner")) kind = "inner";
      if (!this.maybe("kw", "join")) { if (kind) throw new SuiteQLError("expected JOIN"); break; }
      const ref = this.tableRef(kind ?? "inner");
      this.take("kw", "on");
      ref.on = this.expr();
      from.push(ref);
    }
    const where = this.maybe("kw", "where") ? this.expr() : null;
    const order = [];
    if (this.maybe("kw", "order")) {
      this.take("kw", "by");
      do {
        const expr = this.expr();
        const desc = this.maybe("kw", "desc");
        if (!desc) this.maybe("kw", "asc");
        order.push({ expr, desc });
      } while (this.maybe("op", ","));
    }
    return { distinct, columns, from, where, order };
  }
  tableRef(kind) {
    const table = this.take("id").v;
    const alias = this.is("id") ? this.take("id").v : table;
    return { table, alias, kind };
  }
  expr() { return this.or(); }
  or() { let l = this.and(); while (this.maybe("kw", "or")) l = { k: "or", l, r: this.and() }; return l; }
  and() { let l = this.not(); while (this.maybe("kw", "and")) l = { k: "and", l, r: this.not() }; return l; }
  not() { return this.maybe("kw", "not") ? { k: "not", e: this.not() } : this.cmp(); }
  cmp() {
    const l = this.add();
    const op = this.peek();
    if (op?.t === "op" && ["=", "<>", "!=", "<", "<=", ">", ">="].includes(op.v)) { this.i++; return { k: "cmp", op: op.v, l, r: this.add() }; }
    if (this.maybe("kw", "is")) {
      const negate = this.maybe("kw", "not");
      this.take("kw", "null");
      return { k: "isnull", e: l, negate };
    }
    const negate = this.is("kw", "not") && (this.is("kw", "in", 1) || this.is("kw", "like", 1)) ? (this.i++, true) : false;
    if (this.maybe("kw", "in")) {
      this.take("op", "(");
      if (this.is("kw", "select")) { const q = this.query(); this.take("op", ")"); return { k: "in", e: l, query: q, negate }; }
      const list = [];
      do list.push(this.add()); while (this.maybe("op", ","));
      this.take("op", ")");
      return { k: "in", e: l, list, negate };
    }
    if (this.maybe("kw", "like")) return { k: "like", e: l, pattern: this.add(), negate };
    return l;
  }
  add() {
    let l = this.primary();
    for (;;) {
      if (this.maybe("op", "||")) l = { k: "concat", l, r: this.primary() };
      else if (this.is("op", "+") || this.is("op", "-")) { const op = this.take("op").v; l = { k: "arith", op, l, r: this.primary() }; }
      else return l;
    }
  }
  primary() {
    const x = this.peek();
    if (!x) throw new SuiteQLError("unexpected end of query");
    if (x.t === "num" || x.t === "str") { this.i++; return { k: "lit", v: x.v }; }
    if (x.t === "kw" && x.v === "null") { this.i++; return { k: "lit", v: null }; }
    if (this.maybe("op", "-")) return { k: "arith", op: "-", l: { k: "lit", v: 0 }, r: this.primary() };
    if (this.maybe("op", "(")) { const e = this.expr(); this.take("op", ")"); return e; }
    if (x.t === "id") {
      this.i++;
      if (this.maybe("op", "(")) {
        const args = [];
        if (!this.is("op", ")")) do args.push(this.expr()); while (this.maybe("op", ","));
        this.take("op", ")");
        return { k: "fn", name: x.v, args };
      }
      if (this.maybe("op", ".")) return { k: "col", table: x.v, name: this.take("id").v };
      return { k: "col", table: null, name: x.v };
    }
    throw new SuiteQLError(`unexpected ${JSON.stringify(x.v)}`);
  }
}

// 'YYYY-MM-DD HH24:MI:SS' and friends → epoch ms (UTC).
function toDate(text, format = "YYYY-MM-DD") {
  const parts = { YYYY: 0, MM: 1, DD: 1, HH24: 0, MI: 0, SS: 0 };
  let re = "^";
  const order = [];
  for (const token of String(format).split(/(YYYY|MM|DD|HH24|MI|SS)/)) {
    if (token in parts) { re += "(\\d+)"; order.push(token); } else if (token) re += token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const m = new RegExp(`${re}$`).exec(String(text));
  if (!m) throw new SuiteQLError(`${text} does not match the date format ${format}`);
  order.forEach((k, i) => { parts[k] = Number(m[i + 1]); });
  return Date.UTC(parts.YYYY, parts.MM - 1, parts.DD, parts.HH24, parts.MI, parts.SS);
}

const isDate = (v) => v instanceof Date;
function compare(a, b) {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (isDate(a) || isDate(b)) return Math.sign(+(isDate(a) ? a : new Date(a)) - +(isDate(b) ? b : new Date(b)));
  const na = Number(a), nb = Number(b);
  if (a !== "" && b !== "" && Number.isFinite(na) && Number.isFinite(nb)) return Math.sign(na - nb);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

// tables: { name: { columns: [...], rows: [{…}] } }; a row's dates are Date objects.
export function runSuiteQL(text, tables) {
  const parser = new Parser(tokenize(text));
  const query = parser.query();
  if (parser.peek()) throw new SuiteQLError(`unexpected ${JSON.stringify(parser.peek().v)} after the query`);
  return evaluate(query, tables, null);
}

const truth = (v) => v === true;

// A value as a key: numbers (and numeric text) by their number, the rest as text — the equality compare() uses.
const keyOf = (v) => (v === null || v === undefined ? null : v instanceof Date ? `d${+v}` : v !== "" && Number.isFinite(Number(v)) ? `n${Number(v)}` : `s${v}`);

// Rows of a table by one column's value, kept until the table changes (its `version`).
const indexes = new WeakMap();
function indexOf(table, column) {
  let byColumn = indexes.get(table);
  if (!byColumn || byColumn.version !== (table.version ?? 0)) {
    byColumn = { version: table.version ?? 0, columns: new Map() };
    indexes.set(table, byColumn);
  }
  if (!byColumn.columns.has(column)) {
    const index = new Map();
    for (const row of table.rows) {
      const k = keyOf(row[column]);
      if (!index.has(k)) index.set(k, []);
      index.get(k).push(row);
    }
    byColumn.columns.set(column, index);
  }
  return byColumn.columns.get(column);
}

// The conjuncts of a WHERE (its top-level ANDs).
function conjuncts(node) {
  return node?.k === "and" ? [...conjuncts(node.l), ...conjuncts(node.r)] : node ? [node] : [];
}

function evaluate(query, tables, outer) {
  const table = (name) => {
    const t = tables[name];
    if (!t) throw new SuiteQLError(`Invalid search query: unknown record type ${name}`);
    return t;
  };
  for (const ref of query.from) table(ref.table);
  const aliases = query.from.map((f) => f.alias);
  const columnsOf = Object.fromEntries(query.from.map((f) => [f.alias, table(f.table).columns]));
  // The first table's rows; a WHERE that says `column IN (values…)` of it reads them by index.
  const first = query.from[0];
  const owns = (node, alias) => node?.k === "col" && (node.table === alias || (node.table === null && columnsOf[alias].includes(node.name) &&
    query.from.filter((f) => columnsOf[f.alias].includes(node.name)).length === 1));
  let base = table(first.table).rows;
  const byList = conjuncts(query.where).find((c) => c.k === "in" && !c.negate && c.list && owns(c.e, first.alias) && c.list.every((e) => e.k === "lit"));
  if (byList) {
    const index = indexOf(table(first.table), byList.e.name);
    base = [...new Set(byList.list.map((e) => keyOf(e.v)))].flatMap((k) => index.get(k) ?? []);
  }
  // Rows as { alias: row }, joined left to right (by index where ON is one column equal to another).
  let rows = base.map((r) => ({ [first.alias]: r }));
  for (const ref of query.from.slice(1)) {
    const right = table(ref.table);
    const on = ref.on;
    const keyed = on?.k === "cmp" && on.op === "=" && on.l.k === "col" && on.r.k === "col"
      ? (owns(on.l, ref.alias) ? { mine: on.l, theirs: on.r } : owns(on.r, ref.alias) ? { mine: on.r, theirs: on.l } : null) : null;
    const joined = [];
    for (const row of rows) {
      let matched = false;
      const candidates = keyed ? indexOf(right, keyed.mine.name).get(keyOf(value(keyed.theirs, row))) ?? [] : right.rows;
      for (const r of candidates) {
        const candidate = { ...row, [ref.alias]: r };
        if (truth(value(ref.on, candidate))) { joined.push(candidate); matched = true; }
      }
      if (!matched && ref.kind === "left") joined.push({ ...row, [ref.alias]: null });
    }
    rows = joined;
  }

  function column(node, scope) {
    if (node.table) {
      if (!(node.table in columnsOf)) {
        if (outer) return outer(node);
        throw new SuiteQLError(`Invalid search query: unknown table or alias ${node.table}`);
      }
      if (!columnsOf[node.table].includes(node.name)) throw new SuiteQLError(`Invalid search query: ${node.table}.${node.name} is not a field`);
      return scope[node.table]?.[node.name] ?? null;
    }
    const owners = aliases.filter((a) => columnsOf[a].includes(node.name));
    if (owners.length === 0) {
      if (outer) return outer(node);
      throw new SuiteQLError(`Invalid search query: ${node.name} is not a field`);
    }
    if (owners.length > 1) throw new SuiteQLError(`Invalid search query: ${node.name} is ambiguous`);
    return scope[owners[0]]?.[node.name] ?? null;
  }

  function value(node, scope) {
    switch (node.k) {
      case "lit": return node.v;
      case "col": return column(node, scope);
      case "and": return truth(value(node.l, scope)) && truth(value(node.r, scope));
      case "or": return truth(value(node.l, scope)) || truth(value(node.r, scope));
      case "not": return !truth(value(node.e, scope));
      case "isnull": { const v = value(node.e, scope); return (v === null || v === undefined) !== node.negate; }
      case "cmp": {
        const c = compare(value(node.l, scope), value(node.r, scope));
        if (c === null) return false;
        return { "=": c === 0, "<>": c !== 0, "!=": c !== 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0 }[node.op];
      }
      case "in": {
        const v = value(node.e, scope);
        if (v === null || v === undefined) return false;
        if (node.list && node.list.every((e) => e.k === "lit")) {
          node.keys ??= new Set(node.list.map((e) => keyOf(e.v)));
          return node.keys.has(keyOf(v)) !== node.negate;
        }
        const candidates = node.query
          ? evaluate(node.query, tables, (n) => column(n, scope)).map((r) => Object.values(r)[0])
          : node.list.map((e) => value(e, scope));
        return candidates.some((c) => compare(v, c) === 0) !== node.negate;
      }
      case "like": {
        const v = value(node.e, scope);
        if (v === null) return false;
        const re = new RegExp(`^${String(value(node.pattern, scope)).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replaceAll("%", ".*").replaceAll("_", ".")}$`, "s");
        return re.test(String(v)) !== node.negate;
      }
      case "concat": return `${value(node.l, scope) ?? ""}${value(node.r, scope) ?? ""}`;
      case "arith": {
        const l = Number(value(node.l, scope)), r = Number(value(node.r, scope));
        return node.op === "+" ? l + r : l - r;
      }
      case "fn": {
        const args = node.args.map((a) => value(a, scope));
        switch (node.name) {
          case "to_date": case "to_timestamp": return new Date(toDate(args[0], args[1]));
          case "nvl": case "coalesce": return args.find((a) => a !== null && a !== undefined) ?? null;
          case "upper": return args[0] === null ? null : String(args[0]).toUpperCase();
          case "lower": return args[0] === null ? null : String(args[0]).toLowerCase();
          default: throw new SuiteQLError(`Invalid search query: unknown function ${node.name}`);
        }
      }
      default: throw new SuiteQLError("a query the stand-in cannot read");
    }
  }
  if (query.where) rows = rows.filter((scope) => truth(value(query.where, scope)));
  if (query.order.length) {
    const keyed = rows.map((scope) => ({ scope, keys: query.order.map((o) => value(o.expr, scope)) }));
    keyed.sort((a, b) => {
      for (const [i, o] of query.order.entries()) {
        const x = a.keys[i], y = b.keys[i];
        // Oracle: NULLs last ascending, first descending.
        const c = x === null && y === null ? 0 : x === null ? 1 : y === null ? -1 : compare(x, y);
        if (c) return o.desc ? -c : c;
      }
      return 0;
    });
    rows = keyed.map((k) => k.scope);
  }
  let out = rows.map((scope) => {
    const row = {};
    for (const c of query.columns) {
      if (c.star) { for (const a of aliases) Object.assign(row, scope[a] ?? {}); continue; }
      row[c.name] = value(c.expr, scope);
    }
    return row;
  });
  if (query.distinct) {
    const seen = new Set();
    out = out.filter((r) => { const k = JSON.stringify(Object.values(r)); if (seen.has(k)) return false; seen.add(k); return true; });
  }
  return out;
}

// A row as NetSuite's REST answer writes it: every value as text, null fields left out, dates as M/D/YYYY.
export function asAnswerRow(row) {
  const out = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) continue;
    out[k] = v instanceof Date ? `${v.getUTCMonth() + 1}/${v.getUTCDate()}/${v.getUTCFullYear()}` : String(v);
  }
  return { links: [], ...out };
}
