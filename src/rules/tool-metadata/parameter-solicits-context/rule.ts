// MV1013: a tool parameter's name or description asks the model to hand over its conversation, system prompt, context or the user's secrets.
import type { SchemaProperty, ToolDef } from '../../../model/inventory.js';
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { poisoningSignals } from '../tool-poisoning/poisoning-signals.js';

interface Solicited {
  /** What the parameter asks for, for the message. */
  what: string;
  /** Normalised name fragments (lower case, separators removed) that ask for it. */
  names: readonly string[];
}

const SOLICITED: readonly Solicited[] = [
  {
    what: 'the conversation history',
    names: ['conversationhistory', 'chathistory', 'messagehistory', 'previousmessages', 'priormessages', 'pastmessages', 'earliermessages', 'conversationlog', 'chatlog', 'chattranscript', 'conversationtranscript', 'fullconversation', 'entireconversation', 'wholeconversation', 'conversationsofar'],
  },
  { what: 'its system prompt', names: ['systemprompt', 'systeminstructions', 'systemmessage', 'developerprompt', 'hiddeninstructions'] },
  { what: 'its context window', names: ['contextwindow', 'fullcontext', 'entirecontext', 'wholecontext', 'modelcontext', 'llmcontext'] },
  { what: 'the user\'s secrets', names: ['usersecrets', 'allsecrets', 'sshkey', 'sshprivatekey', 'privatekey', 'apikeys', 'allapikeys', 'allcredentials', 'usercredentials'] },
];
/** Names that identify a key or a log rather than carry it (`ssh_key_id`, `chat_log_path`). */
const REFERENCE_SUFFIX = /(?:ids?|names?|fingerprints?|paths?|files?|urls?|count|length|limit|size|enabled|format)$/;
/** A system-prompt parameter of a tool that itself calls a language model sets that model's prompt; it is not a request for the caller's. */
const INNER_MODEL = /\b(?:llm|language\s+model|completion|sub-?agent|inner\s+model|openai|anthropic|gemini|ollama|model\s+to\s+(?:use|call|query))\b/i;
const NOT_TEXT = new Set(['boolean', 'bool', 'number', 'integer', 'int', 'float']);

// Each pattern is a flat alternation after a short determiner, so matching stays linear.
const DESCRIPTIONS: readonly { what: string; re: RegExp }[] = [
  {
    what: 'the conversation history',
    re: /\b(?:your|the\s+current|(?:the\s+)?(?:full|entire|whole|complete)|all(?:\s+of)?(?:\s+the)?|every)\s+(?:conversation|chat|chat\s+history|conversation\s+history|previous\s+messages|prior\s+messages|earlier\s+messages|messages\s+so\s+far|message\s+history)\b/i,
  },
  { what: 'its system prompt', re: /\b(?:your|the\s+assistant'?s|the\s+model'?s|(?:the\s+)?(?:full|entire|complete))\s+(?:system\s+prompt|system\s+instructions|system\s+message|instructions\s+you\s+(?:were|have\s+been)\s+given)\b|\binstructions\s+you\s+(?:were|have\s+been)\s+given\b/i },
  { what: 'its context window', re: /\b(?:your|(?:the\s+)?(?:full|entire|whole|complete))\s+context(?:\s+window)?\b(?!\s+of\b)/i },
  { what: 'the user\'s secrets', re: /\b(?:your|the\s+user'?s)\s+(?:ssh\s+(?:private\s+)?keys?|private\s+keys?|api\s+keys|secrets|credentials)\b|\bcontents?\s+of\s+(?:~\/\.ssh|id_rsa|id_ed25519|\.env\b)/i },
];

export default defineRule({
  meta: {
    id: 'MV1013',
    slug: 'parameter-solicits-context',
    title: 'Tool parameter asks the model for its conversation, prompt or secrets',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-1427', 'CWE-359'],
    owaspMcp: ['MCP10', 'MCP03'],
    aliases: [],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'parameter "{param}" of tool "{tool}" asks the model for {what} ({evidence})',
    docs: {
      summary:
        'A tool declares a parameter whose name (`conversation_history`, `chat_history`, `previous_messages`, `system_prompt`, `context_window`, `full_context`, `user_secrets`, `ssh_key`, `api_keys`…) or description ("include the full conversation", "your system prompt", "the user\'s API keys") asks the model to fill it with what it knows rather than with an input to the tool.',
      risk:
        'The model fills tool arguments from everything in its context: the whole conversation, the system prompt, other servers\' tool output, files it read, keys the user pasted. A parameter that asks for "the full conversation so far" or "your system prompt" turns an ordinary-looking tool into an exfiltration channel — Trail of Bits showed servers collecting conversation history this way — and the user, who sees only a tool call, rarely notices what was sent. No tool needs the caller\'s private context to do its job.',
      detection:
        'Checks every tool parameter in the inventory (Python signatures and pydantic fields, zod shapes and JSON Schema in TypeScript, mcp-go `With*` options and structs, go-sdk structs). A parameter fires when its name, lower-cased with separators removed, contains one of the context or secret names above (also `message_history`, `chat_log`, `system_message`, `private_key`, `all_secrets`…), unless the name ends in `id`, `name`, `fingerprint`, `path`, `file`, `url`, `count`, `limit` or similar (it names a key rather than carrying one) or the parameter is a boolean or number; a `system_prompt`-style parameter of a tool that itself calls a language model (its description mentions an LLM, completion, sub-agent, OpenAI, Anthropic…) is left alone. It also fires when the parameter description asks for "your / the full / the entire / all of the" conversation, chat history, previous messages, system prompt or context window, or for "your / the user\'s" SSH or private keys, API keys, secrets or credentials, or the contents of `~/.ssh`, `id_rsa` or `.env`. To avoid two findings for the same text, a description that the tool-poisoning rule (MV1001) already reports is left to that rule; parameter names are only checked here.',
      fix:
        'Remove the parameter, or replace it with the narrow input the tool actually needs (a search term, a document id). If the tool must see user-provided text, name and describe it for what it is ("text to summarise") and let the user decide what to pass. Secrets belong in the server\'s own configuration, never in tool arguments.',
      references: [
        { title: 'Trail of Bits: how MCP servers can steal your conversation history', url: 'https://blog.trailofbits.com/2025/04/23/how-mcp-servers-can-steal-your-conversation-history/' },
        { title: 'CyberArk: poison everywhere — no output from your MCP server is safe', url: 'https://www.cyberark.com/resources/threat-research-blog/poison-everywhere-no-output-from-your-mcp-server-is-safe' },
        { title: 'OWASP MCP Top 10: MCP10 Context Injection & Over-Sharing', url: 'https://owasp.org/www-project-mcp-top-10/' },
        { title: 'CWE-359: Exposure of Private Personal Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/359.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const server of ctx.inventory.servers) {
        for (const tool of server.tools) {
          for (const p of tool.params) {
            const hit = solicits(p, tool);
            if (!hit) continue;
            out.push({ ...at(hit.location), data: { param: p.name, tool: tool.name, what: hit.what, evidence: hit.evidence }, tool: tool.name });
          }
        }
      }
      return out;
    },
  },
});

function solicits(p: SchemaProperty, tool: ToolDef): { what: string; evidence: string; location: SchemaProperty['location'] } | undefined {
  if (p.type && NOT_TEXT.has(p.type.toLowerCase())) return undefined;
  const norm = p.name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!REFERENCE_SUFFIX.test(norm)) {
    for (const s of SOLICITED) {
      if (!s.names.some((n) => norm.includes(n))) continue;
      if (s.what === 'its system prompt' && INNER_MODEL.test(`${tool.description?.value ?? ''} ${p.description?.value ?? ''}`)) break;
      // `ssh_keys: IDs of the keys to install` lists key references, as cloud APIs do.
      if (s.what === "the user's secrets" && /\b(?:ids?|fingerprints?|names?)\b/i.test(p.description?.value ?? '')) break;
      return { what: s.what, evidence: 'by its name', location: p.location };
    }
  }
  const d = p.description;
  if (!d || poisoningSignals(d.value).fires) return undefined;
  for (const s of DESCRIPTIONS) {
    const m = s.re.exec(d.value);
    if (m) return { what: s.what, evidence: `description says "${m[0].replace(/\s+/g, ' ')}"`, location: d.location };
  }
  return undefined;
}
