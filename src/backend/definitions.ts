import type { LoadedDefinitions } from '../core/definitions/model';
import { DefinitionsStore } from './definitions-store';

/**
 * The definitions of one data source instance: inline jsonData.definitions plus a definitionsPath (one file
 * or a directory of *.yaml / *.yml, not recursive), merged and re-read when a file changes (GitOps); see
 * DefinitionsStore. The demo's own definitions are the fallback when neither is configured.
 */
export class DefinitionsLoader {
  private readonly store: DefinitionsStore;

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

  current(): LoadedDefinitions {
    return this.store.current();
  }
}
