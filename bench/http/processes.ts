/**
 * Processes the benchmark starts and watches: `broadsheet serve --workers N`
 * (time from spawn to the first 200, memory of the primary and its workers)
 * and nginx with a throwaway configuration serving one saved page.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory of one process in bytes (0 when it is gone). */
function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The ids of `pid`'s direct children, from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the parent id is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}

/** Memory of a server: the sum over the primary and its workers, and the largest worker. */
export interface ServerMemory {
  totalBytes: number;
  largestWorkerBytes: number;
  processes: number;
}

/** Measures the memory of `pid` and its child processes. */
export function serverMemory(pid: number): ServerMemory {
  const workers = childrenOf(pid).map(rssOf);
  const primary = rssOf(pid);
  return {
    totalBytes: primary + workers.reduce((a, b) => a + b, 0),
    largestWorkerBytes: workers.length ? Math.max(...workers) : primary,
    processes: 1 + workers.length,
  };
}

async function waitFor200(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/** A running Broadsheet server. */
export interface RunningServer {
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 on the probe path. */
  coldStartMs: number;
  /** Everything the server printed (for error reports). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `broadsheet serve --workers N` from `root` and waits until `probePath` answers 200 and every worker listens. */
export async function startBroadsheet(options: {
  root: string;
  workers: number;
  env: Record<string, string>;
  probePath: string;
}): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(options.root, 'bin/broadsheet.js'), 'serve', '--workers', String(options.workers)],
    {
      cwd: options.root,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        BROADSHEET_DEMO: '0',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const allListening = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Broadsheet is serving at')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor200(`${baseUrl}${options.probePath}`, child, 120_000);
    const coldStartMs = performance.now() - started;
    await Promise.race([
      allListening,
      new Promise((_, reject) => setTimeout(() => reject(new Error('workers did not all listen')), 60_000)),
    ]);
    return { pid: child.pid!, baseUrl, coldStartMs, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
}

/** nginx serving `html` at `path` from a throwaway prefix; resolves once it answers. */
export async function startNginx(options: {
  dir: string;
  path: string;
  html: string;
}): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const root = join(options.dir, 'root');
  const pageDir = join(root, options.path);
  mkdirSync(pageDir, { recursive: true });
  mkdirSync(join(options.dir, 'logs'), { recursive: true });
  writeFileSync(join(pageDir, 'index.html'), options.html);
  // A plain static-file setup as an operator would write it: worker per core, keep-alive, no access log.
  const conf = `worker_processes auto;
pid ${join(options.dir, 'nginx.pid')};
error_log ${join(options.dir, 'logs/error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { text/html html; }
  default_type text/html;
  client_body_temp_path ${join(options.dir, 'client_body')};
  proxy_temp_path ${join(options.dir, 'proxy')};
  fastcgi_temp_path ${join(options.dir, 'fastcgi')};
  uwsgi_temp_path ${join(options.dir, 'uwsgi')};
  scgi_temp_path ${join(options.dir, 'scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${root};
    index index.html;
  }
}
`;
  const confPath = join(options.dir, 'nginx.conf');
  writeFileSync(confPath, conf);
  const child = spawn('nginx', ['-c', confPath, '-p', options.dir, '-g', 'daemon off; user root;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGQUIT');
    await exited;
  };
  try {
    await waitFor200(`${baseUrl}${options.path}`, child, 10_000);
  } catch (error) {
    await stop();
    throw new Error(`nginx did not start: ${(error as Error).message}\n${output}`);
  }
  return { baseUrl, stop };
}
