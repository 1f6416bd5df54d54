import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config';

describe('process settings', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kejing-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });

  it('runs one process doing everything unless told otherwise', () => {
    expect(load({}).processes).toEqual({ count: 1, role: 'all', eventIds: 'time' });
  });

  it.each([
    [{ WEB_CONCURRENCY: '4', PROCESS_ROLE: 'api' }, { count: 4, role: 'api', eventIds: 'time' }],
    [{ WEB_CONCURRENCY: '2', PROCESS_ROLE: 'worker' }, { count: 2, role: 'worker', eventIds: 'time' }],
    [{ PROCESS_ROLE: '' }, { count: 1, role: 'all', eventIds: 'time' }],
    [{ EVENT_ID_LAYOUT: 'spread' }, { count: 1, role: 'all', eventIds: 'spread' }],
  ])('reads %j as %j', (env, expected) => {
    expect(load(env).processes).toEqual(expected);
  });

  it.each([
    [{ PROCESS_ROLE: 'scorer' }, 'PROCESS_ROLE must be one of all, api, worker'],
    [{ EVENT_ID_LAYOUT: 'random' }, 'EVENT_ID_LAYOUT must be one of time, spread'],
    [{ WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY must be at least 1'],
    [{ WEB_CONCURRENCY: 'two' }, 'WEB_CONCURRENCY must be a non-negative integer'],
  ])('refuses %j at start-up, naming the setting', (env, message) => {
    expect(() => load(env)).toThrow(message);
  });

  it('moves the clock by whole days only outside production', () => {
    expect(load({}).devClockShiftMs).toBe(0);
    expect(load({ DEV_CLOCK_SHIFT_DAYS: '1' }).devClockShiftMs).toBe(86_400_000);
    expect(() => load({ NODE_ENV: 'production', DEV_CLOCK_SHIFT_DAYS: '1' })).toThrow('DEV_CLOCK_SHIFT_DAYS is for trying things out and is refused in production');
  });

  it('keeps the daily job\'s lease and check at a second or more', () => {
    expect(load({ DAILY_JOB_LEASE_MS: '10', DAILY_JOB_CHECK_MS: '0' }).scoring).toMatchObject({ dailyJobLeaseMs: 1000, dailyJobCheckMs: 1000 });
    expect(load({}).scoring).toMatchObject({ dailyJobLeaseMs: 60_000, dailyJobCheckMs: 300_000, dailyJobHour: 5 });
  });
});

describe('notice settings', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kejing-config-notices-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env });
  const realWeChat = { WECHAT_APP_ID: 'wx1234', WECHAT_APP_SECRET: 'secret' };

  it('pushes nothing with real WeChat until template ids are configured (the notices stay in the app)', () => {
    expect(load(realWeChat).notifications.templates).toEqual({ activity: null, message: null, reminder: null });
    expect(load({ ...realWeChat, WECHAT_TEMPLATE_ACTIVITY: 'tmpl-a' }).notifications.templates.activity).toBe('tmpl-a');
  });

  it('gives the local fake WeChat made-up template ids so the demo pushes end to end', () => {
    expect(load({}).notifications.templates).toEqual({ activity: 'fake-tmpl-activity', message: 'fake-tmpl-message', reminder: 'fake-tmpl-reminder' });
  });

  it('defaults quiet hours to 22:00–08:00, a cap of 10, and uploads under DATA_DIR', () => {
    const config = load({});
    expect(config.notifications).toMatchObject({ quietStart: '22:00', quietEnd: '08:00', dailyCap: 10 });
    expect(config.uploadsDir).toBe(join(dataDir, 'uploads'));
  });

  it('refuses quiet hours that are not HH:MM at start-up, naming the setting', () => {
    expect(() => load({ NOTICE_QUIET_START: '9pm' })).toThrow('NOTICE_QUIET_START must be HH:MM');
  });
});
