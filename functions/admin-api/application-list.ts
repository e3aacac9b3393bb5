import { DateTime } from 'luxon';
import * as z from 'zod/mini';
import type { ApplicationRecord } from '../adapters/application-store.ts';
import { adminRow, dashboard, filesToCsv, filterRows, listFiltersSchema, type CsvFile } from '../domain/admin-list.ts';
import type { ApplicationList, ConsoleRow, DashboardView } from '../domain/admin-views.ts';
import { ARTICLE_STATUSES } from '../domain/article.ts';
import { ZONE } from '../domain/campaign.ts';
import { invalid } from '../domain/errors.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { csvDownload, json, zodIssues, type HttpEvent, type RouteContext } from '../shared/http.ts';
import { consoleCampaign } from './console-campaign.ts';
import { requireAdmin } from './require-admin.ts';
import { shareImage } from '../domain/site/pictures.ts';

/** The console's filters: the list domain's, plus the campaign, completeness and the article's status. */
const consoleFiltersSchema = z.extend(listFiltersSchema, {
  campaignId: z.optional(z.string().check(z.maxLength(100))),
  complete: z.optional(z.enum(['yes', 'no'])),
  article: z.optional(z.enum([...ARTICLE_STATUSES, 'none'])),
});
type ConsoleFilters = z.infer<typeof consoleFiltersSchema>;

export function queryFilters(event: HttpEvent): ConsoleFilters {
  // An empty select sends `status=`: it means « all », not an invalid value.
  const raw = Object.fromEntries(
    Object.entries(event.queryStringParameters ?? {}).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = consoleFiltersSchema.safeParse(raw);
  if (!parsed.success) throw invalid(zodIssues(parsed.error), 'Filtres invalides.');
  return parsed.data;
}

/** A list row: the domain's row plus what the console shows of the timeline and the article. */
export function consoleRow(app: ApplicationRecord): ConsoleRow {
  return {
    ...adminRow(app),
    closedStatus: app.closedStatus ?? null,
    decisionSentAt: app.decisionSentAt ?? null,
    articleStatus: app.articleStatus ?? null,
  };
}
function select(apps: ApplicationRecord[], filters: ConsoleFilters): ConsoleRow[] {
  // filterRows keeps the rows it is given (it filters and sorts): they are still console rows.
  return (filterRows(apps.map(consoleRow), filters) as ConsoleRow[]).filter(
    (r) =>
      (!filters.complete || (filters.complete === 'yes') === (r.status === 'complete')) &&
      (!filters.article || (r.articleStatus ?? 'none') === filters.article),
  );
}

/** GET /api/admin/applications: the campaign's files, filtered, searched and sorted. */
export async function listApplications({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const filters = queryFilters(event);
  const campaign = await consoleCampaign(ctx, filters.campaignId);
  const apps = await ctx.applications.listByCampaign(campaign.id);
  const rows = select(apps, filters);
  return json(200, {
    campaign: { id: campaign.id, title: campaign.title, phase: campaign.phase },
    total: apps.length,
    rows,
    // What the filter menus offer: the regions present in this campaign.
    regions: [...new Set(apps.map((a) => a.fields.company?.region).filter((r): r is string => Boolean(r)))].sort(
      (a, b) => a.localeCompare(b, 'fr'),
    ),
  } satisfies ApplicationList);
}

/** GET /api/admin/applications.csv: the same selection, for Excel (UTF-8 with BOM, semicolons). */
export async function exportApplications({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const filters = queryFilters(event);
  const campaign = await consoleCampaign(ctx, filters.campaignId);
  const apps = await ctx.applications.listByCampaign(campaign.id);
  const byId = new Map(apps.map((a) => [a.id, a]));
  const selected = select(apps, filters);
  const site = ctx.env.SITE_URL.replace(/\/+$/, '');
  const files: CsvFile[] = [];
  // The photos are in each file's partition: one query per file, a few at a time.
  for (let i = 0; i < selected.length; i += CSV_PHOTO_READS) {
    const batch = selected.slice(i, i + CSV_PHOTO_READS);
    const parts = await Promise.all(batch.map((row) => ctx.applications.load(row.id)));
    batch.forEach((row, n) =>
      files.push({
        ...byId.get(row.id)!,
        articleStatus: row.articleStatus,
        photoUrls: (parts[n]?.photos ?? [])
          .sort((a, b) => a.slot - b.slot)
          .flatMap((p) => {
            const widest = shareImage({ variants: p.variants ?? [] });
            return widest ? [`${site}/${widest.key}`] : [];
          }),
      }),
    );
  }
  const day = DateTime.fromJSDate(now(), { zone: ZONE }).toFormat('yyyy-MM-dd');
  return csvDownload('candidatures', day, filesToCsv(files));
}

/** Files whose photos the CSV export reads at once. */
const CSV_PHOTO_READS = 8;

/** GET /api/admin/dashboard: counts per status, axis and region; selected against the target; the next step. */
export async function getDashboard({ event }: RouteContext) {
  requireAdmin(event);
  const ctx = appContext();
  const { campaignId } = queryFilters(event);
  const campaign = await consoleCampaign(ctx, campaignId);
  const apps = await ctx.applications.listByCampaign(campaign.id);
  const rows = apps.map(consoleRow);
  const selected = rows.filter((r) => r.decision === 'selected');
  return json(200, {
    campaign: { id: campaign.id, title: campaign.title },
    ...dashboard(rows, campaign, now()),
    undecided: rows.filter((r) => r.closedStatus === 'complete' && r.decision === 'none').length,
    articles: Object.fromEntries(
      ['none', ...ARTICLE_STATUSES].map((s) => [s, selected.filter((r) => (r.articleStatus ?? 'none') === s).length]),
    ),
  } satisfies DashboardView);
}
