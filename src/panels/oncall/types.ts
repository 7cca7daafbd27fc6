/** Options of the on-call board. */
export interface OncallPanelOptions {
  showSchedules: boolean;
  showIncidents: boolean;
  /** only schedules whose id contains this text (variables allowed) */
  scheduleFilter: string;
  /** most incidents listed (the most urgent first); 0 = all */
  maxIncidents: number;
}

export const DEFAULT_ONCALL_OPTIONS: OncallPanelOptions = {
  showSchedules: true,
  showIncidents: true,
  scheduleFilter: '',
  maxIncidents: 0,
};
