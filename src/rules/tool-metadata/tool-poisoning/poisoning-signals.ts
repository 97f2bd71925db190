// Phrase signals of prompt injection in metadata text, shared by the poisoning rules (static here, live in the probe).

export type SignalKind = 'tag' | 'override' | 'concealment' | 'persistence' | 'sensitive' | 'cross-tool' | 'data-routing';

interface Pattern {
  kind: SignalKind;
  re: RegExp;
  label: string;
}

const STRONG: ReadonlySet<SignalKind> = new Set(['tag', 'override', 'concealment', 'persistence']);

// Every pattern is a flat alternation or bounded gap ({0,40}) so matching stays linear in the text length.
const PATTERNS: readonly Pattern[] = [
  { kind: 'tag', re: /<\s*\/?\s*(important|system|instructions?|admin|assistant|secret|hidden|critical|context|prompt)\b[^>]{0,40}>/i, label: 'pseudo-system tag' },
  { kind: 'tag', re: /\[\/?(INST|SYS|SYSTEM)\]|<<\/?SYS>>|<\|(im_start|im_end|system|endoftext)\|>/i, label: 'chat-template token' },
  { kind: 'tag', re: /<!--/, label: 'HTML comment' },
  { kind: 'override', re: /\b(ignore|disregard|forget|override)\s+(all\s+|any\s+|the\s+|your\s+)?(previous|prior|above|earlier|other|preceding|system)\s+(instructions?|prompts?|rules|directions|messages)/i, label: 'instruction override' },
  { kind: 'override', re: /\bbefore\s+(using|calling|invoking|running)\s+(this|any|the|each)\s+(tool|function)/i, label: 'precondition on tool use' },
  { kind: 'override', re: /\byou\s+(must|should|need\s+to|have\s+to)\s+(first\s+|always\s+)?(read|call|send|include|pass|provide|upload|fetch|run|execute|invoke|forward|copy)\b/i, label: 'orders the model' },
  { kind: 'override', re: /\b(otherwise|or\s+else)\s+(the\s+)?(tool|system|request|operation)\s+(will|would)\s+(not\s+work|fail|crash|break)/i, label: 'threat of failure' },
  { kind: 'override', re: /\b(the\s+)?user\s+(has\s+)?(already\s+)?(consented|approved|authori[sz]ed|agreed|given\s+permission)/i, label: 'claims prior consent' },
  { kind: 'override', re: /\byou\s+are\s+now\b|\bnew\s+instructions\s*:|\bact\s+as\s+(an?\s+)?(admin|root|system|developer)/i, label: 'role reassignment' },
  { kind: 'concealment', re: /\b(do\s+not|don'?t|never)\s+(tell|mention|inform|reveal|show|notify|disclose|alert)\b[^.\n]{0,40}?\b(the\s+)?users?\b/i, label: 'concealment from the user' },
  { kind: 'concealment', re: /\bwithout\s+(telling|informing|notifying|alerting|asking)\s+(the\s+)?user/i, label: 'concealment from the user' },
  { kind: 'concealment', re: /\b(silently|secretly|covertly|quietly)\s+(call|send|read|include|add|forward|copy|upload|run|execute|pass)/i, label: 'covert action' },
  { kind: 'concealment', re: /\b(this\s+is\s+(just\s+)?an?\s+implementation\s+detail|keep\s+this\s+(secret|hidden|confidential)|hide\s+this\s+from)/i, label: 'concealment' },
  { kind: 'persistence', re: /\b(from\s+now\s+on|for\s+the\s+rest\s+of\s+(the|this)\s+(conversation|session|chat)|in\s+(every|all\s+(future\s+)?|each)\s+(response|reply|answer|message)s?)/i, label: 'standing order' },
  { kind: 'sensitive', re: /~\/\.ssh|\bid_(rsa|ed25519|ecdsa)\b|\.aws\/credentials|\.kube\/config|\.netrc\b|\.npmrc\b|\.pypirc\b|\.docker\/config\.json/i, label: 'refers to credential files' },
  { kind: 'sensitive', re: /\bmcp\.json\b|claude_desktop_config|\.cursor\/|\.claude\.json|\.codex\/|settings\.json/i, label: 'refers to MCP client configuration' },
  { kind: 'sensitive', re: /(^|[\s'"`(])\.env\b/i, label: 'refers to .env files' },
  { kind: 'sensitive', re: /\b(conversation|chat|message)\s+history\b|\bprevious\s+messages\b|\bsystem\s+prompt\b|\bentire\s+(conversation|context)\b/i, label: 'asks for conversation data' },
  { kind: 'sensitive', re: /\b(private\s+key|ssh\s+key|api[\s_-]?keys?|access\s+tokens?|passwords?|credentials|secret\s+keys?)\b/i, label: 'mentions secrets' },
  { kind: 'cross-tool', re: /\bwhen\s+(the\s+|any\s+)?[`'"]?[a-z][\w.-]{0,60}[`'"]?\s+tool\s+is\s+(called|used|invoked|run)/i, label: 'directive about another tool' },
  { kind: 'cross-tool', re: /\binstead\s+of\s+(using|calling)\b|\b(also|always)\s+(call|invoke|use)\s+(the\s+)?[`'"]?[a-z][\w.-]{0,60}[`'"]?\s+tool/i, label: 'redirects tool use' },
  { kind: 'cross-tool', re: /\bbcc\b|\ball\s+(e-?mails?|messages)\s+(must|should)\s+(be\s+)?(sent|forwarded|copied)\s+to\b/i, label: 'redirects messages' },
  { kind: 'data-routing', re: /\b(read|send|include|pass|put|upload|forward|copy|attach|append)\s+(the\s+)?(full\s+|entire\s+|whole\s+)?(contents?\s+of\s+)?[^.\n]{0,60}?\b(as|in|into|to)\s+(the\s+)?[`'"]?\w+[`'"]?\s+(parameter|argument|field|param)\b/i, label: 'routes data into a parameter' },
];

export interface PoisoningResult {
  fires: boolean;
  critical: boolean;
  kinds: SignalKind[];
  /** Human-readable list of matched signals with a short quote each. */
  summary: string;
}

/** Texts longer than this are only scanned in their first part; oversized text is another rule's concern. */
const MAX_SCAN = 100_000;

export function poisoningSignals(text: string): PoisoningResult {
  const sample = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const hits: { kind: SignalKind; label: string; quote: string }[] = [];
  for (const p of PATTERNS) {
    const m = p.re.exec(sample);
    if (m) hits.push({ kind: p.kind, label: p.label, quote: m[0].replace(/\s+/g, ' ').trim().slice(0, 40) });
  }
  const kinds = [...new Set(hits.map((h) => h.kind))];
  const strong = kinds.filter((k) => STRONG.has(k));
  const weak = kinds.filter((k) => !STRONG.has(k));
  const fires = strong.length > 0 || weak.length >= 2;
  const seen = new Set<string>();
  const summary = hits
    .filter((h) => (seen.has(h.label) ? false : (seen.add(h.label), true)))
    .map((h) => `${h.label} ("${h.quote}")`)
    .join(', ');
  return { fires, critical: strong.length >= 2, kinds, summary };
}
