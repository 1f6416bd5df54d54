import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRoutes } from '../app';
import { buildOpenApi } from '../openapi/build-openapi';
import type { Services } from '../services';

// Route factories only read services inside handlers, so listing routes needs none.
const document = buildOpenApi(allRoutes({} as Services));
const file = join(__dirname, '..', '..', '..', 'docs', 'openapi.json');
writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
