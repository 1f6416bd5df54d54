#!/usr/bin/env node
// `npm run test:mutation:report`: the per-file and per-directory scores held in the incremental file
// (reports/stryker-incremental.json, committed), without running anything; and what it does not
// hold yet: mutable files never measured, and static mutants left out by --ignoreStatic. The score is
// Stryker's: killed + timed out over killed + timed out + survived + no coverage; mutants disabled as
// equivalent, compile errors and static mutants not run are outside it.
// `node scripts/mutation-report.js [report.json] [--markdown]`.
const { readFileSync, readdirSync, statSync, existsSync } = require('node:fs');
const { join, relative, posix } = require('node:path');

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const markdown = args.includes('--markdown');
const input = args.find((a) => !a.startsWith('--')) ?? join(root, 'reports/stryker-incremental.json');
if (!existsSync(input)) {
  process.stderr.write(`${input} not found: run \`npm run test:mutation\` (or merge the pieces, see mutation-testing.md) first.\n`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(input, 'utf8'));

// Same exclusions as stryker.config.mjs and scripts/mutation-changed.js.
const mutable = (file) =>
  /^shared\/src\/.+\.ts$/.test(file) &&
  !/\.test\.ts$/.test(file) &&
  !/^shared\/src\/(contracts|testing)\//.test(file) &&
  !/\/(test-fixtures|test-factories|default-rules\.zh)\.ts$/.test(file);
function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(root, path).split('\\').join('/')];
  });
}

const empty = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, staticLeft: 0, errors: 0, total: 0 });
function count(file) {
  const c = empty();
  for (const m of file.mutants) {
    c.total += 1;
    if (m.status === 'Killed') c.killed += 1;
    else if (m.status === 'Timeout') c.timeout += 1;
    else if (m.status === 'Survived') c.survived += 1;
    else if (m.status === 'NoCoverage') c.noCoverage += 1;
    else if (m.status === 'CompileError' || m.status === 'RuntimeError') c.errors += 1;
    // Ignored: either disabled in place (an equivalent listed in mutation-testing.md) or a static
    // mutant an --ignoreStatic run left for later.
    else if (m.status === 'Ignored' && /static/i.test(m.statusReason ?? '')) c.staticLeft += 1;
    else if (m.status === 'Ignored') c.equivalent += 1;
    else c.staticLeft += 1; // Pending: not run yet
  }
  return c;
}
const add = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] + b[k]]));
const score = (c) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid === 0 ? 'n/a' : ((100 * (c.killed + c.timeout)) / valid).toFixed(2);
};

const files = Object.entries(report.files)
  // Stryker names files relative to the directory it ran in: the repository root.
  .map(([name, file]) => [name.split('\\').join('/'), file])
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const dirs = new Map();
const rows = [];
for (const [name, file] of files) {
  const c = count(file);
  rows.push([name.replace(/^shared\/src\//, ''), c]);
  const dir = posix.dirname(name).replace(/^shared\/src\//, '');
  dirs.set(dir, add(dirs.get(dir) ?? empty(), c));
}
const all = rows.reduce((sum, [, c]) => add(sum, c), empty());

const header = ['file', '% score', 'killed', 'timed out', 'survived', 'no coverage', 'equivalent (disabled)', 'static (not run)', 'compile errors', 'mutants'];
const cells = (name, c) => [name, score(c), c.killed, c.timeout, c.survived, c.noCoverage, c.equivalent, c.staticLeft, c.errors, c.total].map(String);
const table = [
  ...rows.map(([name, c]) => cells(name, c)),
  ...[...dirs].map(([dir, c]) => cells(markdown ? `**${dir}/**` : `${dir}/ (all files measured)`, c)),
  cells(markdown ? '**all files measured**' : 'all files measured', all),
];
if (markdown) {
  process.stdout.write(`| ${header.join(' | ')} |\n| --- |${' ---: |'.repeat(header.length - 1)}\n`);
  for (const row of table) process.stdout.write(`| ${row.join(' | ')} |\n`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (r) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(header)}\n`);
  for (const row of table) process.stdout.write(`${line(row)}\n`);
}

const measured = new Set(files.map(([name]) => name));
const missing = listFiles(join(root, 'shared/src')).filter((f) => mutable(f) && !measured.has(f));
process.stdout.write(
  missing.length === 0
    ? '\nEvery mutable file of shared/src is in the report.\n'
    : `\nNot in ${relative(root, input) || input} (not measured yet, or nothing in it to mutate: re-exports, types): ${missing.map((f) => f.replace(/^shared\/src\//, '')).join(', ')}\n`,
);
if (all.staticLeft > 0) process.stdout.write(`Static mutants not run yet: ${all.staticLeft} (a run without --ignoreStatic measures them).\n`);
