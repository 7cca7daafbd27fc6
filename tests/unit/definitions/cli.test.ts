import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DEFINITIONS_SCHEMA } from '../../../src/core/definitions/schema';

const BIN = path.resolve(__dirname, '../../../bin/headroom.js');

/** Runs the real `headroom` executable (bin/headroom.js) as a child process. */
function headroom(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const GOOD = `apiVersion: headroom/v1
slos:
  - {id: api-availability, service: api, objective: 99.9, sli: {events: {bad: errors_total, total: requests_total}}}
  - {id: api-latency, service: api, objective: 99, sli: {latency: {histogram: http_request_duration_seconds, threshold: 0.3}}}
capacity:
  - {id: cluster-cpu, resource: cpu, usage: "sum(rate(node_cpu_seconds_total{mode!='idle'}[5m]))", capacity: count(node_cpu_seconds_total)}
oncall:
  - {id: platform, handoff: "2026-01-05T00:00:00Z", rotation: 1w, members: [ana, ben]}
`;

const BAD = `apiVersion: headroom/v1
slos:
  - id: api-gw
    service: api
    objective: 150
    sli: {events: {bad: errors_total, total: requests_total}}
  - {id: api-availability, service: api, objective: 99.9, sli: {events: {bad: errors_total, total: requests_total}}}
`;

const SLOTH = `version: prometheus/v1
service: myservice
slos:
  - name: requests-availability
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_requests_total{job="myservice",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total{job="myservice"}[{{.window}}]))
`;

// each run starts node + tsx (about 1-2 s on a busy machine)
jest.setTimeout(60_000);

describe('headroom CLI (child process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-cli-'));
    fs.writeFileSync(path.join(dir, 'good.yaml'), GOOD);
    fs.writeFileSync(path.join(dir, 'bad.yaml'), BAD);
    fs.mkdirSync(path.join(dir, 'team'));
    fs.writeFileSync(path.join(dir, 'team', 'sloth.yml'), SLOTH);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('validate on good files (a file and a directory) prints the summary and exits 0', async () => {
    const result = await headroom(['validate', path.join(dir, 'good.yaml'), path.join(dir, 'team')]);
    expect(result).toEqual({ code: 0, stdout: '3 SLOs, 1 resources, 1 schedules\n', stderr: '' });
  });

  it('validate on a bad file prints file:line: path "id": message and exits 1; duplicates across files are named', async () => {
    const bad = path.join(dir, 'bad.yaml');
    const good = path.join(dir, 'good.yaml');
    const result = await headroom(['validate', good, bad]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      `${bad}:5: slos[0] "api-gw": objective must be between 0 and 100 (got 150)`,
      `${bad}:7: slos[1] "api-availability": id "api-availability" is already used by ${good}:3 slos[0]; this one is ignored`,
      '2 errors (valid items: 2 SLOs, 1 resources, 1 schedules)',
      '',
    ]);
  });

  it('validate --json gives structured errors with lines, and a missing file is an error, not a crash', async () => {
    const missing = path.join(dir, 'missing.yaml');
    const result = await headroom(['validate', '--json', path.join(dir, 'bad.yaml'), missing]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(false);
    expect(report.summary).toBe('1 SLOs, 0 resources, 0 schedules');
    expect(report.errors).toEqual([
      {
        source: path.join(dir, 'bad.yaml'),
        path: 'slos[0]',
        field: 'slos[0].objective',
        itemId: 'api-gw',
        line: 5,
        message: 'objective must be between 0 and 100 (got 150)',
      },
      {
        source: missing,
        path: '(file)',
        message: `cannot read definitions path ${missing}: no such file or directory (ENOENT)`,
      },
    ]);
  });

  it('validate --github prints GitHub Actions error annotations on the lines of the file', async () => {
    const bad = path.join(dir, 'bad.yaml');
    const result = await headroom(['validate', '--github', bad]);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      `::error file=${bad},line=5,title=headroom%3A slos[0] "api-gw"::objective must be between 0 and 100 (got 150)`,
      '1 definition errors (valid items: 1 SLOs, 0 resources, 0 schedules)',
      '',
    ]);
  });

  it('schema prints the JSON Schema of headroom/v1', async () => {
    const result = await headroom(['schema']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(DEFINITIONS_SCHEMA);
  });

  it('usage errors exit 2', async () => {
    const [none, unknown, noFiles, help] = await Promise.all([
      headroom([]),
      headroom(['frobnicate']),
      headroom(['validate']),
      headroom(['help']),
    ]);
    expect(none.code).toBe(2);
    expect(unknown).toMatchObject({ code: 2, stderr: 'unknown command "frobnicate"; run "headroom help"\n' });
    expect(noFiles).toMatchObject({
      code: 2,
      stderr: 'validate needs at least one file or directory\nusage: headroom validate [--json|--github] FILE|DIR...\n',
    });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate [--json|--github] FILE|DIR...');
  });
});
