// MV3001 finds candidate literals from the source text; it must find the same secrets as visiting every literal node.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CodeLanguage } from '../../src/model/language.js';
import { collectCallSites } from '../../src/parse/call-sites.js';
import { collectImports } from '../../src/parse/imports.js';
import { attachSource, sourceOf } from '../../src/parse/node-index.js';
import { Parsers } from '../../src/parse/parsers.js';
import { collectAssignments } from '../../src/parse/static-value.js';
import type { FileContext, RawFinding } from '../../src/rule/rule.js';
import hardcodedSecret from '../../src/rules/secrets/hardcoded-secret/rule.js';

// Values with no placeholder words, high entropy and mixed character classes: each one is a finding. Some are cut by
// quotes into pieces too short to be secrets, so only reading whole literals (escapes, triple quotes) finds them.
const V = ['Zq8xK2mP9vL4nR7tW3yB', 'Hk3Jd9Lq2Wx7Vb5Nm1Pz', 'Rt6Yu2Io8Pa4Sd0Fg5Hj', 'Mb7Nv3Cx9Zl1Kj5Hg8Fd', 'Qw2Er6Ty0Ui4Op8As3Df'];

const PYTHON = String.raw`# don't "stop" here
api_key = "${V[0]}"
secret = '${V[1]}'
token = r"${V[2]}"
password = """${V[3]}"""
client_secret = '''${V[4]}'''
auth_token = "\x5a${V[0].slice(1)}"
bearer = "Bearer ${V[1]}"
access_key = b"${V[2]}"
private_key = f"${V[3]}"
api_token = "a\"${V[4]}"
secret_key = """a"${V[0]}"""
headers["Authorization"] = "Bearer ${V[3]}"
refresh_token = os.getenv("REFRESH_TOKEN", "${V[4]}")
signing_key = """Ab3"Cd5"Ef7"Gh9"Jk2"""
master_key = "Ab3\"Cd5\"Ef7\"Gh9\"Jk2"
note = "it's fine"  # ' unbalanced
other = "${V[1]}"
`;

const TYPESCRIPT = String.raw`// it's "quoted" here
const apiKey = "${V[0]}";
const secret = '${V[1]}';
const token = ` + '`' + V[2] + '`' + String.raw`;
const password = "\u0048${V[3].slice(1)}";
const clientSecret = 'it\'s${V[4]}';
const authToken = ` + '`a\\`' + V[0] + '`' + String.raw`;
headers.set("Authorization", "Bearer ${V[1]}");
const accessToken = process.env.ACCESS_TOKEN ?? "${V[2]}";
const signingKey = "Ab3\"Cd5\"Ef7\"Gh9\"Jk2";
const masterKey = ` + '`Ab3\\`Cd5\\`Ef7\\`Gh9\\`Jk2`' + String.raw`;
const greeting = ` + '`hi ${name}`' + String.raw`;
const other = "${V[3]}";
`;

const GO = String.raw`package main

// don't "stop"
var apiKey = "${V[0]}"

const secret = ` + '`' + V[1] + '`' + String.raw`

func main() {
	token := "\x51${V[2].slice(1)}"
	password := ` + '`a\\' + V[3] + '`' + String.raw`
	other := "${V[4]}"
}
`;

const CASES: [CodeLanguage, string, number][] = [
  ['python', PYTHON, 15],
  ['typescript', TYPESCRIPT, 10],
  ['go', GO, 4],
];

let parsers: Parsers;
before(async () => {
  parsers = await Parsers.create();
  await parsers.loadAll(['python', 'typescript', 'go']);
});

/** MV3001 on one source; `fromNodes` makes the rule visit every literal node as it does for files with errors. */
function detect(lang: CodeLanguage, text: string, fromNodes: boolean): RawFinding[] {
  const tree = parsers.parse(lang, text, 5000)!;
  attachSource(tree, text);
  assert.equal(sourceOf(tree)!.clean, true, 'the test source parses cleanly');
  if (fromNodes) sourceOf(tree)!.clean = false;
  const imports = collectImports(tree, lang);
  const assignments = collectAssignments(tree, lang);
  const ctx: FileContext = {
    path: 'src/server.x',
    language: lang,
    text,
    lines: text.split('\n'),
    tree,
    codeLanguage: lang,
    options: {},
    matches: () => [],
    imports: () => imports,
    assignments: () => assignments,
    calls: () => collectCallSites(tree, lang, imports, assignments),
  };
  try {
    return hardcodedSecret.file!.detect(ctx);
  } finally {
    tree.delete();
  }
}

describe('MV3001 literals found from the source text', () => {
  for (const [lang, text, expected] of CASES) {
    it(`${lang}: finds every secret, in quotes of every kind, with escapes and prefixes`, () => {
      const found = detect(lang, text, false);
      assert.equal(found.length, expected, JSON.stringify(found.map((f) => f.span.start.row)));
      assert.deepEqual(found, detect(lang, text, true));
    });
  }
});
