// Rule prefilters: the one-pass literal matcher picks exactly the rules whose `requires` pattern matches the text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { applicableRules } from '../../src/engine/analyze-file.js';
import type { Language } from '../../src/model/language.js';
import { defineRule, type Rule } from '../../src/rule/rule.js';
import { builtinRules } from '../../src/rules/index.js';
import { listFiles } from '../helpers/fixture-annotations.js';

/** A rule that only carries a prefilter, for patterns of every shape. */
function ruleWith(id: number, requires: RegExp, languages: Language[] = ['python', 'typescript', 'go']): Rule {
  return defineRule({
    meta: { ...builtinRules().rules[0]!.meta, id: `MV9${String(id).padStart(3, '0')}` },
    file: { languages, requires, detect: () => [] },
  });
}

function naive(rules: readonly Rule[], language: Language, text: string): Rule[] {
  return rules.filter((r) => r.file && r.file.languages.includes(language) && (!r.file.requires || r.file.requires.test(text)));
}

const PATTERNS = [
  /key|secret|token/i,
  /KEY|Secret/,
  /\.well-known\/oauth-|authorization_endpoint/,
  /:\/\/|oast|interact\.sh/,
  /"scripts"|cmdclass|setup/,
  /\bFROM\b/i,
  /redirect_?ur[il]/i,
  /colou?r|COLOR/,
  /ab|abc|bc|c/,
  /Login Data|Local State/,
  /kelvin/i,
  /straße|STRASSE/i,
];

const TEXTS = [
  '',
  'nothing to see',
  'API_KEY = 1',
  'const Secret = "x"',
  'fetch("https://example.com/.well-known/oauth-authorization-server")',
  'x := "http://host"; y := interact.sh',
  '{"scripts": {"postinstall": "node x"}}',
  'select * FROM t',
  'redirect_url redirectUri',
  'background-color: red',
  'abc',
  'xbx',
  'Login Data',
  'K for KELVIN',
  'Kelvin sign only', // the Kelvin sign does not fold to ASCII k
  'ſecret and strasse', // the long s does not fold to s without the u flag
  'TOKEN in Ünïcödé text',
];

describe('applicable rules', () => {
  it('match per-pattern testing for literal, escaped, case-insensitive and non-literal patterns, ASCII or not', () => {
    const rules = [...PATTERNS.map((p, i) => ruleWith(i, p)), ruleWith(99, /token/, ['go'])];
    for (const text of TEXTS) {
      for (const lang of ['python', 'go'] as Language[]) {
        assert.deepEqual(applicableRules(rules, lang, text).map((r) => r.meta.id), naive(rules, lang, text).map((r) => r.meta.id), `${lang}: ${text}`);
      }
    }
  });

  it('match per-pattern testing for the built-in catalog on the repository sources', () => {
    const rules = builtinRules().rules;
    const files = listFiles('src').filter((f) => /\.(ts|py|go|json|toml|ya?ml)$/.test(f)).slice(0, 400);
    assert.ok(files.length > 100);
    let some = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const lang of ['python', 'typescript', 'go', 'json'] as Language[]) {
        const got = applicableRules(rules, lang, text).map((r) => r.meta.id);
        assert.deepEqual(got, naive(rules, lang, text).map((r) => r.meta.id), `${lang}: ${f}`);
        some += got.length;
      }
    }
    assert.ok(some > 0);
  });
});
