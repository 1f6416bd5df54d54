#!/usr/bin/env node
// `npm run test:mutation:changed`: mutation testing of only the shared/src files changed against
// main (committed, staged, unstaged or new), reusing earlier results from
// reports/stryker-incremental.json (Stryker's --incremental), so it is cheap enough to run before
// stopping. A changed test file stands for the module it tests (same name, else what it imports).
// MUTATION_BASE=<ref> compares against another ref; extra arguments go to Stryker.
const { spawnSync, execFileSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
const base = process.env.MUTATION_BASE || 'main';
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);

// Same exclusions as stryker.config.mjs: contracts and the rule table are data, helpers are not product code.
const mutable = (file) =>
  /^shared\/src\/.+\.ts$/.test(file) &&
  !/\.test\.ts$/.test(file) &&
  !/^shared\/src\/(contracts|testing)\//.test(file) &&
  !/\/(test-fixtures|test-factories|default-rules\.zh)\.ts$/.test(file) &&
  existsSync(join(root, file));

function sourcesOfTest(testFile) {
  // foo.test.ts, foo.property.test.ts, foo.zh.test.ts → foo.ts / foo.zh.ts …
  const stem = testFile.replace(/\.test\.ts$/, '');
  const parts = stem.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const candidate = `${parts.slice(0, n).join('.')}.ts`;
    if (mutable(candidate)) return [candidate];
  }
  if (!existsSync(join(root, testFile))) return [];
  const imports = [...readFileSync(join(root, testFile), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)];
  return imports.map((m) => relative(root, join(root, dirname(testFile), `${m[1]}.ts`))).filter(mutable);
}

const changed = new Set([
  ...git('diff', '--name-only', `${base}...HEAD`),
  ...git('diff', '--name-only', 'HEAD'),
  ...git('ls-files', '--others', '--exclude-standard'),
]);
const targets = new Set();
for (const file of changed) {
  if (!file.startsWith('shared/src/')) continue;
  if (file.endsWith('.test.ts')) sourcesOfTest(file).forEach((s) => targets.add(s));
  else if (mutable(file)) targets.add(file);
}

if (targets.size === 0) {
  process.stdout.write(`No mutable file in shared/src changed against ${base}: nothing to mutate.\n`);
  process.exit(0);
}
const files = [...targets].sort();
process.stdout.write(`Mutating ${files.length} file(s) changed against ${base}:\n${files.map((f) => `  ${f}`).join('\n')}\n`);
// Static mutants (module-level tables such as DEFAULT_SCORING_CONFIG) run the whole suite each;
// the full run covers them, this quick one leaves them out.
const result = spawnSync('npx', ['stryker', 'run', '--incremental', '--ignoreStatic', '--mutate', files.join(','), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
