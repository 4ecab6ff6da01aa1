import { useTranslation } from 'react-i18next';

/** A part of the back-office not built yet: said plainly, with the API that does the work meanwhile. */
export function NotYet({ section }: { section: string }) {
  const { t } = useTranslation('admin');
  return (
    <section className="card">
      <h1>{t(`nav.${section}`)}</h1>
      <p>
        {t('notYet.text', { ns: 'common' })} <a href="/docs">{t('notYet.docs', { ns: 'common' })}</a>.
      </p>
    </section>
  );
}
