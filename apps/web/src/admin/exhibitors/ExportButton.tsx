import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { readSession } from '../../shared/session';

/**
 * The export is a file behind the token: fetched with it, then handed to the browser as a download
 * (a plain link would go without the token).
 */
async function downloadExport(editionId: string | undefined): Promise<void> {
  const query = editionId ? `?editionId=${encodeURIComponent(editionId)}` : '';
  let response: Response;
  try {
    response = await fetch(`/api/v1/exhibitors/export.csv${query}`, { headers: { Authorization: `Bearer ${readSession()?.token ?? ''}` } });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string; requestId?: string };
    throw new ApiError(response.status, body.error ?? `http_${response.status}`, body.message ?? response.statusText, undefined, body.requestId);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = 'exposants.csv';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButton({ editionId }: { editionId: string | undefined }) {
  const { t } = useTranslation('adminExhibitors');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadExport(editionId);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? t('export.busy') : t('export.button')}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
