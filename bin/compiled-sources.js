/**
 * Runs the TypeScript sources without a build step and without a loader in
 * the way: the first start after a change bundles src/ and the JavaScript
 * packages it uses with esbuild into node_modules/.cache/broadsheet/, and
 * later starts import that plain JavaScript directly. Loading through tsx's
 * off-thread hooks doubled start-up time and cost each process ~60 MB more;
 * loading ~300 compiled files and ~360 package files one by one was most of
 * what remained (2 workers: 1.5 s to the first page before bundling, 0.9 s after).
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Kept beside other tools' caches, so a checkout stays clean and `npm ci` starts afresh.
const CACHE = join('node_modules', '.cache', 'broadsheet');
// Older builds are kept for processes still running from them; beyond this many they are removed.
const KEEP_BUILDS = 3;

function listFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, out);
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * A fingerprint of the sources (names, sizes, modification times), of the installed packages (npm's record
 * of them), of this file and of where the checkout is (the bundle refers to files beside it by path).
 */
function fingerprintOf(root, files) {
  const hash = createHash('sha256');
  hash.update(`${root}\n`);
  for (const record of ['node_modules/.package-lock.json', 'package-lock.json']) {
    if (!existsSync(join(root, record))) continue;
    const stat = statSync(join(root, record));
    hash.update(`${record} ${stat.size} ${stat.mtimeMs}\n`);
  }
  const esbuild = JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8'));
  hash.update(`esbuild ${esbuild.version}\n`);
  // How this file compiles is part of the build too.
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${relative(root, file)} ${stat.size} ${stat.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

// Files other code starts on its own: the command line, and the worker thread that ranks related articles.
const ENTRY_POINTS = ['src/cli/main.ts', 'src/related/related-list-worker.ts'];

/**
 * Sources find files beside them through `import.meta.url` (`new URL('../../public/site.css', import.meta.url)`,
 * the related worker). In a bundle that URL would be the chunk's, so each source gets the URL its own file
 * has in the build's mirror of the source tree, where those neighbours are.
 */
function ownUrlPlugin(root, target) {
  return {
    name: 'own-import-meta-url',
    setup(builder) {
      builder.onLoad({ filter: /\.tsx?$/ }, (args) => {
        const code = readFileSync(args.path, 'utf8');
        if (!code.includes('import.meta.url')) return undefined;
        const own = pathToFileURL(join(target, relative(root, args.path).replace(/\.tsx?$/, '.js'))).href;
        return {
          contents: code.replaceAll('import.meta.url', JSON.stringify(own)),
          loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

const EXTERNAL_PACKAGES = ['better-sqlite3', 'pg', 'pg-native', 'sharp', 'nodemailer', 'tsx', 'esbuild'];

async function build(root, files, target) {
  const building = `${target}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  try {
    await bundleInto(root, files, building, target);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  try {
    renameSync(building, target);
  } catch (error) {
    // Another process finished the same build first.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
}

/** Writes the bundle into `building`; its sources will find themselves at `target` once it is renamed there. */
async function bundleInto(root, files, building, target) {
  const { build: bundle, stop } = await import('esbuild');
  // One bundle, split at dynamic imports so commands still load only what they use: a few chunks load far
  // faster than ~300 modules (each resolved, read and compiled on its own), and every process pays that.
  try {
    await bundle({
      absWorkingDir: root,
      entryPoints: ENTRY_POINTS,
      outbase: root,
      outdir: building,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Native modules stay outside (they load their binaries from beside themselves), as do packages
      // loaded only on demand; everything else is bundled too: the app's ~360 CommonJS files were most of start-up.
      external: EXTERNAL_PACKAGES,
      // Bundled CommonJS code calls require() for Node's own modules.
      banner: {
        js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
      },
      jsx: 'transform',
      jsxFactory: 'h',
      jsxFragment: 'Fragment',
      // Beside the file, so they cost nothing unless Node runs with --enable-source-maps.
      sourcemap: 'linked',
      chunkNames: 'src/chunks/[name]-[hash]',
      logLevel: 'silent',
      plugins: [ownUrlPlugin(root, target)],
    });
  } finally {
    // esbuild's service process would otherwise live as long as the server does (185 MB resident, measured once).
    await stop();
  }
  for (const file of files) {
    if (/\.tsx?$/.test(file) || file.endsWith('.md')) continue;
    const out = join(building, relative(root, file));
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(file, out);
  }
  symlinkSync(join(root, 'public'), join(building, 'public'));
  writeFileSync(join(building, 'package.json'), '{ "type": "module" }\n');
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function removeOldBuilds(cache, current) {
  // A build whose process was killed leaves its folder behind.
  for (const entry of readdirSync(cache, { withFileTypes: true })) {
    const pid = /\.(\d+)\.tmp$/.exec(entry.name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(cache, entry.name), { recursive: true, force: true });
  }
  const builds = readdirSync(cache, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== current && !e.name.endsWith('.tmp'))
    .map((e) => ({ path: join(cache, e.name), at: statSync(join(cache, e.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEEP_BUILDS - 1)) rmSync(old.path, { recursive: true, force: true });
}

/** The path of `entry` (one of ENTRY_POINTS) in the bundle, bundling first when the sources or packages changed. */
export async function compiledPath(root, entry) {
  const files = listFiles(join(root, 'src'));
  const cache = join(root, CACHE);
  const target = join(cache, fingerprintOf(root, files));
  if (!existsSync(target)) {
    mkdirSync(cache, { recursive: true });
    await build(root, files, target);
    removeOldBuilds(cache, relative(cache, target));
  }
  return join(target, entry.replace(/\.tsx?$/, '.js'));
}
