import React from 'react';
import type { CapacityCatalogQuery } from '../../../core/query';
import { ForecastFields } from '../fields';
import type { SubEditorProps } from './types';

/** One row per resource; the forecast decides its time-to-threshold columns. */
export function CapacityCatalogEditor({ query, onChange }: SubEditorProps<CapacityCatalogQuery>) {
  return (
    <ForecastFields
      idPrefix="headroom-catalog"
      forecast={query.forecast}
      onChange={(forecast) => onChange({ ...query, forecast })}
    />
  );
}
