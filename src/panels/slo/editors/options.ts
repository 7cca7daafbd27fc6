/** The SLO panel's option editors. */
import { PanelOptionsEditorBuilder } from '@grafana/data';
import { DEFAULT_SLO_OPTIONS, SloPanelOptions } from '../types';
import { BurnBadgesEditor } from './BurnBadgesEditor';

export function buildSloOptions(builder: PanelOptionsEditorBuilder<SloPanelOptions>) {
  const d = DEFAULT_SLO_OPTIONS;
  builder
    .addRadio({
      path: 'layout',
      name: 'Layout',
      description: 'Auto: cards when there is room for two, rows otherwise',
      defaultValue: d.layout,
      settings: {
        options: [
          { value: 'auto', label: 'Auto' },
          { value: 'grid', label: 'Cards' },
          { value: 'list', label: 'List' },
        ],
      },
    })
    .addSelect({
      path: 'sort',
      name: 'Sort by',
      defaultValue: d.sort,
      settings: {
        options: [
          { value: 'worst', label: 'Worst first', description: 'status, then least budget left, then fastest burn' },
          { value: 'budget', label: 'Budget remaining' },
          { value: 'burn', label: 'Burn rate', description: 'highest burn rate relative to its alert factor' },
          { value: 'name', label: 'Name' },
        ],
      },
    })
    .addTextInput({
      path: 'filter',
      name: 'Filter',
      description: 'Show SLOs whose id, name or service contains this text (variables allowed)',
      defaultValue: d.filter,
    })
    .addBooleanSwitch({ path: 'onlyProblems', name: 'Only SLOs needing attention', description: 'Hide SLOs whose status is ok', defaultValue: d.onlyProblems })
    .addBooleanSwitch({ path: 'showSparkline', name: 'Budget sparkline', description: 'Needs the budgetRemaining series', defaultValue: d.showSparkline })
    .addNumberInput({ path: 'minCardWidth', name: 'Minimum card width', defaultValue: d.minCardWidth, settings: { min: 180, integer: true } })
    .addCustomEditor({
      id: 'burnBadges',
      path: 'burnBadges',
      name: 'Burn-rate badges',
      description: 'Window and alert factor of each badge: red at or above the factor, orange above 1x',
      category: ['Burn rates'],
      defaultValue: d.burnBadges,
      editor: BurnBadgesEditor,
    })
    .addTextInput({
      path: 'dashboardUrl',
      name: 'Service dashboard',
      description: 'Cards link here with ?var-service=<service>; empty for no links',
      category: ['Links'],
      defaultValue: d.dashboardUrl,
    });
}
