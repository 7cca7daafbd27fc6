/**
 * Hosts for the render harness (tests/e2e/editors.test.ts): the query editor, the config editor and the
 * overview page, each with @grafana/runtime's services (backend, templates) answered from responses the
 * test recorded from the real backend on the demo platform. Only those services are stood in for.
 */
import './editors-boot';
import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { setBackendSrv, setTemplateSrv, type BackendSrv, type TemplateSrv } from '@grafana/runtime';
import { Text, useStyles2 } from '@grafana/ui';
import { of, throwError } from 'rxjs';
import type { HeadroomQuery } from '../../src/core/query';
import { HeadroomDataSource } from '../../src/datasource/datasource';
import { ConfigEditor } from '../../src/datasource/components/ConfigEditor';
import { QueryEditor } from '../../src/datasource/components/QueryEditor';
import { Overview } from '../../src/app/pages/Overview';
import { dataSourceSettings, instanceSettings, type HeadroomSettings } from '../support/datasource-settings';

/** Answers by URL path (resources: the part after /resources/; /api/ds/query: by queryType). */
type Answers = Record<string, unknown>;

function answerFor(answers: Answers, url: string, data: unknown): unknown {
  if (url === '/api/ds/query') {
    const queryType = (data as { queries: Array<{ queryType: string }> }).queries[0].queryType;
    return answers[queryType];
  }
  return answers[url.split('/resources/')[1]?.split('?')[0] ?? url];
}

function installServices(answers: Answers) {
  const respond = (url: string, data?: unknown) => {
    const answer = answerFor(answers, url, data);
    if (answer === undefined) {
      throw Object.assign(new Error(`no recorded answer for ${url}`), { status: 404 });
    }
    return answer;
  };
  setBackendSrv({
    fetch: (req: { url: string; data?: unknown }) => {
      try {
        return of({ data: respond(req.url, req.data), status: 200, ok: true });
      } catch (err) {
        return throwError(() => err);
      }
    },
    post: async (url: string, data?: unknown) => respond(url, data),
    get: async (url: string) => respond(url),
  } as unknown as BackendSrv);
  const variables = ['service', 'slo', 'resource', 'schedule'];
  setTemplateSrv({
    getVariables: () => variables.map((name) => ({ name, type: 'query', label: name })),
    replace: (text: string) => text,
    containsTemplate: (text?: string) => Boolean(text?.includes('$')),
    updateTimeRange: () => {},
  } as unknown as TemplateSrv);
}

const noop = () => {};

export function QueryEditorHost({
  queries,
  answers,
}: {
  queries: Array<{ title: string; query: HeadroomQuery }>;
  answers: Answers;
}) {
  installServices(answers);
  const styles = useStyles2(getStyles);
  const datasource = React.useMemo(() => new HeadroomDataSource(instanceSettings()), []);
  return (
    <div className={styles.page}>
      {queries.map(({ title, query }) => (
        <div key={title} className={styles.row}>
          <Text variant="bodySmall" color="secondary">
            {title}
          </Text>
          <QueryEditor query={query} onChange={noop} onRunQuery={noop} datasource={datasource} />
        </div>
      ))}
    </div>
  );
}

export function ConfigEditorHost({ settings, answers }: { settings: Partial<HeadroomSettings>; answers: Answers }) {
  installServices(answers);
  const styles = useStyles2(getStyles);
  const [options, setOptions] = React.useState(dataSourceSettings(settings));
  return (
    <div className={styles.page}>
      <ConfigEditor options={options} onOptionsChange={setOptions} />
    </div>
  );
}

export function OverviewHost({ answers }: { answers: Answers }) {
  installServices(answers);
  const styles = useStyles2(getStyles);
  return (
    // Grafana renders app pages inside its router
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <div className={styles.page}>
        <Overview datasourceUid="headroom" />
      </div>
    </MemoryRouter>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2, 3), display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  row: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    paddingBottom: theme.spacing(1.5),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
});
