/** The capacity panel's option editors. */
import { PanelOptionsEditorBuilder } from '@grafana/data';
import { CapacityPanelOptions, DEFAULT_CAPACITY_OPTIONS } from '../types';

export function buildCapacityOptions(builder: PanelOptionsEditorBuilder<CapacityPanelOptions>) {
  const d = DEFAULT_CAPACITY_OPTIONS;
  builder
    .addSelect({
      path: 'sort',
      name: 'Sort by',
      defaultValue: d.sort,
      settings: {
        options: [
          { value: 'worst', label: 'Worst first', description: 'status, then the nearest forecast crossing' },
          { value: 'soonest', label: 'Soonest threshold', description: 'time until the forecast crosses warning or critical' },
          { value: 'utilization', label: 'Utilization' },
          { value: 'name', label: 'Name' },
        ],
      },
    })
    .addTextInput({ path: 'filter', name: 'Filter', description: 'Resource id, name, kind or instance containing this text (variables allowed)', defaultValue: d.filter })
    .addBooleanSwitch({ path: 'onlyProblems', name: 'Only resources needing attention', description: 'Hide ok resources with no forecast crossing', defaultValue: d.onlyProblems })
    .addBooleanSwitch({ path: 'showChart', name: 'Forecast chart', description: 'Needs the utilization and forecast series; shown at full width', defaultValue: d.showChart })
    .addSliderInput({
      path: 'bufferTarget',
      name: 'Headroom buffer target',
      description: '% of capacity to keep free (handbook: 50%); marked on each bar',
      defaultValue: d.bufferTarget,
      settings: { min: 0, max: 100, step: 5 },
    });
}
