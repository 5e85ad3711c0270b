import { getJson, postJson, requestJson } from '@/components/ui/http';
import { isErrorKey, renderError, type ErrorParams } from '@/lib/i18n/errors';
import type { JobProgress } from '@/lib/ingest/jobs/runner';
import type { ImportJobRow } from '@/lib/store/importJobs';

// Type-only imports: the server modules' row and progress types, erased from the client bundle.
export type JobStatus = ImportJobRow['status'];

/** A job as GET /api/admin/imports[/{id}] sends it: the stored row plus its progress. */
export interface JobView extends ImportJobRow {
  kind: 'appeals' | 'points' | 'addresses';
  progress: JobProgress;
}

export interface ProfileView {
  id: string;
  kind: JobView['kind'];
  name: string;
  mapping: unknown;
}

export const fetchJobs = async () => (await getJson<{ jobs: JobView[] }>('/api/admin/imports')).jobs;
export const fetchJob = (id: number) => getJson<JobView>(`/api/admin/imports/${id}`);

/** Sends the file as the raw request body (the server streams it to disk), reporting upload progress 0..1. */
export function uploadFile(file: File, onProgress: (f: number) => void): Promise<{ upload: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/admin/imports/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { upload?: string; message?: string; key?: string; params?: ErrorParams } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body?.upload) resolve({ upload: body.upload });
      else
        reject(
          new Error(
            isErrorKey(body?.key)
              ? renderError(body.key, body.params ?? {}, 'ru')
              : (body?.message ?? `HTTP ${xhr.status}`),
          ),
        );
    };
    xhr.onerror = () => reject(new Error('Нет связи с сервером'));
    xhr.send(file);
  });
}

export const startJob = async (upload: string, kind: JobView['kind'], mapping: unknown): Promise<number> =>
  (await postJson<{ id: number }>('/api/admin/imports', { upload, kind, mapping })).id;

/** Discards an upload kept on the server after a failed import (same-origin fetch: the browser sends Origin). */
export const discardUpload = (upload: string): Promise<unknown> =>
  requestJson(`/api/admin/imports/upload?upload=${encodeURIComponent(upload)}`, { method: 'DELETE' });
