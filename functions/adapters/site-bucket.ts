import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { MANIFEST_PATH, type Manifest } from '../domain/site/diff.ts';
import type { SiteFile } from '../domain/site/render.ts';
import { log } from '../shared/log.ts';

/** S3's DeleteObjects limit. */
const DELETE_BATCH = 1000;

/** `/x/index.html` → `x/index.html`: the site bucket is served at `/`. */
export const keyOf = (path: string) => path.replace(/^\/+/, '');

/**
 * The site bucket as the publication sees it: its manifest (what the last publication wrote), and
 * writes and deletes of the files it owns. Files it never wrote (another tool's) are left alone.
 */
export class SiteBucket {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /** The previous manifest; undefined before the first publication (or if it is unreadable: everything is then rewritten). */
  async readManifest(): Promise<Manifest | undefined> {
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: keyOf(MANIFEST_PATH) }));
      const manifest = JSON.parse(await res.Body!.transformToString()) as Manifest;
      if (manifest?.version !== 1 || typeof manifest.files !== 'object') throw new Error('unknown manifest version');
      return manifest;
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      if (error instanceof SyntaxError || (error instanceof Error && error.message === 'unknown manifest version')) {
        log.warn('site manifest unreadable: every file is rewritten', { bucket: this.bucket });
        return undefined;
      }
      throw error;
    }
  }

  async writeManifest(manifest: Manifest): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: keyOf(MANIFEST_PATH),
        Body: JSON.stringify(manifest),
        ContentType: 'application/json; charset=utf-8',
        CacheControl: 'no-store',
      }),
    );
  }

  async put(path: string, file: SiteFile): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: keyOf(path),
        Body: file.body,
        ContentType: file.contentType,
        CacheControl: file.cacheControl,
      }),
    );
  }

  async delete(paths: string[]): Promise<void> {
    for (let i = 0; i < paths.length; i += DELETE_BATCH) {
      const res = await this.s3.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: paths.slice(i, i + DELETE_BATCH).map((p) => ({ Key: keyOf(p) })), Quiet: true },
        }),
      );
      if (res.Errors?.length)
        throw new Error(
          `DeleteObjects: ${res.Errors.length} object(s) not deleted (${res.Errors[0]?.Code ?? 'unknown'})`,
        );
    }
  }
}
