import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../adapters/audit-store.ts';
import type { AuditView } from '../domain/admin-views.ts';
import { articleContext } from '../services/article-context.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { json, jsonBody, type AnsweredRequest, type RouteContext } from '../shared/http.ts';
import { log, logError } from '../shared/log.ts';
import { consoleCampaign } from './console-campaign.ts';
import type { AdminRouteKey } from './index.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * The audit log of admin actions. Rather than each route remembering to write it, the console API's
 * router hands every answered request here: every write (any method but GET/HEAD) that succeeds is
 * recorded with who, what, when and on what, including routes added later. The table below, keyed
 * by the router's own route keys, only gives actions a French label and the few details worth
 * keeping; routes that write nothing are marked `read`.
 */
type Json = Record<string, unknown>;
interface Described {
  label: string;
  read?: true;
  /** A read that is audited all the same (an export of personal data). */
  auditedRead?: true;
  details?: (request: Json, response: Json) => Record<string, string | number | undefined>;
}

const str = (v: unknown) => {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' ? v : String(v);
};

const ACTIONS: Partial<Record<AdminRouteKey, Described>> = {
  'POST /api/admin/campaigns': { label: 'Campagne créée', details: (q) => ({ title: str(q.title) }) },
  'PUT /api/admin/campaigns/:id': { label: 'Campagne modifiée', details: (q) => ({ title: str(q.title) }) },
  'POST /api/admin/campaigns/:id/open': { label: 'Campagne ouverte' },
  'PUT /api/admin/applications/:id/decision': { label: 'Décision', details: (q) => ({ outcome: str(q.outcome) }) },
  'POST /api/admin/decisions': {
    label: 'Décisions groupées',
    details: (q, r) => ({
      outcome: str(q.outcome),
      requested: Array.isArray(q.ids) ? q.ids.length : undefined,
      decided: str(r.decided),
      ids: Array.isArray(q.ids) ? q.ids.join(' ') : undefined,
    }),
  },
  'PUT /api/admin/applications/:id/article': {
    label: 'Article enregistré',
    details: (_q, r) => ({ version: str((r.record as Json | undefined)?.version) }),
  },
  'POST /api/admin/applications/:id/article/send': {
    label: 'Article envoyé pour validation',
    details: (q) => ({ version: str(q.version) }),
  },
  'POST /api/admin/applications/:id/article/preview': { label: 'Aperçu', read: true },
  // Codes and counts only: the file's content is gone, and the audit log keeps no personal data.
  'DELETE /api/admin/applications/:id': {
    label: 'Données du dossier supprimées',
    details: (q, r) => {
      const erased = (r.erased ?? {}) as Json;
      return {
        reason: str(q.reason),
        items: str(erased.items),
        uploads: str(erased.uploads),
        media: str(erased.media),
        republished: str(erased.republished),
      };
    },
  },
  // Field names only, never their old or new values.
  'PATCH /api/admin/applications/:id/fields': {
    label: 'Dossier rectifié',
    details: (_q, r) => ({ fields: Array.isArray(r.changed) ? r.changed.join(' ') : undefined }),
  },
  'POST /api/admin/applications/:id/withdraw': {
    label: 'Initiative retirée du site',
    details: (_q, r) => ({ republished: str(r.republished) }),
  },
  // The address is never recorded: the reason code and what was erased.
  'DELETE /api/admin/voters': {
    label: 'Données d’un votant supprimées',
    details: (q, r) => {
      const erased = (r.erased ?? {}) as Json;
      return {
        reason: str(q.reason),
        campaigns: str(r.campaigns),
        pending: str(erased.pending),
        votes: str(erased.votes),
        voters: str(erased.voters),
      };
    },
  },
  'POST /api/admin/failed-events/redrive': { label: 'Traitements en échec relancés' },
  // The originals keep their EXIF (GPS included): who took them away is worth knowing.
  'GET /api/admin/applications/:id/photo-archive': {
    label: 'Photos du dossier téléchargées (ZIP)',
    auditedRead: true,
    details: (_q, r) => ({ photos: str(r.photos), bytes: str(r.bytes) }),
  },
  'POST /api/admin/photo-archives': {
    label: 'Photos de dossiers téléchargées (ZIP)',
    details: (q, r) => ({
      files: str(r.files),
      photos: str(r.photos),
      bytes: str(r.bytes),
      ids: Array.isArray(q.ids) ? q.ids.join(' ') : undefined,
    }),
  },
  'GET /api/admin/applications/:id/export': {
    label: 'Données du dossier exportées',
    auditedRead: true,
    details: (_q, r) => ({ bytes: str(r.bytes), uploads: str(r.uploads) }),
  },
};
/** A JSON object, or `{}` for anything else (an empty or unreadable body, a list). */
const objectOf = (read: () => unknown): Json => {
  try {
    const value = read();
    return value && typeof value === 'object' ? (value as Json) : {};
  } catch {
    return {};
  }
};

/** Campaign of the action: from the answer, the path (`/campaigns/:id`), or the application concerned. */
async function scopeOf(path: string, response: Json): Promise<{ scope: string; target?: AuditEntry['target'] }> {
  const campaign = (response.campaign as Json | undefined)?.id ?? response.campaignId;
  const onCampaign = /^\/api\/admin\/campaigns\/([^/]+)/.exec(path);
  const onApplication = /^\/api\/admin\/applications\/([^/]+)/.exec(path);
  if (onApplication) {
    const id = decodeURIComponent(onApplication[1]!);
    const parts = campaign ? undefined : await appContext().applications.load(id);
    return { scope: String(campaign ?? parts?.app.campaignId ?? 'global'), target: { type: 'application', id } };
  }
  const campaignId = campaign ?? (onCampaign ? decodeURIComponent(onCampaign[1]!) : undefined);
  return campaignId
    ? { scope: String(campaignId), target: { type: 'campaign', id: String(campaignId) } }
    : { scope: 'global' };
}

/** The router's `answered` hook (functions/admin-api/index.ts): records a successful write. */
export async function auditAnswered({ route, event, result }: AnsweredRequest): Promise<void> {
  const { method } = route;
  if ((result.statusCode ?? 500) >= 300) return;
  const key = `${method} ${route.pattern}`;
  const described = ACTIONS[key as AdminRouteKey];
  const read = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || described?.read;
  if (read && !described?.auditedRead) return;
  try {
    // The body the route parsed (parsed once per request, functions/shared/http.ts).
    const request = objectOf(() => jsonBody(event));
    const response = objectOf(() => JSON.parse(typeof result.body === 'string' ? result.body : ''));
    const { scope, target } = await scopeOf(event.rawPath, response);
    const details = Object.fromEntries(
      Object.entries(described?.details?.(request, response) ?? {}).filter(
        (e): e is [string, string | number] => e[1] !== undefined,
      ),
    );
    const admin = requireAdmin(event);
    // An action without a label keeps its path, ids included: what the entry is about.
    const unlabelled = `${method} ${event.rawPath}`;
    await articleContext(appContext()).audit.record(scope, {
      at: now().toISOString(),
      by: admin.email,
      sub: admin.sub,
      action: described ? key : unlabelled,
      label: described?.label ?? unlabelled,
      target,
      details,
      requestId: event.requestContext.requestId ?? randomUUID(),
    });
  } catch (error) {
    // The action itself succeeded: answering an error would make the console retry it.
    log.error('audit not recorded', { path: event.rawPath, method, error: logError(error) });
  }
}

/** GET /api/admin/audit?campaignId=&before=: the campaign's actions and the global ones, newest first. */
export async function getAudit({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = articleContext(appContext());
  const query = event.queryStringParameters ?? {};
  const campaign = await consoleCampaign(ctx, query.campaignId || undefined);
  const before = query.before || undefined;
  const limit = 100;
  const [own, global, files] = await Promise.all([
    ctx.audit.list(campaign.id, limit, before),
    ctx.audit.list('global', limit, before),
    ctx.applications.listByCampaign(campaign.id),
  ]);
  // Each entry about a file names it (its initiative, else its company), as the team knows it.
  const names = new Map(files.map((f) => [f.id, f.fields.initiative?.name || f.fields.company?.name || undefined]));
  const entries = [...own, ...global]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit)
    .map((entry) => ({
      ...entry,
      target: entry.target && {
        ...entry.target,
        name: entry.target.type === 'application' ? names.get(entry.target.id) : undefined,
      },
    }));
  return json(200, {
    campaign: { id: campaign.id, title: campaign.title },
    entries,
    more: entries.length === limit,
  } satisfies AuditView);
}
