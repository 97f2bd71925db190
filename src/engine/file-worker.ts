// Worker-thread entry: loads parsers and the rule catalog once, then analyses files one message at a time.
import { parentPort } from 'node:worker_threads';
import { CODE_LANGUAGES } from '../model/language.js';
import { Parsers } from '../parse/parsers.js';
import type { Rule, RuleOptions } from '../rule/rule.js';
import { analyzeFile, type AnalyzeEnv, type AnalyzeLimits } from './analyze-file.js';
import type { SourceFile } from '../source/discover.js';

export type WorkerRequest =
  | { type: 'init'; catalogModule: string; ruleIds: string[]; ruleOptions: Record<string, RuleOptions>; limits: AnalyzeLimits; deep: boolean }
  | { type: 'file'; id: number; file: SourceFile };

export type WorkerResponse =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: Awaited<ReturnType<typeof analyzeFile>>; flowJson?: string }
  | { type: 'fatal'; message: string };

const port = parentPort;
if (port) {
  let env: AnalyzeEnv | undefined;
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (msg: WorkerRequest) => {
    // Messages are handled strictly in order; `init` is always the first one.
    chain = chain.then(async () => {
      try {
        if (msg.type === 'init') {
          const parsers = await Parsers.create();
          await parsers.loadAll(CODE_LANGUAGES);
          const mod = (await import(msg.catalogModule)) as { catalogEntries: { rule: Rule }[] };
          const wanted = new Set(msg.ruleIds);
          const rules = mod.catalogEntries.map((e) => e.rule).filter((r) => wanted.has(r.meta.id));
          env = { parsers, rules, ruleOptions: msg.ruleOptions, limits: msg.limits, deep: msg.deep };
          port.postMessage({ type: 'ready' } satisfies WorkerResponse);
        } else if (env) {
          const { flow, ...result } = await analyzeFile(msg.file, env);
          // Flow IR is a large graph of small objects: V8 copies it faster as JSON text than by structured clone.
          port.postMessage({ type: 'result', id: msg.id, result, ...(flow ? { flowJson: JSON.stringify(flow) } : {}) } satisfies WorkerResponse);
        }
      } catch (e) {
        port.postMessage({ type: 'fatal', message: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies WorkerResponse);
      }
    });
  });
}
