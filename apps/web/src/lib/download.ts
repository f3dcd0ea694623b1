// Downloads a file from the API with progress: exports are streamed, so the
// size is unknown until the end; what has arrived is reported as it arrives.
import { ApiRequestError, toQueryString, unreachable } from './api-client.ts';

type Query = Parameters<typeof toQueryString>[0];

export async function downloadFile(path: string, query: Query, onProgress: (bytes: number) => void): Promise<void> {
  const url = `/api${path}${toQueryString(query)}`;
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw unreachable();
  }
  if (!response.ok || !response.body) throw new ApiRequestError(response.status, await response.json().catch(() => ({})));
  const reader = response.body.getReader();
  const chunks: BlobPart[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download');
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('content-type') ?? undefined }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
