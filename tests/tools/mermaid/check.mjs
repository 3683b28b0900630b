// Used by crates/twinning-cli/tests/diagrams.rs; `npm ci` here installs the pinned packages.
// Parses Mermaid files with Mermaid's own grammar (mermaid.parse), each
// path given on the command line; prints "ok PATH" or "error PATH: message".
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, 'utf8');
  try {
    await mermaid.parse(text);
    // Gantt task dates are read by the diagram's database after parsing,
    // when tasks are listed for drawing: list them so a bad date fails.
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    if (typeof diagram.db.getTasks === 'function') {
      for (const t of diagram.db.getTasks()) {
        if (!(t.startTime instanceof Date) || isNaN(t.startTime) || isNaN(t.endTime)) {
          throw new Error(`task ${JSON.stringify(t.task)} has no valid dates`);
        }
      }
    }
    console.log(`ok ${path}`);
  } catch (e) {
    failed++;
    console.log(`error ${path}: ${String(e.message ?? e).split('\n').join(' | ')}`);
  }
}
process.exitCode = failed ? 1 : 0;
