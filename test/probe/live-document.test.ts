// The probe document: printed as JSON.stringify would, every tool and field located on its own line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointerOf, renderJsonDocument } from '../../src/probe/json-document.js';
import { buildLiveDocument, documentName } from '../../src/probe/live-inventory.js';

describe('probe document', () => {
  it('prints exactly like JSON.stringify(v, null, 2) and locates values by JSON pointer', () => {
    const v = { a: 1, b: [true, { 'c/d': 'x"y', e: [] }, {}], f: null };
    const doc = renderJsonDocument('d.json', v);
    assert.equal(doc.text, `${JSON.stringify(v, null, 2)}\n`);
    const loc = doc.locate(pointerOf(['b', 1, 'c/d']));
    assert.equal(doc.text.split('\n')[loc.startLine - 1]!.slice(loc.startColumn - 1, loc.endColumn - 1), '"c/d": "x\\"y"');
  });

  it('prints nested schemas with an explicit stack (the transport caps depth; printed size grows with depth squared)', () => {
    let v: unknown = 1;
    for (let i = 0; i < 2_000; i++) v = { n: v };
    const doc = renderJsonDocument('deep.json', v);
    assert.equal(doc.text, `${JSON.stringify(v, null, 2)}\n`);
    assert.equal(doc.locate(pointerOf(Array(2_000).fill('n'))).startLine, 2_001);
  });

  it('maps tools, parameters, annotations, prompts and resources to their lines', () => {
    const { doc, inventory } = buildLiveDocument({
      target: 'node s.js',
      transport: 'stdio',
      surface: {
        server: { name: 'Files / Server', version: '1' },
        capabilities: {},
        instructions: 'Use me.',
        tools: [{ name: 'read', description: 'Reads.', inputSchema: { type: 'object', properties: { path: { type: 'string', description: 'Which file', enum: ['a', 'b'] } }, required: ['path'] }, annotations: { title: 'Read', readOnlyHint: true } }],
        prompts: [{ name: 'p', description: 'A prompt', arguments: [{ name: 'q', description: 'Question', required: true }] }],
        resources: [{ uri: 'file:///x', name: 'x', description: 'The x' }],
        resourceTemplates: [{ uriTemplate: 'file:///{path}{?rev}', description: 'Any file' }],
        notices: [],
      },
    });
    assert.equal(doc.path, 'live/files-server.json');
    assert.equal(documentName({ target: 'https://mcp.example.com/mcp' }), 'live/mcp.example.com-mcp.json');
    const lineOf = (l: { startLine: number }) => doc.text.split('\n')[l.startLine - 1]!.trim();
    const server = inventory.servers[0]!;
    const tool = server.tools[0]!;
    assert.equal(lineOf(tool.location), '"name": "read",');
    assert.equal(lineOf(tool.description!.location), '"description": "Reads.",');
    const param = tool.params[0]!;
    assert.equal(param.required, true);
    assert.equal(param.type, 'string');
    assert.equal(lineOf(param.description!.location), '"description": "Which file",');
    assert.deepEqual(param.enum!.map((e) => lineOf(e.location)), ['"a",', '"b"']);
    assert.equal(tool.annotations?.readOnlyHint, true);
    assert.equal(lineOf(tool.annotations!.title!.location), '"title": "Read",');
    assert.equal(lineOf(server.instructions!.location), '"instructions": "Use me.",');
    assert.equal(lineOf(server.prompts[0]!.arguments[0]!.description!.location), '"description": "Question",');
    assert.deepEqual(server.resources.map((r) => [r.uri, r.isTemplate, r.templateVariables]), [['file:///x', false, []], ['file:///{path}{?rev}', true, ['path', 'rev']]]);
  });
});
