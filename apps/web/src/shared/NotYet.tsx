import { useTranslation } from 'react-i18next';
import { Layout } from './Layout';

/** An area the web app does not have yet: said plainly, with the way to do the work meanwhile. */
export function NotYet({ area }: { area: string }) {
  const { t } = useTranslation();
  return (
    <Layout area={area}>
      <section className="card">
        <h1>{t('notYet.title')}</h1>
        <p>
          {t('notYet.text')} <a href="/docs">{t('notYet.docs')}</a>.
        </p>
      </section>
    </Layout>
  );
}
