// The fences fail on a planted violation, and the list of known exceptions only shrinks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { KNOWN_CROSS_MODULE_ENTITY_IMPORTS } from './known-entity-imports.mjs';

const repo = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: repo });

async function rulesBroken(path, code) {
  const [result] = await eslint.lintText(code, { filePath: join(repo, path) });
  return result.messages.map((m) => m.ruleId);
}

test('shared/ importing node:fs is refused', async () => {
  assert.deepEqual(await rulesBroken('shared/src/kyc1984/planted.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"), ['kejing/shared-is-pure']);
});

test('shared/ importing server code is refused', async () => {
  assert.deepEqual(await rulesBroken('shared/src/kyc1984/planted.ts', "import { Clock } from '../../../server/src/lib/clock';\nexport type C = Clock;\n"), ['kejing/shared-is-pure']);
});

test('shared/ reading the clock, randomness or a timer is refused', async () => {
  assert.deepEqual(await rulesBroken('shared/src/kyb134/planted.ts', 'export const a = Date.now();\n'), ['no-restricted-properties']);
  assert.deepEqual(await rulesBroken('shared/src/kyb134/planted.ts', 'export const a = Math.random();\n'), ['no-restricted-properties']);
  assert.deepEqual(await rulesBroken('shared/src/kyb134/planted.ts', 'export const a = new Date();\n'), ['no-restricted-syntax']);
  assert.deepEqual(await rulesBroken('shared/src/kyb134/planted.ts', 'setTimeout(() => undefined, 1);\n'), ['no-restricted-globals']);
});

test('shared/ importing shared/ and a dated Date are fine', async () => {
  assert.deepEqual(await rulesBroken('shared/src/kyb134/planted.ts', "import { STAGES } from '../contracts';\nexport const a = [STAGES, new Date(0)];\n"), []);
});

test("a module importing another module's entity is refused", async () => {
  assert.deepEqual(await rulesBroken('server/src/modules/leads/planted.ts', "import { Contact } from '../contacts/contact.entity';\nexport type C = Contact;\n"), ['kejing/entities-stay-home']);
});

test('middleware/ importing any entity is refused', async () => {
  assert.deepEqual(await rulesBroken('server/src/middleware/planted.ts', "import { Lead } from '../modules/leads/lead.entity';\nexport type L = Lead;\n"), ['kejing/entities-stay-home']);
});

test('a module importing its own entity is fine', async () => {
  assert.deepEqual(await rulesBroken('server/src/modules/leads/planted.ts', "import { Lead } from './lead.entity';\nexport type L = Lead;\n"), []);
});

test('every known cross-module entity import still exists (remove an entry once it is gone)', () => {
  for (const entry of KNOWN_CROSS_MODULE_ENTITY_IMPORTS) {
    const [from, to] = entry.split(' -> ');
    const source = readFileSync(join(repo, from), 'utf8');
    const entityFile = to.split('/').pop();
    assert.ok(source.includes(`${entityFile}'`), `${entry}: the import is gone, so drop it from known-entity-imports.mjs`);
  }
});
