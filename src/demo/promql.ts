/**
 * The subset of PromQL the embedded demo platform answers (documented in src/demo/README.md):
 *   selectors  name{l="v", l!="v", l=~"re", l!~"re"}  (regexes anchored as in Prometheus)
 *   rate(sel[d]), increase(sel[d])                     (counters only)
 *   sum | min | max | avg | count  [by|without (l, ...)] (expr)
 *   histogram_quantile(q, expr)
 *   number literals, + - * / between scalars and vectors (one-to-one matching, optional on()/ignoring())
 * Anything else is a QueryError 400 that names the expression.
 */
import { parseDuration } from '../core/duration';
import { badQuery } from '../core/errors';
import { remember } from '../core/lru';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  label: string;
  op: MatchOp;
  value: string;
}

export type AggOp = 'sum' | 'min' | 'max' | 'avg' | 'count';
export type BinOp = '+' | '-' | '*' | '/';

export type Expr =
  | { type: 'number'; value: number }
  | { type: 'selector'; matchers: Matcher[]; range?: number }
  | { type: 'call'; fn: 'rate' | 'increase'; arg: Expr & { type: 'selector' } }
  | { type: 'quantile'; q: Expr; arg: Expr }
  | { type: 'agg'; op: AggOp; grouping: 'by' | 'without'; labels: string[]; arg: Expr }
  | { type: 'binary'; op: BinOp; lhs: Expr; rhs: Expr; matching?: { on: boolean; labels: string[] } };

const AGG_OPS = new Set(['sum', 'min', 'max', 'avg', 'count']);

interface Token {
  kind: 'ident' | 'number' | 'string' | 'punct' | 'duration' | 'end';
  text: string;
  pos: number;
}

function tokenize(src: string, fail: (why: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if (c === '[') {
      const close = src.indexOf(']', i);
      if (close < 0) {
        fail('unclosed "["');
      }
      tokens.push({ kind: 'duration', text: src.slice(i + 1, close).trim(), pos: i });
      i = close + 1;
    } else if ((m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(rest))) {
      tokens.push({ kind: 'ident', text: m[0], pos: i });
      i += m[0].length;
    } else if ((m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest))) {
      tokens.push({ kind: 'number', text: m[0], pos: i });
      i += m[0].length;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && c !== '`') {
          j++;
          const e = src[j];
          text += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else {
          text += src[j];
        }
        j++;
      }
      if (j >= src.length) {
        fail('unclosed string');
      }
      tokens.push({ kind: 'string', text, pos: i });
      i = j + 1;
    } else if ((m = /^(?:!=|=~|!~|[{}(),=+\-*/])/.exec(rest))) {
      tokens.push({ kind: 'punct', text: m[0], pos: i });
      i += m[0].length;
    } else {
      fail(`unexpected "${c}" at position ${i}`);
    }
  }
  tokens.push({ kind: 'end', text: '', pos: src.length });
  return tokens;
}

/** Parses an expression of the supported subset; throws QueryError 400 naming the expression otherwise. */
export function parsePromQL(src: string): Expr {
  const fail = (why: string): never => {
    throw badQuery(`the demo platform does not support the PromQL expression "${src}": ${why}`);
  };
  const tokens = tokenize(src, fail);
  let p = 0;
  const peek = () => tokens[p];
  const next = () => tokens[p++];
  const expect = (text: string) => {
    const t = next();
    if (t.text !== text || t.kind === 'string') {
      fail(
        `expected "${text}" at position ${t.pos}${t.kind === 'end' ? ' (end of expression)' : `, found "${t.text}"`}`
      );
    }
  };
  const labelList = (): string[] => {
    expect('(');
    const labels: string[] = [];
    while (peek().text !== ')') {
      const t = next();
      if (t.kind !== 'ident') {
        fail(`expected a label name at position ${t.pos}`);
      }
      labels.push(t.text);
      if (peek().text === ',') {
        next();
      }
    }
    expect(')');
    return labels;
  };

  const selector = (name?: string): Expr & { type: 'selector' } => {
    const matchers: Matcher[] = name ? [{ label: '__name__', op: '=', value: name }] : [];
    if (peek().text === '{' && peek().kind === 'punct') {
      next();
      while (peek().text !== '}') {
        const label = next();
        if (label.kind !== 'ident') {
          fail(`expected a label name at position ${label.pos}`);
        }
        const op = next();
        if (!['=', '!=', '=~', '!~'].includes(op.text) || op.kind !== 'punct') {
          fail(`expected a label matcher operator at position ${op.pos}`);
        }
        const value = next();
        if (value.kind !== 'string') {
          fail(`expected a quoted label value at position ${value.pos}`);
        }
        if (op.text === '=~' || op.text === '!~') {
          try {
            new RegExp(value.text);
          } catch (e) {
            fail(`invalid regular expression "${value.text}": ${(e as Error).message}`);
          }
        }
        matchers.push({ label: label.text, op: op.text as MatchOp, value: value.text });
        if (peek().text === ',') {
          next();
        } else if (peek().text !== '}') {
          fail(`expected "," or "}" at position ${peek().pos}`);
        }
      }
      expect('}');
    }
    if (matchers.length === 0) {
      fail('a selector needs a metric name or a label matcher');
    }
    const sel: Expr & { type: 'selector' } = { type: 'selector', matchers };
    if (peek().kind === 'duration') {
      const d = next();
      const ms = parseDuration(d.text);
      if (!ms) {
        fail(`invalid range "[${d.text}]"`);
      }
      sel.range = ms;
    }
    return sel;
  };

  const primary = (): Expr => {
    const t = next();
    if (t.kind === 'number') {
      return { type: 'number', value: Number(t.text) };
    }
    if (t.text === '(' && t.kind === 'punct') {
      const e = expr();
      expect(')');
      return e;
    }
    if (t.text === '-' && t.kind === 'punct') {
      return { type: 'binary', op: '*', lhs: { type: 'number', value: -1 }, rhs: primary() };
    }
    if (t.text === '{' && t.kind === 'punct') {
      p--;
      return selector();
    }
    if (t.kind !== 'ident') {
      fail(`unexpected "${t.text}" at position ${t.pos}`);
    }
    if (AGG_OPS.has(t.text)) {
      let grouping: 'by' | 'without' = 'by';
      let labels: string[] = [];
      if (peek().text === 'by' || peek().text === 'without') {
        grouping = next().text as 'by' | 'without';
        labels = labelList();
      }
      expect('(');
      const arg = expr();
      expect(')');
      if (peek().text === 'by' || peek().text === 'without') {
        grouping = next().text as 'by' | 'without';
        labels = labelList();
      }
      return { type: 'agg', op: t.text as AggOp, grouping, labels, arg };
    }
    if (t.text === 'rate' || t.text === 'increase') {
      expect('(');
      const arg = expr();
      expect(')');
      if (arg.type !== 'selector' || arg.range === undefined) {
        fail(`${t.text}() needs a range selector such as metric{...}[5m]`);
      }
      return { type: 'call', fn: t.text, arg: arg as Expr & { type: 'selector' } };
    }
    if (t.text === 'histogram_quantile') {
      expect('(');
      const q = expr();
      expect(',');
      const arg = expr();
      expect(')');
      return { type: 'quantile', q, arg };
    }
    if (peek().text === '(' && peek().kind === 'punct') {
      fail(`function "${t.text}" is not supported`);
    }
    return selector(t.text);
  };

  const matching = (): { on: boolean; labels: string[] } | undefined => {
    if (peek().text === 'on' || peek().text === 'ignoring') {
      const on = next().text === 'on';
      return { on, labels: labelList() };
    }
    if (peek().text === 'group_left' || peek().text === 'group_right') {
      fail('group_left/group_right are not supported');
    }
    return undefined;
  };

  const term = (): Expr => {
    let lhs = primary();
    while (peek().kind === 'punct' && (peek().text === '*' || peek().text === '/')) {
      const op = next().text as BinOp;
      const m = matching();
      lhs = { type: 'binary', op, lhs, rhs: primary(), matching: m };
    }
    return lhs;
  };

  function expr(): Expr {
    let lhs = term();
    while (peek().kind === 'punct' && (peek().text === '+' || peek().text === '-')) {
      const op = next().text as BinOp;
      const m = matching();
      lhs = { type: 'binary', op, lhs, rhs: term(), matching: m };
    }
    return lhs;
  }

  const e = expr();
  if (peek().kind !== 'end') {
    fail(`unexpected "${peek().text}" at position ${peek().pos}`);
  }
  return e;
}

/** Parses a plain selector (what stepIncreases/windowIncrease take); a range or anything else is an error. */
export function parseSelector(src: string): Matcher[] {
  const e = parsePromQL(src);
  if (e.type !== 'selector' || e.range !== undefined) {
    throw badQuery(`expected a series selector such as http_requests_total{service="api_gateway"}, got "${src}"`);
  }
  return e.matchers;
}

const regexCache = new Map<string, RegExp>();

/** Does a label set (with __name__) satisfy every matcher? A missing label is the empty string. */
export function matchesAll(labels: Record<string, string>, matchers: Matcher[]): boolean {
  for (const m of matchers) {
    const v = labels[m.label] ?? '';
    switch (m.op) {
      case '=':
        if (v !== m.value) {
          return false;
        }
        break;
      case '!=':
        if (v === m.value) {
          return false;
        }
        break;
      default: {
        let re = regexCache.get(m.value);
        if (!re) {
          re = new RegExp(`^(?:${m.value})$`);
          remember(regexCache, m.value, re, 1000); // regexes come from users' queries: never an unbounded set
        }
        if (re.test(v) !== (m.op === '=~')) {
          return false;
        }
      }
    }
  }
  return true;
}
