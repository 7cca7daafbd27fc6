import fc from 'fast-check';

import { extractCounterSelector, splitDifference } from '../../../src/core/promql/counter-query';
import { formatSelector, parseSelector, type Selector } from '../../../src/core/promql/selector';

describe('parseSelector', () => {
  it('reads a metric name and every matcher operator', () => {
    const parsed = parseSelector(
      'http_requests_total{service="api_gateway", code=~"5..",method!="GET",path!~\'/health.*\'}'
    );
    expect(parsed).toEqual({
      ok: true,
      selector: {
        metric: 'http_requests_total',
        matchers: [
          { name: 'service', op: '=', value: 'api_gateway' },
          { name: 'code', op: '=~', value: '5..' },
          { name: 'method', op: '!=', value: 'GET' },
          { name: 'path', op: '!~', value: '/health.*' },
        ],
      },
    });
  });

  it('accepts a bare metric, a trailing comma, whitespace, backticks and a name-less selector', () => {
    expect(parseSelector('  up  ')).toEqual({ ok: true, selector: { metric: 'up', matchers: [] } });
    expect(parseSelector('up{job="a",}')).toEqual({
      ok: true,
      selector: { metric: 'up', matchers: [{ name: 'job', op: '=', value: 'a' }] },
    });
    expect(parseSelector('{__name__=~`x_.*`}')).toEqual({
      ok: true,
      selector: { matchers: [{ name: '__name__', op: '=~', value: 'x_.*' }] },
    });
    expect(parseSelector('ns:rate5m:sum')).toEqual({ ok: true, selector: { metric: 'ns:rate5m:sum', matchers: [] } });
  });

  it('decodes escapes in double-quoted values', () => {
    const parsed = parseSelector('m{a="say \\"hi\\"\\n", b="\\u00e9\\x41"}');
    expect(parsed.ok && parsed.selector.matchers.map((m) => m.value)).toEqual(['say "hi"\n', 'éA']);
  });

  it.each([
    [
      'sum(rate(x[5m]))',
      'expected the end of the selector (functions are not allowed here, only a selector) at column 4',
    ],
    ['x[5m]', 'expected the end of the selector (ranges are not allowed here, only a selector) at column 2'],
    ['x{a="b"', 'expected "," or "}" at column 8, found the end'],
    ['x{a=b}', 'expected a quoted value for label "a" at column 5'],
    ['x{a~"b"}', 'expected one of = != =~ !~ after label "a" at column 4'],
    ['x{a="b}', 'unterminated string starting at column 5'],
    ['x{a="\\q"}', 'invalid escape "\\q" at column 6'],
    ['{}', 'a selector needs a metric name or at least one label matcher'],
    ['', 'expected a metric name or "{" at column 1, found the end'],
    ['5xx_total', 'expected a metric name or "{" at column 1'],
  ])('rejects %j: %s', (text, message) => {
    const parsed = parseSelector(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(message);
  });

  it('prints canonically, and printing what it parsed gives the same selector back', () => {
    expect(formatSelector({ metric: 'up', matchers: [] })).toBe('up');
    expect(formatSelector({ metric: 'x', matchers: [{ name: 'a', op: '=~', value: 'b"c' }] })).toBe('x{a=~"b\\"c"}');

    const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/);
    const selector: fc.Arbitrary<Selector> = fc
      .record({
        metric: fc.option(fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,12}$/), { nil: undefined }),
        matchers: fc.array(
          fc.record({ name, op: fc.constantFrom('=', '!=', '=~', '!~' as const), value: fc.string({ maxLength: 10 }) }),
          { maxLength: 4 }
        ),
      })
      .filter((s) => s.metric !== undefined || s.matchers.length > 0);
    fc.assert(
      fc.property(selector, (s) => {
        const parsed = parseSelector(formatSelector(s));
        expect(parsed).toEqual({
          ok: true,
          selector: s.metric === undefined ? { metric: undefined, matchers: s.matchers } : s,
        });
      }),
      { numRuns: 500 }
    );
  });
});

describe('extractCounterSelector (Sloth and OpenSLO queries)', () => {
  const sloth = { allowBareSelector: false };
  it.each([
    [
      'sum(rate(apiserver_request_total{code=~"(5..|429)"}[{{.window}}]))',
      'apiserver_request_total{code=~"(5..|429)"}',
    ],
    ['sum(rate(apiserver_request_total[{{.window}}]))', 'apiserver_request_total'],
    ['rate(x{a="b"}[{{ .window }}])', 'x{a="b"}'],
    ['sum by (job) (increase(x{a="[45].."}[{{.window}}]))', 'x{a="[45].."}'],
    ['sum(increase(x[{{.window}}])) by (job)', 'x'],
    ['(sum(rate(x[{{.window}}])) or vector(0))', 'x'],
    ['sum(rate(x[5m]))', 'x'],
  ])('%s -> %s', (query, selector) => {
    expect(extractCounterSelector(query, sloth)).toEqual({ ok: true, selector });
  });

  it.each([
    'sum(rate(a[{{.window}}])) / 2',
    'sum(rate(a[{{.window}}])) - sum(rate(b[{{.window}}]))',
    'histogram_quantile(0.9, rate(x[{{.window}}]))',
    'x',
    'sum(x) by (a) by (b)',
  ])('refuses %s with a named error', (query) => {
    const result = extractCounterSelector(query, sloth);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^expected rate\(<selector>\[\{\{\.window\}\}\]\)/);
  });

  it('takes a bare counter selector when allowed (OpenSLO counter: true)', () => {
    expect(extractCounterSelector('sum(localhost_server_requests{code="total"})', { allowBareSelector: true })).toEqual(
      { ok: true, selector: 'localhost_server_requests{code="total"}' }
    );
  });

  it('splits count - bucket at the top-level minus only', () => {
    expect(splitDifference('(sum(rate(a{x="-"}[{{.window}}])) - sum(rate(b[{{.window}}])))')).toEqual([
      'sum(rate(a{x="-"}[{{.window}}]))',
      'sum(rate(b[{{.window}}]))',
    ]);
    expect(splitDifference('a - b - c')).toBeUndefined();
    expect(splitDifference('sum(rate(a[5m]))')).toBeUndefined();
  });
});
