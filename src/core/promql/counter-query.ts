import { formatSelector, parseSelector } from './selector';

/**
 * Recovers the counter selector from the event queries other SLO tools write, so Headroom can compute
 * its own increases over any window:
 *   sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))      (Sloth)
 *   sum by (job) (increase(http_requests_total[5m]))               (OpenSLO, with a fixed range)
 *   http_requests_total{code="200"}                                (OpenSLO `counter: true`, bare counter)
 * Aggregations are dropped on purpose: Headroom always sums a selector's series into one ratio.
 * Anything else (arithmetic between series, other functions) is refused with a message, not guessed.
 */
export type CounterQueryResult = { ok: true; selector: string } | { ok: false; error: string };

const WINDOW = String.raw`(?:\{\{\s*\.window\s*\}\}|\d+(?:ms|s|m|h|d|w|y))`;
const RANGE_CALL = new RegExp(String.raw`^(?:rate|increase)\s*\(([\s\S]*)\[\s*${WINDOW}\s*\]\s*\)$`);
const SUM_BY_PREFIX = /^sum\s+(?:by|without)\s*\([^()]*\)\s*(?=\()/;
const SUM_PREFIX = /^sum\s*(?=\()/;
const BY_SUFFIX = /^\s*(?:by|without)\s*\([^()]*\)$/;
const OR_VECTOR_ZERO = /\s+or\s+vector\s*\(\s*0(?:\.0*)?\s*\)$/;

export function extractCounterSelector(query: string, options: { allowBareSelector: boolean }): CounterQueryResult {
  let rest = String(query).trim();
  for (;;) {
    const peeled = peel(rest);
    if (peeled === undefined) {
      break;
    }
    rest = peeled;
  }
  const call = RANGE_CALL.exec(rest);
  const inner = call ? call[1] : options.allowBareSelector ? rest : undefined;
  if (inner === undefined) {
    return { ok: false, error: 'expected rate(<selector>[{{.window}}]) or increase(...), optionally inside sum(...)' };
  }
  const parsed = parseSelector(inner);
  if (!parsed.ok) {
    const shape = options.allowBareSelector
      ? 'a counter selector, or rate(<selector>[5m]) / increase(...) optionally inside sum(...)'
      : 'rate(<selector>[{{.window}}]) or increase(...), optionally inside sum(...)';
    return { ok: false, error: `expected ${shape}: ${parsed.error}` };
  }
  return { ok: true, selector: formatSelector(parsed.selector) };
}

/** Removes one wrapper (`(...)`, `sum(...)`, `sum by (l) (...)`, `... by (l)`, `... or vector(0)`), if any. */
function peel(text: string): string | undefined {
  const orZero = OR_VECTOR_ZERO.exec(text);
  if (orZero) {
    return text.slice(0, orZero.index).trim();
  }
  const prefix = SUM_BY_PREFIX.exec(text) ?? SUM_PREFIX.exec(text);
  const start = prefix ? prefix[0].length : 0;
  if (text[start] !== '(') {
    return undefined;
  }
  const close = closingParen(text, start);
  if (close === undefined) {
    return undefined;
  }
  // `sum(...) by (job)` is the only thing allowed after the closing parenthesis
  const after = text.slice(close + 1).trim();
  if (after !== '' && !(prefix && !SUM_BY_PREFIX.test(text) && BY_SUFFIX.test(` ${after}`))) {
    return undefined;
  }
  return text.slice(start + 1, close).trim();
}

/** Index of the parenthesis closing the one at `open`, skipping quoted strings. */
function closingParen(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0) {
        return i;
      }
    }
  }
  return undefined;
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') {
      i++;
    } else if (text[i] === quote) {
      return i;
    }
  }
  return text.length;
}

/** `A - B` split at its top-level minus (outside parentheses, brackets and strings), after peeling wrappers. */
export function splitDifference(query: string): [string, string] | undefined {
  let text = String(query).trim();
  for (;;) {
    const peeled = peel(text);
    if (peeled === undefined) {
      break;
    }
    text = peeled;
  }
  let depth = 0;
  let found: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    } else if (c === '-' && depth === 0) {
      if (found !== undefined) {
        return undefined; // a - b - c is not the count-minus-bucket shape
      }
      found = i;
    }
  }
  return found === undefined ? undefined : [text.slice(0, found).trim(), text.slice(found + 1).trim()];
}
