import React from 'react';
import { InlineField, InlineFieldRow } from '@grafana/ui';
import type { AvailabilityQuery, OncallQuery } from '../../../core/query';
import { LABEL_WIDTH } from '../fields';
import { SchedulePicker } from '../pickers';
import type { SubEditorProps } from './types';

/** On-call and team availability both take an optional schedule. */
export function ScheduleEditor<Q extends OncallQuery | AvailabilityQuery>({
  query,
  onChange,
  datasource,
}: SubEditorProps<Q>) {
  return (
    <InlineFieldRow>
      <InlineField
        label="Schedule"
        labelWidth={LABEL_WIDTH}
        htmlFor="headroom-schedule"
        tooltip="Empty: every on-call schedule"
      >
        <SchedulePicker
          id="headroom-schedule"
          datasource={datasource}
          value={query.schedule}
          placeholder="All schedules"
          onChange={(schedule) => onChange({ ...query, schedule })}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
