import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * The private uploads bucket as the API and the compilation see it: presigned POSTs for the
 * applicants' files, the PDFs the server writes (release proofs, compilations), and short-lived
 * links to read them. Erasure and export of a file's objects are in file-objects.ts.
 */
export class UploadsBucket {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  /**
   * A presigned POST for one file at a key the server chose: the size range and every field (its
   * type, its metadata) are in the signed policy, so the browser cannot send anything else.
   */
  async presignedPost(
    key: string,
    fields: Record<string, string>,
    maxBytes: number,
    expiresIn: number,
  ): Promise<{ url: string; fields: Record<string, string> }> {
    // Loaded on the first upload: the API's other routes, the console and the compilation never sign a POST.
    const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
    return createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Fields: fields,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ...Object.entries(fields).map(([k, v]) => ['eq', `$${k}`, v] as ['eq', string, string]),
      ],
      Expires: expiresIn,
    });
  }

  async putPdf(key: string, body: Uint8Array): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/pdf' }),
    );
  }

  /** A presigned GET; `disposition` is the Content-Disposition the answer carries (`inline`, `attachment; …`). */
  async readLink(key: string, disposition: string, expiresIn: number): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: disposition }),
      { expiresIn },
    );
  }
}
