// Loads web-tree-sitter and the prebuilt wasm grammars once, and parses source text into trees.
import { createRequire } from 'node:module';
import { Language as TsLanguage, Parser, Query, type Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';

const require = createRequire(import.meta.url);

const GRAMMAR_FILE: Record<CodeLanguage, string> = {
  python: 'tree-sitter-python.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  go: 'tree-sitter-go.wasm',
};

export interface ParseOutcome {
  tree: Tree;
  /** True when parsing was cancelled by the time budget; the tree is then absent. */
  timedOut: false;
}

/** One per thread: parsers and compiled queries are cached per language. */
export class Parsers {
  private readonly languages = new Map<CodeLanguage, TsLanguage>();
  private readonly parsers = new Map<CodeLanguage, Parser>();
  private readonly queries = new Map<string, Query>();

  private constructor() {}

  static async create(): Promise<Parsers> {
    await Parser.init();
    return new Parsers();
  }

  async language(lang: CodeLanguage): Promise<TsLanguage> {
    let l = this.languages.get(lang);
    if (!l) {
      l = await TsLanguage.load(require.resolve(`@vscode/tree-sitter-wasm/wasm/${GRAMMAR_FILE[lang]}`));
      this.languages.set(lang, l);
    }
    return l;
  }

  /** Loads every grammar up front, so that later calls can be synchronous. */
  async loadAll(langs: readonly CodeLanguage[]): Promise<void> {
    for (const l of langs) await this.language(l);
  }

  /**
   * Parses text; returns undefined when the time budget (ms) ran out. Call `loadAll` first.
   * The caller owns the tree and must `delete()` it: wasm memory is not garbage-collected.
   */
  parse(lang: CodeLanguage, text: string, budgetMs: number): Tree | undefined {
    const parser = this.parserFor(lang);
    const deadline = Date.now() + budgetMs;
    let checks = 0;
    const tree = parser.parse(text, null, {
      // Returning true cancels the parse; reading the clock only every 64 calls keeps this cheap.
      progressCallback: (() => (++checks & 63) === 0 && Date.now() > deadline) as unknown as () => void,
    });
    parser.reset();
    return tree ?? undefined;
  }

  /** Compiled once per language and source; throws on an invalid query (a bug in a rule). */
  query(lang: CodeLanguage, source: string): Query {
    const key = `${lang}\0${source}`;
    let q = this.queries.get(key);
    if (!q) {
      const l = this.languages.get(lang);
      if (!l) throw new Error(`grammar for ${lang} not loaded`);
      q = new Query(l, source);
      this.queries.set(key, q);
    }
    return q;
  }

  private parserFor(lang: CodeLanguage): Parser {
    let p = this.parsers.get(lang);
    if (!p) {
      const l = this.languages.get(lang);
      if (!l) throw new Error(`grammar for ${lang} not loaded`);
      p = new Parser();
      p.setLanguage(l);
      this.parsers.set(lang, p);
    }
    return p;
  }
}
