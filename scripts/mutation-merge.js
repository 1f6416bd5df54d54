#!/usr/bin/env node
// Merges the incremental reports of a measurement run in pieces (reports/inc-<piece>.json, see
// mutation-testing.md) into one file Stryker reuses: `node scripts/mutation-merge.js out.json in1.json in2.json …`.
//
// Each piece's report holds its own files' mutants, and the tests of its dry run with ids numbered
// for that run only, so the pieces' ids cannot simply be pooled. This script keeps, for each test
// file, the newest piece's copy (by file time: pieces run one after another), renumbers every test
// once and rewrites each mutant's coveredBy/killedBy through the test's file and name; a test whose
// text changed since an older piece, or is gone, is dropped from that piece's mutants, so Stryker
// reruns a killed mutant whose killer changed. For a source file in several pieces, the newest wins.
const { readFileSync, writeFileSync, statSync } = require('node:fs');

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  process.stderr.write('usage: node scripts/mutation-merge.js <out.json> <piece.json>...\n');
  process.exit(2);
}
// Oldest first, so that a later piece overrides an earlier one.
const pieces = inputs
  .map((file) => ({ file, mtime: statSync(file).mtimeMs, report: JSON.parse(readFileSync(file, 'utf8')) }))
  .sort((a, b) => a.mtime - b.mtime);

// A test is known by its file and name (the nth of that name, for repeats). Its text is the source
// from its start to the next test's start: an old piece's result names it only if that text is
// unchanged in the newest copy (a rewritten test must prove its kills again).
function testsOf(fileName, testFile) {
  const lines = (testFile.source ?? '').split('\n');
  const offset = (t) => {
    const at = t.location?.start;
    if (!at) return -1;
    return lines.slice(0, at.line - 1).reduce((n, l) => n + l.length + 1, 0) + at.column - 1;
  };
  const starts = testFile.tests.map(offset);
  const sorted = [...new Set(starts)].filter((o) => o >= 0).sort((a, b) => a - b);
  const seen = new Map();
  return testFile.tests.map((test, i) => {
    const n = (seen.get(test.name) ?? 0) + 1;
    seen.set(test.name, n);
    const start = starts[i];
    const end = sorted.find((o) => o > start) ?? undefined;
    const text = start < 0 ? null : (testFile.source ?? '').slice(start, end);
    return { test, key: `${fileName}\n${test.name}\n${n}`, text };
  });
}

// Newest copy of every test file.
const testFiles = {};
for (const { report } of pieces) {
  for (const [fileName, testFile] of Object.entries(report.testFiles ?? {})) testFiles[fileName] = structuredClone(testFile);
}
// One id per test identity, with its text in the newest copy.
const newest = new Map();
let next = 0;
for (const [fileName, testFile] of Object.entries(testFiles)) {
  for (const { test, key, text } of testsOf(fileName, testFile)) {
    test.id = String(next++);
    newest.set(key, { id: test.id, text });
  }
}

const files = {};
let dropped = 0;
for (const { report } of pieces) {
  // This piece's test ids → the newest copy's ids, for tests whose text is unchanged.
  const idMap = new Map();
  for (const [fileName, testFile] of Object.entries(report.testFiles ?? {})) {
    for (const { test, key, text } of testsOf(fileName, testFile)) {
      const now = newest.get(key);
      if (now && now.text === text) idMap.set(test.id, now.id);
    }
  }
  const remap = (ids) => {
    const kept = ids?.map((id) => idMap.get(id)).filter((id) => id !== undefined);
    dropped += (ids?.length ?? 0) - (kept?.length ?? 0);
    return kept;
  };
  for (const [fileName, file] of Object.entries(report.files)) {
    files[fileName] = {
      ...file,
      mutants: file.mutants.map((m) => ({ ...m, coveredBy: remap(m.coveredBy), killedBy: remap(m.killedBy) })),
    };
  }
}

const last = pieces[pieces.length - 1].report;
writeFileSync(out, JSON.stringify({ ...last, files, testFiles }));
const mutants = Object.values(files).reduce((n, f) => n + f.mutants.length, 0);
process.stdout.write(`${out}: ${Object.keys(files).length} files, ${mutants} mutants, ${next} tests from ${pieces.length} pieces; ${dropped} references to changed or removed tests dropped\n`);
