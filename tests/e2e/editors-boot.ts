// Grafana's index.html sets window.grafanaBootData before any plugin code runs; @grafana/runtime's config
// reads it on import (and logs an error without it). Imported first by ./editors-host.tsx.
(window as unknown as { grafanaBootData: object }).grafanaBootData = {
  assets: { dark: '', light: '' },
  settings: {},
  user: {},
  navTree: [],
};
export {};
