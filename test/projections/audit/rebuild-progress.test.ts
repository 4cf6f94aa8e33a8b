import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressBar, RebuildProgress } from '../../../projections/audit/rebuild-progress';

/** Collects what the CLI would write to stderr, as a terminal or as a pipe. */
function output(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WritableStream & { isTTY: boolean; chunks: string[] };
}

describe('rebuild progress on stderr', () => {
  it('draws a bar of whole percents that is full only when done', () => {
    assert.equal(progressBar(0n, 200n), `[${'-'.repeat(30)}]   0%`);
    assert.equal(progressBar(199n, 200n), `[${'#'.repeat(29)}-]  99%`);
    assert.equal(progressBar(200n, 200n), `[${'#'.repeat(30)}] 100%`);
    assert.equal(progressBar(0n, 0n), `[${'#'.repeat(30)}] 100%`, 'an empty log is done at once');
  });

  it('redraws one line in place on a terminal and ends it when done', () => {
    const tty = output(true);
    const progress = new RebuildProgress(tty, 'journal', 1000n);
    progress.update(500n);
    progress.finish();
    assert.equal(tty.chunks.length, 3);
    assert.ok(tty.chunks[0].startsWith('\rrebuild journal ['), 'carriage return, no newline');
    assert.match(tty.chunks[0], /50% position 500 of 1000$/);
    assert.match(tty.chunks[1], /100% position 1000 of 1000$/);
    assert.equal(tty.chunks[2], '\n');
  });

  it('writes a plain line at each tenth of the way when stderr is a file or a pipe', () => {
    const pipe = output(false);
    const progress = new RebuildProgress(pipe, 'journal', 1000n);
    for (let position = 100n; position <= 1000n; position += 50n) progress.update(position);
    progress.finish();
    assert.equal(pipe.chunks.length, 10, 'one line per tenth, none repeated');
    assert.ok(pipe.chunks.every((line) => line.endsWith('\n') && !line.includes('\r')));
    assert.match(pipe.chunks.at(-1)!, /^rebuild journal \[#{30}\] 100% position 1000 of 1000\n$/);
  });
});
