import { Layout } from '../shared/Layout';

/** The jury's scoring (built in #15). */
export default function JuryApp() {
  return (
    <Layout area="jury">
      <h1>Jury</h1>
    </Layout>
  );
}
