/**
 * Runs the TypeScript sources without a build step and without a loader in
 * the way: the first start after a change transpiles src/ file by file with
 * esbuild (what tsx does on the fly) into node_modules/.cache/broadsheet/,
 * later starts import that plain JavaScript directly. Loading through tsx's
 * off-thread hooks doubled start-up time and cost each process ~60 MB more.
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
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** A fingerprint of the sources (names, sizes, modification times), of esbuild and of this file. */
function fingerprintOf(root, files) {
  const hash = createHash('sha256');
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

async function build(root, files, target) {
  const { transform } = await import('esbuild');
  const building = `${target}.${process.pid}.tmp`;
  rmSync(building, { recursive: true, force: true });
  await Promise.all(
    files.map(async (file) => {
      const rel = relative(root, file);
      const out = join(building, rel.replace(/\.tsx?$/, '.js'));
      mkdirSync(dirname(out), { recursive: true });
      if (!/\.tsx?$/.test(file) || file.endsWith('.d.ts')) {
        copyFileSync(file, join(building, rel));
        return;
      }
      const result = await transform(readFileSync(file, 'utf8'), {
        loader: file.endsWith('.tsx') ? 'tsx' : 'ts',
        format: 'esm',
        target: 'node20',
        jsx: 'transform',
        jsxFactory: 'h',
        jsxFragment: 'Fragment',
        // Beside the file, so they cost nothing unless Node runs with --enable-source-maps.
        sourcemap: 'external',
        sourcefile: file,
      });
      writeFileSync(out, `${result.code}//# sourceMappingURL=${basename(out)}.map\n`);
      writeFileSync(`${out}.map`, result.map);
    }),
  );
  // Sources read files beside them (`new URL('../../public/site.css', import.meta.url)`).
  symlinkSync(join(root, 'public'), join(building, 'public'));
  writeFileSync(join(building, 'package.json'), '{ "type": "module" }\n');
  try {
    renameSync(building, target);
  } catch (error) {
    // Another process finished the same build first.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
}

function removeOldBuilds(cache, current) {
  const builds = readdirSync(cache, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== current && !e.name.endsWith('.tmp'))
    .map((e) => ({ path: join(cache, e.name), at: statSync(join(cache, e.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(KEEP_BUILDS - 1)) rmSync(old.path, { recursive: true, force: true });
}

/** The path of `entry` (e.g. `src/cli/main.ts`) as compiled JavaScript, building it first when the sources changed. */
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
