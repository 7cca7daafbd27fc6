/** The view model of one capacity row (a resource on one instance), built by ./fromFrames.ts. */
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
  status: CapacityStatus;
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
