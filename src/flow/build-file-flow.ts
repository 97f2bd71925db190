// Picks the flow builder for a file's language.
import type { Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';
import { buildGoFlow } from './build/build-go.js';
import { buildPythonFlow } from './build/build-python.js';
import { buildTypeScriptFlow } from './build/build-typescript.js';
import type { FileFlow } from './ir.js';

export interface BuildInput {
  path: string;
  language: CodeLanguage;
  tree: Tree;
  text: string;
}

export function buildFileFlow(input: BuildInput): FileFlow | undefined {
  switch (input.language) {
    case 'python':
      return buildPythonFlow(input);
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return buildTypeScriptFlow({ ...input, language: input.language });
    case 'go':
      return buildGoFlow(input);
    default:
      return undefined;
  }
}
