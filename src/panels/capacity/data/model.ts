/** The view model of one capacity row (a resource on one instance), built by ./fromFrames.ts. */
import type { BufferStatus } from '../../../core/capacity/headroom';
import { Point } from '../../shared/frames';

export type CapacityStatus = 'ok' | 'warning' | 'critical' | 'unknown';
export const CAPACITY_STATUS_BY_CODE: CapacityStatus[] = ['ok', 'warning', 'critical'];
export const CAPACITY_STATUS_RANK: Record<CapacityStatus, number> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

export interface CapacityView {
  key: string;
  /** definition id, e.g. "disk-db" */
  resource: string;
  name: string;
  kind: string;
  instance?: string;
  /** fractions of capacity */
  utilization: number | null;
  warning: number;
  critical: number;
  /** against the warning/critical thresholds only (the backend's `status`) */
  status: CapacityStatus;
  /** headroom (1 - utilization) against the buffer policy; null without utilization */
  bufferStatus: BufferStatus | null;
  /** the policy's minimum headroom, fraction (handbook 0.3) */
  bufferMinimum: number;
  /** what the row is drawn as: the worse of `status` and the buffer (below the minimum counts as a warning) */
  emphasis: CapacityStatus;
  /** seconds until the forecast crosses the line, null = not within the horizon */
  timeToWarning: number | null;
  timeToCritical: number | null;
  /** "disk on db-2 reaches 90% in 12 days" */
  sentence: string;
  history: Point[];
  forecast: Point[];
  forecastLower: Point[];
  forecastUpper: Point[];
}

/** Buffer states that need attention: headroom below the policy's minimum (or its alert level). */
export const bufferBelowMinimum = (status: BufferStatus | null) => status === 'below minimum' || status === 'alert';

/** The worse of two statuses by CAPACITY_STATUS_RANK. */
export const worseStatus = (a: CapacityStatus, b: CapacityStatus) => (CAPACITY_STATUS_RANK[b] > CAPACITY_STATUS_RANK[a] ? b : a);
