import React from 'react';
import { InlineField, InlineFieldRow, MultiCombobox } from '@grafana/ui';
import type { EventsQuery } from '../../../core/query';
import { EVENT_KINDS } from '../../query/descriptions';
import { LABEL_WIDTH } from '../fields';
import { SchedulePicker, SloPicker } from '../pickers';
import type { SubEditorProps } from './types';

type Kind = NonNullable<EventsQuery['kinds']>[number];

export function EventsEditor({ query, onChange, datasource }: SubEditorProps<EventsQuery>) {
  const kinds = query.kinds ?? EVENT_KINDS.map((k) => k.value);
  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="Events"
          labelWidth={LABEL_WIDTH}
          htmlFor="headroom-event-kinds"
          tooltip="Which events to show as annotations"
        >
          <MultiCombobox<Kind>
            id="headroom-event-kinds"
            width="auto"
            minWidth={80}
            maxWidth={100}
            options={EVENT_KINDS}
            value={kinds}
            onChange={(items) => onChange({ ...query, kinds: items.map((i) => i.value) })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="SLO"
          labelWidth={LABEL_WIDTH}
          htmlFor="headroom-event-slo"
          tooltip="Status changes and fast burns of this SLO only"
        >
          <SloPicker
            id="headroom-event-slo"
            datasource={datasource}
            service={query.service}
            value={query.slo}
            placeholder="All SLOs"
            onChange={(slo) => onChange({ ...query, slo })}
          />
        </InlineField>
        <InlineField label="Schedule" htmlFor="headroom-event-schedule" tooltip="Handoffs of this schedule only">
          <SchedulePicker
            id="headroom-event-schedule"
            datasource={datasource}
            value={query.schedule}
            placeholder="All schedules"
            onChange={(schedule) => onChange({ ...query, schedule })}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}
