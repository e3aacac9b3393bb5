import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import type { ApplicationView, UploadSlotView } from '../functions/domain/views.ts';
import { postPresigned } from './presigned-post.ts';

/**
 * Post-deploy smoke test: `npm run smoke -- https://initiatives.example.org` checks a deployed
 * stack as a visitor and an applicant would, and says in French what fails (README, « Deploy »).
 * When a call is open it files a test application (`test: true`: no email, not in the console,
 * expires within a day), uploads 4 generated photos, waits until they are processed, then erases it.
 */

export interface SmokeCheck {
  /** What was checked, in French. */
  name: string;
  ok: boolean;
  /** What was seen (status, missing headers, photo states…). */
  detail: string;
  /** When it failed: what to look at, in plain French. */
  advice?: string;
}

export interface SmokeResult {
  ok: boolean;
  checks: SmokeCheck[];
  /** The test application, when one was created (erased at the end if all went well). */
  applicationId?: string;
  /** The contact address of the test application (no email may ever reach it). */
  testEmail?: string;
}

export interface SmokeOptions {
  /** Where each check's line goes as soon as it is known. */
  log?: (line: string) => void;
  /** How long to wait for the 4 photos to be processed. */
  photoTimeoutMs?: number;
}

/** The headers CloudFront's response headers policy adds (infra/constructs/site.ts), with the value expected when fixed. */
export const SECURITY_HEADERS: Record<string, RegExp> = {
  'content-security-policy': /default-src/,
  'strict-transport-security': /max-age=\d+/,
  'x-content-type-options': /^nosniff$/i,
  'x-frame-options': /^deny$/i,
  'referrer-policy': /^strict-origin-when-cross-origin$/i,
};

/** The security headers that are missing or not as expected, as French phrases (empty when all are right). */
export function securityHeaderProblems(headers: Headers): string[] {
  return Object.entries(SECURITY_HEADERS).flatMap(([name, expected]) => {
    const value = headers.get(name);
    if (value === null) return [`${name} absent`];
    return expected.test(value) ? [] : [`${name} inattendu (« ${value} »)`];
  });
}

/** What a thrown fetch or JSON error says, in French: fetch hides the network cause (DNS, refused, TLS) in `cause`. */
export function unreachable(error: unknown): string {
  if (error instanceof SyntaxError) return `réponse illisible (${error.message})`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `injoignable (${why})`;
}

const PHOTO_SLOTS = [1, 2, 3, 4] as const;

/**
 * A real JPEG just above the photo rules (long side >= 1200 px, short side >= 600 px, README): a
 * flat colour per slot keeps it a few kilobytes.
 */
export function smokePhoto(slot: number): Promise<Buffer> {
  const colours = [
    { r: 46, g: 125, b: 50 },
    { r: 21, g: 101, b: 192 },
    { r: 230, g: 81, b: 0 },
    { r: 106, g: 27, b: 154 },
  ];
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: colours[(slot - 1) % colours.length]! } })
    .jpeg({ quality: 60 })
    .toBuffer();
}

/** The fields of the test application: a draft needs only the contact's email. */
function testFields(email: string) {
  return {
    contact: { email, firstName: 'Test', lastName: 'Vérification après déploiement' },
    initiative: { name: 'Dossier de test (npm run smoke) : à ignorer' },
  };
}

const ADVICE = {
  site: "Le site ne répond pas comme prévu : vérifiez que le déploiement est allé au bout, que l'adresse est la bonne (sortie SiteUrl du déploiement) et que la distribution CloudFront est « déployée » dans la console AWS.",
  headers:
    "CloudFront n'ajoute pas les en-têtes de sécurité attendus : vérifiez la politique d'en-têtes de la distribution (infra/constructs/site.ts) et qu'elle s'applique à ce chemin.",
  api: "L'API ne répond pas comme prévu : regardez les journaux de la fonction « api » dans CloudWatch et la route /api/* de la distribution CloudFront.",
  create:
    'Impossible de créer un dossier : regardez les journaux de la fonction « api » dans CloudWatch (table DynamoDB, droits de la fonction).',
  upload:
    "Le dépôt d'une photo a échoué : regardez la réponse du bucket des dépôts (droits de la fonction « api » qui signe les dépôts, règles CORS du bucket).",
  photos:
    "Les photos n'ont pas été traitées comme prévu : regardez les journaux de la fonction « photo » dans CloudWatch, la file des échecs (FailedEvents) et les notifications du bucket des dépôts.",
  erase: (id: string) =>
    `Le dossier de test n'a pas été supprimé : ses données s'effaceront d'elles-mêmes sous 24 heures, mais pas ses photos (à supprimer à la main : photos/${id}/ dans le bucket des dépôts, media/${id}/ dans celui des médias). Regardez les journaux de la fonction « api » dans CloudWatch (droits de suppression sur les buckets).`,
};

/** Runs every check against a deployed site (its root URL) and returns the results; never throws. */
export async function runSmoke(siteUrl: string, options: SmokeOptions = {}): Promise<SmokeResult> {
  const log = options.log ?? (() => {});
  const photoTimeoutMs = options.photoTimeoutMs ?? 90_000;
  const site = siteUrl.replace(/\/+$/, '');
  const checks: SmokeCheck[] = [];
  const result: SmokeResult = { ok: false, checks };

  const record = (check: SmokeCheck): boolean => {
    checks.push(check);
    log(`${check.ok ? '✓' : '✗'} ${check.name} : ${check.detail}`);
    if (!check.ok && check.advice) log(`  → ${check.advice}`);
    return check.ok;
  };
  /** Runs one check; an exception (network, TLS, bad JSON) is its failure, not the run's. */
  const check = async (
    name: string,
    advice: string,
    run: () => Promise<{ ok: boolean; detail: string }>,
  ): Promise<boolean> => {
    try {
      const { ok, detail } = await run();
      return record({ name, ok, detail, ...(ok ? {} : { advice }) });
    } catch (error) {
      return record({ name, ok: false, detail: unreachable(error), advice });
    }
  };

  let token = '';
  const api = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${site}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { 'x-application-token': token }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const said = (body: unknown) =>
    body && typeof body === 'object' && 'message' in body ? ` (« ${String(body.message)} »)` : '';

  for (const [path, label] of [
    ['/', "Page d'accueil"],
    ['/candidater/', 'Formulaire de candidature'],
  ] as const) {
    let headers: Headers | undefined;
    await check(`${label} (${path})`, ADVICE.site, async () => {
      const res = await fetch(`${site}${path}`);
      await res.arrayBuffer();
      if (res.status !== 200) return { ok: false, detail: `répond ${res.status} au lieu de 200` };
      headers = res.headers;
      return { ok: true, detail: 'répond 200' };
    });
    // Judged on the same answer; nothing to judge when the page did not answer.
    if (!headers) continue;
    const problems = securityHeaderProblems(headers);
    record({
      name: `En-têtes de sécurité de ${path}`,
      ok: problems.length === 0,
      detail: problems.length ? problems.join(', ') : 'tous présents',
      ...(problems.length ? { advice: ADVICE.headers } : {}),
    });
  }

  let open = false;
  const answered = await check('API : appel à initiatives (GET /api/campaign)', ADVICE.api, async () => {
    const res = await api<{ title?: string; open?: boolean; error?: string; message?: string }>('GET', '/api/campaign');
    if (res.status === 200 && res.body?.title) {
      open = res.body.open === true;
      return { ok: true, detail: `« ${res.body.title} », ${open ? 'ouvert' : 'fermé'}` };
    }
    // The API's own answer when no call was ever opened (functions/api/public-routes.ts).
    if (res.status === 404 && res.body?.error === 'not-found')
      return { ok: true, detail: `aucun appel ouvert${said(res.body)}` };
    return { ok: false, detail: `répond ${res.status}${said(res.body)}` };
  });
  if (!open) {
    log(
      `– ${answered ? 'Aucun appel ouvert' : "L'API ne répond pas"} : le dépôt d'un dossier de test n'a pas été essayé.`,
    );
    return finish();
  }

  // The test application: created, 4 photos, processed, then erased whatever happened in between.
  const email = `test-deploiement+${randomBytes(4).toString('hex')}@example.invalid`;
  result.testEmail = email;
  let id = '';
  const created = await check('Dossier de test créé (POST /api/applications)', ADVICE.create, async () => {
    const res = await api<{ application?: ApplicationView; token?: string; message?: string }>(
      'POST',
      '/api/applications',
      {
        creationKey: randomUUID(),
        fields: testFields(email),
        test: true,
      },
    );
    if (res.status !== 201 || !res.body?.application || !res.body.token)
      return { ok: false, detail: `répond ${res.status}${said(res.body)}` };
    id = res.body.application.id;
    token = res.body.token;
    result.applicationId = id;
    return { ok: true, detail: `dossier ${id}` };
  });
  if (!created) return finish();

  try {
    const sent = await check('4 photos déposées (dépôt signé vers le bucket)', ADVICE.upload, async () => {
      for (const slot of PHOTO_SLOTS) {
        const photo = await smokePhoto(slot);
        const upload = await api<UploadSlotView & { message?: string }>('POST', `/api/applications/${id}/uploads`, {
          kind: 'photo',
          slot,
          contentType: 'image/jpeg',
          size: photo.length,
        });
        if (upload.status !== 200)
          return { ok: false, detail: `photo ${slot} : l'API refuse le dépôt, ${upload.status}${said(upload.body)}` };
        const posted = await postPresigned(upload.body, photo, 'image/jpeg');
        if (posted.status >= 300)
          return {
            ok: false,
            detail: `photo ${slot} : le bucket répond ${posted.status} ${posted.body.slice(0, 200)}`,
          };
      }
      return { ok: true, detail: '4 photos JPEG de 1200 × 800' };
    });
    if (sent) {
      await check('4 photos traitées (fonction photo)', ADVICE.photos, async () => {
        const started = Date.now();
        let photos: ApplicationView['photos'] = [];
        for (;;) {
          const res = await api<ApplicationView>('GET', `/api/applications/${id}`);
          if (res.status !== 200)
            return { ok: false, detail: `GET /api/applications/${id} répond ${res.status}${said(res.body)}` };
          photos = res.body.photos;
          const rejected = photos.find((p) => p.state === 'rejected');
          if (rejected)
            return { ok: false, detail: `photo ${rejected.slot} refusée : ${rejected.message ?? 'sans message'}` };
          if (PHOTO_SLOTS.every((slot) => photos.some((p) => p.slot === slot && p.state === 'ready'))) {
            return { ok: true, detail: `prêtes en ${Math.round((Date.now() - started) / 1000)} s` };
          }
          if (Date.now() - started > photoTimeoutMs) break;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        const states = PHOTO_SLOTS.map(
          (slot) => `${slot} : ${photos.find((p) => p.slot === slot)?.state ?? 'pas reçue'}`,
        ).join(', ');
        return { ok: false, detail: `pas prêtes après ${Math.round(photoTimeoutMs / 1000)} s (${states})` };
      });
    }
  } finally {
    await check('Dossier de test supprimé (DELETE /api/applications/:id)', ADVICE.erase(id), async () => {
      const res = await api<{ message?: string }>('DELETE', `/api/applications/${id}`);
      if (res.status !== 204) return { ok: false, detail: `répond ${res.status}${said(res.body)}` };
      // Gone means the private link no longer opens it.
      const after = await api<{ message?: string }>('GET', `/api/applications/${id}`);
      return after.status === 401
        ? { ok: true, detail: 'supprimé, son lien ne l’ouvre plus' }
        : { ok: false, detail: `supprimé (204) mais GET répond encore ${after.status}` };
    });
  }
  return finish();

  function finish(): SmokeResult {
    result.ok = checks.every((c) => c.ok);
    const failed = checks.filter((c) => !c.ok).length;
    log(
      result.ok
        ? `\nTout fonctionne (${checks.length} vérifications).`
        : `\n${failed} vérification(s) sur ${checks.length} en échec.`,
    );
    return result;
  }
}

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url || !/^https?:\/\//.test(url)) {
    console.error(
      "Usage : npm run smoke -- <adresse du site>, par exemple npm run smoke -- https://initiatives.example.org\n(l'adresse est la sortie SiteUrl du déploiement)",
    );
    process.exit(2);
  }
  console.log(`Vérification de ${url}\n`);
  const result = await runSmoke(url, { log: (line) => console.log(line) });
  process.exit(result.ok ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
