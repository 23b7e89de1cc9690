/**
 * Files a template names (logo, fonts) are read only from inside the folder of
 * the template that names them: no absolute path, no `..`, no symlink that leads
 * out. Templates are data a user may have downloaded; they must not read
 * arbitrary files into a PDF.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../messages.js';

/**
 * The absolute path of `rel`, a file named by `key` in the template whose folder
 * is `dir`; a UserError naming the key when it is missing or leaves the folder.
 */
export function resolveTemplateFile(dir: string, rel: string, key: string): string {
  const file = path.join(dir, 'template.yaml');
  const fail = (reason: string, hint: string) => new UserError({ file, ruleId: 'template', severity: 'error', reason, hint });
  if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel)) {
    throw fail(`\`${key}\` names an absolute path (${rel})`, 'Put the file inside the template folder and name it relative to that folder.');
  }
  const target = path.resolve(dir, rel);
  const inside = (p: string, root: string) => {
    const r = path.relative(root, p);
    return r !== '' && !r.startsWith('..') && !path.isAbsolute(r);
  };
  if (!inside(target, dir)) {
    throw fail(`\`${key}\` leaves the template folder (${rel})`, 'Put the file inside the template folder; `..` is not allowed.');
  }
  if (!existsSync(target)) throw fail(`\`${key}\` names a file that does not exist (${rel})`, `Add ${rel} to the template folder or correct \`${key}\`.`);
  const real = realpathSync(target);
  if (!inside(real, realpathSync(dir))) {
    throw fail(`\`${key}\` is a link that leads out of the template folder (${rel})`, 'Copy the file into the template folder instead of linking to it.');
  }
  return real;
}
