/**
 * A small parser/printer for PromQL instant-vector selectors: `metric{label op "value", ...}`.
 * Definitions name counters and histograms by selector (not by arbitrary PromQL) so the SLO engine can
 * build its own `increase(...)` / `_bucket{le=...}` queries; this checks them early and prints them back.
 * It is deliberately not a PromQL parser: functions, ranges, offsets and operators are rejected.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

export interface Selector {
  /** metric name; undefined for `{__name__=~"..."}`-style selectors */
  metric?: string;
  matchers: LabelMatcher[];
}

export type SelectorResult = { ok: true; selector: Selector } | { ok: false; error: string };

const METRIC_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_RE = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const OPS: MatchOp[] = ['=~', '!~', '!=', '=']; // longest first
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '`': '`',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

export function isMetricName(text: string): boolean {
  return METRIC_RE.test(text) && METRIC_RE.exec(text)![0] === text;
}

/** Parses `text` as one selector; the error says what was expected and at which column (1-based). */
export function parseSelector(text: string): SelectorResult {
  const src = String(text);
  let pos = 0;
  const skip = () => {
    while (pos < src.length && /\s/.test(src[pos])) {
      pos++;
    }
  };
  const fail = (what: string): SelectorResult => {
    const found = pos < src.length ? `"${src.slice(pos, pos + 12)}"` : 'the end';
    return { ok: false, error: `expected ${what} at column ${pos + 1}, found ${found}` };
  };

  skip();
  let metric: string | undefined;
  const name = METRIC_RE.exec(src.slice(pos));
  if (name) {
    metric = name[0];
    pos += metric.length;
    skip();
  }
  const matchers: LabelMatcher[] = [];
  if (src[pos] === '{') {
    pos++;
    skip();
    while (src[pos] !== '}') {
      const label = LABEL_RE.exec(src.slice(pos));
      if (!label) {
        return fail('a label name or "}"');
      }
      pos += label[0].length;
      skip();
      const op = OPS.find((o) => src.startsWith(o, pos));
      if (!op) {
        return fail(`one of = != =~ !~ after label "${label[0]}"`);
      }
      pos += op.length;
      skip();
      const value = readString(src, pos);
      if (!value) {
        return fail(`a quoted value for label "${label[0]}"`);
      }
      if ('error' in value) {
        return { ok: false, error: value.error };
      }
      pos = value.end;
      matchers.push({ name: label[0], op, value: value.text });
      skip();
      if (src[pos] === ',') {
        pos++;
        skip();
      } else if (src[pos] !== '}') {
        return fail('"," or "}"');
      }
    }
    pos++;
    skip();
  } else if (!metric) {
    return fail('a metric name or "{"');
  }
  if (pos < src.length) {
    const hint =
      src[pos] === '('
        ? ' (functions are not allowed here, only a selector)'
        : src[pos] === '['
          ? ' (ranges are not allowed here, only a selector)'
          : '';
    return fail(`the end of the selector${hint}`);
  }
  if (!metric && matchers.length === 0) {
    return { ok: false, error: 'a selector needs a metric name or at least one label matcher' };
  }
  return { ok: true, selector: { metric, matchers } };
}

function readString(src: string, start: number): { text: string; end: number } | { error: string } | undefined {
  const quote = src[start];
  if (quote !== '"' && quote !== "'" && quote !== '`') {
    return undefined;
  }
  let out = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i];
    if (c === quote) {
      return { text: out, end: i + 1 };
    }
    if (c === '\\' && quote !== '`') {
      const next = src[i + 1];
      if (next === 'x' || next === 'u' || next === 'U') {
        const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + width);
        if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) {
          return { error: `invalid escape "\\${next}${hex}" at column ${i + 1}` };
        }
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + width;
        continue;
      }
      if (next === undefined || !(next in ESCAPES)) {
        return { error: `invalid escape "\\${next ?? ''}" at column ${i + 1}` };
      }
      out += ESCAPES[next];
      i++;
      continue;
    }
    if (c === '\n' && quote !== '`') {
      return { error: `unterminated string starting at column ${start + 1}` };
    }
    out += c;
  }
  return { error: `unterminated string starting at column ${start + 1}` };
}

/** Prints a selector in canonical form: `metric{a="b", c=~"d"}` (JSON string escapes are valid PromQL). */
export function formatSelector(selector: Selector): string {
  const body = selector.matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(', ');
  if (selector.metric && selector.matchers.length === 0) {
    return selector.metric;
  }
  return `${selector.metric ?? ''}{${body}}`;
}

/** The same selector with another metric name and extra matchers (e.g. `x_bucket{..., le="0.2"}`). */
export function deriveSelector(selector: Selector, metric: string | undefined, extra: LabelMatcher[] = []): Selector {
  return { metric, matchers: [...selector.matchers, ...extra] };
}
