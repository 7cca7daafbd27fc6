import type { LoadedDefinitions } from '../core/definitions/model';
import { DefinitionsStore } from './definitions-store';

/**
 * The definitions of one data source instance: inline jsonData.definitions plus a definitionsPath (one file
 * or a directory of *.yaml / *.yml, not recursive), merged and re-read when a file changes (GitOps); see
 * DefinitionsStore. The demo's own definitions are the fallback when neither is configured.
 */
export class DefinitionsLoader {
  private readonly store: DefinitionsStore;
  private thisTurn?: LoadedDefinitions;

  constructor(
    inlineYaml: string | undefined,
    definitionsPath: string | undefined,
    /** used when there is neither inline text nor a path (the demo's own definitions) */
    fallback?: { yaml: string; source: string }
  ) {
    this.store =
      inlineYaml === undefined && !definitionsPath && fallback
        ? new DefinitionsStore({ inline: fallback.yaml, inlineSource: fallback.source })
        : new DefinitionsStore({ inline: inlineYaml, path: definitionsPath });
  }

  /**
   * The store's answer, looked up once per turn of the event loop: the calls decoded from one read of Grafana's
   * connection are handled in the same turn, and each lookup stats the files (one system call per file). A rewrite
   * finished before a call arrived is seen by that call, which is handled in a later turn.
   */
  current(): LoadedDefinitions {
    if (!this.thisTurn) {
      this.thisTurn = this.store.current();
      setImmediate(() => (this.thisTurn = undefined));
    }
    return this.thisTurn;
  }
}
