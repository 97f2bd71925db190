// Runs the per-file pipeline over all files, in-process or on a pool of worker threads with per-file timeouts.
import { Worker } from 'node:worker_threads';
import { CODE_LANGUAGES } from '../model/language.js';
import { Parsers } from '../parse/parsers.js';
import type { Rule, RuleOptions } from '../rule/rule.js';
import type { SourceFile } from '../source/discover.js';
import { analyzeFile, type AnalyzeLimits, type FileResult } from './analyze-file.js';
import type { WorkerRequest, WorkerResponse } from './file-worker.js';
import type { FileFlow } from '../flow/ir.js';

export interface RunFilesOptions {
  files: readonly SourceFile[];
  rules: readonly Rule[];
  /** When set, workers import the rules from here; without it everything runs in-process. */
  catalogModule?: string;
  ruleOptions: Record<string, RuleOptions>;
  limits: AnalyzeLimits & { fileTimeoutMs: number };
  /** Deep mode: also build each code file's data-flow IR. */
  deep?: boolean;
  workers: number;
  onFileDone?: (done: number, total: number) => void;
}

/** Results in the same order as `files`. */
export async function runFiles(opts: RunFilesOptions): Promise<FileResult[]> {
  if (opts.workers <= 1 || !opts.catalogModule || opts.files.length < 2) return runInProcess(opts);
  return runPool(opts);
}

/** In-process parsers are kept for the life of the process: grammars load once, not once per scan. */
let shared: Promise<Parsers> | undefined;

async function runInProcess(opts: RunFilesOptions): Promise<FileResult[]> {
  shared ??= Parsers.create();
  const parsers = await shared;
  // Load only the grammars this target needs; each costs a few milliseconds of start-up.
  await parsers.loadAll(CODE_LANGUAGES.filter((l) => opts.files.some((f) => f.language === l)));
  const env = { parsers, rules: opts.rules, ruleOptions: opts.ruleOptions, limits: opts.limits, deep: opts.deep };
  const out: FileResult[] = [];
  for (const f of opts.files) {
    out.push(await analyzeFile(f, env));
    opts.onFileDone?.(out.length, opts.files.length);
  }
  return out;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './file-worker.ts' : './file-worker.js', import.meta.url);
/**
 * A worker's heap is capped well below the machine: V8 sizes its heap growth from the cap, and with 2 GB two workers
 * held ~100 MB more garbage than they needed (peak RSS 403 MB vs 300 MB for a fast scan of the 16 MB bench corpus,
 * 874 MB vs 761 MB deep, same times). A file that really needs more ends its worker with an out-of-memory error,
 * reported for that file.
 */
const WORKER_OPTIONS = { resourceLimits: { maxOldGenerationSizeMb: 768, stackSizeMb: 16 } };

function newWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, WORKER_OPTIONS);
  // Running from TypeScript sources (tests, `tsx`): Node 20 does not apply the parent's `--import tsx` loader hooks
  // inside worker threads, so the worker registers them itself before loading the TypeScript entry. Messages
  // posted meanwhile wait in the port's queue.
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { ...WORKER_OPTIONS, eval: true });
}

function runPool(opts: RunFilesOptions): Promise<FileResult[]> {
  const results: (FileResult | undefined)[] = new Array(opts.files.length);
  const init: WorkerRequest = {
    type: 'init',
    catalogModule: opts.catalogModule!,
    ruleIds: opts.rules.map((r) => r.meta.id),
    ruleOptions: opts.ruleOptions,
    deep: opts.deep === true,
    limits: { parseTimeoutMs: opts.limits.parseTimeoutMs, ruleTimeoutMs: opts.limits.ruleTimeoutMs },
  };
  let next = 0;
  let done = 0;
  const poolSize = Math.min(opts.workers, opts.files.length);

  return new Promise((resolve, reject) => {
    let finished = false;
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      if (err) reject(err);
      else resolve(results.map((r, i) => r ?? failed(opts.files[i]!, 'internal', 'file was not analysed')));
    };
    const record = (index: number, r: FileResult) => {
      if (results[index]) return;
      results[index] = r;
      done++;
      opts.onFileDone?.(done, opts.files.length);
      if (done === opts.files.length) finish();
    };

    const start = () => {
      const worker = newWorker();
      let current: number | undefined;
      let timer: NodeJS.Timeout | undefined;
      let dead = false;
      const dispatch = () => {
        if (next >= opts.files.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        current = next++;
        timer = setTimeout(() => {
          // A file that hangs the parser or a rule: drop this worker and carry on with a fresh one.
          const idx = current!;
          record(idx, failed(opts.files[idx]!, 'timeout', `analysis took longer than ${opts.limits.fileTimeoutMs} ms; file abandoned`));
          replace();
        }, opts.limits.fileTimeoutMs);
        worker.postMessage({ type: 'file', id: current, file: opts.files[current]! } satisfies WorkerRequest);
      };
      const replace = () => {
        if (dead) return;
        dead = true;
        if (timer) clearTimeout(timer);
        void worker.terminate();
        if (next < opts.files.length && !finished) start();
      };
      worker.on('message', (msg: WorkerResponse) => {
        if (msg.type === 'ready') dispatch();
        else if (msg.type === 'result') {
          if (timer) clearTimeout(timer);
          record(msg.id, msg.flowJson ? { ...msg.result, flow: JSON.parse(msg.flowJson) as FileFlow } : msg.result);
          dispatch();
        } else if (msg.type === 'fatal') {
          if (current === undefined) finish(new Error(`worker failed to start: ${msg.message}`));
          else {
            record(current, failed(opts.files[current]!, 'internal', `worker error: ${msg.message.split('\n')[0]}`));
            replace();
          }
        }
      });
      worker.on('error', (e) => {
        // Out-of-memory and uncaught errors end the worker; the file it held is reported, the scan goes on.
        if (current !== undefined) record(current, failed(opts.files[current]!, 'internal', `worker stopped: ${e.message}`));
        else if (!finished && done === 0) return finish(e);
        replace();
      });
      worker.on('exit', (code) => {
        if (dead || current === undefined) return;
        record(current, failed(opts.files[current]!, 'internal', `worker exited with code ${code}`));
        replace();
      });
      worker.postMessage(init);
    };
    for (let i = 0; i < poolSize; i++) start();
  });
}

function failed(file: SourceFile, kind: 'timeout' | 'internal', message: string): FileResult {
  return { path: file.path, language: file.language, bytes: file.size, lines: 0, parsed: false, findings: [], suppressions: [], errors: [{ kind, level: 'error', path: file.path, message }] };
}
