import type { ApplicationParts, PhotoRecord, ReleaseRecord } from '../adapters/application-store.ts';
import { acceptsChanges, type Campaign } from '../domain/campaign.ts';
import type { ApplicationView, PhotoView, ReleaseView } from '../domain/views.ts';
import { completenessOf } from '../services/evaluate.ts';

const mediaUrl = (key: string) => `/${key}`;

function photoView(p: PhotoRecord): PhotoView | undefined {
  if (!p.uploadId || !p.state) return undefined;
  const small = (format: 'webp' | 'jpeg') =>
    p.variants?.filter((v) => v.format === format).sort((a, b) => a.width - b.width)[0];
  const webp = small('webp');
  const jpeg = small('jpeg');
  return {
    slot: p.slot,
    uploadId: p.uploadId,
    state: p.state,
    message: p.message,
    caption: p.caption,
    credit: p.credit,
    width: p.width,
    height: p.height,
    thumbnail: webp && jpeg ? { webp: mediaUrl(webp.key), jpeg: mediaUrl(jpeg.key) } : undefined,
  };
}

function releaseView(r: ReleaseRecord | null): ReleaseView | null {
  if (!r) return null;
  if (r.mode === 'online')
    return { mode: 'online', state: 'signed', imageCount: r.imageCount, signatory: r.signatory, signedAt: r.signedAt };
  return { mode: 'scan', uploadId: r.uploadId, state: r.state, imageCount: r.imageCount, message: r.message };
}

/** What the holder of the private link sees; the missing list is recomputed so it is always current. */
export function applicationView(parts: ApplicationParts, campaign: Campaign, now: Date): ApplicationView {
  const { app } = parts;
  const completeness = completenessOf(parts, campaign);
  return {
    id: app.id,
    status: completeness.status,
    submitted: app.submitted,
    fields: app.fields,
    photos: parts.photos
      .map(photoView)
      .filter((p): p is PhotoView => Boolean(p))
      .sort((a, b) => a.slot - b.slot),
    release: releaseView(parts.release),
    missing: completeness.missing,
    campaign: {
      id: campaign.id,
      title: campaign.title,
      deadline: campaign.dates.deadline,
      open: acceptsChanges(campaign, now),
    },
    editable: acceptsChanges(campaign, now),
    reference: app.reference,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
  };
}
