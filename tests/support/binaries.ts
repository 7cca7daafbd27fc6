import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * Finds a required external binary (Debian's prometheus, promtool, alertmanager, chromium).
 * A missing binary is a test failure with the install hint, never a silent skip.
 */
export function requireBinary(names: string[], debianPackage: string): string {
  for (const name of names) {
    if (name.startsWith('/') && fs.existsSync(name)) {
      return name;
    }
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error(`required binary ${names.join(' or ')} not found: install Debian's package "${debianPackage}" (see .ci/run)`);
}
