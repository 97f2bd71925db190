// Picks the flow builder for a file's language. Until a language's builder exists it yields nothing for that language.
import type { Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';
import type { FileFlow } from './ir.js';

export interface BuildInput {
  path: string;
  language: CodeLanguage;
  tree: Tree;
  text: string;
}

export function buildFileFlow(_input: BuildInput): FileFlow | undefined {
  return undefined;
}
