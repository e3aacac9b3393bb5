import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  createApplicationSchema,
  fieldsUpdateSchema,
  onlineReleaseSchema,
  photoDetailsSchema,
  uploadRequestSchema,
  type DraftFields,
} from '../../functions/domain/application.ts';
import { AXES } from '../../functions/domain/axes.ts';
import { evaluateCompleteness } from '../../functions/domain/completeness.ts';
import type { ApplicationView, PhotoView, ReleaseView } from '../../functions/domain/views.ts';

/**
 * An in-memory stand-in for the public API, following its contract (same schemas, same
 * completeness rule), plus the static build with the production CSP. Lets the browser tests of the
 * form run without the local stack; the stack-backed test (application-form.test.ts) checks the
 * real thing.
 */
export interface MockOptions {
  staticDir: string;
  campaign?: 'open' | 'closed' | 'none';
  /** How long a photo stays « processing » after its upload. */
  processingMs?: number;
}

interface App {
  view: ApplicationView;
  token: string;
  creationKey: string;
}

const CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

const COMMUNES: Record<
  string,
  { city: string; department: { code: string; name: string }; region: { code: string; name: string } }[]
> = {
  '75011': [
    { city: 'Paris', department: { code: '75', name: 'Paris' }, region: { code: '11', name: 'Île-de-France' } },
  ],
  '69007': [
    { city: 'Lyon', department: { code: '69', name: 'Rhône' }, region: { code: '84', name: 'Auvergne-Rhône-Alpes' } },
  ],
  '01000': [
    {
      city: 'Bourg-en-Bresse',
      department: { code: '01', name: 'Ain' },
      region: { code: '84', name: 'Auvergne-Rhône-Alpes' },
    },
    {
      city: 'Saint-Denis-lès-Bourg',
      department: { code: '01', name: 'Ain' },
      region: { code: '84', name: 'Auvergne-Rhône-Alpes' },
    },
  ],
};

export async function startMockApi(options: MockOptions) {
  const deadline = new Date(Date.now() + (options.campaign === 'closed' ? -1 : 30) * 86_400_000).toISOString();
  const campaign = {
    id: 'c-test',
    title: 'Nos territoires ont de l’avenir 2028',
    open: options.campaign !== 'closed',
    deadline,
    deadlineLabel: '29 février 2028 à 23 h 59',
    notificationLabel: '15 mars 2028',
    launchLabel: '15 mai 2028',
    axes: AXES,
    photoCount: 4,
  };
  const apps = new Map<string, App>();
  const byCreationKey = new Map<string, string>();
  const media = new Map<string, Buffer>();
  const uploads = new Map<string, { appId: string; kind: 'photo' | 'release'; slot?: number; imageCount?: number }>();
  const cutUpload = new Map<string, string>();
  const stats = { creates: 0, patches: 0, uploadSlots: 0, uploads: 0, submits: 0, requests: [] as string[] };

  const refresh = (app: App) => {
    const v = app.view;
    const c = evaluateCompleteness({
      fields: v.fields,
      photos: v.photos,
      release: v.release?.mode === 'online' ? { mode: 'online', imageCount: v.release.imageCount } : v.release,
      photoCount: campaign.photoCount,
      submitted: v.submitted,
    });
    v.missing = c.missing;
    v.status = c.status;
    v.updatedAt = new Date().toISOString();
  };

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const invalid = (res: ServerResponse, issues: { path: PropertyKey[]; message: string }[]) =>
    send(res, 400, {
      error: 'validation',
      message: 'Certaines informations sont à corriger.',
      issues: issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  };
  const json = async (req: IncomingMessage) => {
    const text = (await readBody(req)).toString('utf8');
    return text ? JSON.parse(text) : {};
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const method = req.method ?? 'GET';
    const p = url.pathname;
    if (p === '/api/campaign' && method === 'GET') {
      return options.campaign === 'none'
        ? send(res, 404, { error: 'not-found', message: "Aucun appel à initiatives n'est ouvert." })
        : send(res, 200, campaign);
    }
    if (p === '/api/communes')
      return send(res, 200, { communes: COMMUNES[url.searchParams.get('codePostal') ?? ''] ?? [] });
    if (p === '/api/resume-links' && method === 'POST') return send(res, 202, { message: 'ok' });
    if (p === '/api/applications' && method === 'POST') {
      const parsed = createApplicationSchema.safeParse(await json(req));
      if (!parsed.success) return invalid(res, parsed.error.issues);
      const existing = byCreationKey.get(parsed.data.creationKey);
      if (existing) {
        const app = apps.get(existing)!;
        return send(res, 201, { application: app.view, token: app.token });
      }
      stats.creates += 1;
      const id = randomUUID();
      const now = new Date().toISOString();
      const app: App = {
        token: randomUUID().replace(/-/g, '') + 'Ab_-x',
        creationKey: parsed.data.creationKey,
        view: {
          id,
          status: 'draft',
          submitted: false,
          fields: parsed.data.fields as Partial<DraftFields>,
          photos: [],
          release: null,
          missing: [],
          campaign: { id: campaign.id, title: campaign.title, deadline: campaign.deadline, open: campaign.open },
          editable: campaign.open,
          createdAt: now,
          updatedAt: now,
        },
      };
      refresh(app);
      apps.set(id, app);
      byCreationKey.set(parsed.data.creationKey, id);
      return send(res, 201, { application: app.view, token: app.token });
    }
    const m = /^\/api\/applications\/([^/]+)(?:\/(uploads|release|submit|photos)(?:\/(\d+))?)?$/.exec(p);
    if (!m) return send(res, 404, { error: 'not-found', message: 'Adresse inconnue.' });
    const app = apps.get(m[1]!);
    if (!app) return send(res, 404, { error: 'not-found', message: 'Dossier introuvable.' });
    if (req.headers['x-application-token'] !== app.token)
      return send(res, 401, { error: 'unauthorized', message: 'Lien ou session invalide.' });
    const v = app.view;
    const action = m[2];
    if (!action && method === 'GET') return send(res, 200, v);
    if (!v.editable)
      return send(res, 409, {
        error: 'closed',
        message: 'L’appel à initiatives est clos\u00a0: il n’est plus possible de modifier le dossier.',
      });
    if (!action && method === 'PATCH') {
      const parsed = fieldsUpdateSchema.safeParse(await json(req));
      if (!parsed.success) return invalid(res, parsed.error.issues);
      // A rule only the server knows (tests show server issues like the form's own).
      if (parsed.data.company?.name === 'Doublon') {
        return invalid(res, [
          {
            path: ['company', 'name'],
            message: 'Nom de l’entreprise : un dossier porte déjà ce nom pour cette initiative.',
          },
        ]);
      }
      stats.patches += 1;
      for (const section of ['company', 'contact', 'initiative'] as const) {
        if (parsed.data[section]) v.fields[section] = { ...v.fields[section], ...parsed.data[section] } as never;
      }
      refresh(app);
      return send(res, 200, v);
    }
    if (action === 'uploads' && method === 'POST') {
      const parsed = uploadRequestSchema.safeParse(await json(req));
      if (!parsed.success) return invalid(res, parsed.error.issues);
      stats.uploadSlots += 1;
      const uploadId = randomUUID();
      const r = parsed.data;
      uploads.set(uploadId, {
        appId: v.id,
        kind: r.kind,
        slot: r.kind === 'photo' ? r.slot : undefined,
        imageCount: r.kind === 'release' ? r.imageCount : undefined,
      });
      const key = `${r.kind}s/${v.id}/${uploadId}`;
      return send(res, 200, {
        uploadId,
        key,
        url: `${origin}/_upload`,
        fields: { key, 'Content-Type': r.contentType, 'x-amz-meta-upload': uploadId, Policy: 'cG9saWN5' },
        maxBytes: r.size,
      });
    }
    if (action === 'photos' && m[3]) {
      const slot = Number(m[3]);
      const photo = v.photos.find((ph) => ph.slot === slot);
      if (!photo) return send(res, 404, { error: 'not-found', message: 'Pas de photo à cet emplacement.' });
      if (method === 'DELETE') v.photos = v.photos.filter((ph) => ph !== photo);
      else if (method === 'PATCH') {
        const parsed = photoDetailsSchema.safeParse(await json(req));
        if (!parsed.success) return invalid(res, parsed.error.issues);
        Object.assign(photo, parsed.data);
      }
      refresh(app);
      return send(res, 200, v);
    }
    if (action === 'release' && method === 'POST') {
      const parsed = onlineReleaseSchema.safeParse(await json(req));
      if (!parsed.success) return invalid(res, parsed.error.issues);
      v.release = {
        mode: 'online',
        state: 'signed',
        imageCount: parsed.data.imageCount,
        signatory: `${parsed.data.firstName} ${parsed.data.lastName}`,
        signedAt: new Date().toISOString(),
      };
      refresh(app);
      return send(res, 200, v);
    }
    if (action === 'submit' && method === 'POST') {
      stats.submits += 1;
      v.submitted = true;
      refresh(app);
      return send(res, 200, v);
    }
    return send(res, 405, { error: 'method', message: 'Méthode non prise en charge.' });
  };

  /** The presigned POST target: checks the signed fields come first, then processes the file. */
  const upload = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const form = await new Request('http://x/', {
      method: 'POST',
      body,
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
    const names = [...form.keys()];
    const uploadId = String(form.get('x-amz-meta-upload'));
    const target = uploads.get(uploadId);
    const file = form.get('file');
    if (!target || names.at(-1) !== 'file' || !(file instanceof Blob)) {
      res.writeHead(400).end('<Error><Code>InvalidArgument</Code></Error>');
      return;
    }
    // A file named « coupure… » loses the connection on every attempt with its first upload slot
    // (the browser may itself retry once on a new connection); « Réessayer » asks for a new slot.
    if (
      file instanceof File &&
      file.name.startsWith('coupure') &&
      (cutUpload.get(file.name) ?? uploadId) === uploadId
    ) {
      cutUpload.set(file.name, uploadId);
      req.socket.destroy();
      return;
    }
    stats.uploads += 1;
    const app = apps.get(target.appId)!;
    const bytes = Buffer.from(await file.arrayBuffer());
    media.set(uploadId, bytes);
    if (target.kind === 'photo') {
      const slot = target.slot!;
      const pending: PhotoView = { slot, uploadId, state: 'processing' };
      setTimeout(() => {
        const previous = app.view.photos.find((ph) => ph.slot === slot);
        const photo: PhotoView =
          bytes.length < 100
            ? { slot, uploadId, state: 'rejected', message: "ce fichier n'est pas une image lisible." }
            : {
                slot,
                uploadId,
                state: 'ready',
                width: 1600,
                height: 1200,
                caption: previous?.caption,
                credit: previous?.credit,
                thumbnail: { webp: `/media/${uploadId}.webp`, jpeg: `/media/${uploadId}.jpg` },
              };
        app.view.photos = [...app.view.photos.filter((ph) => ph.slot !== slot), photo].sort((a, b) => a.slot - b.slot);
        refresh(app);
      }, options.processingMs ?? 400);
      if (!app.view.photos.some((ph) => ph.slot === slot)) app.view.photos.push(pending);
    } else {
      const release: ReleaseView = { mode: 'scan', uploadId, state: 'processing', imageCount: target.imageCount! };
      app.view.release = release;
      setTimeout(() => {
        app.view.release = { ...release, state: 'received' };
        refresh(app);
      }, options.processingMs ?? 400);
    }
    refresh(app);
    res.writeHead(204).end();
  };

  const serveStatic = async (res: ServerResponse, pathname: string) => {
    const candidates = pathname.endsWith('/') ? [`${pathname}index.html`] : [pathname, `${pathname}/index.html`];
    for (const candidate of candidates) {
      const file = path.join(options.staticDir, path.normalize(candidate));
      if (!file.startsWith(options.staticDir)) break;
      if ((await stat(file).catch(() => null))?.isFile()) {
        const type =
          {
            '.html': 'text/html; charset=utf-8',
            '.js': 'text/javascript; charset=utf-8',
            '.css': 'text/css; charset=utf-8',
            '.map': 'application/json',
          }[path.extname(file)] ?? 'application/octet-stream';
        res.writeHead(200, {
          'content-type': type,
          'content-security-policy': CSP,
          'x-content-type-options': 'nosniff',
        });
        return res.end(await readFile(file));
      }
    }
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
    res.end(await readFile(path.join(options.staticDir, '404.html')).catch(() => 'not found'));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    stats.requests.push(`${req.method} ${url.pathname}`);
    const run = async () => {
      if (url.pathname.startsWith('/api/')) return api(req, res, url);
      if (url.pathname === '/_upload' && req.method === 'POST') return upload(req, res);
      const mediaMatch = /^\/media\/([\w-]+)\.(webp|jpg)$/.exec(url.pathname);
      if (mediaMatch) {
        const bytes = media.get(mediaMatch[1]!);
        res.writeHead(bytes ? 200 : 404, { 'content-type': 'image/jpeg' });
        return res.end(bytes);
      }
      return serveStatic(res, decodeURIComponent(url.pathname));
    };
    run().catch((error) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    stats,
    apps,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
