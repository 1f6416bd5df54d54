#!/usr/bin/env node
// Forgets the surviving mutants (Survived, NoCoverage) of some files in the incremental file, so the
// next `npx stryker run --incremental --mutate <those files>` runs them again against today's tests.
// Why: Stryker reruns a survivor only when a test file changed since the report last recorded it, and
// every run records all of the shared project's test files. Tests written for a file's survivors
// after a later piece ran (on other files) therefore look unchanged, and the survivors would be
// reused as alive. Killed and timed-out results are kept (adding tests cannot revive them).
// `node scripts/mutation-reopen.js <file.ts>… [--report reports/stryker-incremental.json]`.
const { readFileSync, writeFileSync } = require('node:fs');

const args = process.argv.slice(2);
const at = args.indexOf('--report');
const reportPath = at >= 0 ? args[at + 1] : 'reports/stryker-incremental.json';
const files = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
if (files.length === 0) {
  process.stderr.write('usage: node scripts/mutation-reopen.js <file.ts>… [--report <incremental.json>]\n');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
for (const file of files) {
  const entry = report.files[file];
  if (!entry) {
    process.stderr.write(`${file}: not in ${reportPath}\n`);
    process.exitCode = 1;
    continue;
  }
  const before = entry.mutants.length;
  entry.mutants = entry.mutants.filter((m) => m.status !== 'Survived' && m.status !== 'NoCoverage');
  process.stdout.write(`${file}: ${before - entry.mutants.length} surviving mutants to run again\n`);
}
writeFileSync(reportPath, JSON.stringify(report, null, 2));
