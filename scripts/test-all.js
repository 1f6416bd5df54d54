#!/usr/bin/env node
// `npm test`: type-check (the builds, the tests, the mini program), lint the OpenAPI document, then every suite — shared + server + API on SQLite, the server and API
// suites again on MySQL/MariaDB when TEST_DATABASE_URL is set, the mini program's unit and
// simulator tests, WeChat's compiler and code-quality scan on the weapp build, and the browser end-to-end test. Prints one closing line: "N passed, N failed".
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, mkdtempSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

const root = join(__dirname, '..');
const only = process.argv.slice(2); // e.g. `npm test -- server` runs one stage
const results = [];
const tmp = mkdtempSync(join(tmpdir(), 'kejing-test-'));

function run(name, command, args, env = {}, jsonFile = null, tapCounts = false) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) return;
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  // node:test prints "# pass N" / "# fail N"; read them from its output, which is still shown.
  const child = spawnSync(command, args, {
    cwd: root, env: { ...process.env, ...env }, stdio: tapCounts ? ['inherit', 'pipe', 'inherit'] : 'inherit', maxBuffer: 64 * 1024 * 1024,
  });
  if (tapCounts && child.stdout) process.stdout.write(child.stdout);
  let passed = 0;
  let failed = child.status === 0 ? 0 : 1;
  const tap = tapCounts && child.stdout ? String(child.stdout) : '';
  const tapPass = /^# pass (\d+)$/m.exec(tap);
  const tapFail = /^# fail (\d+)$/m.exec(tap);
  if (tapPass) {
    passed = Number(tapPass[1]);
    failed = Number(tapFail ? tapFail[1] : 0) + (child.status === 0 ? 0 : 1);
  } else if (jsonFile && existsSync(jsonFile)) {
    const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numRuntimeErrorTestSuites || 0) + (child.status === 0 ? 0 : report.numFailedTests === 0 ? 1 : 0);
  } else if (child.status === 0) {
    passed = 1;
  }
  results.push({ name, passed, failed, seconds: Math.round((Date.now() - started) / 1000) });
}

const jest = (name, projects, env) => {
  const out = join(tmp, `${name.replace(/\W+/g, '-')}.json`);
  // Two workers on this 2-core machine (jest's default is cores − 1: one). Every API test file has its
  // own database, and the suites wait on the database as much as they compute, so the second core
  // halved the SQLite stage (331 s → 168 s) and cut the MariaDB one from 506 s to 308 s, all passing.
  run(name, 'npx', ['jest', '--selectProjects', ...projects, '--maxWorkers=2', '--json', '--outputFile', out], env, out);
};

run('type-check', 'npx', ['tsc', '-b']);
// The builds leave tests out (they are not shipped); jest strips types without checking them, so the tests are checked here.
run('type-check of the tests', 'npx', ['tsc', '-p', 'tsconfig.tests.json']);
// An independent linter over the committed document (equal to what the routes declare, by a server test); rules in redocly.yaml.
run('OpenAPI document lint (Redocly)', 'npx', ['redocly', 'lint', 'docs/openapi.json']);
// ESLint with the architecture's fences (config/eslint), then proof that the fences catch a planted violation.
run('lint and fences', 'npx', ['eslint', '--max-warnings', '0', '.']);
run('fences catch planted violations', 'node', ['--test', 'config/eslint/'], {}, null, true);
jest('shared, server and API on SQLite', ['shared', 'server', 'api'], { TEST_DATABASE_URL: '' });
if (process.env.TEST_DATABASE_URL) {
  jest('server and API on MySQL/MariaDB', ['server', 'api'], {});
} else {
  process.stdout.write('\n(server and API suites on MySQL/MariaDB skipped: set TEST_DATABASE_URL=mysql://root@127.0.0.1:3306/test)\n');
}
if (existsSync(join(root, 'miniapp', 'node_modules'))) {
  const out = join(tmp, 'miniapp.json');
  run('mini program: type-check', 'npm', ['--prefix', 'miniapp', 'run', 'typecheck']);
  run('mini program: unit and simulator', 'npm', ['--prefix', 'miniapp', 'test', '--', '--json', '--outputFile', out], {}, out);
  // On the weapp build the stage above made (and checked for package sizes): WeChat's own compiler
  // and code-quality scan, offline through miniprogram-ci (miniapp/scripts/wechat-ci.js).
  run('mini program: WeChat toolchain (miniprogram-ci)', 'npm', ['--prefix', 'miniapp', 'run', 'wechat-ci']);
  run('mini program: browser end-to-end', 'npm', ['--prefix', 'miniapp', 'run', 'test:e2e'], {}, null, true);
} else {
  results.push({ name: 'mini program (not installed: run `npm run setup`)', passed: 0, failed: 1, seconds: 0 });
}

process.stdout.write('\n');
for (const r of results) process.stdout.write(`${r.failed === 0 ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds}s)\n`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
