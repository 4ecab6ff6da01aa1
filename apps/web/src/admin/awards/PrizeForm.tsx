import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../../shared/api';
import { Field } from '../shared/FieldError';
import { useEdition } from '../shared/useEdition';
import { usePrizeLink } from './PrizesOverview';
import { explain, instantToZoned, zonedToInstant } from './queries';

interface CriterionRow {
  key: number;
  name: string;
  weight: string;
}

const DAY = 24 * 3600_000;
let nextKey = 0;
const row = (name = '', weight = ''): CriterionRow => ({ key: nextKey++, name, weight });

/** The weights typed so far, summed (an empty or unreadable weight counts 0). */
export const weightTotal = (rows: CriterionRow[]) => rows.reduce((sum, r) => sum + (Number(r.weight.replace(',', '.')) || 0), 0);

function WeightTotal({ rows }: { rows: CriterionRow[] }) {
  const { t } = useTranslation('adminAwards');
  const total = weightTotal(rows);
  const key = total === 100 ? 'form.weightsOk' : total < 100 ? 'form.weightsMissing' : 'form.weightsOver';
  return (
    <p role="status" className={total === 100 ? 'good' : 'warn'} id="weights-total">
      {t(key, { total, gap: Math.abs(100 - total) })}
    </p>
  );
}

function CriteriaRows({ rows, onChange, error }: { rows: CriterionRow[]; onChange: (rows: CriterionRow[]) => void; error?: string }) {
  const { t } = useTranslation('adminAwards');
  const set = (key: number, change: Partial<CriterionRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <fieldset className="criteria" aria-describedby="weights-total">
      <legend>{t('form.criteria')}</legend>
      {rows.map((r, i) => (
        <div className="criterion-row" key={r.key}>
          <label>
            {t('form.criterionName', { n: i + 1 })}
            <input value={r.name} onChange={(e) => set(r.key, { name: e.target.value })} required dir="auto" />
          </label>
          <label className="weight">
            {t('form.criterionWeight', { n: i + 1 })}
            <input value={r.weight} onChange={(e) => set(r.key, { weight: e.target.value })} inputMode="numeric" required />
          </label>
          {rows.length > 1 && (
            <button type="button" className="link" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
              {t('form.removeCriterion', { n: i + 1 })}
            </button>
          )}
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, row()])}>
        {t('form.addCriterion')}
      </button>
      <WeightTotal rows={rows} />
      {error && <p className="error">{error}</p>}
    </fieldset>
  );
}

function usePrizeDraft(timeZone: string) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [opens, setOpens] = useState(() => instantToZoned(new Date(), timeZone));
  const [closes, setCloses] = useState(() => instantToZoned(new Date(Date.now() + 7 * DAY), timeZone));
  const [minJurors, setMinJurors] = useState('3');
  const [rows, setRows] = useState<CriterionRow[]>(() => [row(), row()]);
  const body = () => ({
    name: name.trim(),
    description: description.trim() || undefined,
    scoringOpensAt: zonedToInstant(opens, timeZone).toISOString(),
    scoringClosesAt: zonedToInstant(closes, timeZone).toISOString(),
    minJurorsPerNominee: Number(minJurors),
    criteria: rows.map((r) => ({ name: r.name.trim(), weight: Number(r.weight.replace(',', '.')) })),
  });
  const reset = () => {
    setName('');
    setDescription('');
    setRows([row(), row()]);
  };
  return { name, setName, description, setDescription, opens, setOpens, closes, setCloses, minJurors, setMinJurors, rows, setRows, body, reset };
}

/** A new prize: its name, scoring window (in the fair's time), minimum jurors, and criteria whose weights must make 100. */
export function PrizeForm() {
  const { t } = useTranslation('adminAwards');
  const { edition } = useEdition();
  const timeZone = edition?.timeZone ?? 'Africa/Casablanca';
  const draft = usePrizeDraft(timeZone);
  const [tried, setTried] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const link = usePrizeLink();
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/awards/prizes', { body: { editionId: edition?.id, ...draft.body() } })),
    onSuccess: (prize) => {
      void client.invalidateQueries({ queryKey: ['adminAwards', 'prizes'] });
      draft.reset();
      void navigate(link(prize.id));
    },
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  // Said while the weights are wrong after a try, gone as soon as they make 100.
  const total = weightTotal(draft.rows);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (weightTotal(draft.rows) === 100) create.mutate();
  };
  return (
    <form className="card prize-form" onSubmit={submit} aria-labelledby="new-prize-title" noValidate>
      <h2 id="new-prize-title">{t('form.title')}</h2>
      <Field name="name" label={t('form.name')} error={fields.name}>
        {(props) => <input {...props} value={draft.name} onChange={(e) => draft.setName(e.target.value)} required dir="auto" />}
      </Field>
      <Field name="description" label={t('form.description')} error={fields.description}>
        {(props) => <textarea {...props} value={draft.description} onChange={(e) => draft.setDescription(e.target.value)} rows={2} dir="auto" />}
      </Field>
      <div className="form-row">
        <Field name="scoringOpensAt" label={t('form.opens', { zone: timeZone })} error={fields.scoringOpensAt}>
          {(props) => <input {...props} type="datetime-local" value={draft.opens} onChange={(e) => draft.setOpens(e.target.value)} required />}
        </Field>
        <Field name="scoringClosesAt" label={t('form.closes', { zone: timeZone })} error={fields.scoringClosesAt}>
          {(props) => <input {...props} type="datetime-local" value={draft.closes} onChange={(e) => draft.setCloses(e.target.value)} required />}
        </Field>
        <Field name="minJurorsPerNominee" label={t('form.minJurors')} error={fields.minJurorsPerNominee}>
          {(props) => <input {...props} type="number" min={1} value={draft.minJurors} onChange={(e) => draft.setMinJurors(e.target.value)} required />}
        </Field>
      </div>
      <CriteriaRows rows={draft.rows} onChange={draft.setRows} error={tried && total !== 100 ? t('form.weightsMustSum', { total }) : fields.criteria} />
      {create.error && !Object.keys(fields).length ? <p className="error" role="alert">{explain(t, create.error)}</p> : null}
      <button type="submit" className="primary" disabled={create.isPending}>
        {t('form.create')}
      </button>
    </form>
  );
}
