import fs from 'node:fs';
import path from 'node:path';
import { mergeDefinitions, parseDefinitions } from '../core/definitions/parse';
import type { LoadedDefinitions } from '../core/definitions/model';

/**
 * The definitions of one data source instance: inline jsonData.definitions plus a definitionsPath (one file
 * or a directory of *.yaml / *.yml, not recursive), merged. The path is re-read when it changes (GitOps):
 * each call compares a cheap signature (names, mtimes, sizes) and re-parses only on a difference, so a
 * deploy that rewrites the files is seen by the next query without a restart or a watcher to leak.
 */
export class DefinitionsLoader {
  private signature = '';
  private fromPath: LoadedDefinitions[] = [];
  private merged: LoadedDefinitions | undefined;
  private readonly inline: LoadedDefinitions[];

  constructor(
    inlineYaml: string | undefined,
    private readonly definitionsPath: string | undefined,
    /** used when there is neither inline text nor a path (the demo's own definitions) */
    fallback?: { yaml: string; source: string }
  ) {
    if (inlineYaml !== undefined) {
      this.inline = [parseDefinitions(inlineYaml, 'jsonData.definitions')];
    } else if (!definitionsPath && fallback) {
      this.inline = [parseDefinitions(fallback.yaml, fallback.source)];
    } else {
      this.inline = [];
    }
  }

  current(): LoadedDefinitions {
    if (this.definitionsPath) {
      const files = this.listFiles(this.definitionsPath);
      const signature = JSON.stringify(files);
      if (signature !== this.signature || !this.merged) {
        this.signature = signature;
        this.fromPath = files.map((f) => this.readFile(f));
        this.merged = undefined;
      }
    }
    this.merged ??= mergeDefinitions([...this.fromPath, ...this.inline]);
    return this.merged;
  }

  /** Each entry is either a file to read or an error to report (as a pseudo-file with `error`). */
  private listFiles(p: string): Array<{ file: string; mtime?: number; size?: number; error?: string }> {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      return [{ file: p, error: `cannot read definitionsPath: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }];
    }
    if (stat.isFile()) {
      return [{ file: p, mtime: stat.mtimeMs, size: stat.size }];
    }
    if (!stat.isDirectory()) {
      return [{ file: p, error: 'definitionsPath is neither a file nor a directory' }];
    }
    let names: string[];
    try {
      names = fs.readdirSync(p).filter((n) => /\.ya?ml$/i.test(n)).sort();
    } catch (e) {
      return [{ file: p, error: `cannot list definitionsPath: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }];
    }
    return names.map((name) => {
      const file = path.join(p, name);
      try {
        const s = fs.statSync(file);
        return { file, mtime: s.mtimeMs, size: s.size };
      } catch (e) {
        return { file, error: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      }
    });
  }

  private readFile(entry: { file: string; error?: string }): LoadedDefinitions {
    const failed = (message: string): LoadedDefinitions => ({
      definitions: mergeDefinitions([]).definitions,
      errors: [{ source: entry.file, path: '', message }],
    });
    if (entry.error) {
      return failed(entry.error);
    }
    try {
      return parseDefinitions(fs.readFileSync(entry.file, 'utf8'), entry.file);
    } catch (e) {
      return failed(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
}
