import { randomUUID } from 'node:crypto';
import type { ApplicationView, UploadSlotView } from '../../functions/domain/views.ts';
import { postPresigned } from '../../infra/presigned-post.ts';

/** Drives the public API as the form does (tests and bench). */
export class ApplicantClient {
  id = '';
  token = '';

  constructor(private readonly front: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.front}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token && { 'x-application-token': this.token }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async create(fields: unknown, creationKey = randomUUID()): Promise<ApplicationView> {
    const res = await this.call<{ application: ApplicationView; token: string; message?: string }>(
      'POST',
      '/api/applications',
      { creationKey, fields },
    );
    if (res.status >= 300) throw new Error(`create failed ${res.status}: ${JSON.stringify(res.body)}`);
    this.id = res.body.application.id;
    this.token = res.body.token;
    return res.body.application;
  }

  async get(): Promise<ApplicationView> {
    return (await this.call<ApplicationView>('GET', `/api/applications/${this.id}`)).body;
  }

  async slot(request: Record<string, unknown>): Promise<UploadSlotView> {
    const res = await this.call<UploadSlotView>('POST', `/api/applications/${this.id}/uploads`, request);
    if (res.status !== 200) throw new Error(`upload slot refused ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Presigned POST, multipart, fields first then the file, as a browser form does (infra/presigned-post.ts). */
  async post(slot: UploadSlotView, file: Buffer, contentType: string): Promise<number> {
    return (await postPresigned(slot, file, contentType)).status;
  }

  async uploadPhoto(slot: number, file: Buffer, contentType = 'image/jpeg'): Promise<UploadSlotView> {
    const upload = await this.slot({ kind: 'photo', slot, contentType, size: file.length });
    const status = await this.post(upload, file, contentType);
    if (status >= 300) throw new Error(`S3 POST failed ${status}`);
    return upload;
  }

  /** Polls until `done` holds (the handlers run asynchronously after S3 events). */
  async waitFor(done: (view: ApplicationView) => boolean, timeoutMs = 30_000): Promise<ApplicationView> {
    const started = Date.now();
    let view = await this.get();
    while (!done(view)) {
      if (Date.now() - started > timeoutMs)
        throw new Error(
          `timed out waiting; last view: ${JSON.stringify({ status: view.status, photos: view.photos, release: view.release })}`,
        );
      await new Promise((r) => setTimeout(r, 150));
      view = await this.get();
    }
    return view;
  }
}

export const validRelease = (imageCount = 4) => ({
  lastName: 'Martin',
  firstName: 'Claire',
  role: 'Chargée de développement',
  organisation: 'Atelier Solidaire du Val',
  imageCount,
  consentsObtained: true,
  authorisePlatform: true,
  authoriseSocial: true,
  authoriseAllMedia: true,
  acknowledgesNoHarm: true,
  place: 'Lyon',
  approval: 'Lu et approuvé',
});
