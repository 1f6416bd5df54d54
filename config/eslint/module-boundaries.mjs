// ESLint rules that keep ARCHITECTURE.md's fences: which folder may import what.
import { dirname, relative, resolve, sep } from 'node:path';

const repo = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const inRepo = (file) => relative(repo, file).split(sep).join('/');

/** Where an import lands, as a repo-relative path (package imports stay as written). */
function target(fromFile, source) {
  if (source.startsWith('.')) return inRepo(resolve(dirname(fromFile), source));
  if (source === '@kejing/shared' || source.startsWith('@kejing/shared/')) return 'shared/src';
  if (source === '@kejing/server' || source.startsWith('@kejing/server/')) return 'server/src';
  return source;
}

const serverModuleOf = (path) => /^server\/src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;
const isEntity = (path) => /^server\/src\/modules\/[^/]+\/[^/]+\.entity$/.test(path);

/**
 * shared/ is the domain: it imports nothing outside itself (no node:*, Koa, TypeORM, Taro, React,
 * nor server/ or miniapp/ code). Test files may use test libraries.
 */
const sharedIsPure = {
  meta: { type: 'problem', schema: [], messages: { outside: 'shared/ imports nothing outside itself: {{source}}' } },
  create(context) {
    const file = inRepo(context.filename);
    if (!file.startsWith('shared/src/')) return {};
    // Tests and their helpers (test-factories, src/testing/) may use test libraries.
    const testFile = /\.test\.ts$|\/test-factories\.ts$|^shared\/src\/testing\//.test(file);
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        const to = target(context.filename, source);
        if (source.startsWith('.') ? to.startsWith('shared/src/') : testFile && ['fast-check'].includes(source)) return;
        context.report({ node, messageId: 'outside', data: { source } });
      },
    };
  },
};

/**
 * A table is read and written by the module that owns it; others go through its service or named
 * queries. So a module imports no other module's entity, and middleware/, permissions/, http/ and
 * lib/ import none at all. db/ (the entity list and migrations), testing/ and the composition
 * roots may.
 */
const entitiesStayHome = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object', properties: { allowed: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      otherModule: "{{from}} imports {{to}}: another module's entity. Use that module's service or a named query of it.",
      noEntity: "{{from}} imports {{to}}: {{folder}} imports no module's entity.",
    },
  },
  create(context) {
    const file = inRepo(context.filename);
    if (!file.startsWith('server/src/') || /\.test\.ts$/.test(file)) return {};
    const allowed = new Set(context.options[0]?.allowed ?? []);
    const fromModule = serverModuleOf(file);
    const folder = /^server\/src\/(middleware|permissions|http|lib)\//.exec(file)?.[1] ?? null;
    return {
      ImportDeclaration(node) {
        const to = target(context.filename, node.source.value);
        if (!isEntity(to) || allowed.has(`${file} -> ${to}`)) return;
        if (folder) context.report({ node, messageId: 'noEntity', data: { from: file, to, folder: `${folder}/` } });
        else if (fromModule && serverModuleOf(to) !== fromModule) context.report({ node, messageId: 'otherModule', data: { from: file, to } });
      },
    };
  },
};

export default { rules: { 'shared-is-pure': sharedIsPure, 'entities-stay-home': entitiesStayHome } };
