/**
 * `npm run bench`: every speed target of the project in one table. A section is a function returning rows;
 * add yours to SECTIONS. Timings are measurements, not tests (no timed assertions in the test suite).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCapacity } from './capacity';
import { benchDemo } from './demo';
import { benchLoad } from './load';
import { benchRss } from './rss';
import { benchSlo } from './slo';
import { benchSoak } from './soak';

export interface BenchRow {
  name: string;
  /** ms (a median where the section repeats runs) */
  ms: number;
  /** NaN = informational row without a target */
  targetMs: number;
  /** unit of `ms` and `targetMs` when the row is not a time (e.g. 'MB', '%'); default ms */
  unit?: string;
}

const SECTIONS: Array<{ name: string; run: () => BenchRow[] | Promise<BenchRow[]> }> = [
  { name: 'capacity', run: () => benchCapacity() },
  { name: 'demo', run: () => benchDemo() },
  { name: 'slo', run: () => benchSlo() },
  { name: 'load', run: () => benchLoad() },
  { name: 'rss', run: () => benchRss() },
  { name: 'soak', run: () => benchSoak() },
];

/** The machine the figures come from, written beside them in bench/results.json. */
function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memoryMB: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

async function main() {
  const only = process.argv.slice(2);
  const rows: Array<BenchRow & { section: string }> = [];
  for (const section of SECTIONS.filter((s) => only.length === 0 || only.includes(s.name))) {
    for (const row of await section.run()) {
      rows.push({ ...row, section: section.name });
    }
  }
  const width = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(10)}  ${'target'.padStart(10)}  result`);
  let slow = 0;
  for (const r of rows) {
    const hasTarget = !Number.isNaN(r.targetMs);
    const ok = !hasTarget || r.ms < r.targetMs;
    slow += ok ? 0 : 1;
    const target = hasTarget ? `< ${r.targetMs}` : '';
    const unit = r.unit ? ` ${r.unit}` : '';
    console.log(
      `${r.name.padEnd(width)}  ${(r.ms.toFixed(1) + unit).padStart(10)}  ${target.padStart(10)}  ${hasTarget ? (ok ? 'ok' : 'SLOW') : ''}`
    );
  }
  const results = path.join(__dirname, 'results.json');
  fs.writeFileSync(
    results,
    JSON.stringify(
      { at: new Date().toISOString(), machine: machine(), rows: rows.map((r) => ({ ...r, unit: r.unit ?? 'ms' })) },
      null,
      2
    ) + '\n'
  );
  console.log(`machine: ${JSON.stringify(machine())}\nwritten: ${path.relative(process.cwd(), results)}`);
  process.exitCode = slow ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
