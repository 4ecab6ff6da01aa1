import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { type Exhibitor, SECTORS, exhibitorKeys } from './queries';

const TEXT_FIELDS = ['name', 'legalName', 'ref', 'country', 'city', 'website', 'contactName', 'contactEmail', 'contactPhone'] as const;
type Field = (typeof TEXT_FIELDS)[number] | 'sector' | 'description';
type Values = Record<Field, string>;

const MAX: Partial<Record<Field, number>> = { name: 200, legalName: 300, ref: 64, country: 2, city: 100, website: 300, contactName: 200, contactEmail: 254, contactPhone: 32, description: 4000 };

function valuesOf(exhibitor: Exhibitor): Values {
  const entries = [...TEXT_FIELDS, 'sector', 'description'].map((field) => [field, (exhibitor[field as keyof Exhibitor] as string | null) ?? '']);
  return Object.fromEntries(entries) as Values;
}

/** The checks the API makes that need no server: the API's own answer is shown beside the field too. */
function checkLocally(values: Values, t: (key: string) => string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!values.name.trim()) problems.name = t('form.required');
  if (!/^[A-Za-z]{2}$/.test(values.country.trim())) problems.country = t('form.country');
  if (values.contactEmail.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.contactEmail.trim())) problems.contactEmail = t('form.email');
  return problems;
}

/** The exhibitor's details, edited in place; only the changed fields are sent (PATCH). */
export function ExhibitorForm({ exhibitor }: { exhibitor: Exhibitor }) {
  const { t } = useTranslation('adminExhibitors');
  const client = useQueryClient();
  const [values, setValues] = useState<Values>(() => valuesOf(exhibitor));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (changes: Partial<Values>) => unwrap(api.PATCH('/api/v1/exhibitors/{id}', { params: { path: { id: exhibitor.id } }, body: changes as never })),
    onSuccess: (next) => {
      client.setQueryData(exhibitorKeys.one(exhibitor.id), next);
      void client.invalidateQueries({ queryKey: exhibitorKeys.lists });
      setValues(valuesOf(next));
      setSaved(true);
    },
    onError: (error) => setProblems(error instanceof ApiError ? error.fields : {}),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const local = checkLocally(values, t);
    setProblems(local);
    if (Object.keys(local).length) return;
    const before = valuesOf(exhibitor);
    const changes = Object.fromEntries(Object.entries(values).filter(([field, value]) => value !== before[field as Field]));
    if (Object.keys(changes).length) save.mutate(changes);
    else setSaved(true);
  };
  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  return (
    <form className="exh-form" onSubmit={submit} noValidate aria-labelledby="exh-form-title">
      <h2 id="exh-form-title">{t('form.title')}</h2>
      <div className="exh-grid">
        {TEXT_FIELDS.map((field) => (
          <TextField key={field} field={field} value={values[field]} problem={problems[field]} onChange={set(field)} />
        ))}
        <SectorField value={values.sector} problem={problems.sector} onChange={set('sector')} />
      </div>
      <TextField field="description" value={values.description} problem={problems.description} onChange={set('description')} multiline />
      {save.error && !Object.keys(problems).length ? <ErrorMessage error={save.error} /> : null}
      <p role="status" className="exh-saved">{saved ? t('form.saved') : ''}</p>
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('form.save')}
      </button>
    </form>
  );
}

interface FieldProps {
  field: Field;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
  multiline?: boolean;
}

function TextField({ field, value, problem, onChange, multiline }: FieldProps) {
  const { t } = useTranslation('adminExhibitors');
  const id = `exh-${field}`;
  const common = {
    id,
    value,
    maxLength: MAX[field],
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem` : undefined,
    dir: 'auto' as const,
  };
  return (
    <div className="exh-field">
      <label htmlFor={id}>{t(`field.${field}`)}</label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={field === 'contactEmail' ? 'email' : 'text'} onChange={(event) => onChange(event.target.value)} />
      )}
      {problem && (
        <p className="error" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}

function SectorField({ value, problem, onChange }: Omit<FieldProps, 'field'>) {
  const { t } = useTranslation('adminExhibitors');
  return (
    <div className="exh-field">
      <label htmlFor="exh-sector">{t('field.sector')}</label>
      <select id="exh-sector" value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'exh-sector-problem' : undefined}>
        {SECTORS.map((sector) => (
          <option key={sector} value={sector}>
            {t(`sector.${sector}`)}
          </option>
        ))}
      </select>
      {problem && (
        <p className="error" id="exh-sector-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
