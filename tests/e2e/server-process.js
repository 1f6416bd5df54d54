// Starts the real server (embedded default: SQLite, demo data, fake WeChat) serving the H5 build.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy in time');
}

/**
 * Returns { base, api, stop, logs, dataDir }. The data directory is a fresh temp dir unless `dataDir` is
 * given (a restart over the same data: then the caller removes it); `env` adds settings;
 * `healthTimeoutMs` how long the first start (demo data loading) may take on a busy machine.
 */
async function startServer({ h5Dir, dataDir: reuse, env = {}, healthTimeoutMs = 60_000 }) {
  const main = path.join(REPO, 'server', 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` at the repository root first`);
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error(`${h5Dir} has no index.html: run \`npm run build:h5\` in miniapp/`);
  const port = await freePort();
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kejing-e2e-'));
  const logs = [];
  const child = spawn(process.execPath, [main], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, H5_DIR: h5Dir, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(base, child, healthTimeoutMs);
  } catch (e) {
    child.kill('SIGTERM');
    throw new Error(`${e.message}\n${logs.join('')}`);
  }
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    if (!reuse) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  /** A JSON call to the server as a test's setup makes it; throws with the status and body on 400 or more. */
  async function api(method, url, token, body) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  return { base, api, stop, logs, dataDir };
}

module.exports = { startServer, REPO };
