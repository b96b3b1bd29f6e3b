import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import AppLayout from './components/AppLayout';
import AuthGate from './components/AuthGate';
import { PageSkeleton } from './components/States';
import './styles.css';

// Pages are split into chunks so that the map and charts load only on the overview.
const Overview = lazy(() => import('./pages/Overview'));
const Library = lazy(() => import('./pages/Library'));
const Search = lazy(() => import('./pages/Search'));
const DocumentPage = lazy(() => import('./pages/DocumentPage'));
const Import = lazy(() => import('./pages/Import'));
const Collections = lazy(() => import('./pages/Collections'));
const CollectionPage = lazy(() => import('./pages/CollectionPage'));
const Compare = lazy(() => import('./pages/Compare'));
const Settings = lazy(() => import('./pages/Settings'));
const NotFound = lazy(() => import('./pages/NotFound'));

const theme = {
  token: {
    colorPrimary: '#a61b29',
    colorLink: '#1f4e8c',
    borderRadius: 4,
    fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <BrowserRouter>
          <AuthGate>
          <AppLayout>
            <Suspense fallback={<PageSkeleton />}>
              <Routes>
                <Route path="/" element={<Overview />} />
                <Route path="/library" element={<Library />} />
                <Route path="/search" element={<Search />} />
                <Route path="/documents/:id" element={<DocumentPage />} />
                <Route path="/import" element={<Import />} />
                <Route path="/collections" element={<Collections />} />
                <Route path="/collections/:id" element={<CollectionPage />} />
                <Route path="/compare" element={<Compare />} />
                <Route path="/settings" element={<Settings />} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Suspense>
          </AppLayout>
          </AuthGate>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
