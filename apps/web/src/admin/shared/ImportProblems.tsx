import { useTranslation } from 'react-i18next';

export interface ImportProblem {
  line: number;
  field: string;
  reason: string;
}

/**
 * The rows an import refused, as its report gives them: line, field (named as the page names it) and the
 * API's reason. Shared by the exhibitor and attendee imports.
 */
export function ImportProblems({ problems, caption, fieldName = (field) => field, className }: { problems: ImportProblem[]; caption: string; fieldName?: (field: string) => string; className?: string }) {
  const { t } = useTranslation('admin');
  if (problems.length === 0) return null;
  return (
    <table className={className}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.line')}</th>
          <th scope="col">{t('import.field')}</th>
          <th scope="col">{t('import.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((problem, index) => (
          <tr key={index}>
            <td>{problem.line}</td>
            <td>{fieldName(problem.field)}</td>
            <td dir="auto">{problem.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
