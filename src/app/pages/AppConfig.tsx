/**
 * The app's configuration page: enable or disable the app, choose the Headroom data source the overview
 * reads, open the dashboards, and copy provisioning files.
 */
import React, { useState } from 'react';
import { lastValueFrom } from 'rxjs';
import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker, getBackendSrv, locationService } from '@grafana/runtime';
import { Alert, Button, ClipboardButton, Field, Stack, Text, TextLink } from '@grafana/ui';
import { errorText } from '../../datasource/components/async';
import {
  APP_ID,
  DASHBOARDS,
  DATASOURCE_TYPE,
  DEFAULT_DATASOURCE_UID,
  dashboardUrl,
  type AppJsonData,
} from '../constants';
import { appYaml, demoDatasourceYaml, prometheusDatasourceYaml } from '../provisioning';

type Props = PluginConfigPageProps<AppPluginMeta<AppJsonData>>;

async function saveSettings(settings: { enabled: boolean; pinned: boolean; jsonData: AppJsonData }) {
  await lastValueFrom(
    getBackendSrv().fetch({ url: `/api/plugins/${APP_ID}/settings`, method: 'POST', data: settings })
  );
}

export function AppConfig({ plugin }: Props) {
  const { enabled = false, pinned = false, jsonData } = plugin.meta;
  const [datasourceUid, setDatasourceUid] = useState(jsonData?.datasourceUid ?? DEFAULT_DATASOURCE_UID);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const save = async (next: { enabled: boolean; pinned: boolean }) => {
    setSaving(true);
    setError(undefined);
    try {
      await saveSettings({ ...next, jsonData: { ...jsonData, datasourceUid } });
      // Grafana reads plugin settings (navigation, pages) at start-up of the page
      locationService.reload();
    } catch (err) {
      setError(errorText(err));
      setSaving(false);
    }
  };

  return (
    <Stack direction="column" gap={3}>
      {error && (
        <Alert severity="error" title="Could not save the app settings">
          {error}
        </Alert>
      )}
      <section aria-label="Status">
        <Text element="h3" variant="h4">
          {enabled ? 'Headroom is enabled' : 'Headroom is disabled'}
        </Text>
        <Text color="secondary" element="p">
          {enabled
            ? 'The overview page and the dashboards are in the navigation.'
            : 'Enable the app to add its overview page and dashboards to the navigation.'}
        </Text>
        {enabled ? (
          <Button
            variant="destructive"
            fill="outline"
            disabled={saving}
            onClick={() => save({ enabled: false, pinned: false })}
          >
            Disable
          </Button>
        ) : (
          <Button variant="primary" disabled={saving} onClick={() => save({ enabled: true, pinned: true })}>
            Enable
          </Button>
        )}
      </section>

      <section aria-label="Data source">
        <Text element="h3" variant="h4">
          Data source
        </Text>
        <Field
          label="Headroom data source"
          description="The overview page reads its SLOs, capacity and on-call from this data source."
        >
          <DataSourcePicker
            pluginId={DATASOURCE_TYPE}
            current={datasourceUid}
            noDefault
            width={40}
            onChange={(ds) => setDatasourceUid(ds.uid)}
          />
        </Field>
        <Button variant="secondary" disabled={saving || !enabled} onClick={() => save({ enabled, pinned })}>
          Save data source
        </Button>
      </section>

      <section aria-label="Dashboards">
        <Text element="h3" variant="h4">
          Dashboards
        </Text>
        <ul>
          {DASHBOARDS.map((d) => (
            <li key={d.uid}>
              <TextLink href={dashboardUrl(d.uid)} inline={false}>
                {`Headroom: ${d.title}`}
              </TextLink>{' '}
              <Text color="secondary">{d.description}</Text>
            </li>
          ))}
        </ul>
      </section>

      <section aria-label="Provisioning">
        <Text element="h3" variant="h4">
          Provisioning
        </Text>
        <Text color="secondary" element="p">
          Put these files under Grafana&apos;s <code>provisioning/</code> folder to set Headroom up as code.
        </Text>
        <Snippet
          title="Data source on the demo platform (provisioning/datasources/headroom.yaml)"
          text={demoDatasourceYaml()}
        />
        <Snippet
          title="Data source on your Prometheus (provisioning/datasources/headroom.yaml)"
          text={prometheusDatasourceYaml()}
        />
        <Snippet title="The app (provisioning/plugins/headroom.yaml)" text={appYaml(datasourceUid)} />
      </section>
    </Stack>
  );
}

function Snippet({ title, text }: { title: string; text: string }) {
  return (
    <Field label={title}>
      <div>
        <pre aria-label={title}>{text}</pre>
        <ClipboardButton icon="copy" variant="secondary" size="sm" getText={() => text}>
          Copy
        </ClipboardButton>
      </div>
    </Field>
  );
}
