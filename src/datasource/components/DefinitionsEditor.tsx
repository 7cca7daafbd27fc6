/**
 * The definitions YAML in a code editor. Every edit is validated by the backend (debounced) and each
 * problem is shown at its line: as a marker in the editor and in a list under it. Validation needs a saved
 * data source (its uid); Grafana saves a new data source as soon as it is created, so there always is one.
 */
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { CodeEditor, Icon, Stack, Text, useStyles2, type Monaco, type MonacoEditor } from '@grafana/ui';
import type { ValidateResponse } from '../types';
import { errorText } from './async';

export const VALIDATE_DELAY_MS = 600;
const SOURCE = 'jsonData.definitions';

export function validateDefinitions(uid: string, text: string): Promise<ValidateResponse> {
  return getBackendSrv().post<ValidateResponse>(
    `/api/datasources/uid/${uid}/resources/validate?source=${SOURCE}`,
    text,
    {
      headers: { 'Content-Type': 'application/yaml' },
      showErrorAlert: false,
    }
  );
}

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; result: ValidateResponse }
  | { state: 'failed'; message: string };

/** Validates `text` after it has been still for VALIDATE_DELAY_MS; stale answers are dropped. */
export function useDefinitionsCheck(uid: string, text: string): Check {
  const [check, setCheck] = useState<{ text: string; check: Check }>({ text: '', check: { state: 'idle' } });
  useEffect(() => {
    if (text.trim() === '') {
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setCheck({ text, check: { state: 'checking' } });
      validateDefinitions(uid, text).then(
        (result) => live && setCheck({ text, check: { state: 'done', result } }),
        (err: unknown) => live && setCheck({ text, check: { state: 'failed', message: errorText(err) } })
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [uid, text]);
  if (text.trim() === '') {
    return { state: 'idle' };
  }
  return check.text === text ? check.check : { state: 'checking' };
}

interface Props {
  uid: string;
  value: string;
  onChange: (text: string) => void;
}

export function DefinitionsEditor({ uid, value, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const check = useDefinitionsCheck(uid, value);
  const errors = useMemo(() => (check.state === 'done' ? check.result.errors : []), [check]);
  const monacoRef = useRef<{ editor: MonacoEditor; monaco: Monaco }>(undefined);

  // Markers at the lines of the errors (when Monaco has loaded; the list below works without it).
  useEffect(() => {
    const m = monacoRef.current;
    const model = m?.editor.getModel();
    if (!m || !model) {
      return;
    }
    const lines = model.getLineCount();
    m.monaco.editor.setModelMarkers(
      model,
      'headroom',
      errors
        .filter((e) => e.line && e.line <= lines)
        .map((e) => ({
          startLineNumber: e.line!,
          endLineNumber: e.line!,
          startColumn: model.getLineFirstNonWhitespaceColumn(e.line!) || 1,
          endColumn: model.getLineMaxColumn(e.line!),
          message: `${e.path}${e.itemId ? ` "${e.itemId}"` : ''}: ${e.message}`,
          severity: m.monaco.MarkerSeverity.Error,
        }))
    );
  }, [errors]);

  const reveal = (line: number) => {
    const editor = monacoRef.current?.editor;
    editor?.revealLineInCenter(line);
    editor?.setPosition({ lineNumber: line, column: 1 });
    editor?.focus();
  };

  return (
    <Stack direction="column" gap={1}>
      <CodeEditor
        value={value}
        language="yaml"
        height={320}
        showLineNumbers
        showMiniMap={false}
        monacoOptions={{ tabSize: 2, scrollBeyondLastLine: false }}
        onChange={onChange}
        onBlur={onChange}
        onEditorDidMount={(editor, monaco) => {
          monacoRef.current = { editor, monaco };
        }}
      />
      <div aria-live="polite" data-testid="definitions-status">
        {check.state === 'idle' && (
          <Text color="secondary">
            No inline definitions: those of the definitions path, or the demo platform&apos;s, apply.
          </Text>
        )}
        {check.state === 'checking' && <Text color="secondary">Checking…</Text>}
        {check.state === 'failed' && (
          <Text color="warning">
            <Icon name="exclamation-triangle" /> Could not validate: {check.message}
          </Text>
        )}
        {check.state === 'done' && errors.length === 0 && (
          <Text color="success">
            <Icon name="check" /> Valid
            {check.result.counts &&
              `: ${check.result.counts.slos} SLOs, ${check.result.counts.capacity} capacity resources, ${check.result.counts.oncall} on-call schedules`}
          </Text>
        )}
        {errors.length > 0 && (
          <ul className={styles.errors} aria-label="Definition errors">
            {errors.map((e, i) => (
              <li key={i} className={styles.error}>
                {e.line ? (
                  <button
                    type="button"
                    className={styles.line}
                    title="Show in the editor"
                    onClick={() => reveal(e.line!)}
                  >
                    Line {e.line}
                  </button>
                ) : (
                  <span className={styles.line}>File</span>
                )}
                <span>
                  <code>
                    {e.path}
                    {e.itemId ? ` "${e.itemId}"` : ''}
                  </code>
                  : {e.message}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  errors: css({ listStyle: 'none', margin: 0, padding: 0 }),
  error: css({
    display: 'flex',
    gap: theme.spacing(1),
    color: theme.colors.error.text,
    padding: theme.spacing(0.25, 0),
  }),
  line: css({
    minWidth: theme.spacing(8),
    padding: 0,
    border: 'none',
    background: 'none',
    textAlign: 'left',
    font: 'inherit',
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.text.link,
    'span&': { color: theme.colors.text.secondary },
    'button&:hover': { textDecoration: 'underline', cursor: 'pointer' },
  }),
});
