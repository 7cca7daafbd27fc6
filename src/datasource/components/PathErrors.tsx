/**
 * Problems in the definitions files of the definitions path, as the backend loaded them for the saved
 * settings (GET definitions/errors). Inline YAML is checked live by DefinitionsEditor; this covers the files.
 */
import React from 'react';
import { getBackendSrv } from '@grafana/runtime';
import { Alert } from '@grafana/ui';
import type { DefinitionError } from '../../core/definitions/model';
import { useResource } from './async';

const INLINE_SOURCE = 'jsonData.definitions';

export function PathErrors({ uid, path }: { uid: string; path: string }) {
  const state = useResource(
    () =>
      getBackendSrv().get<Array<DefinitionError & { text?: string }>>(
        `/api/datasources/uid/${uid}/resources/definitions/errors`,
        undefined,
        undefined,
        { showErrorAlert: false }
      ),
    `${uid}|${path}`
  );
  const errors = (state.value ?? []).filter((e) => e.source !== INLINE_SOURCE);
  if (errors.length === 0) {
    return null;
  }
  return (
    <Alert severity="warning" title={`Problems in the definitions files (as last saved): ${errors.length}`}>
      <ul aria-label="Definitions file errors">
        {errors.map((e, i) => (
          <li key={i}>
            {e.text ??
              `${e.source}${e.line ? `:${e.line}` : ''}: ${e.path}${e.itemId ? ` "${e.itemId}"` : ''}: ${e.message}`}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
