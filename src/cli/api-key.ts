import { parseArgs } from 'node:util';
import { generateApiKey, hashApiKey } from '../access/api-key';
import { isScope } from '../access/scopes';

const USAGE = `usage: npm run api-key -- --name <holder> --scope <scope> [--scope <scope>...]
scopes: channel:<name>:write promotions:write settlements:write finance:read audit:read ops:read ops:admin

Prints a new API key (give it to its holder; it is not stored anywhere) and the entry to add
to API_KEYS_FILE / API_KEYS, which holds only its SHA-256 hash.`;

function main(): void {
  const { values } = parseArgs({ options: { name: { type: 'string' }, scope: { type: 'string', multiple: true }, help: { type: 'boolean' } } });
  const scopes = values.scope ?? [];
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (values.help || !values.name || scopes.length === 0 || unknown.length > 0) {
    if (unknown.length > 0) process.stderr.write(`unknown scopes: ${unknown.join(', ')}\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const key = generateApiKey();
  process.stdout.write(`key:   ${key}\n`);
  process.stdout.write(`entry: ${JSON.stringify({ name: values.name, hash: hashApiKey(key), scopes })}\n`);
}

main();
