import React from 'react';
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import type { BurnAlertQuery } from '../../../core/query';
import { LABEL_WIDTH } from '../fields';
import { SloPicker } from '../pickers';
import type { SubEditorProps } from './types';

const SEVERITIES = [
  {
    value: 'page' as const,
    label: 'Page (fast burn)',
    description: 'Budget burning fast over a short and a long window: page someone',
  },
  {
    value: 'ticket' as const,
    label: 'Ticket (slow burn)',
    description: 'Budget burning steadily over a day: open a ticket',
  },
];

export function BurnAlertEditor({ query, onChange, datasource }: SubEditorProps<BurnAlertQuery>) {
  return (
    <InlineFieldRow>
      <InlineField
        label="SLO"
        labelWidth={LABEL_WIDTH}
        htmlFor="headroom-burn-slo"
        tooltip="Empty: one condition series per SLO"
      >
        <SloPicker
          id="headroom-burn-slo"
          datasource={datasource}
          service={query.service}
          value={query.slo}
          placeholder="All SLOs"
          onChange={(slo) => onChange({ ...query, slo })}
        />
      </InlineField>
      <InlineField label="Severity" tooltip="Which multi-window burn-rate rule of the error budget policy">
        <RadioButtonGroup
          aria-label="Severity"
          options={SEVERITIES}
          value={query.severity ?? 'page'}
          onChange={(severity) => onChange({ ...query, severity })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
