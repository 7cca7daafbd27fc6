/** View models of the on-call board, built by ./fromFrames.ts. Times are epoch ms. */

export interface ShiftView {
  name: string;
  active: boolean;
  primary?: string;
  secondary?: string;
  /** the current (active) or next occurrence */
  start: number;
  end: number;
  /** primary after the next rotation */
  nextPrimary?: string;
}

export interface ScheduleView {
  id: string;
  shifts: ShiftView[];
  /** the shift on now, if any */
  active?: ShiftView;
  /** the next handoff: the nextHandoff column, else the end of the active shift */
  nextHandoff?: number;
  /** who takes over at the next handoff (primary of the shift starting then) */
  nextShift?: ShiftView;
}

export type Severity = 'sev1' | 'sev2' | 'sev3' | 'sev4';

export interface IncidentView {
  alert: string;
  severity: Severity;
  service?: string;
  started?: number;
  acknowledged: boolean;
  state: string;
  ackDeadline?: number;
  respondDeadline?: number;
  escalationLevel?: number;
  onCall?: string;
  summary?: string;
}
