import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOTE_CONFIRM_PATH, VOTE_WIDGET_SCRIPT, VOTE_WIDGET_STYLES } from '../../functions/domain/votes.ts';
import { buildVote } from '../../frontend/vote/build.ts';

/** The vote's browser side as built: fixed names for the widget, a CSP-compatible confirmation page. */
let out: string;
const read = (file: string) => readFile(path.join(out, file), 'utf8');

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'avenir-vote-'));
  await buildVote(out);
}, 60_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('vote build', () => {
  it('writes the widget under the fixed names the published pages include, small', async () => {
    const widget = await read(VOTE_WIDGET_SCRIPT);
    expect(widget.startsWith('"use strict";(()=>{') || widget.startsWith('(()=>{')).toBe(true); // a classic script (the layout loads it with defer)
    expect(widget).toContain(JSON.stringify(VOTE_WIDGET_STYLES));
    expect(gzipSync(widget).length).toBeLessThan(4 * 1024);
    expect((await stat(path.join(out, VOTE_WIDGET_STYLES))).isFile()).toBe(true);
  });

  it('renders the confirmation page with its hashed assets and nothing the CSP forbids', async () => {
    const html = await read(`${VOTE_CONFIRM_PATH}index.html`);
    expect(html).not.toMatch(/@@/);
    const assets = [...html.matchAll(/(?:src|href)="(\/voter\/confirmation\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(2);
    for (const asset of assets) expect((await stat(path.join(out, asset))).isFile()).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    expect(html).not.toMatch(/\son[a-z]+=/);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('role="status"');
    expect(html).toMatch(/<noscript>.*nécessite JavaScript/);
  });

  it('is valid HTML (W3C checker)', async () => {
    const jar = String(createRequire(import.meta.url)('vnu-jar'));
    const { stderr } = await promisify(execFile)('java', [
      '-jar',
      jar,
      '--errors-only',
      path.join(out, VOTE_CONFIRM_PATH, 'index.html'),
    ]).catch((e: { stderr: string }) => e);
    expect(stderr).toBe('');
  }, 60_000);
});
