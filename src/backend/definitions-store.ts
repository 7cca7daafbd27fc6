import fs from 'node:fs';
import path from 'node:path';

import type { LoadedDefinitions } from '../core/definitions/model';
import { mergeDefinitions, parseDefinitions } from '../core/definitions/parse';

export const INLINE_SOURCE = 'jsonData.definitions';

export interface DefinitionsStoreOptions {
  /** jsonData.definitions (YAML text) */
  inline?: string;
  /** source name of the inline text in errors (default "jsonData.definitions") */
  inlineSource?: string;
  /** jsonData.definitionsPath: one file, or a directory of *.yaml / *.yml (not recursive) */
  path?: string;
}

/** Reads again of files empty or changing on their first read: how many per pass, and the pause before each. */
const REREADS = 3;
const REREAD_PAUSE_MS = 10;
const REREAD_CLOCK = new Int32Array(new SharedArrayBuffer(4));

interface CachedFile {
  mtimeMs: number;
  size: number;
  loaded: LoadedDefinitions;
}

/**
 * The current definitions of one data source: inline text plus the files under `path`, merged.
 * Every call stats the files (cheap) and re-parses only a file whose mtime or size changed, so a GitOps
 * deploy that rewrites a file is seen by the next query with no restart and no watcher to leak.
 * It never throws: an unreadable path or file becomes a DefinitionError naming it, and the other files'
 * items keep working.
 */
export class DefinitionsStore {
  private readonly inline: LoadedDefinitions | undefined;
  private files = new Map<string, CachedFile>();
  private merged: LoadedDefinitions | undefined;
  private signature = '';

  constructor(private readonly options: DefinitionsStoreOptions) {
    this.inline =
      options.inline !== undefined && options.inline.trim() !== ''
        ? parseDefinitions(options.inline, INLINE_SOURCE)
        : undefined;
  }

  current(): LoadedDefinitions {
    const fromPath = this.options.path ? this.readPath(this.options.path) : [];
    const signature = fromPath.map((p) => p.key).join('\n');
    if (!this.merged || signature !== this.signature) {
      this.signature = signature;
      this.merged = mergeDefinitions([...fromPath.map((p) => p.loaded), ...(this.inline ? [this.inline] : [])]);
    }
    return this.merged;
  }

  private readPath(root: string): Array<{ key: string; loaded: LoadedDefinitions }> {
    const listed = listDefinitionFiles(root);
    if ('error' in listed) {
      return [failure(root, listed.error)];
    }
    const seen = new Set(listed.files);
    for (const cached of this.files.keys()) {
      if (!seen.has(cached)) {
        this.files.delete(cached); // removed from the directory: forget it
      }
    }
    // a path that is one file was stat-ed by the listing already: one system call per query, not two
    // the re-reads of one pass share REREADS, so a directory of empty files cannot hold the process for long
    const rereads = { left: REREADS };
    return listed.files.map((file) =>
      this.readFile(file, rereads, listed.files.length === 1 ? listed.rootStat : undefined)
    );
  }

  private readFile(
    file: string,
    rereads: { left: number },
    known?: fs.Stats
  ): { key: string; loaded: LoadedDefinitions } {
    try {
      let stat = known ?? fs.statSync(file);
      const cached = this.files.get(file);
      if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
        let text = fs.readFileSync(file, 'utf8');
        // A file rewritten in place is empty between the truncate and the write, and may change between the stat
        // and the read. With no earlier version to keep, look again a few times, briefly: an empty definitions
        // file is rare, and a first read that lands mid-rewrite would otherwise answer "not defined" everywhere.
        while (!cached && rereads.left > 0 && (text.trim() === '' || Buffer.byteLength(text) !== stat.size)) {
          rereads.left--;
          Atomics.wait(REREAD_CLOCK, 0, 0, REREAD_PAUSE_MS);
          stat = fs.statSync(file);
          text = fs.readFileSync(file, 'utf8');
        }
        // Still changing, or emptied after holding items: neither is an intent to delete them. Keep the last
        // version and look again on the next call.
        const midRewrite = Buffer.byteLength(text) !== stat.size || (text.trim() === '' && (cached?.size ?? 0) > 0);
        if (midRewrite) {
          return cached
            ? { key: `${file}\t${cached.mtimeMs}\t${cached.size}`, loaded: cached.loaded }
            : { key: `${file}\tpartial\t${text.length}`, loaded: parseDefinitions(text, file) };
        }
        this.files.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, loaded: parseDefinitions(text, file) });
      }
      const entry = this.files.get(file)!;
      return { key: `${file}\t${entry.mtimeMs}\t${entry.size}`, loaded: entry.loaded };
    } catch (e) {
      this.files.delete(file);
      return failure(file, `cannot read ${file}: ${reason(e)}`);
    }
  }
}

/** `root` itself when it is a file (with its stat), else its *.yaml / *.yml files (sorted, not recursive). */
export function listDefinitionFiles(root: string): { files: string[]; rootStat?: fs.Stats } | { error: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch (e) {
    return { error: `cannot read definitions path ${root}: ${reason(e)}` };
  }
  if (!stat.isDirectory()) {
    return { files: [root], rootStat: stat };
  }
  try {
    const names = fs.readdirSync(root).filter((name) => /\.ya?ml$/i.test(name));
    return { files: names.sort().map((name) => path.join(root, name)) };
  } catch (e) {
    return { error: `cannot list definitions path ${root}: ${reason(e)}` };
  }
}

/** Reads and parses one file; an unreadable file becomes one error naming it. */
export function loadDefinitionFile(file: string): LoadedDefinitions {
  try {
    return parseDefinitions(fs.readFileSync(file, 'utf8'), file);
  } catch (e) {
    return failure(file, `cannot read ${file}: ${reason(e)}`).loaded;
  }
}

function failure(file: string, message: string): { key: string; loaded: LoadedDefinitions } {
  const loaded = mergeDefinitions([]);
  loaded.errors = [{ source: file, path: '(file)', message }];
  return { key: `${file}\terror\t${message}`, loaded };
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
};

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code ? `${REASONS[code] ?? 'error'} (${code})` : (e as Error).message;
}
