/** Loading something once per key, for pickers and pages: value, error text or loading. */
import { useEffect, useState } from 'react';

export interface AsyncState<T> {
  value?: T;
  error?: string;
  loading: boolean;
}

/** Loads once per `key` (a data source, a query); a failure becomes text to show instead of breaking the view. */
export function useResource<T>(load: () => Promise<T>, key: unknown): AsyncState<T> {
  const [state, setState] = useState<{ key: unknown; value?: T; error?: string }>();
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ key, value }),
      (err: unknown) => live && setState({ key, error: errorText(err) })
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state && state.key === key ? { value: state.value, error: state.error, loading: false } : { loading: true };
}

/** The message of a failed Grafana request: a query's own error (/api/ds/query), the API's message, or the HTTP status. */
export function errorText(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as {
      data?: { message?: string; error?: string; results?: Record<string, { error?: string }> };
      message?: string;
      statusText?: string;
    };
    const queryError = Object.values(e.data?.results ?? {}).find((r) => r.error)?.error;
    return queryError ?? e.data?.message ?? e.data?.error ?? e.message ?? e.statusText ?? 'request failed';
  }
  return String(err);
}
