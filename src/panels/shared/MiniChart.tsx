/**
 * A small SVG chart for cards and rows: lines, an optional band (forecast interval) and horizontal marks
 * (thresholds). SVG rather than uPlot keeps it crisp at 40 px high and testable in jsdom.
 */
import React from 'react';
import { Point } from './frames';

export interface ChartLine {
  points: Point[];
  color: string;
  dashed?: boolean;
  /** fill under the line with this colour (low opacity) */
  fill?: string;
}

export interface ChartBand {
  lower: Point[];
  upper: Point[];
  color: string;
}

export interface ChartMark {
  value: number;
  color: string;
}

export interface MiniChartProps {
  width: number;
  height: number;
  lines: ChartLine[];
  band?: ChartBand;
  marks?: ChartMark[];
  /** fixed y range; default from the data and marks */
  yMin?: number;
  yMax?: number;
  title?: string;
}

export function MiniChart({ width, height, lines, band, marks = [], yMin, yMax, title }: MiniChartProps) {
  const all = [...lines.flatMap((l) => l.points), ...(band ? [...band.lower, ...band.upper] : [])];
  if (all.length < 2 || width <= 0 || height <= 0) {
    return null;
  }
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(...all.map((p) => p.t));
  const values = [...all.map((p) => p.v), ...marks.map((m) => m.value)];
  const lo = yMin ?? Math.min(...values);
  let hi = yMax ?? Math.max(...values);
  if (hi === lo) {
    hi = lo + 1;
  }
  const pad = 1.5;
  const x = (t: number) => pad + ((t - t0) / Math.max(1, t1 - t0)) * (width - 2 * pad);
  const y = (v: number) => pad + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (height - 2 * pad);
  const path = (pts: Point[]) => pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join('');

  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      {title ? <title>{title}</title> : null}
      {band && band.lower.length > 1 && band.upper.length > 1 ? (
        <path d={`${path(band.upper)}${path([...band.lower].reverse()).replace(/^M/, 'L')}Z`} fill={band.color} fillOpacity={0.25} stroke="none" />
      ) : null}
      {marks.map((m, i) => (
        <line key={i} x1={0} x2={width} y1={y(m.value)} y2={y(m.value)} stroke={m.color} strokeWidth={1} strokeDasharray="3 3" />
      ))}
      {lines.map((line, i) =>
        line.points.length > 1 ? (
          <g key={i}>
            {line.fill ? (
              <path
                d={`${path(line.points)}L${x(line.points[line.points.length - 1].t).toFixed(1)},${height}L${x(line.points[0].t).toFixed(1)},${height}Z`}
                fill={line.fill}
                fillOpacity={0.15}
                stroke="none"
              />
            ) : null}
            <path d={path(line.points)} fill="none" stroke={line.color} strokeWidth={1.5} strokeDasharray={line.dashed ? '4 3' : undefined} />
          </g>
        ) : null
      )}
    </svg>
  );
}
