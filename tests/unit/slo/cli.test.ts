import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { main } from '../../../src/cli/main';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const DEFS = `apiVersion: headroom/v1
slos:
  - {id: api-availability, service: api, objective: 99.9, sli: {events: {bad: 'errors_total', total: 'requests_total'}}}
  - {id: api-gw, service: api, objective: 150, sli: {events: {bad: errors_total, total: requests_total}}}
`;

describe('headroom rules / report', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-cli-'));
    fs.writeFileSync(path.join(dir, 'slos.yaml'), DEFS);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rules FILE prints rules for the valid SLOs, the definitions error on stderr, exit 1', async () => {
    const r = await run(['rules', path.join(dir, 'slos.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('slos[1] "api-gw": objective must be between 0 and 100 (got 150)');
    const doc = parse(r.out);
    expect(doc.groups.map((g: { name: string }) => g.name)).toEqual([
      'sloth-slo-sli-recordings-api-availability',
      'sloth-slo-meta-recordings-api-availability',
      'sloth-slo-alerts-api-availability',
    ]);
    expect((await run(['rules'])).code).toBe(2);
  });

  it('report --demo prints a row per demo SLO with a status; usage errors exit 2', async () => {
    const r = await run(['report', '--demo', '--service', 'api_gateway', '--at', '2026-02-05T00:00:00Z', '--json']);
    expect(r.err).toBe('');
    const report = JSON.parse(r.out);
    expect(report.evaluatedAt).toBe('2026-02-05T00:00:00.000Z');
    expect(report.slos.length).toBeGreaterThan(0);
    for (const slo of report.slos) {
      expect(slo.service).toBe('api_gateway');
      expect(slo.sli).toBeGreaterThan(0.9);
      expect([0, 1, 2, 3]).toContain(slo.status);
    }
    const table = await run(['report', '--demo', '--service', 'api_gateway', '--at', '2026-02-05T00:00:00Z']);
    expect(table.out.split('\n')[0]).toMatch(/^SLO\s+service\s+objective\s+window\s+SLI\s+budget left/);
    expect((await run(['report'])).code).toBe(2);
    expect((await run(['report', '--url', 'http://x'])).err).toContain('--url needs the definitions files');
    expect((await run(['report', '--demo', '--at', 'yesterday'])).err).toContain('--at: "yesterday" is not a time');
  });
});
