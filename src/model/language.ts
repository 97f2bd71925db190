// Languages of scanned files, and the families rules declare support for.

/** The concrete language of one file; decides the parser and comment syntax. */
export const LANGUAGES = ['python', 'javascript', 'typescript', 'tsx', 'go', 'json', 'toml', 'dotenv', 'yaml', 'dockerfile', 'text'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages that have a tree-sitter grammar. */
export const CODE_LANGUAGES = ['python', 'javascript', 'typescript', 'tsx', 'go'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/**
 * What a rule claims to cover. `typescript` stands for JavaScript, TypeScript and TSX together: the
 * MCP SDK APIs are the same and one detector serves all three grammars.
 */
export const RULE_LANGUAGES = ['python', 'typescript', 'go', 'manifest', 'dotenv', 'dockerfile', 'any'] as const;
export type RuleLanguage = (typeof RULE_LANGUAGES)[number];

export function isCodeLanguage(l: Language): l is CodeLanguage {
  return (CODE_LANGUAGES as readonly string[]).includes(l);
}

/** The rule-language family a file belongs to. */
export function familyOf(l: Language): RuleLanguage {
  switch (l) {
    case 'python':
      return 'python';
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return 'typescript';
    case 'go':
      return 'go';
    case 'dotenv':
      return 'dotenv';
    case 'dockerfile':
      return 'dockerfile';
    case 'json':
    case 'toml':
    case 'yaml':
      return 'manifest';
    default:
      return 'any';
  }
}
