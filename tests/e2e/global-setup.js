// global-setup.js — a fresh database from the sample park (one enterprise
// renamed to markup, to prove that every page escapes it), one account per
// role, and `safetrack serve` on a free port.  The teardown sends SIGTERM
// and requires a clean exit.
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '../..');
const bin = process.env.SAFETRACK || path.join(top, 'safetrack');

const accounts = {
  admin: ['admin', 'admin password 1'],
  off: ['officer', 'officer password 1', '--park', 'WSHG'],
  ent: ['enterprise', 'enterprise password 1', '--enterprise', '91654202055289139B'],
  view: ['viewer', 'viewer password 1'],
  locked: ['viewer', 'locked password 1'],
};

// the source tree's rules and templates: a sanitizer build in build/asan/
// has none beside it
const dataEnv = { ...process.env, SAFETRACK_RULES: path.join(top, 'rules'),
                  SAFETRACK_TEMPLATES: path.join(top, 'templates') };

function st(db, args, input) {
  return execFileSync(bin, ['--db', db, ...args],
                      { input, env: dataEnv, stdio: ['pipe', 'pipe', 'pipe'] });
}

module.exports = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'st-e2e-'));
  const dossier = path.join(dir, 'dossier');
  fs.cpSync(path.join(top, 'sample'), dossier, { recursive: true });
  const ents = path.join(dossier, 'enterprises.csv');
  fs.writeFileSync(ents, fs.readFileSync(ents, 'utf8').replace(
    '乌苏市永兴化工有限公司', '"<script>alert(1)</script>永兴&amp;化工"'));
  const db = path.join(dir, 'park.db');
  st(db, ['import', dossier]);
  for (const [name, [role, pw, ...rest]] of Object.entries(accounts))
    st(db, ['user', 'add', name, '--role', role, ...rest], pw + '\n');

  const server = spawn(bin, ['--db', db, 'serve', '--listen', '127.0.0.1:0'],
                       { stdio: ['ignore', 'ignore', 'pipe'],
                         env: dataEnv });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('server not ready: ' + log)), 20000);
    server.stderr.on('data', (d) => {
      log += d;
      const m = log.match(/正在监听 (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(t); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
  });
  process.env.ST_BASE_URL = url;
  process.env.ST_DB = db;
  process.env.ST_E2E_DIR = dir;

  return async () => {
    const code = await new Promise((resolve) => {
      server.removeAllListeners('exit');
      server.on('exit', (c, sig) => resolve(sig ? sig : c));
      server.kill('SIGTERM');
    });
    if (process.env.ST_E2E_LOG) fs.writeFileSync(process.env.ST_E2E_LOG, log);
    if (code !== 0) {
      console.log(`e2e: server exited ${code} after SIGTERM\n${log}`);
      process.exitCode = 1;
    }
    if (/ERROR: AddressSanitizer|runtime error:/.test(log)) {
      console.log(`e2e: sanitizer report from the server\n${log}`);
      process.exitCode = 1;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
};
