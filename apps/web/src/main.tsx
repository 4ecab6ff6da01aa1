import './shared/i18n';
import './styles.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { Navigate, RouterProvider, createBrowserRouter } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { PasswordPage } from './auth/PasswordPage';
import { RequireRole, useSession } from './auth/RequireRole';
import { ApiError } from './shared/api';
import { Layout } from './shared/Layout';
import { homeOf } from './shared/session';

// Each area is its own chunk: a desk never downloads the jury's code.
const DeskApp = lazy(() => import('./desk/DeskApp'));
const JuryApp = lazy(() => import('./jury/JuryApp'));
const AdminApp = lazy(() => import('./admin/AdminApp'));
const ExhibitorApp = lazy(() => import('./exhibitor/ExhibitorApp'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network failure may.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homeOf(session.user.role) : '/login'} replace />;
}

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('loading')}</p>;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Layout>
      <p className="card">{t('notFound')}</p>
    </Layout>
  );
}

const area = (element: React.ReactNode) => <Suspense fallback={<Loading />}>{element}</Suspense>;

const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  { path: '/login', element: <LoginPage /> },
  { path: '/account/password', element: <PasswordPage /> },
  { path: '/desk/*', element: area(<RequireRole roles={['desk', 'admin']} offlineGrace><DeskApp /></RequireRole>) },
  { path: '/jury/*', element: area(<RequireRole roles={['jury']}><JuryApp /></RequireRole>) },
  { path: '/admin/*', element: area(<RequireRole roles={['admin']}><AdminApp /></RequireRole>) },
  { path: '/exhibitor/*', element: area(<RequireRole roles={['exhibitor']}><ExhibitorApp /></RequireRole>) },
  { path: '*', element: <NotFound /> },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
