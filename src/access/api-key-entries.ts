import { plainToInstance } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsString, Matches, validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/app-config';
import { API_KEY_HASH } from './api-key';
import { CHANNEL_NAME, isScope } from './scopes';

/** One configured API key: never the key itself, only its hash. */
export class ApiKeyEntry {
  /** Who holds the key (`shopify-eu`, `finance-erp`); appears in logs and event metadata. */
  @IsString()
  @Matches(CHANNEL_NAME, { message: 'name must be letters, digits, . _ - (up to 64)' })
  name!: string;

  @Matches(API_KEY_HASH, { message: 'hash must be sha256:<64 hex digits> (see npm run api-key)' })
  hash!: string;

  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  scopes!: string[];
}

/**
 * The configured keys, from `API_KEYS_FILE` (a JSON array in a file) or `API_KEYS` (the same
 * JSON inline). Throws a ConfigError naming every problem.
 */
export function readApiKeyEntries(source: { API_KEYS_FILE?: string; API_KEYS?: string }): ApiKeyEntry[] {
  if (source.API_KEYS_FILE && source.API_KEYS) throw new ConfigError('set API_KEYS_FILE or API_KEYS, not both');
  let text: string;
  let origin: string;
  if (source.API_KEYS_FILE) {
    origin = `API_KEYS_FILE (${source.API_KEYS_FILE})`;
    try {
      text = readFileSync(source.API_KEYS_FILE, 'utf8');
    } catch (error) {
      throw new ConfigError(`${origin}: cannot read: ${(error as Error).message}`);
    }
  } else if (source.API_KEYS) {
    origin = 'API_KEYS';
    text = source.API_KEYS;
  } else {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`${origin}: not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new ConfigError(`${origin}: expected a JSON array of {name, hash, scopes}`);
  const entries = plainToInstance(ApiKeyEntry, parsed as object[]);
  const problems = entries.flatMap((entry, i) => problemsOf(entry, i));
  problems.push(
    ...duplicates(
      entries.map((e) => e.name),
      'name',
    ),
    ...duplicates(
      entries.map((e) => e.hash),
      'hash',
    ),
  );
  if (problems.length > 0) throw new ConfigError(`${origin}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return entries;
}

function problemsOf(entry: ApiKeyEntry, index: number): string[] {
  const invalid = validateSync(entry).flatMap((e) => Object.values(e.constraints ?? {}));
  const badScopes = (Array.isArray(entry.scopes) ? entry.scopes : []).filter((s) => typeof s === 'string' && !isScope(s));
  if (badScopes.length > 0) invalid.push(`unknown scopes ${badScopes.join(', ')}`);
  return invalid.map((message) => `[${index}]: ${message}`);
}

function duplicates(values: string[], what: string): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false))).map((v) => `duplicate ${what} ${v}`);
}
