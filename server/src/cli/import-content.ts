import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load-config';
import { openDatabase } from '../db/data-source';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { BOOTSTRAP_ADMIN } from '../permissions/actor';
import { actorForStaff, ContentImporter, ImportResult } from '../modules/content/content-import';
import { buildServices } from '../services';
import { startFakeWeChat } from '../wechat/fake-wechat-server';

const USAGE = `Imports a folder of Markdown files (front-matter + body) as content items.

  npm run build && npm run content:import -w server -- <folder> [--approve --as <staffId>]

Without --approve each new or changed file becomes a draft version for review in the operator
pages (/operator). With --approve the file is submitted and approved by the staff member given
with --as (an operator or admin bound to WeChat): the forbidden-word list and WeChat's content
check run as for any submission, and the audit log records the import. Re-importing an
unchanged file does nothing; a changed file becomes a new version of the same item (by slug).
The database and WeChat settings are the server's (DATABASE_URL, WECHAT_APP_ID, …).`;

/** Parses argv: the folder and the options. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): { folder: string; approve: boolean; as: string | null } {
  const args = [...argv];
  let approve = false;
  let as: string | null = null;
  const rest: string[] = [];
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--approve') approve = true;
    else if (arg === '--as') as = args.shift() ?? null;
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else rest.push(arg);
  }
  if (rest.length !== 1) throw new Error(USAGE);
  if (approve && !as) throw new Error('--approve needs --as <staffId>: the operator who approves the imported text');
  return { folder: resolve(env.INIT_CWD ?? process.cwd(), rest[0] as string), approve, as };
}

/** One line per file, then the totals. */
export function report(results: ImportResult[]): string {
  const lines = results.map((r) => `${r.outcome.padEnd(9)} ${r.file}${r.status ? ` (${r.status})` : ''}${r.error ? `: ${r.error}` : ''}`);
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  lines.push(`${results.length} files: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('failed')} failed`);
  return lines.join('\n');
}

/** The whole command: parse, open the server's database, import, report. Returns the exit code. */
export async function runImportCli(argv: string[], env: NodeJS.ProcessEnv = process.env, write: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const options = parseArgs(argv, env);
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel === 'debug' ? 'debug' : 'warn');
  const closers: (() => Promise<void>)[] = [];
  try {
    if (config.wechat.useFake) {
      // As the server does in development: WeChat's servers are not reachable without an app id.
      const fake = await startFakeWeChat({ appId: config.wechat.appId, appSecret: config.wechat.appSecret });
      config.wechat.apiBaseUrl = fake.baseUrl;
      closers.push(fake.close);
    }
    const dataSource = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, timeoutMs: 10_000 });
    closers.push(() => dataSource.destroy());
    const services = buildServices(config, dataSource, systemClock, logger);
    const actor = options.as ? await actorForStaff(dataSource, options.as) : BOOTSTRAP_ADMIN;
    const results = await new ContentImporter(dataSource, services.contentAuthoring, services.uploads).importFolder(options.folder, { mode: options.approve ? 'approve' : 'draft', actor });
    write(`${report(results)}\n`);
    return results.some((r) => r.outcome === 'failed') ? 1 : 0;
  } finally {
    for (const close of closers.reverse()) await close();
  }
}

if (require.main === module) {
  runImportCli(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).message}\n`);
      process.exit(2);
    });
}
