import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import { DEFAULT_DATASOURCE_UID, type AppJsonData } from './constants';
import { Overview } from './pages/Overview';

/** The app root: every path under /a/headroom-sre-app shows the overview (its only page). */
export function App({ meta }: AppRootProps<AppJsonData>) {
  const datasourceUid = meta.jsonData?.datasourceUid || DEFAULT_DATASOURCE_UID;
  return (
    <Routes>
      <Route path="overview" element={<Overview datasourceUid={datasourceUid} />} />
      <Route path="*" element={<Overview datasourceUid={datasourceUid} />} />
    </Routes>
  );
}
