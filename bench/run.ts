/**
 * `npm run bench`: every speed target of the project in one table. A section is a function returning rows;
 * add yours to SECTIONS. Timings are measurements, not tests (no timed assertions in the test suite).
 */
import { benchCapacity } from './capacity';
import { benchDemo } from './demo';
import { benchSlo } from './slo';

export interface BenchRow {
  name: string;
  /** ms (a median where the section repeats runs) */
  ms: number;
  /** NaN = informational row without a target */
  targetMs: number;
}

const SECTIONS: Array<{ name: string; run: () => BenchRow[] | Promise<BenchRow[]> }> = [
  { name: 'capacity', run: () => benchCapacity() },
  { name: 'demo', run: () => benchDemo() },
  { name: 'slo', run: () => benchSlo() },
];

async function main() {
  const only = process.argv.slice(2);
  const rows: Array<BenchRow & { section: string }> = [];
  for (const section of SECTIONS.filter((s) => only.length === 0 || only.includes(s.name))) {
    for (const row of await section.run()) {
      rows.push({ ...row, section: section.name });
    }
  }
  const width = Math.max(...rows.map((r) => r.name.length), 10);
  console.log(`${'benchmark'.padEnd(width)}  ${'ms'.padStart(10)}  ${'target'.padStart(10)}  result`);
  let slow = 0;
  for (const r of rows) {
    const hasTarget = !Number.isNaN(r.targetMs);
    const ok = !hasTarget || r.ms < r.targetMs;
    slow += ok ? 0 : 1;
    const target = hasTarget ? `< ${r.targetMs}` : '';
    console.log(
      `${r.name.padEnd(width)}  ${r.ms.toFixed(1).padStart(10)}  ${target.padStart(10)}  ${hasTarget ? (ok ? 'ok' : 'SLOW') : ''}`
    );
  }
  process.exitCode = slow ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
