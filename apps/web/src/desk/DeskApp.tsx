import { Layout } from '../shared/Layout';

/** The check-in desk (built in #15). */
export default function DeskApp() {
  return (
    <Layout area="desk">
      <h1>Desk</h1>
    </Layout>
  );
}
