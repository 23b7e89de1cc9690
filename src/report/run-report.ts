/**
 * What `generate` prints about many sources. Workers finish in any order; each
 * source's lines are printed in the order of the sources, as soon as every
 * source before it is done, so that logs are the same from run to run.
 */
import type { Message } from '../messages.js';
import { type Io, printMessages } from './io.js';
import type { Progress } from './progress.js';

/** What this needs of a source's report (the pipeline's SourceReport has it): reporting stands below the pipeline. */
interface ReportedSource {
  file: string;
  outputs: readonly { path: string }[];
  messages: readonly Message[];
  ok: boolean;
  /** not written for a reason of the machine (an errno code) */
  environment?: string;
}

type Done = { kind: 'report'; report: ReportedSource } | { kind: 'up-to-date'; file: string };

export class RunReport {
  private readonly index = new Map<string, number>();
  private readonly slots: (Done | undefined)[];
  private next = 0;
  private finished = 0;
  files = 0;
  failed = 0;
  upToDate = 0;
  /** sources not written for a reason of the machine, by errno code: told for the first, counted for the others */
  readonly environment = new Map<string, number>();

  constructor(
    private readonly io: Io,
    order: readonly string[],
    private readonly opts: { quiet?: boolean; progress: Progress },
  ) {
    order.forEach((f, i) => this.index.set(f, i));
    this.slots = new Array<Done | undefined>(order.length);
  }

  add(done: Done): void {
    const file = done.kind === 'report' ? done.report.file : done.file;
    this.slots[this.index.get(file)!] = done;
    if (done.kind === 'up-to-date') this.upToDate++;
    else {
      this.files += done.report.outputs.length;
      if (!done.report.ok) this.failed++;
    }
    this.opts.progress.update(++this.finished);
    this.flush();
  }

  private flush(): void {
    while (this.next < this.slots.length && this.slots[this.next]) {
      const done = this.slots[this.next++]!;
      this.opts.progress.around(() => this.print(done));
    }
  }

  private print(done: Done): void {
    if (done.kind === 'up-to-date') {
      if (!this.opts.quiet) this.io.out(`${done.file}: up to date\n`);
      return;
    }
    const kind = done.report.environment;
    const seen = kind ? (this.environment.get(kind) ?? 0) : 0;
    if (kind) this.environment.set(kind, seen + 1);
    // a full disk or a read-only folder is the same news for every source: told once, at the first
    printMessages(this.io, seen ? done.report.messages.filter((m) => m.ruleId !== 'write') : done.report.messages);
    if (!this.opts.quiet) for (const o of done.report.outputs) this.io.out(`${o.path}\n`);
  }

  /** After the run: how many more sources the machine's problems stopped. */
  environmentSummary(): void {
    for (const [kind, n] of this.environment) if (n > 1) this.io.err(`pressready: ${n - 1} more source${n === 2 ? '' : 's'} not written for the same reason (${kind})\n`);
  }
}
