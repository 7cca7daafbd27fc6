/** Small field components shared by the sub-editors. */
import React from 'react';
import { InlineField, InlineFieldRow, Input, MultiCombobox, RadioButtonGroup, type ComboboxOption } from '@grafana/ui';
import type { ForecastOptions } from '../../core/query';
import { DEFAULT_FORECAST, DEFAULT_SEASON } from '../query/defaults';
import { FORECAST_METHODS } from '../query/descriptions';
import { variableOptions } from './pickers';

export const LABEL_WIDTH = 20;

/** A multi-select over a fixed list of names, each with its one-line explanation (or a variable holding names). */
export function NamesSelect<T extends string>(props: {
  id: string;
  names: readonly T[];
  info: Record<T, string>;
  value: T[] | undefined;
  onChange: (value: T[]) => void;
  width?: number;
}) {
  const { id, names, info, value, onChange, width = 60 } = props;
  // a variable is not one of the names; the query carries it as text until Grafana resolves it
  const options = [...names.map((n) => ({ label: n, value: n, description: info[n] })), ...variableOptions()] as Array<
    ComboboxOption<T>
  >;
  return (
    <MultiCombobox<T>
      id={id}
      width="auto"
      minWidth={width}
      maxWidth={100}
      options={options}
      value={value ?? []}
      placeholder="Choose series"
      onChange={(items) => onChange(items.map((i) => i.value))}
    />
  );
}

/** Text input that reports its value on blur (so a query does not run on every keystroke). */
export function BlurInput(props: {
  id: string;
  value?: string;
  placeholder?: string;
  width?: number;
  onCommit: (v: string | undefined) => void;
}) {
  const { id, value, placeholder, width = 14, onCommit } = props;
  return (
    <Input
      // remounts when the stored value changes elsewhere (e.g. a query type switch)
      key={value ?? ''}
      id={id}
      width={width}
      defaultValue={value ?? ''}
      placeholder={placeholder}
      onBlur={(e) => {
        const text = e.currentTarget.value.trim();
        const next = text === '' ? undefined : text;
        if (next !== value) {
          onCommit(next);
        }
      }}
    />
  );
}

/** Duration list (burn-rate windows): suggested values, variables, or any typed duration. */
export function DurationsSelect(props: {
  id: string;
  label: string;
  value: string[];
  suggestions: string[];
  onChange: (v: string[]) => void;
}) {
  const { id, label, value, suggestions, onChange } = props;
  const options = [...suggestions.map((s) => ({ label: s, value: s })), ...variableOptions()];
  return (
    <MultiCombobox<string>
      id={id}
      width="auto"
      minWidth={60}
      maxWidth={100}
      createCustomValue
      customValueDescription="Use this duration or variable"
      placeholder={`Choose ${label.toLowerCase()}`}
      options={options}
      value={value.map((v) => options.find((o) => o.value === v) ?? { label: v, value: v })}
      onChange={(items) => onChange(items.map((i) => i.value).filter(Boolean))}
    />
  );
}

/** Forecast method, horizon and (for Holt-Winters) season length. */
export function ForecastFields(props: {
  idPrefix: string;
  forecast: ForecastOptions | undefined;
  onChange: (f: ForecastOptions) => void;
}) {
  const { idPrefix, onChange } = props;
  const forecast = props.forecast ?? {};
  const method = forecast.method ?? DEFAULT_FORECAST.method;
  return (
    <InlineFieldRow>
      <InlineField
        label="Forecast"
        labelWidth={LABEL_WIDTH}
        tooltip="How future utilization is projected from the samples in range"
      >
        <RadioButtonGroup<NonNullable<ForecastOptions['method']>>
          aria-label="Forecast method"
          options={FORECAST_METHODS}
          value={method}
          onChange={(m) =>
            onChange({
              ...forecast,
              method: m,
              season: m === 'holt-winters' ? (forecast.season ?? DEFAULT_SEASON) : undefined,
            })
          }
        />
      </InlineField>
      <InlineField label="Horizon" htmlFor={`${idPrefix}-horizon`} tooltip="How far ahead to forecast, e.g. 7d or 30d">
        <BlurInput
          id={`${idPrefix}-horizon`}
          value={forecast.horizon}
          placeholder={DEFAULT_FORECAST.horizon}
          onCommit={(horizon) => onChange({ ...forecast, horizon })}
        />
      </InlineField>
      {method === 'holt-winters' && (
        <InlineField
          label="Season"
          htmlFor={`${idPrefix}-season`}
          tooltip="Length of the repeating pattern, e.g. 1d for daily traffic"
        >
          <BlurInput
            id={`${idPrefix}-season`}
            value={forecast.season}
            placeholder={DEFAULT_SEASON}
            onCommit={(season) => onChange({ ...forecast, season })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
