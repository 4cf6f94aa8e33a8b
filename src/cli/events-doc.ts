import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './repo-root';
import { currentEventsDoc } from './event-catalog/events-document';

const USAGE = `usage: npm run events-doc [-- --check]

Writes docs/events.md, the event catalog and its AsyncAPI 3 document, from the event types in
the sources (a development tool: it reads the TypeScript sources with the compiler). --check
writes nothing and exits 1 when docs/events.md is not what the sources give.`;

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const file = join(REPO_ROOT, 'docs', 'events.md');
  const expected = currentEventsDoc();
  if (!values.check) {
    writeFileSync(file, expected);
    process.stdout.write(`wrote ${file}\n`);
    return;
  }
  const stale = readFileSync(file, 'utf8') !== expected;
  process.stdout.write(stale ? 'docs/events.md is stale: run npm run events-doc\n' : 'docs/events.md is current\n');
  process.exitCode = stale ? 1 : 0;
}

main();
