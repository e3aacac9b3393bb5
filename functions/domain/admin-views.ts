import type { AdminRow, Dashboard } from './admin-list.ts';
import type { ApplicationStatus, DraftFields } from './application.ts';
import type { Article, ArticleStatus } from './article.ts';
import type { ArticleRecord, ArticleSnapshot } from './article-workflow.ts';
import type { CampaignPhase } from './campaign.ts';
import type { CompilationRecord } from './compilation.ts';
import type { NewsletterSelection } from './newsletter.ts';
import type { FieldIssue } from './errors.ts';
import type { UndeliverableKind } from './mail-events.ts';
import type { ClosedStatus, Decision } from './timeline.ts';
import type { Burst, VotingSettings, VotingState } from './votes.ts';

/**
 * What the console's API answers, screen by screen: one contract for both sides. The routes
 * (functions/admin-api/) are typed against it and the console (frontend/admin/) imports it with
 * `import type`, so that neither can drift from the other.
 */

interface CampaignRef {
  id: string;
  title: string;
  phase: CampaignPhase;
}

/** A row of the list: the list domain's row, plus what the console shows of the timeline and the article. */
export interface ConsoleRow extends AdminRow {
  closedStatus: ClosedStatus | null;
  decisionSentAt: string | null;
  articleStatus: string | null;
}

/** GET /api/admin/applications. */
export interface ApplicationList {
  campaign: CampaignRef;
  /** Every file of the campaign, before the filters. */
  total: number;
  rows: ConsoleRow[];
  /** What the region filter offers: the regions present in this campaign. */
  regions: string[];
}

/** GET /api/admin/dashboard. */
export type DashboardView = Dashboard & {
  campaign: { id: string; title: string };
  /** Complete at the deadline and not decided yet. */
  undecided: number;
  /** Selected files per article status (`none`: no article yet). */
  articles: Record<string, number>;
};

/** A processed photo's variant, served under /media/. */
export interface VariantView {
  width: number;
  height: number;
  format: 'jpeg' | 'webp';
  url: string;
}

export interface PhotoDetail {
  slot: number;
  state: 'processing' | 'ready' | 'rejected';
  message?: string;
  caption: string;
  credit: string;
  width?: number;
  height?: number;
  variants: VariantView[];
}

/** A photo of the file screen: its original, as uploaded, behind a short-lived download link. */
export type PhotoWithOriginal = PhotoDetail & { original: { url: string; name: string } | null };

/**
 * GET /api/admin/applications/:id/photo-archive and POST /api/admin/photo-archives: a ZIP of the
 * originals behind a short-lived link.
 */
export interface PhotoArchive {
  campaignId: string;
  url: string;
  name: string;
  bytes: number;
  expiresIn: number;
  files: number;
  photos: number;
}

/** The release's file, behind a short-lived link. */
type ReleaseFile = { url: string; expiresIn: number } | null;

export type ReleaseDetail =
  | {
      mode: 'online';
      imageCount: number;
      signatory: string;
      signedAt: string;
      details: Record<string, unknown>;
      file: ReleaseFile;
    }
  | {
      mode: 'scan';
      state: 'processing' | 'received' | 'rejected';
      imageCount: number;
      message?: string;
      file: ReleaseFile;
    };

/** One line of a file's history: what happened (`type`), when, and its facts. */
export type HistoryLine = Record<string, string | number | boolean> & { at: string; type: string };

/** GET /api/admin/applications/:id. */
export interface ApplicationDetail {
  application: {
    id: string;
    campaignId: string;
    status: ApplicationStatus;
    closedStatus: ClosedStatus | null;
    submitted: boolean;
    fields: Partial<DraftFields>;
    missing: FieldIssue[];
    contactEmail: string;
    /** SES's permanent bounce or complaint for contactEmail. */
    undeliverable: { kind: UndeliverableKind; at: string } | null;
    decision: Decision | null;
    decisionSentAt: string | null;
    /** Withdrawn from the public site at the enterprise's request. */
    withdrawnAt: string | null;
    /** « NTA-2028-0042 », once the file has been complete. */
    reference: string | null;
    createdAt: string;
    updatedAt: string;
  };
  campaign: CampaignRef & { photoCount: number };
  /** Why no decision can be recorded now (null: it can). */
  decisionLock: string | null;
  photos: PhotoWithOriginal[];
  release: ReleaseDetail | null;
  article: {
    status: ArticleStatus;
    version: number;
    sentVersion: number | null;
    approvedAt: string | null;
    approvedBy: string | null;
  } | null;
  history: HistoryLine[];
}

/** GET /api/admin/applications/:id/article, and what its writes answer (a send adds `emailed`). */
export interface ArticleScreen {
  application: {
    id: string;
    initiative: string;
    company: string;
    contactEmail: string;
    description: string;
    decision: Decision['outcome'] | null;
    decisionSentAt: string | null;
  };
  campaign: { id: string; title: string; validationEnd: string; validationEndLabel: string };
  /** The working copy; null before a first save (then `suggestion` is a first draft). */
  record: ArticleRecord | null;
  suggestion: Article | null;
  versions: ArticleSnapshot[];
  /** The photos ready to show. */
  photos: PhotoDetail[];
  /** Why the article cannot be sent now (null: it can). */
  sendRefusal: string | null;
  emailed?: boolean;
}

/** A burst of votes, with the titles of the initiatives voted for. */
export type NamedBurst = Omit<Burst, 'initiatives'> & {
  initiatives: (Burst['initiatives'][number] & { title: string })[];
};

/** GET /api/admin/votes. */
export interface VoteReport {
  campaign: CampaignRef;
  voting: VotingSettings & {
    state: VotingState;
    opensAt: string;
    closesAt: string;
    frozenAt: string | null;
    frozen: boolean;
  };
  total: number;
  /** Distinct addresses that confirmed a vote. */
  voters: number;
  initiatives: {
    id: string;
    title: string;
    company: string;
    region: string;
    axis: string;
    axisLabel: string;
    votes: number;
    rank: number;
    winner: boolean;
  }[];
  axes: { id: string; label: string; votes: number; winners: { id: string; title: string; votes: number }[] }[];
  anomalies: { windowMinutes: number; threshold: number; byDomain: NamedBurst[]; byIp: NamedBurst[] };
  /** The prize wording per axis. */
  prizes: Record<string, string>;
}

/** An entry of the journal as the console shows it: who did what, when, and on which file (by its name). */
export interface AuditEntryView {
  at: string;
  by: string;
  /** The route, e.g. `PUT /api/admin/applications/:id/decision`. */
  action: string;
  label: string;
  target?: { type: string; id: string; name?: string };
  details: Record<string, string | number>;
}

/** GET /api/admin/audit. */
export interface AuditView {
  campaign: { id: string; title: string };
  entries: AuditEntryView[];
  more: boolean;
}

/** The printed compilation's latest generation, as the console sees it (no bucket key; a short-lived link). */
export interface CompilationView extends Omit<CompilationRecord, 'campaignId' | 'key'> {
  url: string | null;
  expiresIn?: number;
}

/** GET /api/admin/campaigns/:id/compilation (POST answers `{compilation}` alone). */
export interface CompilationScreen {
  compilation: CompilationView | null;
  printable: boolean;
  candidates: { id: string; initiative: string; enterprise: string; region: string; excluded: string | null }[];
}

/** GET and PUT /api/admin/campaigns/:id/newsletter. */
export interface NewsletterScreen {
  selection: NewsletterSelection;
  updatedAt: string | null;
  updatedBy: string | null;
  candidates: { id: string; title: string; company: string; region: string; axis: string; lead: string }[];
  html: string;
  text: string;
  missing: string[];
}

/** DELETE /api/admin/voters. */
export interface VoterErasureView {
  campaignId?: string;
  reason: string;
  campaigns: number;
  erased: { pending: number; votes: number; voters: number };
}
