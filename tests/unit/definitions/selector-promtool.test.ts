import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import fc from 'fast-check';

import { extractCounterSelector } from '../../../src/core/promql/counter-query';
import { formatSelector, parseSelector, type Selector } from '../../../src/core/promql/selector';
import { requireBinary } from '../../support/binaries';

/**
 * Oracle: Prometheus's own PromQL parser (promtool check rules) must accept every selector we print,
 * including values with quotes, backslashes, newlines and non-ASCII text.
 */
describe('printed selectors are valid PromQL for Prometheus', () => {
  it('promtool accepts 300 random printed selectors and the ones recovered from Sloth queries', () => {
    const promtool = requireBinary(['promtool'], 'prometheus');
    const name = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/).filter((n) => !n.startsWith('__'));
    const plainValue = fc.string({
      maxLength: 10,
      unit: fc.oneof(
        fc.constantFrom('"', "'", '\\', '\n', '\t', '`', '{', '}', ','),
        fc.constantFrom('é', '日', '🙂'),
        fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })
      ),
    });
    const regexValue = fc.stringMatching(/^[a-z0-9.|*]{0,8}$/).filter((v) => !/^\*|\|\*|\*\*/.test(v));
    const matcher = fc.oneof(
      fc.record({ name, op: fc.constantFrom('=' as const, '!=' as const), value: plainValue }),
      fc.record({ name, op: fc.constantFrom('=~' as const, '!~' as const), value: regexValue })
    );
    const selectors = fc.sample(
      fc.record({
        metric: fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,12}$/),
        matchers: fc.array(matcher, { maxLength: 4 }),
      }) as fc.Arbitrary<Selector>,
      { numRuns: 300, seed: 42 }
    );
    const sloth = [
      'sum(rate(apiserver_request_total{code=~"(5..|429)"}[{{.window}}]))',
      'sum by (job) (increase(http_requests_total{job="a\\"b",path!~"/health.*"}[{{.window}}]))',
    ].map((q) => {
      const result = extractCounterSelector(q, { allowBareSelector: false });
      if (!result.ok) {
        throw new Error(result.error);
      }
      return result.selector;
    });
    const exprs = [...selectors.map(formatSelector), ...sloth];
    // and what we print, we read back unchanged
    for (const expr of exprs) {
      const parsed = parseSelector(expr);
      expect(parsed.ok && formatSelector(parsed.selector)).toBe(expr);
    }

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-promtool-'));
    try {
      const rules = exprs
        .map((expr, i) => `      - record: headroom:check${i}\n        expr: ${JSON.stringify(expr)}`)
        .join('\n');
      const file = path.join(dir, 'rules.yaml');
      fs.writeFileSync(file, `groups:\n  - name: selectors\n    rules:\n${rules}\n`);
      const out = execFileSync(promtool, ['check', 'rules', file], { encoding: 'utf8' });
      expect(out).toContain(`SUCCESS: ${exprs.length} rules found`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
