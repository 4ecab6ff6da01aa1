import './desk.css';
import { useState } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import en from '../locales/en/desk.json';
import fr from '../locales/fr/desk.json';
import { addAreaTexts } from '../shared/i18n';
import { Layout } from '../shared/Layout';
import { ScanPage } from './ScanPage';
import { SetupPage } from './SetupPage';
import { type DeskDevice, readDevice } from './setup';

addAreaTexts('desk', { fr, en });

/** The check-in desk: set-up once per device (/desk/setup), then the scan screen (/desk). */
export default function DeskApp() {
  const [device, setDevice] = useState<DeskDevice | null>(readDevice);
  return (
    <Layout area="desk">
      <Routes>
        <Route path="setup" element={<SetupPage onSaved={setDevice} />} />
        <Route index element={device ? <ScanPage device={device} /> : <Navigate to="/desk/setup" replace />} />
        <Route path="*" element={<Navigate to="/desk" replace />} />
      </Routes>
    </Layout>
  );
}
