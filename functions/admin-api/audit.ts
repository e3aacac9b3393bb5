import { randomUUID } from 'node:crypto';
import { match } from 'path-to-regexp';
import type { AuditEntry } from '../adapters/audit-store.ts';
import { articleContext } from '../shared/article-context.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../shared/context.ts';
import { json, type HttpEvent, type HttpResult, type RouteContext } from '../shared/http.ts';
import { log, logError } from '../shared/log.ts';
import { consoleCampaign } from './application-list.ts';
import { requireAdmin } from './require-admin.ts';

/**
 * The audit log of admin actions. Rather than each route remembering to write it, the console API
 * is wrapped: every write (any method but GET/HEAD) that succeeds is recorded with who, what, when
 * and on what, including routes added later. The table below only gives actions a French label and
 * the few details worth keeping; routes that write nothing are marked `read`.
 */
type Json = Record<string, unknown>;
interface Described {
  label: string;
  read?: true;
  /** A read that is audited all the same (an export of personal data). */
  auditedRead?: true;
  details?: (request: Json, response: Json) => Record<string, string | number | undefined>;
}

const str = (v: unknown) => (v === undefined || v === null ? undefined : typeof v === 'number' ? v : String(v));

const ACTIONS: Record<string, Described> = {
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
  'GET /api/admin/applications/:id/export': {
    label: 'Données du dossier exportées',
    auditedRead: true,
    details: (_q, r) => ({ bytes: str(r.bytes), uploads: str(r.uploads) }),
  },
};
const matchers = Object.entries(ACTIONS).map(([key, described]) => {
  const [method, pattern] = key.split(' ') as [string, string];
  return { key, method, matcher: match(pattern, { decode: decodeURIComponent }), described };
});

const parse = (text: string | undefined, base64 = false): Json => {
  try {
    const value = JSON.parse(base64 ? Buffer.from(text ?? '', 'base64').toString('utf8') : (text ?? ''));
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

export function withAudit(handle: (event: HttpEvent) => Promise<HttpResult>) {
  return async (event: HttpEvent): Promise<HttpResult> => {
    const result = await handle(event);
    const method = event.requestContext.http.method;
    if ((result.statusCode ?? 500) >= 300) return result;
    const found = matchers.find((m) => m.method === method && m.matcher(event.rawPath));
    const read = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || found?.described.read;
    if (read && !found?.described.auditedRead) return result;
    try {
      const request = parse(event.body, event.isBase64Encoded);
      const response = parse(typeof result.body === 'string' ? result.body : undefined);
      const { scope, target } = await scopeOf(event.rawPath, response);
      const details = Object.fromEntries(
        Object.entries(found?.described.details?.(request, response) ?? {}).filter(
          (e): e is [string, string | number] => e[1] !== undefined,
        ),
      );
      const admin = requireAdmin(event);
      await articleContext(appContext()).audit.record(scope, {
        at: now().toISOString(),
        by: admin.email,
        sub: admin.sub,
        action: found?.key ?? `${method} ${event.rawPath}`,
        label: found?.described.label ?? `${method} ${event.rawPath}`,
        target,
        details,
        requestId: event.requestContext.requestId ?? randomUUID(),
      });
    } catch (error) {
      // The action itself succeeded: answering an error would make the console retry it.
      log.error('audit not recorded', { path: event.rawPath, method, error: logError(error) });
    }
    return result;
  };
}

/** GET /api/admin/audit?campaignId=&before=: the campaign's actions and the global ones, newest first. */
export async function getAudit({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = articleContext(appContext());
  const query = event.queryStringParameters ?? {};
  const campaign = await consoleCampaign(ctx, query.campaignId || undefined);
  const before = query.before || undefined;
  const limit = 100;
  const [own, global] = await Promise.all([
    ctx.audit.list(campaign.id, limit, before),
    ctx.audit.list('global', limit, before),
  ]);
  const entries = [...own, ...global].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  return json(200, { campaign: { id: campaign.id, title: campaign.title }, entries, more: entries.length === limit });
}
