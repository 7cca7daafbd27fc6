/**
 * Pickers fed by the backend's resource endpoints. Each offers the dashboard's template variables too, and
 * accepts a typed value (a variable or an id the backend does not list yet), so `$service`, `$slo`,
 * `$resource` and `$schedule` work in every field.
 */
import React, { useMemo } from 'react';
import { getTemplateSrv } from '@grafana/runtime';
import { Combobox, type ComboboxOption } from '@grafana/ui';
import type { HeadroomDataSource } from '../datasource';
import { useResource, type AsyncState } from './async';

export function variableOptions(): Array<ComboboxOption<string>> {
  return getTemplateSrv()
    .getVariables()
    .map((v) => ({ label: `$${v.name}`, value: `$${v.name}`, description: 'Template variable' }));
}

interface PickerProps {
  id: string;
  value?: string;
  onChange: (value: string | undefined) => void;
  placeholder: string;
  width?: number;
}

interface BasePickerProps extends PickerProps {
  state: AsyncState<Array<ComboboxOption<string>>>;
}

function ResourcePickerBase({ id, value, onChange, placeholder, width = 30, state }: BasePickerProps) {
  const options = useMemo(() => [...(state.value ?? []), ...variableOptions()], [state.value]);
  // A value not in the list (typed, or a variable of another dashboard) is still shown as selected.
  const current = value ? (options.find((o) => o.value === value) ?? { label: value, value }) : null;
  return (
    <Combobox<string>
      id={id}
      width={width}
      options={options}
      value={current}
      loading={state.loading}
      isClearable
      createCustomValue
      customValueDescription="Use this value (an id or a template variable)"
      placeholder={state.error ? `Could not load: ${state.error}` : placeholder}
      noOptionsMessage={state.error ? `Could not load: ${state.error}` : 'None defined'}
      onChange={(v: ComboboxOption<string> | null) => onChange(v?.value || undefined)}
    />
  );
}

export function ServicePicker(props: PickerProps & { datasource: HeadroomDataSource }) {
  const { datasource } = props;
  const state = useResource(
    async () => (await datasource.getServices()).map((s) => ({ label: s, value: s })),
    datasource
  );
  return <ResourcePickerBase {...props} state={state} />;
}

/** SLOs with their service and objective; narrowed to `service` when one is chosen (a variable by its current value). */
export function SloPicker(props: PickerProps & { datasource: HeadroomDataSource; service?: string }) {
  const { datasource, service } = props;
  const slos = useResource(() => datasource.getSlos(), datasource);
  const state = useMemo(() => {
    const resolved = service ? getTemplateSrv().replace(service) : undefined;
    // a multi-value or unknown variable does not narrow
    const narrow = resolved && !/[${},|]/.test(resolved) ? resolved : undefined;
    const value = slos.value
      ?.filter((s) => !narrow || s.service === narrow)
      .map((s) => ({
        label: s.name ? `${s.name}` : s.id,
        value: s.id,
        description: `${s.id} · ${s.service} · ${s.objective}% over ${s.window}`,
      }));
    return { ...slos, value };
  }, [slos, service]);
  return <ResourcePickerBase {...props} state={state} />;
}

export function CapacityResourcePicker(props: PickerProps & { datasource: HeadroomDataSource }) {
  const { datasource } = props;
  const state = useResource(
    async () =>
      (await datasource.getCapacityResources()).map((r) => ({
        label: r.name ?? r.id,
        value: r.id,
        description: `${r.id} · ${r.resource}`,
      })),
    datasource
  );
  return <ResourcePickerBase {...props} state={state} />;
}

export function SchedulePicker(props: PickerProps & { datasource: HeadroomDataSource }) {
  const { datasource } = props;
  const state = useResource(
    async () =>
      (await datasource.getSchedules()).map((s) => ({
        label: s.name ?? s.id,
        value: s.id,
        description: s.shifts?.length ? `shifts: ${s.shifts.join(', ')}` : 'single rotation',
      })),
    datasource
  );
  return <ResourcePickerBase {...props} state={state} />;
}
