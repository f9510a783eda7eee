/** Decides from a path (and a file's first bytes) whether it is skipped: lockfiles, vendored, generated, binary, secrets. */
import type { OmitReason } from './types';

const LOCKFILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'cargo.lock',
  'poetry.lock', 'pipfile.lock', 'pdm.lock', 'uv.lock', 'gemfile.lock', 'composer.lock', 'go.sum', 'flake.lock',
  'mix.lock', 'podfile.lock', 'pubspec.lock', 'packages.lock.json', 'gradle.lockfile', 'deno.lock', 'conda-lock.yml',
  'package.resolved', 'cartfile.resolved',
]);

const VENDORED_DIRS = new Set([
  'node_modules', 'vendor', 'vendors', 'third_party', 'third-party', 'thirdparty', 'bower_components', 'jspm_packages',
  '.yarn', '.pnpm-store', 'pods', 'carthage', '.venv', 'venv', 'site-packages', '.tox', '.bundle',
]);

// Output directories only at the top level (a nested build/ may be real source, e.g. in a compiler).
const TOP_GENERATED_DIRS = new Set(['build', 'out', 'target', 'obj', 'bin']);

const GENERATED_DIRS = new Set([
  'dist', '.next', '.nuxt', '.svelte-kit', '.output', 'coverage', '__pycache__', '.cache',
  '.gradle', '.idea', '.vs', '.terraform', '.parcel-cache', '.turbo', '.angular', 'storybook-static', '.git',
  '.hg', '.svn', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'htmlcov', '.eggs',
  '.pairwise', // Pairwise's own results and stored drafts: never part of the context
]);

const GENERATED_NAME = /(\.min\.(js|mjs|cjs|css)|\.bundle\.js|[.-]bundle\.min\.js|\.map|\.pb\.go|_pb2(_grpc)?\.pyi?|\.pb\.(h|cc)|\.g\.dart|\.freezed\.dart|\.generated\.\w+|\.designer\.cs|\.gen\.go|_generated\.go|\.pyc|\.pyo|\.snap|\.tsbuildinfo)$/i;

const BINARY_EXT = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'avif', 'tif', 'tiff', 'psd', 'heic', 'pdf', 'zip', 'gz',
  'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'ear', 'class', 'exe', 'dll', 'so', 'dylib', 'a', 'lib',
  'o', 'obj', 'bin', 'dat', 'wasm', 'node', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'mp3', 'mp4', 'm4a', 'wav', 'ogg',
  'flac', 'mov', 'avi', 'mkv', 'webm', 'sqlite', 'sqlite3', 'db', 'parquet', 'npy', 'npz', 'pt', 'pth', 'onnx',
  'safetensors', 'ckpt', 'h5', 'pkl', 'pickle', 'gguf', 'xlsx', 'xls', 'docx', 'doc', 'pptx', 'ppt', 'odt', 'iso',
  'dmg', 'deb', 'rpm', 'apk', 'ipa', 'pyd', 'whl', 'egg', 'lockb', 'blend', 'fbx', 'glb', 'sketch', 'fig', 'swf',
]);

// Credential files by name: dropped whole, never scanned or sent.
const SECRET_NAMES = new Set([
  'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk', '.npmrc', '.yarnrc.yml', '.pypirc',
  '.netrc', '_netrc', '.git-credentials', '.htpasswd', '.pgpass', '.my.cnf', 'credentials', 'credentials.json',
  'credentials.yml', 'credentials.yaml', 'credentials.xml', 'secrets.json', 'secrets.yml', 'secrets.yaml',
  'secrets.toml', '.dockercfg', 'kubeconfig', 'terraform.tfvars', 'client_secret.json', 'token.json',
  'service-account.json', 'serviceaccount.json', '.boto', '.s3cfg', 'keystore.properties', 'local.properties',
  'google-services.json', 'googleservice-info.plist', '.env',
]);
const SECRET_EXT = /\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk|asc|gpg|pgp|ovpn|tfstate|tfvars|secret|secrets|crt|cer|der|p8)$/i;
const SECRET_PATH = /service[-_]?account[^/]*\.json$|credentials?[^/]*\.(json|ya?ml|xml|ini|toml|cfg|conf)$|(^|\/)\.aws\/credentials$|\.tfstate\.backup$/i;

/** A path-based decision: skip with a reason, or keep. */
export type PathVerdict = { skip: false } | { skip: true; reason: OmitReason; detail?: string };

const escapeRe = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// One regex per path instead of splitting it: the leftmost match is the shallowest skipped directory.
const SKIPPED_DIR_RE = new RegExp(
  `^(?:(${[...TOP_GENERATED_DIRS].map(escapeRe).join('|')})/|(?:[^/]*/)*?(${[...VENDORED_DIRS, ...GENERATED_DIRS].map(escapeRe).join('|')})/)`,
  'i',
);

/** Returns the vendored/generated directory a path lies under, if any (the shallowest matching segment). */
export function skippedDirOf(path: string): { dir: string; reason: OmitReason } | null {
  const m = SKIPPED_DIR_RE.exec(path);
  if (!m) return null;
  const dir = m[0].slice(0, -1);
  const seg = (m[1] ?? m[2]).toLowerCase();
  return { dir, reason: VENDORED_DIRS.has(seg) ? 'vendored' : 'generated' };
}

/** True for credential files that must never be sent (by name). */
export function isSecretFileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (SECRET_NAMES.has(base) || SECRET_EXT.test(base)) return true;
  if (base.startsWith('.env') || base.endsWith('.env')) return true;
  return SECRET_PATH.test(path);
}

/** Classifies a repo-relative POSIX path without reading it (checkDirs: false when the caller already did). */
export function classifyPath(path: string, checkDirs = true): PathVerdict {
  if (isSecretFileName(path)) return { skip: true, reason: 'secret_file', detail: 'credential or .env file (by name)' };
  const dir = checkDirs ? skippedDirOf(path) : null;
  if (dir) return { skip: true, reason: dir.reason, detail: `under ${dir.dir}/` };
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (LOCKFILES.has(base)) return { skip: true, reason: 'lockfile' };
  if (GENERATED_NAME.test(base)) return { skip: true, reason: /\.min\./.test(base) ? 'minified' : 'generated', detail: 'by file name' };
  const dot = base.lastIndexOf('.');
  if (dot > 0 && BINARY_EXT.has(base.slice(dot + 1))) return { skip: true, reason: 'binary', detail: 'by extension' };
  return { skip: false };
}

const GENERATED_HEADER = /@generated\b|\bDO NOT EDIT\b|\bauto-?generated\b|\bautomatically generated\b|\bgenerated by (protoc|the protocol buffer|swagger|openapi|thrift|cython|flatc)\b/i;

// Byte needles (no string conversion per call) that any generated-file header contains.
const HEADER_NEEDLES = ['enerat', 'ENERAT', 'EDIT', 'dit'].map((n) => Buffer.from(n, 'latin1'));

/** Classifies a file from its first bytes (size: the whole file's): NUL in the first 8 KB, a generated-file header, minified code. */
export function classifyContent(path: string, buf: Buffer, size = buf.length): PathVerdict {
  const head = buf.subarray(0, 8192);
  if (head.indexOf(0) >= 0) return { skip: true, reason: 'binary', detail: 'NUL byte in the first 8 KB' };
  // Generated headers live in the first few lines; a byte search rules most files out before the regex runs.
  const top = head.subarray(0, 600);
  if (HEADER_NEEDLES.some((n) => top.indexOf(n) >= 0) && GENERATED_HEADER.test(top.toString('latin1'))) {
    return { skip: true, reason: 'generated', detail: 'generated-file header' };
  }
  if (size > 4096 && /\.(m?js|cjs|css|json)$/i.test(path)) {
    // Minified: the first 8 KB average more than 400 characters per line. Stop counting once that is ruled out.
    const enough = Math.ceil(head.length / 400);
    let lines = 1;
    for (let i = head.indexOf(10); i >= 0 && lines < enough; i = head.indexOf(10, i + 1)) lines++;
    if (lines < enough) return { skip: true, reason: 'minified', detail: 'very long lines' };
  }
  return { skip: false };
}
