import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import type { EventsQuery, HeadroomQuery } from '../../core/query';
import type { HeadroomDataSource } from '../datasource';
import { queryForType } from '../query/defaults';
import { InlineField, InlineFieldRow } from '@grafana/ui';
import { EventsEditor } from './editors/EventsEditor';
import { LABEL_WIDTH } from './fields';
import { ServicePicker } from './pickers';

/** Annotation editor: always the `events` query type, with its service filter. */
export function EventsAnnotationEditor({
  query,
  onChange,
  datasource,
}: QueryEditorProps<HeadroomDataSource, HeadroomQuery>) {
  const events: EventsQuery =
    query?.queryType === 'events'
      ? query
      : (queryForType({ refId: query?.refId ?? 'Anno', queryType: 'events' }, 'events') as EventsQuery);
  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="Service"
          labelWidth={LABEL_WIDTH}
          htmlFor="headroom-anno-service"
          tooltip="Only events of this service"
        >
          <ServicePicker
            id="headroom-anno-service"
            datasource={datasource}
            value={events.service}
            placeholder="All services"
            onChange={(service) => onChange({ ...events, service })}
          />
        </InlineField>
      </InlineFieldRow>
      <EventsEditor query={events} onChange={onChange} datasource={datasource} />
    </>
  );
}
