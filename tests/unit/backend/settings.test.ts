import { QueryError } from '../../../src/core/errors';
import { redact } from '../../../src/backend/logger';
import { authHeaders, parseSettings } from '../../../src/backend/settings';
import { toInstanceSettings } from '../../support/harness';

describe('parseSettings', () => {
  it('reads url, auth, definitions, Alertmanager and timeout, and registers every secret for redaction', () => {
    const s = parseSettings(
      toInstanceSettings({
        url: 'http://prometheus:9090/',
        basicAuthEnabled: true,
        basicAuthUser: 'grafana',
        jsonData: {
          definitions: 'apiVersion: headroom/v1\n',
          definitionsPath: ' /etc/headroom ',
          alertmanagerUrl: 'http://am:9093',
          alertmanagerBasicAuthUser: 'am-user',
          timeoutSeconds: 12,
        },
        secureJsonData: {
          basicAuthPassword: 'pw-prom-123',
          bearerToken: 'tok-prom-456',
          alertmanagerPassword: 'pw-am-789',
          alertmanagerBearerToken: 'tok-am-000',
        },
      })
    );
    expect(s).toMatchObject({
      url: 'http://prometheus:9090',
      basicAuth: { user: 'grafana', password: 'pw-prom-123' },
      bearerToken: 'tok-prom-456',
      definitions: 'apiVersion: headroom/v1\n',
      definitionsPath: '/etc/headroom',
      alertmanager: {
        url: 'http://am:9093',
        basicAuth: { user: 'am-user', password: 'pw-am-789' },
        bearerToken: 'tok-am-000',
      },
      timeoutMs: 12_000,
    });
    expect(redact('pw-prom-123 tok-prom-456 pw-am-789 tok-am-000')).toBe('[redacted] [redacted] [redacted] [redacted]');
    const basic = authHeaders({ basicAuth: { user: 'u', password: 'pw-prom-123' } }).Authorization;
    expect(redact(basic)).toBe('Basic [redacted]');
  });

  it('treats an empty url as the demo and defaults the timeout to 30 s', () => {
    expect(parseSettings(toInstanceSettings({}))).toMatchObject({ url: '', timeoutMs: 30_000 });
  });

  it.each([
    [{ rawJsonData: '{not json' }, /jsonData is not valid JSON/],
    [{ jsonData: { timeoutSeconds: 'soon' } }, /timeoutSeconds must be a number/],
    [{ jsonData: { definitionsPath: 42 } }, /jsonData.definitionsPath must be a string/],
    [{ url: 'prometheus:9090' }, /url must be an http/],
    [{ url: 'http://user:hunter2-pass@prom:9090' }, /must not contain credentials/],
    [{ jsonData: { alertmanagerUrl: 'not a url' } }, /jsonData.alertmanagerUrl is not a URL/],
  ])('rejects unusable settings with a 400 naming the setting (%j)', (settings, message) => {
    const run = () => parseSettings(toInstanceSettings(settings));
    expect(run).toThrow(QueryError);
    expect(run).toThrow(message);
  });

  it('never echoes credentials embedded in a url, and registers them for redaction', () => {
    expect(() => parseSettings(toInstanceSettings({ url: 'http://user:hunter2-pass@prom:9090' }))).toThrow(
      /^data source setting url must not contain credentials; use the authentication settings$/
    );
    expect(redact('x hunter2-pass')).toBe('x [redacted]');
  });
});
