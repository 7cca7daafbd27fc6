/**
 * Data source settings (DESIGN.md "Data source settings"): the Prometheus-compatible URL and its auth,
 * the timeout, the definitions (inline YAML validated as you type, or a path on the Grafana server) and
 * Alertmanager. Secrets go to secureJsonData only; Grafana never sends them back (secureJsonFields says
 * which are set).
 */
import React, { useState, type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { DataSourcePluginOptionsEditorProps, DataSourceSettings, GrafanaTheme2 } from '@grafana/data';
import {
  Alert,
  Divider,
  Field,
  Input,
  RadioButtonGroup,
  SecretInput,
  Stack,
  Text,
  TextLink,
  useStyles2,
} from '@grafana/ui';
import type { HeadroomDataSourceOptions, HeadroomSecureJsonData } from '../types';
import { DefinitionsEditor } from './DefinitionsEditor';
import { PathErrors } from './PathErrors';

type Props = DataSourcePluginOptionsEditorProps<HeadroomDataSourceOptions, HeadroomSecureJsonData>;
type Settings = DataSourceSettings<HeadroomDataSourceOptions, HeadroomSecureJsonData>;
type SecretKey = keyof HeadroomSecureJsonData;
type AuthMode = 'none' | 'basic' | 'bearer';

const AUTH_MODES: Array<{ value: AuthMode; label: string }> = [
  { value: 'none', label: 'No authentication' },
  { value: 'basic', label: 'Basic auth' },
  { value: 'bearer', label: 'Bearer token' },
];

const WIDTH = 60;

function isSet(options: Settings, key: SecretKey): boolean {
  return Boolean(options.secureJsonFields?.[key] || options.secureJsonData?.[key]);
}

function setSecret(options: Settings, key: SecretKey, value: string): Settings {
  return { ...options, secureJsonData: { ...options.secureJsonData, [key]: value } };
}

/** Forgets a stored secret (Grafana deletes it on save). */
function resetSecret(options: Settings, key: SecretKey): Settings {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}

function setJson(options: Settings, patch: Partial<HeadroomDataSourceOptions>): Settings {
  return { ...options, jsonData: { ...options.jsonData, ...patch } };
}

function prometheusAuth(options: Settings): AuthMode {
  return options.basicAuth ? 'basic' : isSet(options, 'bearerToken') ? 'bearer' : 'none';
}

function alertmanagerAuth(options: Settings): AuthMode {
  return options.jsonData.alertmanagerBasicAuthUser || isSet(options, 'alertmanagerPassword')
    ? 'basic'
    : isSet(options, 'alertmanagerBearerToken')
      ? 'bearer'
      : 'none';
}

/** Switching the Prometheus auth mode clears the credentials of the other modes. */
function withPrometheusAuth(options: Settings, mode: AuthMode): Settings {
  let next: Settings = { ...options, basicAuth: mode === 'basic' };
  if (mode !== 'basic') {
    next = resetSecret({ ...next, basicAuthUser: '' }, 'basicAuthPassword');
  }
  if (mode !== 'bearer') {
    next = resetSecret(next, 'bearerToken');
  }
  return next;
}

function withAlertmanagerAuth(options: Settings, mode: AuthMode): Settings {
  let next = options;
  if (mode !== 'basic') {
    next = resetSecret(setJson(next, { alertmanagerBasicAuthUser: undefined }), 'alertmanagerPassword');
  }
  if (mode !== 'bearer') {
    next = resetSecret(next, 'alertmanagerBearerToken');
  }
  return next;
}

function SectionTitle({ title, children }: { title: string; children?: ReactNode }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.title}>
      <Text element="h3" variant="h4">
        {title}
      </Text>
      {children && (
        <Text color="secondary" element="p">
          {children}
        </Text>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  title: css({
    marginBottom: theme.spacing(2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    p: { margin: 0 },
  }),
});

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  // The chosen mode is kept locally too, so "Bearer token" stays selected before a token is typed.
  const [promAuth, setPromAuth] = useState<AuthMode>(() => prometheusAuth(options));
  const [amAuth, setAmAuth] = useState<AuthMode>(() => alertmanagerAuth(options));
  const change = (next: Settings) => onOptionsChange(next);

  return (
    <Stack direction="column" gap={2}>
      <section aria-label="Metrics">
        <SectionTitle title="Metrics" />
        <Field
          label="Prometheus URL"
          htmlFor="headroom-url"
          description="Base URL of a Prometheus-compatible HTTP API: Prometheus, Thanos, Mimir or VictoriaMetrics."
        >
          <Input
            id="headroom-url"
            width={WIDTH}
            value={options.url}
            placeholder="http://prometheus:9090"
            onChange={(e) => change({ ...options, url: e.currentTarget.value.trim() })}
          />
        </Field>
        {!options.url && (
          <Alert severity="info" title="Empty URL: the embedded demo platform">
            With no URL, Headroom serves a deterministic simulation of the AI Workflow Processing Platform (four
            services, nodes, database and storage) with its default SLOs, so every dashboard shows data at once. Enter a
            URL to use your own metrics.
          </Alert>
        )}
        <Field label="Authentication" htmlFor="headroom-auth">
          <RadioButtonGroup<AuthMode>
            id="headroom-auth"
            options={AUTH_MODES}
            value={promAuth}
            onChange={(mode) => {
              setPromAuth(mode);
              change(withPrometheusAuth(options, mode));
            }}
          />
        </Field>
        {promAuth === 'basic' && (
          <Stack direction="row" gap={2}>
            <Field label="User" htmlFor="headroom-basic-user">
              <Input
                id="headroom-basic-user"
                width={28}
                value={options.basicAuthUser}
                onChange={(e) => change({ ...options, basicAuthUser: e.currentTarget.value })}
              />
            </Field>
            <Field label="Password" htmlFor="headroom-basic-password">
              <SecretInput
                id="headroom-basic-password"
                width={28}
                isConfigured={Boolean(options.secureJsonFields?.basicAuthPassword)}
                value={options.secureJsonData?.basicAuthPassword ?? ''}
                onChange={(e) => change(setSecret(options, 'basicAuthPassword', e.currentTarget.value))}
                onReset={() => change(resetSecret(options, 'basicAuthPassword'))}
              />
            </Field>
          </Stack>
        )}
        {promAuth === 'bearer' && (
          <Field label="Token" htmlFor="headroom-bearer" description="Sent as Authorization: Bearer <token>.">
            <SecretInput
              id="headroom-bearer"
              width={WIDTH}
              isConfigured={Boolean(options.secureJsonFields?.bearerToken)}
              value={options.secureJsonData?.bearerToken ?? ''}
              onChange={(e) => change(setSecret(options, 'bearerToken', e.currentTarget.value))}
              onReset={() => change(resetSecret(options, 'bearerToken'))}
            />
          </Field>
        )}
        <Field
          label="Timeout (seconds)"
          htmlFor="headroom-timeout"
          description="Per request to Prometheus and Alertmanager."
        >
          <Input
            id="headroom-timeout"
            type="number"
            min={1}
            width={14}
            value={jsonData.timeoutSeconds ?? ''}
            placeholder="30"
            onChange={(e) => {
              const n = Number(e.currentTarget.value);
              change(setJson(options, { timeoutSeconds: e.currentTarget.value === '' || !(n > 0) ? undefined : n }));
            }}
          />
        </Field>
      </section>

      <Divider />
      <section aria-label="Definitions">
        <SectionTitle title="Definitions">
          SLOs, error budget policy, capacity resources and on-call schedules (<code>apiVersion: headroom/v1</code>).
          Inline YAML and the files of the definitions path are merged; problems are reported per item and valid items
          keep working.
        </SectionTitle>
        <Field label="Definitions YAML" description="Checked as you type; problems appear at their line.">
          <DefinitionsEditor
            uid={options.uid}
            value={jsonData.definitions ?? ''}
            onChange={(definitions) =>
              change(setJson(options, { definitions: definitions === '' ? undefined : definitions }))
            }
          />
        </Field>
        <Field
          label="Definitions path"
          htmlFor="headroom-definitions-path"
          description="A file or a directory of *.yaml on the Grafana server, re-read when it changes (GitOps)."
        >
          <Input
            id="headroom-definitions-path"
            width={WIDTH}
            value={jsonData.definitionsPath ?? ''}
            placeholder="/etc/headroom/definitions"
            onChange={(e) => change(setJson(options, { definitionsPath: e.currentTarget.value.trim() || undefined }))}
          />
        </Field>
        {jsonData.definitionsPath && <PathErrors uid={options.uid} path={jsonData.definitionsPath} />}
      </section>

      <Divider />
      <section aria-label="Alertmanager">
        <SectionTitle title="Alertmanager">
          Optional: active alerts become incidents with acknowledge and escalation deadlines on the on-call board (
          <TextLink href="https://prometheus.io/docs/alerting/latest/clients/" external inline>
            API v2
          </TextLink>
          ).
        </SectionTitle>
        <Field label="Alertmanager URL" htmlFor="headroom-am-url">
          <Input
            id="headroom-am-url"
            width={WIDTH}
            value={jsonData.alertmanagerUrl ?? ''}
            placeholder="http://alertmanager:9093"
            onChange={(e) => change(setJson(options, { alertmanagerUrl: e.currentTarget.value.trim() || undefined }))}
          />
        </Field>
        <Field label="Authentication" htmlFor="headroom-am-auth">
          <RadioButtonGroup<AuthMode>
            id="headroom-am-auth"
            options={AUTH_MODES}
            value={amAuth}
            onChange={(mode) => {
              setAmAuth(mode);
              change(withAlertmanagerAuth(options, mode));
            }}
          />
        </Field>
        {amAuth === 'basic' && (
          <Stack direction="row" gap={2}>
            <Field label="User" htmlFor="headroom-am-user">
              <Input
                id="headroom-am-user"
                width={28}
                value={jsonData.alertmanagerBasicAuthUser ?? ''}
                onChange={(e) => change(setJson(options, { alertmanagerBasicAuthUser: e.currentTarget.value }))}
              />
            </Field>
            <Field label="Password" htmlFor="headroom-am-password">
              <SecretInput
                id="headroom-am-password"
                width={28}
                isConfigured={Boolean(options.secureJsonFields?.alertmanagerPassword)}
                value={options.secureJsonData?.alertmanagerPassword ?? ''}
                onChange={(e) => change(setSecret(options, 'alertmanagerPassword', e.currentTarget.value))}
                onReset={() => change(resetSecret(options, 'alertmanagerPassword'))}
              />
            </Field>
          </Stack>
        )}
        {amAuth === 'bearer' && (
          <Field label="Token" htmlFor="headroom-am-bearer" description="Sent as Authorization: Bearer <token>.">
            <SecretInput
              id="headroom-am-bearer"
              width={WIDTH}
              isConfigured={Boolean(options.secureJsonFields?.alertmanagerBearerToken)}
              value={options.secureJsonData?.alertmanagerBearerToken ?? ''}
              onChange={(e) => change(setSecret(options, 'alertmanagerBearerToken', e.currentTarget.value))}
              onReset={() => change(resetSecret(options, 'alertmanagerBearerToken'))}
            />
          </Field>
        )}
      </section>
    </Stack>
  );
}
