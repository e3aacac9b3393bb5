/**
 * What an applicant reads when a photo is refused: plain French, the actual figure, what to do.
 * Kept apart from process-image.ts so the image work stays short.
 */
export type RejectionCode =
  'not-an-image' | 'heic' | 'unsupported-format' | 'corrupt' | 'too-small' | 'too-many-pixels' | 'too-large';

export interface Rejection {
  rejected: true;
  code: RejectionCode;
  message: string;
}

const ACCEPTED = 'au format JPEG, PNG ou WebP';
const int = (n: number) => n.toLocaleString('fr-FR');
const mb = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** What a non-image most likely is, by its detected MIME type, in words an applicant recognises. */
function describe(mime: string | undefined): string | undefined {
  if (!mime) return undefined;
  if (mime === 'application/pdf') return 'un document PDF';
  if (mime.startsWith('video/')) return 'une vidéo';
  if (mime.startsWith('audio/')) return 'un fichier audio';
  if (/zip|compressed|x-tar|x-7z|rar/.test(mime)) return 'une archive compressée';
  if (/officedocument|opendocument|msword|ms-excel|ms-powerpoint/.test(mime)) return 'un document de bureautique';
  return undefined;
}

export const rejection = {
  tooLarge: (bytes: number, max: number): Rejection => ({
    rejected: true,
    code: 'too-large',
    message: `Cette photo pèse ${mb(bytes)} Mo\u00a0: le maximum est ${mb(max)} Mo. Envoyez-la en JPEG de qualité normale, ou réduisez sa taille avant de la déposer.`,
  }),
  notAnImage: (mime?: string): Rejection => {
    const what = describe(mime);
    return {
      rejected: true,
      code: 'not-an-image',
      message: `Ce fichier n’est pas une photo${what ? ` (c’est ${what})` : ''}. Déposez une photo ${ACCEPTED}.`,
    };
  },
  heic: (): Rejection => ({
    rejected: true,
    code: 'heic',
    message:
      'Cette photo est au format HEIC des iPhone, que nous ne pouvons pas lire. Pour celle-ci\u00a0: partagez-la ou exportez-la en JPEG ' +
      '(sur Mac\u00a0: ouvrez-la dans Aperçu, puis Fichier > Exporter > JPEG) et déposez le fichier JPEG. Pour les prochaines photos\u00a0: ' +
      'sur l’iPhone, Réglages > Appareil photo > Formats > «\u00a0Le plus compatible\u00a0».',
  }),
  unsupportedFormat: (name: string): Rejection => ({
    rejected: true,
    code: 'unsupported-format',
    message: `Le format ${name.toUpperCase()} n’est pas accepté. Déposez la photo ${ACCEPTED}.`,
  }),
  corrupt: (): Rejection => ({
    rejected: true,
    code: 'corrupt',
    message:
      'Ce fichier photo est incomplet ou endommagé\u00a0: nous n’avons pas pu le lire. Déposez-le à nouveau\u202f; si l’erreur persiste, ' +
      'ouvrez la photo sur votre appareil et enregistrez-en une copie en JPEG.',
  }),
  tooSmall: (width: number, height: number, minLong: number, minShort: number): Rejection => {
    const needs = [
      Math.max(width, height) < minLong ? `au moins ${int(minLong)} pixels sur le plus grand côté` : undefined,
      Math.min(width, height) < minShort ? `au moins ${int(minShort)} pixels sur le plus petit côté` : undefined,
    ].filter(Boolean);
    return {
      rejected: true,
      code: 'too-small',
      message:
        `Cette photo mesure ${int(width)} × ${int(height)} pixels\u00a0: il faut ${needs.join(' et ')}. ` +
        'Envoyez l’original plutôt qu’une capture ou une photo reçue par messagerie.',
    };
  },
  tooManyPixels: (pixels: number, max: number): Rejection => ({
    rejected: true,
    code: 'too-many-pixels',
    message:
      `Cette photo compte ${int(Math.round(pixels / 1e6))} millions de pixels\u00a0: le maximum est ${int(max / 1e6)} millions. ` +
      'Réglez l’appareil sur une définition plus basse (12 à 50 mégapixels) ou envoyez une copie réduite.',
  }),
};
