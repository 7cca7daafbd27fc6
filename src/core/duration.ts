/** Prometheus-style durations ("90s", "5m", "1h30m", "30d", "1w", "1y"), in milliseconds. */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  y: 365 * 86_400_000,
};

const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/;

/** Parses a duration; returns undefined when the text is not one (callers name the field in their error). */
export function parseDuration(text: string): number | undefined {
  let rest = String(text).trim();
  if (rest === '') {
    return undefined;
  }
  let total = 0;
  while (rest.length > 0) {
    const match = DURATION_RE.exec(rest);
    if (!match) {
      return undefined;
    }
    total += Number(match[1]) * UNIT_MS[match[2]];
    rest = rest.slice(match[0].length);
  }
  return total > 0 ? total : undefined;
}

/** The shortest Prometheus duration text for a whole number of milliseconds ("30d", "1h30m", "90s"). */
export function formatDuration(ms: number): string {
  if (ms <= 0) {
    return '0s';
  }
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ['w', 'd', 'h', 'm', 's', 'ms']) {
    const size = UNIT_MS[unit];
    if (rest >= size) {
      const n = Math.floor(rest / size);
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  // Weeks read badly for SLO windows ("4w2d"): prefer days when the total is not whole weeks.
  return ms % UNIT_MS.w !== 0 && ms % UNIT_MS.d === 0 ? `${ms / UNIT_MS.d}d` : out;
}
