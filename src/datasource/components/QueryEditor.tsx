/**
 * The query editor: a query type, the service filter where it applies, then the sub-editor of the type
 * (one file per type under editors/). Old query shapes are migrated on open; the query runs after each
 * change once validation says it is complete.
 */
import React, { useEffect, useMemo } from 'react';
import type { QueryEditorProps } from '@grafana/data';
import { Alert, Combobox, InlineField, InlineFieldRow, Stack } from '@grafana/ui';
import type { HeadroomQuery, QueryType } from '../../core/query';
import type { HeadroomDataSource } from '../datasource';
import { queryForType, withDefaults } from '../query/defaults';
import { QUERY_TYPES } from '../query/descriptions';
import { migrateQuery } from '../query/migrate';
import { queryProblems } from '../query/validation';
import type { HeadroomDataSourceOptions } from '../types';
import { BurnAlertEditor } from './editors/BurnAlertEditor';
import { CapacityCatalogEditor } from './editors/CapacityCatalogEditor';
import { CapacityEditor } from './editors/CapacityEditor';
import { EventsEditor } from './editors/EventsEditor';
import { IncidentsEditor } from './editors/IncidentsEditor';
import { ScheduleEditor } from './editors/ScheduleEditor';
import { SloEditor } from './editors/SloEditor';
import type { SubEditorProps } from './editors/types';
import { LABEL_WIDTH } from './fields';
import { ServicePicker } from './pickers';

type Props = QueryEditorProps<HeadroomDataSource, HeadroomQuery, HeadroomDataSourceOptions>;

/** Query types whose results can be narrowed to one service. */
const SERVICE_FILTERED = new Set<QueryType>(['slo', 'sloCatalog', 'burnAlert', 'incidents', 'events']);

export function QueryEditor({ query: stored, onChange, onRunQuery, datasource }: Props) {
  const query = useMemo(() => withDefaults(migrateQuery(stored)), [stored]);
  useEffect(() => {
    if (query !== stored) {
      onChange(query);
    }
  }, [query, stored, onChange]);

  const problems = queryProblems(query);
  const change = (next: HeadroomQuery) => {
    onChange(next);
    if (queryProblems(next).length === 0) {
      onRunQuery();
    }
  };
  const typeInfo = QUERY_TYPES.find((t) => t.value === query.queryType);

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField
          label="Query type"
          labelWidth={LABEL_WIDTH}
          htmlFor="headroom-query-type"
          tooltip={typeInfo?.description}
        >
          <Combobox<QueryType>
            id="headroom-query-type"
            width={30}
            options={QUERY_TYPES}
            value={query.queryType}
            onChange={(v) => change(queryForType(query, v.value))}
          />
        </InlineField>
        {query.queryType && SERVICE_FILTERED.has(query.queryType) && (
          <InlineField label="Service" htmlFor="headroom-service" tooltip="Only the SLOs (and alerts) of this service">
            <ServicePicker
              id="headroom-service"
              datasource={datasource}
              value={query.service}
              placeholder="All services"
              onChange={(service) => change({ ...query, service })}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      <SubEditor query={query} onChange={change} datasource={datasource} />
      {problems.length > 0 && (
        <Alert severity="warning" title="The query will run once this is fixed">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </Alert>
      )}
    </Stack>
  );
}

function SubEditor({ query, onChange, datasource }: SubEditorProps<HeadroomQuery>) {
  const common = { onChange, datasource };
  switch (query.queryType) {
    case 'slo':
      return <SloEditor {...common} query={query} />;
    case 'burnAlert':
      return <BurnAlertEditor {...common} query={query} />;
    case 'capacity':
      return <CapacityEditor {...common} query={query} />;
    case 'capacityCatalog':
      return <CapacityCatalogEditor {...common} query={query} />;
    case 'oncall':
    case 'availability':
      return <ScheduleEditor {...common} query={query} />;
    case 'incidents':
      return <IncidentsEditor {...common} query={query} />;
    case 'events':
      return <EventsEditor {...common} query={query} />;
    default:
      // sloCatalog has only the service filter
      return null;
  }
}
