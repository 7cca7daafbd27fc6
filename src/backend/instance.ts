import type { LoadedDefinitions } from '../core/definitions/model';
import type { AlertSource, MetricSource, PlatformEvent } from '../core/source';
import { DEMO_DEFINITIONS_YAML } from '../demo/definitions';
import { DemoAlertSource, DemoSource, demoEvents } from '../demo/source';
import { DefinitionsLoader } from './definitions';
import { FrameEncodings } from './frame-encodings';
import type { Logger } from './logger';
import type { DataSourceInstanceSettings } from './protocol/types';
import { answerWeight, type SharedAnswer } from './query-data';
import { parseSettings, type HeadroomSettings } from './settings';
import { SharedAnswers } from './shared-answers';
import { SharedWork } from './shared-work';
import { AlertmanagerSource } from './sources/alertmanager';
import { PrometheusSource } from './sources/prometheus';

/**
 * One configured data source: its settings, sources and definitions. Grafana sends the full settings with
 * every call; an instance lives as long as (uid, lastUpdatedMS) is unchanged, so caches inside the sources
 * and shared answers survive between queries and a settings change builds a fresh instance.
 */
export interface Instance {
  settings: HeadroomSettings;
  demo: boolean;
  metrics: MetricSource;
  alerts?: AlertSource;
  events?: (from: number, to: number) => PlatformEvent[];
  definitions(): LoadedDefinitions;
  /** answers shared by identical queries of this instance (dropped with it when the settings change) */
  answers: SharedAnswers<SharedAnswer>;
  /** Arrow bytes of recently answered frames, reused while a frame is unchanged */
  encodings: FrameEncodings;
  /** work shared by this instance's queries below whole answers (SLO engines, capacity evaluations) */
  work: SharedWork;
}

export function buildInstance(settings: HeadroomSettings, log: Logger): Instance {
  const demo = settings.url === '';
  const metrics: MetricSource = demo
    ? new DemoSource()
    : new PrometheusSource({
        url: settings.url,
        basicAuth: settings.basicAuth,
        bearerToken: settings.bearerToken,
        timeoutMs: settings.timeoutMs,
        log,
      });
  let alerts: AlertSource | undefined;
  if (settings.alertmanager) {
    alerts = new AlertmanagerSource({ ...settings.alertmanager, timeoutMs: settings.timeoutMs, log });
  } else if (demo) {
    alerts = new DemoAlertSource();
  }
  const loader = new DefinitionsLoader(
    settings.definitions,
    settings.definitionsPath,
    demo ? { yaml: DEMO_DEFINITIONS_YAML, source: 'demo definitions' } : undefined
  );
  return {
    settings,
    demo,
    metrics,
    alerts,
    events: demo ? demoEvents : undefined,
    definitions: () => loader.current(),
    answers: new SharedAnswers<SharedAnswer>(answerWeight),
    encodings: new FrameEncodings(),
    work: new SharedWork((signal) => metrics.warningsOf?.(signal) ?? []),
  };
}

export class InstanceManager {
  private readonly instances = new Map<string, { version: string; instance: Instance }>();

  constructor(private readonly log: Logger) {}

  /** Throws a QueryError (400) naming the setting when the settings are unusable. */
  get(ds: DataSourceInstanceSettings | null | undefined): Instance {
    const settings = ds ?? emptySettings();
    const key = settings.uid || `id:${settings.id}`;
    const version = String(settings.lastUpdatedMS);
    const cached = this.instances.get(key);
    if (cached && cached.version === version) {
      return cached.instance;
    }
    const instance = buildInstance(parseSettings(settings), this.log);
    this.instances.set(key, { version, instance });
    this.log.debug('data source instance created', { datasource: key, demo: instance.demo });
    return instance;
  }
}

function emptySettings(): DataSourceInstanceSettings {
  return {
    id: 0,
    name: '',
    url: '',
    user: '',
    database: '',
    basicAuthEnabled: false,
    basicAuthUser: '',
    jsonData: Buffer.alloc(0),
    decryptedSecureJsonData: {},
    lastUpdatedMS: 0,
    uid: '',
    apiVersion: '',
  };
}
