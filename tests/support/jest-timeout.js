// Integration and e2e tests drive real processes (the backend, Prometheus, Alertmanager, Chromium) on a small,
// possibly busy machine: a minute per test, instead of Jest's 5 s, is about load, not about speed (speed is
// measured by `npm run bench`).
jest.setTimeout(60_000);
