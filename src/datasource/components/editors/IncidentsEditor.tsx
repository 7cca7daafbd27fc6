import React from 'react';
import { Combobox, InlineField, InlineFieldRow, type ComboboxOption } from '@grafana/ui';
import type { IncidentsQuery } from '../../../core/query';
import { LABEL_WIDTH } from '../fields';
import { variableOptions } from '../pickers';
import type { SubEditorProps } from './types';

const SEVERITIES: Array<ComboboxOption<string>> = [
  { value: 'sev1', label: 'sev1', description: 'critical / page: acknowledge within 5m' },
  { value: 'sev2', label: 'sev2', description: 'high / error: acknowledge within 15m' },
  { value: 'sev3', label: 'sev3', description: 'warning: acknowledge within 1h' },
  { value: 'sev4', label: 'sev4', description: 'everything else' },
];

export function IncidentsEditor({ query, onChange }: SubEditorProps<IncidentsQuery>) {
  const options = [...SEVERITIES, ...variableOptions()];
  return (
    <InlineFieldRow>
      <InlineField
        label="Severity"
        labelWidth={LABEL_WIDTH}
        htmlFor="headroom-incident-severity"
        tooltip="Empty: active alerts of every severity"
      >
        <Combobox<string>
          id="headroom-incident-severity"
          width={30}
          options={options}
          value={
            query.severity
              ? (options.find((o) => o.value === query.severity) ?? { label: query.severity, value: query.severity })
              : null
          }
          isClearable
          createCustomValue
          placeholder="All severities"
          onChange={(v: ComboboxOption<string> | null) => onChange({ ...query, severity: v?.value || undefined })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
