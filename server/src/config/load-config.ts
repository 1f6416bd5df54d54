import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventIdLayout } from '../modules/events/event-id';
import { MINI_PROGRAM_ENVS, type MiniProgramEnv } from '../wechat/wechat-client';

export interface AppConfig {
  env: 'production' | 'development' | 'test';
  port: number;
  dataDir: string;
  /** null means the embedded SQLite file under dataDir. */
  databaseUrl: string | null;
  h5Dir: string | null;
  loadDemo: boolean;
  /** DEV_CLOCK_SHIFT_DAYS in ms: the server and the daily job act as if that many days later (never in production). */
  devClockShiftMs: number;
  wechat: { appId: string; appSecret: string; apiBaseUrl: string; timeoutMs: number; useFake: boolean; miniProgramEnv?: MiniProgramEnv };
  session: { secret: string; ttlSeconds: number; issuer: string; audience: string };
  shareSecret: string;
  phoneEncryptionKey: Buffer;
  phoneHashKey: Buffer;
  adminBootstrapToken: string;
  ingest: { flushMaxRows: number; flushMaxInFlight: number; dbTimeoutMs: number };
  scoring: ScoringSettings;
  /** How many server processes `npm start` runs (node's cluster) and what each of them does. */
  processes: { count: number; role: ProcessRole; eventIds?: EventIdLayout };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** redis://… shares rate-limit counters between processes; null keeps them in memory. */
  redisUrl: string | null;
  /**
   * Proxies in front of the server whose X-Forwarded-For entries are believed (0: none, the header
   * is ignored and the socket's address is the client's). Anything a client writes there itself
   * would otherwise choose the key of every per-IP limit.
   */
  trustProxyHops: number;
  rateLimits: RateLimitConfig;
  retention: RetentionConfig;
  contentReview: ContentReviewConfig;
  pool: PoolConfig;
  notifications: NotificationSettings;
  /** Where uploaded images (QR codes, photos) are kept: under dataDir unless UPLOADS_DIR says. */
  uploadsDir: string;
}

/** The team pool (公海): how many contacts an agent may claim a day, and after how many days without follow-up a claimed contact goes back. */
export interface PoolConfig {
  claimsPerDay: number;
  takeBackAfterDays: number;
}

/**
 * The agent's notices: WeChat subscription-message template ids (null: that template is not pushed,
 * the notice stays in the app), each agent's default quiet hours ("HH:MM" China time) and daily cap,
 * and how often queued pushes are looked for.
 */
export interface NotificationSettings {
  templates: { activity: string | null; message: string | null; reminder: string | null };
  quietStart: string;
  quietEnd: string;
  dailyCap: number;
  deliverEveryMs: number;
}

/**
 * all: HTTP, the scorer and the daily job; api: HTTP only (its touchpoints are scored by worker
 * processes, which find them unscored in the table); worker: the scorer and the daily job only.
 */
export type ProcessRole = 'all' | 'api' | 'worker';
export const PROCESS_ROLES: readonly ProcessRole[] = ['all', 'api', 'worker'];
export const EVENT_ID_LAYOUTS: readonly EventIdLayout[] = ['time', 'spread'];

export interface ScoringSettings {
  pollMs: number;
  /** Hour (China time) from which the day's daily job is due. */
  dailyJobHour: number;
  /** How long a process's claim on a daily-job part lasts without a heartbeat (then another takes it). */
  dailyJobLeaseMs: number;
  /** How often a process looks whether a day's run is due. */
  dailyJobCheckMs: number;
}

/**
 * fourEyes: a content version is approved by someone other than whoever wrote or submitted it (the
 * maker–checker rule compliance teams expect). A team with a single operator turns it off.
 */
export interface ContentReviewConfig {
  fourEyes: boolean;
}

/** Requests per window for one key; 0 turns that limit off. */
export interface RateLimitConfig {
  windowMs: number;
  login: { perIp: number };
  events: { perUser: number; perIp: number; perShare: number };
  leads: { perUser: number; perIp: number; perShare: number };
}

/** Days each data class is kept; 0 keeps it for ever. The daily job deletes what is older. */
export interface RetentionConfig {
  /** Customer tracking touchpoints (opens, reads, video, card views …); leads and agent-logged actions are the sales trail and stay. */
  rawEventsDays: number;
  /** A lead whose contact did nothing after leaving it (and the agent logged nothing). */
  unengagedLeadsDays: number;
  /**
   * An agent's notices (提醒: reads, leads, 留言, silences): the list shows the newest, and what a
   * notice points at stays on the contact's timeline, so old ones are only clutter and personal data.
   */
  noticesDays: number;
}

type Env = Record<string, string | undefined>;

interface Defaults {
  port: number;
  dataDir: string;
  h5Dir: string;
  loadDemo: boolean;
  wechat: { apiBaseUrl: string; timeoutMs: number };
  session: { ttlSeconds: number; issuer: string; audience: string };
  ingest: { flushMaxRows: number; flushMaxInFlight: number; dbTimeoutMs: number };
  scoring: ScoringSettings;
  processes: { count: number; role: ProcessRole; eventIds?: EventIdLayout };
  logLevel: AppConfig['logLevel'];
  trustProxyHops: number;
  rateLimits: RateLimitConfig;
  retention: RetentionConfig;
  contentReview: ContentReviewConfig;
  pool: PoolConfig;
  notifications: Omit<NotificationSettings, 'templates'>;
}

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

function readDefaults(): Defaults {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'config', 'default.json'), 'utf8')) as Defaults;
}

/** config/default.json's retention, for callers built without a loaded config (tests). */
export function retentionDefaults(): RetentionConfig {
  return { ...readDefaults().retention };
}

/** config/default.json's pool settings, for callers built without a loaded config (tests). */
export function poolDefaults(): PoolConfig {
  return { ...readDefaults().pool };
}

function intFrom(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`config: ${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** Dev secrets persist in the data folder so sessions and share links survive a restart. */
function devSecrets(dataDir: string): Record<string, string> {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const secrets = {
    SESSION_SECRET: randomBytes(32).toString('base64'),
    SHARE_SECRET: randomBytes(32).toString('base64'),
    PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PHONE_HASH_KEY: randomBytes(32).toString('base64'),
    ADMIN_BOOTSTRAP_TOKEN: randomBytes(24).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Reads config/default.json and the environment; fails fast on a bad or missing production value. */
export function loadConfig(env: Env = process.env): AppConfig {
  const defaults = readDefaults();
  const mode: AppConfig['env'] =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const clockShiftDays = intFrom(env, 'DEV_CLOCK_SHIFT_DAYS', 0);
  if (clockShiftDays !== 0 && mode === 'production') throw new Error('config: DEV_CLOCK_SHIFT_DAYS is for trying things out and is refused in production');
  const dataDir = resolve(REPO_ROOT, env.DATA_DIR ?? defaults.dataDir);
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null;
  if (databaseUrl && !/^mysql:\/\//.test(databaseUrl)) {
    throw new Error('config: DATABASE_URL must start with mysql:// (leave it unset for the embedded SQLite)');
  }
  const needsSecret = (name: string): string => {
    const value = env[name];
    if (value) return value;
    if (mode === 'production') throw new Error(`config: ${name} is required in production`);
    return devSecrets(dataDir)[name] as string;
  };
  const appId = env.WECHAT_APP_ID ?? '';
  const appSecret = env.WECHAT_APP_SECRET ?? '';
  const useFake = !appId || !appSecret;
  if (useFake && mode === 'production') throw new Error('config: WECHAT_APP_ID and WECHAT_APP_SECRET are required in production');
  const phoneKey = Buffer.from(needsSecret('PHONE_ENCRYPTION_KEY'), 'base64');
  if (phoneKey.length !== 32) throw new Error('config: PHONE_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  const sessionSecret = needsSecret('SESSION_SECRET');
  if (Buffer.byteLength(sessionSecret) < 32) throw new Error('config: SESSION_SECRET must be at least 32 bytes');
  const logLevel = (env.LOG_LEVEL ?? defaults.logLevel) as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new Error(`config: LOG_LEVEL "${logLevel}" is not a level`);
  const h5Dir = resolve(REPO_ROOT, env.H5_DIR ?? defaults.h5Dir);
  return {
    env: mode,
    port: intFrom(env, 'PORT', defaults.port),
    dataDir,
    databaseUrl,
    h5Dir: existsSync(h5Dir) ? h5Dir : null,
    devClockShiftMs: clockShiftDays * 86_400_000,
    loadDemo: env.LOAD_DEMO !== undefined ? env.LOAD_DEMO === 'true' : defaults.loadDemo && databaseUrl === null,
    wechat: {
      appId: useFake ? 'wx-fake-appid' : appId,
      appSecret: useFake ? 'fake-app-secret' : appSecret,
      apiBaseUrl: env.WECHAT_API_BASE_URL ?? defaults.wechat.apiBaseUrl,
      timeoutMs: intFrom(env, 'WECHAT_TIMEOUT_MS', defaults.wechat.timeoutMs),
      useFake: useFake && env.WECHAT_API_BASE_URL === undefined,
      miniProgramEnv: miniProgramEnvFrom(env),
    },
    session: {
      secret: sessionSecret,
      ttlSeconds: intFrom(env, 'SESSION_TTL_SECONDS', defaults.session.ttlSeconds),
      issuer: defaults.session.issuer,
      audience: env.SESSION_AUDIENCE ?? defaults.session.audience,
    },
    shareSecret: needsSecret('SHARE_SECRET'),
    phoneEncryptionKey: phoneKey,
    phoneHashKey: Buffer.from(needsSecret('PHONE_HASH_KEY'), 'base64'),
    adminBootstrapToken: needsSecret('ADMIN_BOOTSTRAP_TOKEN'),
    ingest: {
      flushMaxRows: intFrom(env, 'INGEST_FLUSH_MAX_ROWS', defaults.ingest.flushMaxRows),
      flushMaxInFlight: Math.max(1, intFrom(env, 'INGEST_FLUSH_MAX_IN_FLIGHT', defaults.ingest.flushMaxInFlight)),
      dbTimeoutMs: intFrom(env, 'DB_TIMEOUT_MS', defaults.ingest.dbTimeoutMs),
    },
    scoring: {
      pollMs: intFrom(env, 'SCORING_POLL_MS', defaults.scoring.pollMs),
      dailyJobHour: intFrom(env, 'DAILY_JOB_HOUR', defaults.scoring.dailyJobHour),
      dailyJobLeaseMs: Math.max(1000, intFrom(env, 'DAILY_JOB_LEASE_MS', defaults.scoring.dailyJobLeaseMs)),
      dailyJobCheckMs: Math.max(1000, intFrom(env, 'DAILY_JOB_CHECK_MS', defaults.scoring.dailyJobCheckMs)),
    },
    processes: processesFrom(env, defaults.processes),
    logLevel,
    redisUrl: env.REDIS_URL && env.REDIS_URL.trim() !== '' ? env.REDIS_URL : null,
    trustProxyHops: intFrom(env, 'TRUST_PROXY_HOPS', defaults.trustProxyHops),
    rateLimits: rateLimitsFrom(env, defaults.rateLimits),
    retention: {
      rawEventsDays: intFrom(env, 'RETENTION_RAW_EVENTS_DAYS', defaults.retention.rawEventsDays),
      unengagedLeadsDays: intFrom(env, 'RETENTION_UNENGAGED_LEADS_DAYS', defaults.retention.unengagedLeadsDays),
      noticesDays: intFrom(env, 'RETENTION_NOTICES_DAYS', defaults.retention.noticesDays),
    },
    contentReview: { fourEyes: boolFrom(env, 'CONTENT_FOUR_EYES', defaults.contentReview.fourEyes) },
    pool: {
      claimsPerDay: Math.max(0, intFrom(env, 'POOL_CLAIMS_PER_DAY', defaults.pool.claimsPerDay)),
      takeBackAfterDays: Math.max(1, intFrom(env, 'POOL_TAKE_BACK_AFTER_DAYS', defaults.pool.takeBackAfterDays)),
    },
    notifications: notificationsFrom(env, defaults.notifications, useFake),
    uploadsDir: resolve(REPO_ROOT, env.UPLOADS_DIR ?? join(dataDir, 'uploads')),
  };
}

function notificationsFrom(env: Env, d: Defaults['notifications'], useFake: boolean): NotificationSettings {
  // With the local fake WeChat, made-up template ids let the demo push end to end.
  const template = (name: string, fake: string) => (env[name] && env[name]?.trim() !== '' ? (env[name] as string) : useFake ? fake : null);
  const hhmm = (name: string, fallback: string) => {
    const value = env[name] ?? fallback;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw new Error(`config: ${name} must be HH:MM, got "${value}"`);
    return value;
  };
  return {
    templates: {
      activity: template('WECHAT_TEMPLATE_ACTIVITY', 'fake-tmpl-activity'),
      message: template('WECHAT_TEMPLATE_MESSAGE', 'fake-tmpl-message'),
      reminder: template('WECHAT_TEMPLATE_REMINDER', 'fake-tmpl-reminder'),
    },
    quietStart: hhmm('NOTICE_QUIET_START', d.quietStart),
    quietEnd: hhmm('NOTICE_QUIET_END', d.quietEnd),
    dailyCap: intFrom(env, 'NOTICE_DAILY_CAP', d.dailyCap),
    deliverEveryMs: Math.max(1000, intFrom(env, 'NOTICE_DELIVER_EVERY_MS', d.deliverEveryMs)),
  };
}

function processesFrom(env: Env, d: AppConfig['processes']): AppConfig['processes'] {
  const count = intFrom(env, 'WEB_CONCURRENCY', d.count);
  if (count < 1) throw new Error('config: WEB_CONCURRENCY must be at least 1');
  const role = (env.PROCESS_ROLE === undefined || env.PROCESS_ROLE === '' ? d.role : env.PROCESS_ROLE) as ProcessRole;
  if (!PROCESS_ROLES.includes(role)) throw new Error(`config: PROCESS_ROLE must be one of ${PROCESS_ROLES.join(', ')}, got "${env.PROCESS_ROLE}"`);
  const eventIds = (env.EVENT_ID_LAYOUT === undefined || env.EVENT_ID_LAYOUT === '' ? d.eventIds ?? 'time' : env.EVENT_ID_LAYOUT) as EventIdLayout;
  if (!EVENT_ID_LAYOUTS.includes(eventIds)) throw new Error(`config: EVENT_ID_LAYOUT must be one of ${EVENT_ID_LAYOUTS.join(', ')}, got "${env.EVENT_ID_LAYOUT}"`);
  return { count, role, eventIds };
}

function boolFrom(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function rateLimitsFrom(env: Env, d: RateLimitConfig): RateLimitConfig {
  const windowMs = intFrom(env, 'RATE_LIMIT_WINDOW_MS', d.windowMs);
  if (windowMs < 1000) throw new Error('config: RATE_LIMIT_WINDOW_MS must be at least 1000');
  return {
    windowMs,
    login: { perIp: intFrom(env, 'RATE_LIMIT_LOGIN_PER_IP', d.login.perIp) },
    events: {
      perUser: intFrom(env, 'RATE_LIMIT_EVENTS_PER_USER', d.events.perUser),
      perIp: intFrom(env, 'RATE_LIMIT_EVENTS_PER_IP', d.events.perIp),
      perShare: intFrom(env, 'RATE_LIMIT_EVENTS_PER_SHARE', d.events.perShare),
    },
    leads: {
      perUser: intFrom(env, 'RATE_LIMIT_LEADS_PER_USER', d.leads.perUser),
      perIp: intFrom(env, 'RATE_LIMIT_LEADS_PER_IP', d.leads.perIp),
      perShare: intFrom(env, 'RATE_LIMIT_LEADS_PER_SHARE', d.leads.perShare),
    },
  };
}

/** WECHAT_MINIPROGRAM_ENV: which version of the mini program a poster's code opens. */
function miniProgramEnvFrom(env: Env): MiniProgramEnv {
  const value = env.WECHAT_MINIPROGRAM_ENV;
  if (value === undefined || value === '') return 'release';
  if (!(MINI_PROGRAM_ENVS as readonly string[]).includes(value)) throw new Error(`WECHAT_MINIPROGRAM_ENV must be one of ${MINI_PROGRAM_ENVS.join(', ')}, got "${value}"`);
  return value as MiniProgramEnv;
}
