import type { ApplicationStatus, DraftFields } from './application.ts';
import type { FieldIssue } from './errors.ts';

/** What the public API returns for one application (to its holder, through the private link). */
export interface PhotoView {
  slot: number;
  uploadId: string;
  state: 'processing' | 'ready' | 'rejected';
  /** French explanation when rejected. */
  message?: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
  /** 400 px wide WebP and JPEG variants, under /media/… */
  thumbnail?: { webp: string; jpeg: string };
}

export type ReleaseView =
  | { mode: 'online'; state: 'signed'; imageCount: number; signatory: string; signedAt: string }
  | {
      mode: 'scan';
      uploadId: string;
      state: 'processing' | 'received' | 'rejected';
      imageCount: number;
      message?: string;
    };

export interface ApplicationView {
  id: string;
  status: ApplicationStatus;
  submitted: boolean;
  fields: Partial<DraftFields>;
  photos: PhotoView[];
  release: ReleaseView | null;
  /** What the file still lacks to be complete, in French, with the field concerned. */
  missing: FieldIssue[];
  campaign: { id: string; title: string; deadline: string; open: boolean };
  editable: boolean;
  /** « NTA-2028-0042 », once the file has been complete (functions/domain/file-reference.ts). */
  reference?: string;
  createdAt: string;
  updatedAt: string;
}

export interface UploadSlotView {
  uploadId: string;
  key: string;
  /** Presigned POST: send `fields` then the file as `file`, multipart/form-data, to `url`. */
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
}
