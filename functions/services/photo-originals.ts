import type { ApplicationParts } from '../adapters/application-store.ts';
import type { FileObjects } from '../adapters/file-objects.ts';
import { initiativeStem, type OriginalPhoto } from '../domain/photo-archive.ts';

/*
 * The originals of a file's photos, for the file screen's download links and the photo ZIPs
 * (functions/admin-api/photo-archive-routes.ts): here rather than in the ZIP's route, so that the
 * file screen's chunk does not carry the ZIP library.
 */

/** One accepted photo's original as uploaded (`photos/<id>/<slot>/<uploadId>.<ext>`, functions/api/upload-routes.ts). */
export interface Original extends OriginalPhoto {
  key: string;
  bytes: number;
}

export const stemOf = (parts: ApplicationParts) =>
  initiativeStem(parts.app.fields.initiative?.name, parts.app.fields.company?.name);

/**
 * The originals of the file's accepted photos, by slot: the record names the current upload of each
 * slot, its key carries the extension (a replaced upload stays in the bucket until the purge).
 */
export async function originalsOf(objects: FileObjects, parts: ApplicationParts): Promise<Original[]> {
  const uploads = await objects.photoUploads(parts.app.id);
  return parts.photos
    .filter((p) => p.state === 'ready' && p.uploadId)
    .sort((a, b) => a.slot - b.slot)
    .flatMap((p) => {
      const prefix = `photos/${parts.app.id}/${p.slot}/${p.uploadId}.`;
      const upload = uploads.find((u) => u.key.startsWith(prefix));
      if (!upload) return [];
      const ext = upload.key.slice(prefix.length).toLowerCase();
      return [{ slot: p.slot, credit: p.credit ?? '', ext, key: upload.key, bytes: upload.bytes }];
    });
}
