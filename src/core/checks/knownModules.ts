// What counts as "outside the repo" for module references: language standard libraries, runtime
// globals, and the dependencies the repo's own manifests declare.
import { builtinModules } from 'node:module';

/** Top-level names of the Python 3 standard library. */
export const PYTHON_STDLIB = new Set(('__future__ abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb ' +
  'binascii bisect builtins bz2 calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall ' +
  'concurrent configparser contextlib contextvars copy copyreg cProfile crypt csv ctypes curses dataclasses datetime dbm ' +
  'decimal difflib dis doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch ' +
  'fractions ftplib functools gc getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html http imaplib ' +
  'imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox ' +
  'mailcap marshal math mimetypes mmap modulefinder msvcrt multiprocessing netrc nntplib numbers operator optparse os ' +
  'pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd ' +
  'py_compile pyclbr pydoc queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select ' +
  'selectors shelve shlex shutil signal site smtplib sndhdr socket socketserver sqlite3 ssl stat statistics string ' +
  'stringprep struct subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios ' +
  'textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle types typing ' +
  'unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml ' +
  'xmlrpc zipapp zipfile zipimport zlib zoneinfo _thread typing_extensions').split(' '));

/** Python builtins that appear as the head of dotted references (`str.join`, `dict.get`). */
const PYTHON_BUILTINS = new Set('str int float bool bytes dict list tuple set frozenset object type super property Exception'.split(' '));

/** JavaScript/TypeScript globals that appear as the head of dotted references (`JSON.parse`). */
const JS_GLOBALS = new Set(('console Math JSON Object Array Promise Number String Boolean Date RegExp Error Map Set WeakMap ' +
  'WeakSet Symbol Reflect Proxy Intl BigInt Buffer process window document globalThis navigator URL URLSearchParams ' +
  'fetch crypto performance TextEncoder TextDecoder AbortController structuredClone setTimeout').split(' '));

/** Import name -> distribution names, for Python packages whose names differ. */
const PY_DIST_ALIASES: Record<string, string[]> = {
  sklearn: ['scikit-learn'], cv2: ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python'], PIL: ['pillow'],
  yaml: ['pyyaml'], bs4: ['beautifulsoup4'], skimage: ['scikit-image'], dateutil: ['python-dateutil'],
  dotenv: ['python-dotenv'], attr: ['attrs'], jwt: ['pyjwt'], Crypto: ['pycryptodome'], OpenSSL: ['pyopenssl'],
  serial: ['pyserial'], zmq: ['pyzmq'], git: ['gitpython'], fitz: ['pymupdf'], docx: ['python-docx'],
  pytorch_lightning: ['pytorch-lightning', 'lightning'], lightning: ['pytorch-lightning', 'lightning'],
  google: ['protobuf', 'google-cloud', 'google-api-python-client', 'google-generativeai', 'google-genai'],
  sentence_transformers: ['sentence-transformers'], huggingface_hub: ['huggingface-hub'], magic: ['python-magic'],
};

/** Normalises a Python distribution or import name for comparison (PEP 503). */
export function normDist(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Dependencies declared by the repo's manifests. */
export interface DeclaredDeps {
  /** Normalised Python distribution names seen in requirements/pyproject/setup files. */
  python: Set<string>;
  /** npm package names from package.json files. */
  js: Set<string>;
  hasPythonManifest: boolean;
  hasJsManifest: boolean;
}

/** True when a path is a dependency manifest whose content should be read. */
export function isManifestPath(path: string): 'python' | 'js' | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'package.json') return path.includes('node_modules/') ? undefined : 'js';
  if (/^requirements.*\.(txt|in)$/i.test(base) || ['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile',
    'environment.yml', 'environment.yaml', 'conda.yaml', 'conda.yml'].includes(base)) return 'python';
  return undefined;
}

/** Collects declared dependencies from manifest contents (path -> text). */
export function parseManifests(contents: ReadonlyMap<string, string>): DeclaredDeps {
  const deps: DeclaredDeps = { python: new Set(), js: new Set(), hasPythonManifest: false, hasJsManifest: false };
  for (const [path, text] of contents) {
    const kind = isManifestPath(path);
    if (kind === 'js') {
      deps.hasJsManifest = true;
      try {
        const pkg = JSON.parse(text) as Record<string, unknown>;
        if (typeof pkg.name === 'string') deps.js.add(pkg.name);
        for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
          const d = pkg[field];
          if (d && typeof d === 'object') for (const k of Object.keys(d)) deps.js.add(k);
        }
      } catch { /* an invalid package.json declares nothing */ }
    } else if (kind === 'python') {
      deps.hasPythonManifest = true;
      for (const m of text.matchAll(/[A-Za-z0-9][A-Za-z0-9._-]*/g)) deps.python.add(normDist(m[0]));
    }
  }
  return deps;
}

/** The npm package a bare specifier names ("@scope/pkg/sub" -> "@scope/pkg"). */
export function npmPackageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** How a top-level module name outside the repo is classified. */
export type OutsideKind = 'stdlib' | 'declared' | 'undeclared' | 'unknowable';

/** Classifies a Python top-level module that is not in the repo. */
export function classifyPythonTop(top: string, deps: DeclaredDeps): OutsideKind {
  if (PYTHON_STDLIB.has(top) || PYTHON_BUILTINS.has(top)) return 'stdlib';
  const names = [top, ...(PY_DIST_ALIASES[top] ?? [])].map(normDist);
  if (names.some((n) => deps.python.has(n))) return 'declared';
  return deps.hasPythonManifest ? 'undeclared' : 'unknowable';
}

/** Classifies a bare JS specifier that does not resolve in the repo. */
export function classifyJsSpecifier(spec: string, deps: DeclaredDeps): OutsideKind {
  const pkg = npmPackageOf(spec);
  if (spec.startsWith('node:') || builtinModules.includes(pkg) || builtinModules.includes(spec)) return 'stdlib';
  if (deps.js.has(pkg)) return 'declared';
  return deps.hasJsManifest ? 'undeclared' : 'unknowable';
}

/** True for a dotted-reference head that is a language builtin/global or standard module (`os.path`, `JSON.parse`). */
export function isBuiltinHead(head: string): boolean {
  return PYTHON_STDLIB.has(head) || PYTHON_BUILTINS.has(head) || JS_GLOBALS.has(head) || builtinModules.includes(head);
}
