// The concept table of each language the solver knows.
import type { ConceptTable } from './concepts.js';
import type { FlowLanguage } from './ir.js';

const EMPTY_TABLE: ConceptTable = { sources: [], sinks: [], sanitizers: [], guards: [], pathNormalizers: [], propagators: [], separatorNames: [] };

export const CONCEPT_TABLES: Readonly<Record<FlowLanguage, ConceptTable>> = {
  python: EMPTY_TABLE,
  typescript: EMPTY_TABLE,
  go: EMPTY_TABLE,
};
