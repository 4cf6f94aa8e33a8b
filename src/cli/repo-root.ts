import { resolve } from 'node:path';

/** The repository, for the development tools that read or write its files (compiled into dist/src/cli, or any dist-x/src/cli). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
