import React from 'react';
import { InlineField, InlineFieldRow } from '@grafana/ui';
import { CAPACITY_SERIES, type CapacityQuery } from '../../../core/query';
import { CAPACITY_SERIES_INFO } from '../../query/descriptions';
import { ForecastFields, LABEL_WIDTH, NamesSelect } from '../fields';
import { CapacityResourcePicker } from '../pickers';
import type { SubEditorProps } from './types';

export function CapacityEditor({ query, onChange, datasource }: SubEditorProps<CapacityQuery>) {
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Resource" labelWidth={LABEL_WIDTH} htmlFor="headroom-resource" tooltip="Empty: every capacity resource">
          <CapacityResourcePicker
            id="headroom-resource"
            datasource={datasource}
            value={query.resource}
            placeholder="All resources"
            onChange={(resource) => onChange({ ...query, resource })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label="Series" labelWidth={LABEL_WIDTH} htmlFor="headroom-capacity-series" tooltip="One time series per resource and series">
          <NamesSelect
            id="headroom-capacity-series"
            label="Capacity series"
            names={CAPACITY_SERIES}
            info={CAPACITY_SERIES_INFO}
            value={query.series}
            onChange={(series) => onChange({ ...query, series })}
          />
        </InlineField>
      </InlineFieldRow>
      <ForecastFields idPrefix="headroom-capacity" forecast={query.forecast} onChange={(forecast) => onChange({ ...query, forecast })} />
    </>
  );
}
