import {
  MAX_PHOTO_BYTES,
  MAX_RELEASE_BYTES,
  onlineReleaseSchema,
  photoDetailsSchema,
  uploadRequestSchema,
} from '../domain/application.ts';
import { invalid } from '../domain/errors.ts';
import { sortableId } from '../domain/tokens.ts';
import { MediaBucket } from '../adapters/media-bucket.ts';
import { UploadsBucket } from '../adapters/uploads-bucket.ts';
import { now } from '../shared/clock.ts';
import { appContext } from '../services/context.ts';
import { evaluate } from '../services/evaluate.ts';
import { sendReleaseCopy } from '../services/release-copy.ts';
import { json, parseBody, type RouteContext } from '../shared/http.ts';
import type { UploadSlotView } from '../domain/views.ts';
import { assertEditable, openApplication } from './access.ts';
import { applicationView } from './view.ts';
import { s3Client } from '../shared/clients/s3.ts';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};
/** Long enough for a slow phone connection to send 20 MB. */
const UPLOAD_WINDOW_SECONDS = 30 * 60;

function slotOf(raw: string | undefined): number {
  const slot = Number(raw);
  if (![1, 2, 3, 4].includes(slot)) throw invalid([{ field: 'slot', message: 'Photo\u00a0: emplacement 1 à 4.' }]);
  return slot;
}

/**
 * POST /api/applications/:id/uploads: a presigned POST for one file. The server chooses the key under
 * the file's prefix; size range and type are in the signed policy (and checked again by content).
 */
export async function requestUpload({ event, params }: RouteContext) {
  const ctx = appContext();
  const at = now();
  const request = parseBody(event, uploadRequestSchema);
  const { parts, campaign } = await openApplication(ctx, event, params.id!, at);
  assertEditable(campaign, at);
  const uploadId = sortableId(at);
  const ext = EXTENSIONS[request.contentType];
  const key =
    request.kind === 'photo'
      ? `photos/${parts.app.id}/${request.slot}/${uploadId}.${ext}`
      : `releases/${parts.app.id}/${uploadId}.${ext}`;
  const maxBytes = request.kind === 'photo' ? MAX_PHOTO_BYTES : MAX_RELEASE_BYTES;
  const fields: Record<string, string> = { 'Content-Type': request.contentType };
  if (request.kind === 'release') fields['x-amz-meta-image-count'] = String(request.imageCount);
  const post = await new UploadsBucket(s3Client(), ctx.env.UPLOADS_BUCKET).presignedPost(
    key,
    fields,
    maxBytes,
    UPLOAD_WINDOW_SECONDS,
  );
  const slot: UploadSlotView = { uploadId, key, url: post.url, fields: post.fields, maxBytes };
  return json(200, slot);
}

/** PATCH /api/applications/:id/photos/:slot: caption and credit. */
export async function updatePhotoDetails({ event, params }: RouteContext) {
  const ctx = appContext();
  const at = now();
  const details = parseBody(event, photoDetailsSchema);
  const { parts, campaign } = await openApplication(ctx, event, params.id!, at);
  assertEditable(campaign, at);
  const slot = slotOf(params.slot);
  await ctx.applications.savePhotoDetails(
    parts.app,
    slot,
    { caption: details.caption ?? '', credit: details.credit ?? '' },
    at,
  );
  const reloaded = (await ctx.applications.load(parts.app.id))!;
  return json(200, applicationView(reloaded, campaign, at));
}

/** DELETE /api/applications/:id/photos/:slot: the slot emptied, then its variants deleted. */
export async function removePhoto({ event, params }: RouteContext) {
  const ctx = appContext();
  const at = now();
  const { parts, campaign } = await openApplication(ctx, event, params.id!, at);
  assertEditable(campaign, at);
  const slot = slotOf(params.slot);
  const previous = parts.photos.find((p) => p.slot === slot);
  await ctx.applications.removePhoto(parts.app, slot, at);
  await new MediaBucket(s3Client(), ctx.env.MEDIA_BUCKET).deleteVariants((previous?.variants ?? []).map((v) => v.key));
  await evaluate(ctx, parts.app.id, campaign);
  const reloaded = (await ctx.applications.load(parts.app.id))!;
  return json(200, applicationView(reloaded, campaign, at));
}

/**
 * POST /api/applications/:id/release: the online signature; its PDF proof is stored privately and
 * emailed to the contact and to the signatory (functions/services/release-copy.ts).
 */
export async function signRelease({ event, params }: RouteContext) {
  const ctx = appContext();
  const at = now();
  const release = parseBody(event, onlineReleaseSchema);
  const { parts, campaign } = await openApplication(ctx, event, params.id!, at);
  assertEditable(campaign, at);
  const signedAt = at.toISOString();
  const releaseId = sortableId(at);
  const proofKey = `proofs/${parts.app.id}/release-${releaseId}.pdf`;
  // pdf-lib and its fonts (0.4 MB) load on the first signature, not at every cold start.
  const { releaseProofPdf } = await import('./release-proof.ts');
  const pdf = await releaseProofPdf({
    release,
    applicationId: parts.app.id,
    initiativeName: parts.app.fields.initiative?.name,
    signedAt,
  });
  await new UploadsBucket(s3Client(), ctx.env.UPLOADS_BUCKET).putPdf(proofKey, pdf);
  const { approval: _approval, ...details } = release;
  const signatory = `${release.firstName} ${release.lastName}`;
  await ctx.applications.recordOnlineRelease(
    parts.app,
    { imageCount: release.imageCount, signatory, proofKey, details },
    at,
  );
  await evaluate(ctx, parts.app.id, campaign);
  await sendReleaseCopy(
    ctx,
    parts.app,
    campaign,
    { mode: 'online', id: releaseId, proofKey, signatory, signedAt, signatoryEmail: release.email || undefined },
    at,
  );
  const reloaded = (await ctx.applications.load(parts.app.id))!;
  return json(200, applicationView(reloaded, campaign, at));
}
