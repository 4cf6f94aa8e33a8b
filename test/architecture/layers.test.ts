import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { tempDir } from '../support/temp-dir';

/** The repository root; this file runs from dist/test/architecture. */
const ROOT = resolve(__dirname, '..', '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(cwd: string, paths: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [DEPCRUISE, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...paths],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        done({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

// The two cruises are separate processes on separate trees: side by side, the short one takes no time of its own.
describe('layering (.dependency-cruiser.cjs)', { concurrency: true }, () => {
  it('holds for the whole tree', async () => {
    const { status, output } = await cruise(ROOT, ['src', 'projections', 'sagas', 'test', 'bench', 'demo']);
    assert.equal(status, 0, output);
  });

  it('fails on each kind of violation, naming the rule', async () => {
    const dir = tempDir('layers');
    try {
      const file = (path: string, text: string) => {
        mkdirSync(dirname(join(dir.path, path)), { recursive: true });
        writeFileSync(join(dir.path, path), text);
      };
      copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir.path, '.dependency-cruiser.cjs'));
      copyFileSync(join(ROOT, 'tsconfig.json'), join(dir.path, 'tsconfig.json'));
      symlinkSync(join(ROOT, 'node_modules'), join(dir.path, 'node_modules'), 'dir');
      file('src/edge/request.ts', "import { Injectable } from '@nestjs/common';\nexport const edge = Injectable;\n");
      // A decider reaching a framework through another module still counts.
      file('src/order/order.decide.ts', "import { edge } from '../edge/request';\nexport const decide = edge;\n");
      file('src/money/money.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n");
      file('src/order/order-commands.service.ts', "import { view } from '../../projections/journal/view';\nexport const commands = view;\n");
      file('projections/journal/view.ts', "import { saga } from '../../sagas/refund/refund.saga';\nexport const view = saga;\n");
      file('sagas/refund/refund.saga.ts', 'export const saga = 1;\n');
      file('src/errors/api-error.ts', "import { edge } from '../edge/request';\nexport const error = edge;\n");
      file('src/time/instant.ts', "import { date } from './calendar-date';\nexport const instant = date;\n");
      file('src/time/calendar-date.ts', "import { instant } from './instant';\nexport const date = instant;\n");

      const { status, output } = await cruise(dir.path, ['src', 'projections', 'sagas']);
      assert.notEqual(status, 0, 'a violation must fail the run');
      for (const rule of [
        'pure-core-is-framework-free: src/order/order.decide.ts',
        'pure-core-touches-no-files: src/money/money.ts',
        'src-reaches-read-side-and-sagas-only-from-the-composition-root: src/order/order-commands.service.ts',
        'projections-and-sagas-are-independent: projections/journal/view.ts',
        'edge-plumbing-does-not-import-the-edge: src/errors/api-error.ts',
        'no-circular: src/time/',
      ]) {
        assert.ok(output.includes(rule), `expected "${rule}" in:\n${output}`);
      }
    } finally {
      dir.remove();
    }
  });
});
