import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { prometheusRules } from '../../../src/core/slo/rules';
import { emptyDefinitions, type SloDefinition } from '../../../src/core/definitions/model';
import { requireBinary } from '../../support/binaries';

const DAY = 86_400_000;

function definitions() {
  const d = emptyDefinitions();
  const base = { name: 'API availability', labels: { tier: 'critical' }, origin: 'test' };
  d.slos = [
    {
      ...base,
      id: 'api-availability',
      service: 'api',
      objective: 0.999,
      window: { kind: 'rolling', ms: 30 * DAY, text: '30d' },
      sli: { kind: 'events', bad: 'requests_total{service="api",code=~"5.."}', total: 'requests_total{service="api"}' },
    },
    {
      ...base,
      id: 'api-latency',
      service: 'api',
      name: 'API latency',
      objective: 0.99,
      window: { kind: 'calendar-month', text: 'calendar-month' },
      sli: { kind: 'latency', histogram: 'latency_seconds{service="api"}', threshold: 0.2 },
    },
  ] satisfies SloDefinition[];
  return d;
}

describe('Prometheus rules export (Sloth-compatible)', () => {
  const text = prometheusRules(definitions());
  const doc = parse(text);

  it('has Sloth names: sli recordings per window, meta recordings, page and ticket alerts', () => {
    const names = doc.groups.map((g: { name: string }) => g.name);
    expect(names).toEqual([
      'sloth-slo-sli-recordings-api-availability',
      'sloth-slo-meta-recordings-api-availability',
      'sloth-slo-alerts-api-availability',
      'sloth-slo-sli-recordings-api-latency',
      'sloth-slo-meta-recordings-api-latency',
      'sloth-slo-alerts-api-latency',
    ]);
    const records = doc.groups[0].rules.map((r: { record: string }) => r.record);
    expect(records).toEqual(
      [5, 30, 60, 120, 360, 1440, 4320]
        .map((m) => `slo:sli_error:ratio_rate${m < 60 ? `${m}m` : m < 1440 ? `${m / 60}h` : `${m / 1440}d`}`)
        .concat('slo:sli_error:ratio_rate30d')
    );
    expect(doc.groups[0].rules.at(-1).expr).toBe(
      '(sum(increase(requests_total{service="api",code=~"5.."}[30d])))\n/\n(sum(increase(requests_total{service="api"}[30d])))'
    );
    expect(doc.groups[0].rules[0].labels).toEqual({
      tier: 'critical',
      sloth_id: 'api-availability',
      sloth_service: 'api',
      sloth_slo: 'api-availability',
      sloth_window: '5m',
    });
    expect(doc.groups[1].rules.map((r: { record: string }) => r.record)).toContain(
      'slo:period_error_budget_remaining:ratio'
    );
    expect(doc.groups[2].rules[0].expr).toContain(
      'max(slo:sli_error:ratio_rate5m{sloth_id="api-availability", sloth_service="api", sloth_slo="api-availability"} > (14.4 * 0.001)) without (sloth_window)'
    );
    expect(doc.groups[2].rules[1].expr).toContain('> (3 * 0.001)');
    // latency: bad = _count - _bucket{le}
    expect(doc.groups[3].rules[0].expr).toContain(
      '(sum(rate(latency_seconds_count{service="api"}[5m])) - sum(rate(latency_seconds_bucket{service="api", le="0.2"}[5m])))'
    );
  });

  it('promtool accepts the rules, and the page alert fires on a 20x burn but not at 1x', () => {
    const promtool = requireBinary(['promtool'], 'prometheus');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-rules-'));
    try {
      fs.writeFileSync(path.join(dir, 'rules.yaml'), text);
      execFileSync(promtool, ['check', 'rules', path.join(dir, 'rules.yaml')], { stdio: 'pipe' });
      const alertLabels = {
        tier: 'critical',
        sloth_id: 'api-availability',
        sloth_service: 'api',
        sloth_slo: 'api-availability',
        sloth_severity: 'page',
        severity: 'page',
        slo: 'api-availability',
        service: 'api',
      };
      const test = {
        rule_files: ['rules.yaml'],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [
              // 1000 requests a minute; 1 bad a minute (1x) for 2 hours, then 20 a minute (20x)
              { series: 'requests_total{service="api",code="200"}', values: '0+999x120 119880+980x120' },
              { series: 'requests_total{service="api",code="500"}', values: '0+1x120 140+20x120' },
            ],
            alert_rule_test: [
              { eval_time: '110m', alertname: 'ApiAvailabilityBurnRatePage', exp_alerts: [] },
              {
                eval_time: '190m',
                alertname: 'ApiAvailabilityBurnRatePage',
                exp_alerts: [{ exp_labels: alertLabels, exp_annotations: doc.groups[2].rules[0].annotations }],
              },
            ],
          },
        ],
      };
      fs.writeFileSync(path.join(dir, 'test.yaml'), stringify(test));
      execFileSync(promtool, ['test', 'rules', path.join(dir, 'test.yaml')], { stdio: 'pipe', cwd: dir });
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`promtool failed:\n${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}${String(e)}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
