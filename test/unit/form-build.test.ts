import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFrontend } from '../../frontend/build.ts';

/** The built pages: CSP-compatible, labelled, and the form's script within its size budget. */
let out: string;
let form: string;
const read = (file: string) => readFile(path.join(out, file), 'utf8');

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'avenir-front-'));
  await buildFrontend(out);
  form = await read('candidater/index.html');
}, 60_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('frontend build', () => {
  it('writes the form, the printable release and the 404 page, with their assets', async () => {
    for (const page of ['candidater/index.html', 'candidater/decharge.html', '404.html']) {
      const html = await read(page);
      expect(html).not.toMatch(/<!-- @|@@/);
      for (const [, asset] of html.matchAll(/(?:src|href)="(\/(?:shared|candidater)\/[^"]+\.(?:js|css))"/g)) {
        expect((await stat(path.join(out, asset!))).isFile()).toBe(true);
      }
    }
  });

  it('has nothing the CSP forbids: no inline script, style or handler', async () => {
    for (const page of ['candidater/index.html', 'candidater/decharge.html', '404.html']) {
      const html = await read(page);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/<style|\sstyle=/);
      expect(html).not.toMatch(/\son[a-z]+=/);
      expect(html).toMatch(/<html lang="fr">/);
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    }
  });

  it('gives every control a label and a unique id', () => {
    const ids = [...form.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const controls = [...form.matchAll(/<(input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[2]!);
    expect(controls.length).toBeGreaterThan(40);
    for (const id of controls) expect(form, `label for ${id}`).toContain(`for="${id}"`);
    for (const [, refs] of form.matchAll(/aria-describedby="([^"]+)"/g)) {
      for (const ref of refs!.split(' ')) expect(ids, `aria-describedby → ${ref}`).toContain(ref);
    }
  });

  it('uses the autocomplete tokens browsers fill', () => {
    for (const token of [
      'organization',
      'street-address',
      'postal-code',
      'address-level2',
      'family-name',
      'given-name',
      'tel',
      'email',
      'organization-title',
    ]) {
      expect(form).toContain(`autocomplete="${token}"`);
    }
    expect(form).toContain('accept="image/jpeg,image/png,image/webp"');
  });

  it('lists every region and department (grouped), the three axes and four photo slots', () => {
    expect(form).toContain('<option value="Auvergne-Rhône-Alpes">');
    expect(form).toContain('<option value="La Réunion">');
    expect(form).toContain('data-region="Île-de-France">Paris (75)</option>');
    expect(form).not.toContain('Clipperton');
    expect(form.match(/name="initiative.axis"/g)).toHaveLength(3);
    expect(form.match(/class="photo-slot"/g)).toHaveLength(4);
  });

  it('keeps the form script small (gzipped, zod included)', async () => {
    const src = /<script type="module" src="([^"]+)"/.exec(form)![1]!;
    const js = await readFile(path.join(out, src));
    expect(gzipSync(js).length).toBeLessThan(45_000);
  });
});
