/** `--feed`: the newsroom's files (../newsroom/site.ts) written into the output folder, all or none. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeAllAtomic, writeProblem } from '../io/write.js';
import type { Message } from '../messages.js';
import type { NewsItem } from '../newsroom/item.js';
import { newsroomFiles } from '../newsroom/site.js';
import type { GenerateOptions, Output } from './generate.js';

/** The files written (paths relative to the working folder, as outputs are), or why they could not be. */
export async function writeNewsroom(items: readonly NewsItem[], opts: Pick<GenerateOptions, 'outDir' | 'cwd'>): Promise<{ outputs: Output[] } | { problem: Message }> {
  const files = newsroomFiles(items, opts);
  const outputs: Output[] = [];
  const writes: { file: string; data: Uint8Array }[] = [];
  for (const f of files) {
    const rel = path.join(opts.outDir, f.name).split(path.sep).join('/');
    const data = Buffer.from(f.data, 'utf8');
    writes.push({ file: path.resolve(opts.cwd, rel), data });
    outputs.push({ path: rel, format: f.name === 'index.html' ? 'newsroom' : 'atom', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') });
  }
  try {
    await writeAllAtomic(writes);
  } catch (e) {
    const problem = writeProblem(e, path.join(opts.outDir, 'index.html'));
    if (!problem) throw e;
    return { problem: { file: path.join(opts.outDir, 'index.html'), ruleId: 'write', severity: 'error', reason: problem.reason, hint: problem.hint } };
  }
  return { outputs };
}
