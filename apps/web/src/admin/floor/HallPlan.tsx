import { Fragment, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Hall, type Stand, byCode } from './queries';

const CELL_W = 170;
const CELL_H = 118;
const GAP = 12;
const COLUMNS = 4;
const LINE = 19;

/** A name on two lines, cut between words where it can; what does not fit is clipped at the stand's edge. */
function nameLines(name: string): string[] {
  if (name.length <= LINE) return [name];
  const space = name.lastIndexOf(' ', LINE);
  const cut = space > 0 ? space : LINE;
  return [name.slice(0, cut), name.slice(cut).trim()];
}


/**
 * A hall drawn as a plan. The API gives stands no position, so they are laid out in a grid in the order
 * of their codes. Each stand is a focusable button; its status shows as colour, pattern and a word.
 */
export function HallPlan({ hall, stands, selectedId, onSelect }: { hall: Hall; stands: Stand[]; selectedId: string | null; onSelect: (stand: Stand) => void }) {
  const { t } = useTranslation('adminFloor');
  const sorted = [...stands].sort(byCode);
  const rows = Math.max(1, Math.ceil(sorted.length / COLUMNS));
  const width = COLUMNS * (CELL_W + GAP) + GAP;
  const height = rows * (CELL_H + GAP) + GAP;
  return (
    <section className="floor-hall" aria-labelledby={`hall-${hall.id}`}>
      <h2 id={`hall-${hall.id}`} dir="auto">
        {t('hall', { name: hall.name, count: sorted.length })}
      </h2>
      {sorted.length === 0 ? (
        <p>{t('noStand')}</p>
      ) : (
        <svg className="floor-plan" viewBox={`0 0 ${width} ${height}`} role="group" aria-label={t('planOf', { name: hall.name })}>
          <rect x={1} y={1} width={width - 2} height={height - 2} className="floor-hall-outline" />
          {sorted.map((stand, index) => (
            <StandShape key={stand.id} stand={stand} x={GAP + (index % COLUMNS) * (CELL_W + GAP)} y={GAP + Math.floor(index / COLUMNS) * (CELL_H + GAP)} selected={stand.id === selectedId} onSelect={onSelect} />
          ))}
        </svg>
      )}
    </section>
  );
}

/** "Stand A12, libre" / "…, réservé pour X" / "…, attribué à X": what a screen reader says. */
export function useStandName() {
  const { t } = useTranslation('adminFloor');
  return (stand: Stand) => t(`name.${stand.status}`, { code: stand.code, exhibitor: stand.exhibitorName ?? '' });
}

function StandShape({ stand, x, y, selected, onSelect }: { stand: Stand; x: number; y: number; selected: boolean; onSelect: (stand: Stand) => void }) {
  const { t } = useTranslation('adminFloor');
  const name = useStandName()(stand);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onSelect(stand);
  };
  return (
    <g role="button" tabIndex={0} aria-label={name} aria-pressed={selected} className={`floor-stand floor-${stand.status}${selected ? ' floor-selected' : ''}`} onClick={() => onSelect(stand)} onKeyDown={onKeyDown}>
      <title>{name}</title>
      <rect x={x} y={y} width={CELL_W} height={CELL_H} rx={6} className="floor-stand-box" />
      {stand.status === 'held' && <rect x={x} y={y} width={CELL_W} height={CELL_H} rx={6} fill="url(#floor-hatch)" />}
      {/* One text, its parts apart on screen: what it shows is, word for word, the stand's accessible name (a long name is clipped at the stand's edge, whole in the title and the panel). */}
      <clipPath id={`clip-${stand.id}`}>
        <rect x={x + 4} y={y} width={CELL_W - 8} height={CELL_H} />
      </clipPath>
      <text clipPath={`url(#clip-${stand.id})`}>
        <tspan x={x + 10} y={y + 26} className="floor-code">
          {t('code', { code: stand.code })}
        </tspan>{' '}
        <tspan x={x + 10} y={y + 54} className="floor-word">
          {t(`status.${stand.status}`)}
        </tspan>{' '}
        {stand.exhibitorName &&
          nameLines(stand.exhibitorName).map((line, index) => (
            <Fragment key={index}>
              {index > 0 ? ' ' : ''}
              <tspan x={x + 10} y={y + 80 + index * 22} className="floor-exhibitor" style={{ unicodeBidi: 'plaintext' }}>
                {line}
              </tspan>
            </Fragment>
          ))}
      </text>
    </g>
  );
}

/** The hatching of held stands, defined once for every plan of the page. */
export function PlanPatterns() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" className="floor-defs">
      <defs>
        <pattern id="floor-hatch" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="10" className="floor-hatch-line" />
        </pattern>
      </defs>
    </svg>
  );
}
