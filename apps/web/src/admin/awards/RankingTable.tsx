import { useTranslation } from 'react-i18next';
import type { Schema } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { useJurors } from './queries';

type Ranked = Schema<'RankedNomineeDto'>;
type Coverage = Schema<'CoverageDto'>;

/** The ranking: the mean of the weighted scores beside the normalised mean (each juror's severity evened out). */
export function RankingTable({ ranking, winnerId }: { ranking: Ranked[]; winnerId?: string }) {
  const { t, i18n } = useTranslation('adminAwards');
  const n = (value: number | null) => (value === null ? '—' : formatNumber(i18n.language, value));
  return (
    <table className="ranking">
      <caption>{t('ranking.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ranking.rank')}</th>
          <th scope="col">{t('ranking.nominee')}</th>
          <th scope="col">{t('ranking.jurors')}</th>
          <th scope="col">{t('ranking.mean')}</th>
          <th scope="col">{t('ranking.normalised')}</th>
        </tr>
      </thead>
      <tbody>
        {ranking.map((r) => (
          <tr key={r.nomineeId} className={r.nomineeId === winnerId ? 'winner' : undefined}>
            <td>{r.rank}</td>
            <td dir="auto">
              {r.name}
              {r.nomineeId === winnerId && <strong> — {t('ranking.winner')}</strong>}
            </td>
            <td>{r.jurors}</td>
            <td>{n(r.mean)}</td>
            <td>{n(r.normalised)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Who has not scored what: each nominee short of jurors, with the jurors still expected. */
export function CoverageList({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation('adminAwards');
  const jurors = useJurors();
  const nameOf = (id: string) => jurors.data?.find((j) => j.id === id)?.displayName ?? id;
  if (coverage.complete) return <p className="good">{t('coverage.complete')}</p>;
  return (
    <div className="coverage">
      <p className="warn">{t('coverage.incomplete')}</p>
      <ul>
        {coverage.missing.map((gap) => (
          <li key={gap.nomineeId}>
            <span dir="auto">{gap.name}</span> — {t('coverage.gap', { scored: gap.scoredBy, required: gap.required })}{' '}
            {gap.pendingJurorIds.length > 0 && (
              <>
                {t('coverage.pending')}{' '}
                {gap.pendingJurorIds.map((id, i) => (
                  <span key={id} dir="auto">
                    {i > 0 ? ', ' : ''}
                    {nameOf(id)}
                  </span>
                ))}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
