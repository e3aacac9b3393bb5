import { fileTypeFromBuffer } from 'file-type';

const ACCEPTED = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);

/**
 * A scan is accepted by what its bytes are (PDF or image), never by its name or declared type. Whether
 * it is really signed is for the team to see in the console; the declared image count travels as
 * object metadata set by the presigned POST.
 */
export async function checkReleaseScan(
  body: Buffer,
  declaredImageCount: string | undefined,
): Promise<{ state: 'received' | 'rejected'; message?: string; contentType?: string; imageCount: number }> {
  const imageCount = Number.parseInt(declaredImageCount ?? '', 10);
  const type = await fileTypeFromBuffer(body);
  if (!type || !ACCEPTED.has(type.mime)) {
    return {
      state: 'rejected',
      imageCount: Number.isFinite(imageCount) ? imageCount : 0,
      message:
        'ce fichier n’est ni un PDF ni une image lisible. Scannez ou photographiez la décharge signée et déposez le PDF, JPEG ou PNG obtenu.',
    };
  }
  if (!Number.isFinite(imageCount) || imageCount < 1) {
    return {
      state: 'rejected',
      imageCount: 0,
      contentType: type.mime,
      message: 'le nombre d’images couvertes par la décharge n’a pas été indiqué.',
    };
  }
  return { state: 'received', contentType: type.mime, imageCount };
}
