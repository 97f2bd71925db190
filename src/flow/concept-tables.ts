// The concept table of each language the solver knows.
import type { ConceptTable } from './concepts.js';
import { GO_CONCEPTS } from './concepts/go.js';
import { PYTHON_CONCEPTS } from './concepts/python.js';
import { TYPESCRIPT_CONCEPTS } from './concepts/typescript.js';
import type { FlowLanguage } from './ir.js';

export const CONCEPT_TABLES: Readonly<Record<FlowLanguage, ConceptTable>> = {
  python: PYTHON_CONCEPTS,
  typescript: TYPESCRIPT_CONCEPTS,
  go: GO_CONCEPTS,
};
