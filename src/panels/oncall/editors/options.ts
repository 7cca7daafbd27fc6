/** The on-call board's option editors. */
import { PanelOptionsEditorBuilder } from '@grafana/data';
import { DEFAULT_ONCALL_OPTIONS, OncallPanelOptions } from '../types';

export function buildOncallOptions(builder: PanelOptionsEditorBuilder<OncallPanelOptions>) {
  const d = DEFAULT_ONCALL_OPTIONS;
  builder
    .addBooleanSwitch({ path: 'showSchedules', name: 'Schedules', description: 'Who is on call now, day strip and next handoff', defaultValue: d.showSchedules })
    .addBooleanSwitch({ path: 'showIncidents', name: 'Active incidents', description: 'With acknowledge countdowns and escalation level', defaultValue: d.showIncidents })
    .addTextInput({ path: 'scheduleFilter', name: 'Schedule filter', description: 'Only schedules whose id contains this text (variables allowed)', defaultValue: d.scheduleFilter })
    .addNumberInput({ path: 'maxIncidents', name: 'Most incidents listed', description: 'The most urgent first; 0 = all', defaultValue: d.maxIncidents, settings: { min: 0, integer: true } });
}
