import React from 'react';
import { InlineField, InlineFieldRow } from '@grafana/ui';
import { DEFAULT_BURN_RATE_WINDOWS, SLO_SERIES, type SloQuery } from '../../../core/query';
import { SLO_SERIES_INFO } from '../../query/descriptions';
import { DurationsSelect, LABEL_WIDTH, NamesSelect } from '../fields';
import { SloPicker } from '../pickers';
import type { SubEditorProps } from './types';

export function SloEditor({ query, onChange, datasource }: SubEditorProps<SloQuery>) {
  const showWindows = query.series?.includes('burnRate');
  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="SLO"
          labelWidth={LABEL_WIDTH}
          htmlFor="headroom-slo"
          tooltip="Empty: every SLO (of the chosen service)"
        >
          <SloPicker
            id="headroom-slo"
            datasource={datasource}
            service={query.service}
            value={query.slo}
            placeholder="All SLOs"
            onChange={(slo) => onChange({ ...query, slo })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Series"
          labelWidth={LABEL_WIDTH}
          htmlFor="headroom-slo-series"
          tooltip="One time series per SLO and series"
        >
          <NamesSelect
            id="headroom-slo-series"
            names={SLO_SERIES}
            info={SLO_SERIES_INFO}
            value={query.series}
            onChange={(series) => onChange({ ...query, series })}
          />
        </InlineField>
      </InlineFieldRow>
      {showWindows && (
        <InlineFieldRow>
          <InlineField
            label="Burn-rate windows"
            labelWidth={LABEL_WIDTH}
            htmlFor="headroom-burn-windows"
            tooltip="One burnRate series per window; type any duration or a variable"
          >
            <DurationsSelect
              id="headroom-burn-windows"
              label="Burn-rate windows"
              value={query.burnRateWindows ?? DEFAULT_BURN_RATE_WINDOWS}
              suggestions={DEFAULT_BURN_RATE_WINDOWS}
              onChange={(burnRateWindows) => onChange({ ...query, burnRateWindows })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </>
  );
}
