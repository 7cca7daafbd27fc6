import React from 'react';
import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import { CAPACITY_SERIES, type CapacityQuery } from '../../../core/query';
import { CAPACITY_SERIES_INFO, PEAK_SOURCES } from '../../query/descriptions';
import { BlurInput, ForecastFields, LABEL_WIDTH, NamesSelect } from '../fields';
import { CapacityResourcePicker } from '../pickers';
import type { SubEditorProps } from './types';

export function CapacityEditor({ query, onChange, datasource }: SubEditorProps<CapacityQuery>) {
  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="Resource"
          labelWidth={LABEL_WIDTH}
          htmlFor="headroom-resource"
          tooltip="Empty: every capacity resource"
        >
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
        <InlineField
          label="Series"
          labelWidth={LABEL_WIDTH}
          htmlFor="headroom-capacity-series"
          tooltip="One time series per resource and series"
        >
          <NamesSelect
            id="headroom-capacity-series"
            names={CAPACITY_SERIES}
            info={CAPACITY_SERIES_INFO}
            value={query.series}
            onChange={(series) => onChange({ ...query, series })}
          />
        </InlineField>
      </InlineFieldRow>
      <ForecastFields
        idPrefix="headroom-capacity"
        forecast={query.forecast}
        onChange={(forecast) => onChange({ ...query, forecast })}
      />
      {(query.series?.includes('peakUtilization') || query.series?.includes('growthWhatIf')) && (
        <InlineFieldRow>
          {query.series?.includes('peakUtilization') && (
            <InlineField
              label="Peak factor"
              labelWidth={LABEL_WIDTH}
              tooltip="What peakUtilization multiplies utilization by"
            >
              <RadioButtonGroup
                aria-label="Peak factor"
                options={PEAK_SOURCES}
                value={query.forecast?.peak ?? 'handbook'}
                onChange={(peak) => onChange({ ...query, forecast: { ...query.forecast, peak } })}
              />
            </InlineField>
          )}
          {query.series?.includes('growthWhatIf') && (
            <InlineField
              label="Growth % / month"
              labelWidth={LABEL_WIDTH}
              htmlFor="headroom-capacity-growth"
              tooltip="Empty: the handbook assumption for the resource kind"
            >
              <BlurInput
                id="headroom-capacity-growth"
                value={query.forecast?.growth?.toString()}
                placeholder="handbook"
                onCommit={(text) =>
                  onChange({
                    ...query,
                    forecast: { ...query.forecast, growth: text === undefined ? undefined : Number(text) },
                  })
                }
              />
            </InlineField>
          )}
        </InlineFieldRow>
      )}
    </>
  );
}
