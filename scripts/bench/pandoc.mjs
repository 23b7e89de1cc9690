/**
 * Pandoc's nearest equivalents on the same sources: md → plain, md → docx, and
 * md → pdf through wkhtmltopdf or WeasyPrint when installed (Debian: `apt-get install
 * wkhtmltopdf weasyprint`). Pandoc reads the YAML front matter as metadata (`-s`
 * prints its title).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export function pandocVersion() {
  const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** The PDF engines Pandoc can use here, fastest first as measured on the CEDAW release (wkhtmltopdf ~0.5 s, WeasyPrint ~0.9 s). */
const PDF_ENGINES = ['wkhtmltopdf', 'weasyprint'];

/**
 * Pandoc's arguments for one of our formats, or undefined when it has no equivalent here;
 * `engines`: md → pdf through each PDF engine installed (`pdf` is the first of them).
 */
export function pandocTargets() {
  const engines = Object.fromEntries(PDF_ENGINES.filter(onPath).map((engine) => [engine, (src, out) => ['-s', '-f', 'markdown', '-t', 'html', `--pdf-engine=${engine}`, '-o', out, src]]));
  const first = Object.keys(engines)[0];
  return {
    txt: (src, out) => ['-s', '-f', 'markdown', '-t', 'plain', '-o', out, src],
    docx: (src, out) => ['-s', '-f', 'markdown', '-t', 'docx', '-o', out, src],
    ...(first ? { pdf: engines[first] } : {}),
    engine: first,
    engines,
  };
}

function run(args) {
  return new Promise((resolve, reject) => {
    const p = spawn('pandoc', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`pandoc ${args.join(' ')}: ${err}`))));
  });
}

/** Every source × format, `jobs` processes at a time (as `xargs -P` or `make -j` would); wall time in ms. */
export async function pandocCorpus(sources, formats, targets, outDir, jobs) {
  const work = [];
  for (const [i, src] of sources.entries()) {
    for (const f of formats) work.push(() => run(targets[f](src, path.join(outDir, `${i}.${f}`))));
  }
  mkdirSync(outDir, { recursive: true });
  const t = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < work.length) await work[next++]();
    }),
  );
  return performance.now() - t;
}
