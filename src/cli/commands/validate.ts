import { listDefinitionFiles, loadDefinitionFile } from '../../backend/definitions-store';
import { formatDefinitionError, type DefinitionError, type LoadedDefinitions } from '../../core/definitions/model';
import { mergeDefinitions } from '../../core/definitions/parse';
import type { Command } from './types';

/** Files and directories merged as the data source merges them (also used by `report` and `rules`). */
export function loadDefinitionPaths(paths: string[]): LoadedDefinitions {
  const parts: LoadedDefinitions[] = [];
  for (const p of paths) {
    const listed = listDefinitionFiles(p);
    if ('error' in listed) {
      parts.push({ ...mergeDefinitions([]), errors: [{ source: p, path: '(file)', message: listed.error }] });
    } else {
      parts.push(...listed.files.map(loadDefinitionFile));
    }
  }
  return mergeDefinitions(parts);
}

/**
 * `headroom validate [--json|--github] FILE|DIR...`: checks definitions files the way the data source reads
 * them (all given files merged, so duplicate ids across files are caught) — for a team's CI.
 * Prints `file:line: path "id": message` per problem and exits 1 if there is any. `--github` prints GitHub
 * Actions `::error` commands instead, so each problem shows on its line of the pull request.
 */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'check definitions files (headroom/v1, Sloth, OpenSLO); exit 1 on any error',
  usage: 'validate [--json|--github] FILE|DIR...',
  run(args, io) {
    const json = args.includes('--json');
    const github = args.includes('--github');
    const paths = args.filter((a) => a !== '--json' && a !== '--github');
    const unknown = paths.filter((a) => a.startsWith('-'));
    if (paths.length === 0 || unknown.length > 0) {
      io.err(unknown.length ? `unknown option ${unknown[0]}` : 'validate needs at least one file or directory');
      io.err(`usage: headroom ${this.usage}`);
      return 2;
    }
    const { definitions, errors } = loadDefinitionPaths(paths);
    const summary = `${definitions.slos.length} SLOs, ${definitions.capacity.length} resources, ${definitions.oncall.length} schedules`;
    if (json) {
      io.out(JSON.stringify({ valid: errors.length === 0, summary, errors }, null, 2));
    } else if (github) {
      errors.forEach((e) => io.out(githubAnnotation(e)));
      io.out(errors.length > 0 ? `${errors.length} definition errors (valid items: ${summary})` : summary);
    } else if (errors.length > 0) {
      errors.forEach((e) => io.err(formatDefinitionError(e)));
      io.err(`${errors.length} error${errors.length === 1 ? '' : 's'} (valid items: ${summary})`);
    } else {
      io.out(summary);
    }
    return errors.length > 0 ? 1 : 0;
  },
};

/** https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message */
function githubAnnotation(e: DefinitionError): string {
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const line = e.line ? `,line=${e.line}` : '';
  const item = e.itemId ? ` "${e.itemId}"` : '';
  return `::error file=${property(e.source)}${line},title=${property(`headroom: ${e.path}${item}`)}::${data(e.message)}`;
}
