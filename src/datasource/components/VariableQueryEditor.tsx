import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import type { HeadroomDataSource } from '../datasource';
import type { HeadroomVariableQuery } from '../types';
import { LABEL_WIDTH } from './fields';
import { ServicePicker } from './pickers';

const KINDS: Array<{ value: HeadroomVariableQuery['kind']; label: string; description: string }> = [
  { value: 'service', label: 'Services', description: 'Services that have SLOs' },
  { value: 'slo', label: 'SLOs', description: 'SLO ids, optionally of one service' },
  { value: 'resource', label: 'Resources', description: 'Capacity resource ids' },
  { value: 'schedule', label: 'Schedules', description: 'On-call schedule ids' },
];

type Props = QueryEditorProps<HeadroomDataSource, any, any, HeadroomVariableQuery>;

export function VariableQueryEditor({ query, onChange, datasource }: Props) {
  const current: HeadroomVariableQuery = {
    ...query,
    refId: query?.refId ?? 'variable',
    kind: query?.kind ?? 'service',
  };
  return (
    <InlineFieldRow>
      <InlineField label="Values" labelWidth={LABEL_WIDTH}>
        <RadioButtonGroup
          aria-label="Variable values"
          options={KINDS}
          value={current.kind}
          onChange={(kind) => onChange({ ...current, kind })}
        />
      </InlineField>
      {current.kind === 'slo' && (
        <InlineField
          label="Service"
          htmlFor="headroom-var-service"
          tooltip="Only the SLOs of this service; may be a variable such as $service"
        >
          <ServicePicker
            id="headroom-var-service"
            datasource={datasource}
            value={current.service}
            placeholder="All services"
            onChange={(service) => onChange({ ...current, service })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
