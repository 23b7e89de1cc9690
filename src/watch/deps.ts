/**
 * What each watched source depends on besides its own text: its template's
 * folders (every template of its `extends` chain: template.yaml, the locale files,
 * the logo and fonts are all inside them), the config files that may apply to it
 * (the nearest `pressready.config.yaml` upward, and the places where a nearer one
 * could appear) and, for a translation, its original. A changed path regenerates
 * the sources that depend on it.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_NAME } from '../config/file.js';
import { touches } from '../io/stamp.js';
import type { InputRecord } from '../pipeline/fingerprint.js';

/**
 * The config files that may apply to a source in `dir`: from its folder upward to
 * the nearest that exists, or to the working folder (or the source's own folder,
 * outside it) when there is none. `cwd`'s own config gives `generate:` defaults.
 */
export function configCandidates(dir: string, cwd: string): string[] {
  const out: string[] = [];
  const inCwd = (d: string) => d === cwd || d.startsWith(cwd + path.sep);
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, CONFIG_NAME);
    out.push(file);
    if (existsSync(file) || !inCwd(d) || d === cwd || path.dirname(d) === d) break;
  }
  return out;
}

/** A path as the watcher may report it: itself, and through its real folder (a temporary folder behind a symbolic link). */
export function pathVariants(abs: string): string[] {
  const out = [abs];
  try {
    const real = path.join(realpathSync(path.dirname(abs)), path.basename(abs));
    if (real !== abs) out.push(real);
  } catch {
    // its folder is gone too: the path as it was is all there is
  }
  return out;
}

export class DependencyMap {
  private readonly bySource = new Map<string, Set<string>>();

  /** Record what a source depends on, from its report's inputs (template folders, original) and the config files that may apply. */
  set(source: string, inputs: readonly InputRecord[], configs: readonly string[]): string[] {
    const deps = new Set<string>(configs);
    for (const i of inputs) if (i.role !== 'source') deps.add(i.path);
    this.bySource.set(source, deps);
    return [...deps];
  }

  has(source: string): boolean {
    return this.bySource.has(source);
  }

  delete(source: string): void {
    this.bySource.delete(source);
  }

  /** The sources that depend on one of these changed paths (a file, or a file inside a template folder). */
  affected(changed: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const [source, deps] of this.bySource) {
      for (const d of deps) {
        if (changed.some((c) => touches(c, [d]) || touches(d, [c]))) {
          out.add(source);
          break;
        }
      }
    }
    return out;
  }
}
