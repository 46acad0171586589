#!/usr/bin/env node
/*
 * carryReasons: after `npm run mutation` rewrote scripts/mutation/RESULTS.md, gives each
 * surviving mutant the reason a reviewer wrote for the same mutant in an earlier results file.
 * Places move when the runtime changes, so a mutant is matched by its piece, mutator,
 * replacement and the text of its source line (and the column within it), the old line read
 * from the runtime at the commit the earlier file was written for (several commits, comma-
 * separated, when its places came from runs at different commits: each is tried).
 *   node scripts/mutation/carryReasons.js --previous OLD_RESULTS.md --at COMMIT[,COMMIT...] [--previous ... --at ...]
 * (several pairs: the first file that has a reason for a mutant gives it)
 * Survivors with no earlier reason are listed under "not reviewed yet (new, or their line
 * changed)". Everything in the new file above "## Surviving mutants" is kept as written.
 * Must never: invent a reason, or give one survivor two.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
/** every value of a repeated option, in order */
const options = (name) => {
  const values = [];
  for (let i = 0; i < args.length - 1; i++) if (args[i] === `--${name}`) values.push(args[i + 1]);
  return values;
};

const PLACE = /^ {2}- (\S+?\.js):(\d+):(\d+) (\S+): `(.*)`$/;

/** the reasons of a results file: [{ reason, places: [{ file, line, column, mutator, replacement }] }] */
function readReasons(text) {
  const start = text.indexOf('## Surviving mutants');
  if (start < 0) return [];
  const end = text.indexOf('\n## ', start + 1);
  const groups = [];
  for (const line of text.slice(start, end < 0 ? undefined : end).split('\n')) {
    const place = PLACE.exec(line);
    if (place) {
      if (groups.length === 0) continue;
      groups[groups.length - 1].places.push({ file: place[1], line: Number(place[2]), column: Number(place[3]), mutator: place[4], replacement: place[5] });
    } else if (line.startsWith('- ')) groups.push({ reason: line.slice(2), places: [] });
  }
  return groups.filter((group) => group.places.length > 0);
}

function sourceLines(file, commit) {
  if (commit === null) return fs.readFileSync(path.join(root, 'src/runtime', file), 'utf8').split('\n');
  try {
    return execFileSync('git', ['show', `${commit}:src/runtime/${file}`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n');
  } catch {
    return []; // the piece did not exist at that commit
  }
}

function keyOf(place, lines) {
  const text = lines[place.line - 1];
  return text === undefined ? null : [path.basename(place.file), text, place.column, place.mutator, place.replacement].join('\u0000');
}

function main() {
  const files = options('previous');
  const ats = options('at');
  if (files.length === 0 || files.length !== ats.length) throw new Error('usage: carryReasons.js --previous FILE --at COMMIT[,COMMIT...] (one --at for each --previous)');
  const resultsPath = path.join(root, 'scripts/mutation/RESULTS.md');
  const current = fs.readFileSync(resultsPath, 'utf8');
  const heading = current.indexOf('## Surviving mutants');
  if (heading < 0) throw new Error('RESULTS.md has no "## Surviving mutants" section: run npm run mutation first');
  const survivors = [];
  for (const line of current.slice(heading).split('\n')) {
    const match = /^- (\S+?\.js):(\d+):(\d+) (\S+): `(.*)`$/.exec(line);
    if (match) survivors.push({ file: match[1], line: Number(match[2]), column: Number(match[3]), mutator: match[4], replacement: match[5] });
  }
  const cache = new Map();
  const linesOf = (file, at) => {
    const id = `${at}:${file}`;
    if (!cache.has(id)) cache.set(id, sourceLines(path.basename(file), at));
    return cache.get(id);
  };
  const reasonByKey = new Map();
  files.forEach((file, index) => {
    const commits = ats[index].split(',');
    for (const group of readReasons(fs.readFileSync(file, 'utf8'))) {
      for (const place of group.places) {
        for (const commit of commits) {
          const key = keyOf(place, linesOf(place.file, commit));
          if (key !== null && !reasonByKey.has(key)) reasonByKey.set(key, group.reason);
        }
      }
    }
  });
  const grouped = new Map();
  let carried = 0;
  for (const survivor of survivors) {
    const reason = reasonByKey.get(keyOf(survivor, linesOf(survivor.file, null)));
    if (reason !== undefined) carried++;
    const label = reason ?? 'not reviewed yet (new, or their line changed since the earlier review)';
    if (!grouped.has(label)) grouped.set(label, []);
    grouped.get(label).push(survivor);
  }
  const body = [`## Surviving mutants (${survivors.length}), with the reason each is left`, '', `E = judged equivalent (why); K = killable in principle, not killed (why). Reasons carried from the earlier reviews (${ats.join('; ')}) by scripts/mutation/carryReasons.js (same piece, mutator, replacement and source line); places are Stryker's on the runtime of this run.`, ''];
  for (const [reason, places] of grouped) {
    body.push(`- ${reason}`);
    for (const place of places) body.push(`  - ${place.file}:${place.line}:${place.column} ${place.mutator}: \`${place.replacement}\``);
  }
  fs.writeFileSync(resultsPath, current.slice(0, heading) + body.join('\n') + '\n');
  console.log(`${carried} of ${survivors.length} survivors carry an earlier reason; ${survivors.length - carried} are not reviewed yet`);
}

main();
