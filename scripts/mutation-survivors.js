#!/usr/bin/env node
// Lists the mutants a report left alive (Survived, NoCoverage), to turn each into a test or a listed
// equivalent: `node scripts/mutation-survivors.js [report.json…]` (default reports/stryker-incremental.json;
// a piece's reports/inc-<piece>.json works too). Prints file:line:column, mutator, the original code and
// its replacement, and how many tests covered it.
const { readFileSync } = require('node:fs');

const inputs = process.argv.slice(2);
if (inputs.length === 0) inputs.push('reports/stryker-incremental.json');

const alive = new Set(['Survived', 'NoCoverage']);
let count = 0;
for (const input of inputs) {
  const report = JSON.parse(readFileSync(input, 'utf8'));
  for (const [fileName, file] of Object.entries(report.files)) {
    const lines = file.source.split('\n');
    const original = ({ start, end }) => {
      if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
      return `${lines[start.line - 1].slice(start.column - 1)} …`;
    };
    const survivors = file.mutants
      .filter((m) => alive.has(m.status))
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    for (const m of survivors) {
      count += 1;
      const at = `${fileName}:${m.location.start.line}:${m.location.start.column}`;
      const covered = m.status === 'NoCoverage' ? 'no coverage' : `${m.coveredBy?.length ?? '?'} tests`;
      process.stdout.write(`${at} ${m.mutatorName} (${covered})\n    ${original(m.location).trim()}\n →  ${String(m.replacement ?? '').trim()}\n`);
    }
  }
}
process.stdout.write(`${count} mutant(s) alive\n`);
