import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useNavigationType } from 'react-router-dom';
import { Button, Drawer, Grid, Layout, Menu, Space } from 'antd';
import { useAuth, useCanEdit } from './AuthGate';
import QueryInput from './QueryInput';
import {
  AppstoreOutlined, BookOutlined, CloudUploadOutlined, DashboardOutlined, FolderOpenOutlined,
  LogoutOutlined, MenuOutlined, SearchOutlined, SettingOutlined, TableOutlined,
} from '@ant-design/icons';

const { Header, Sider, Content, Footer } = Layout;

const items = [
  { key: '/', icon: <DashboardOutlined />, label: <Link to="/">概览</Link> },
  { key: '/library', icon: <BookOutlined />, label: <Link to="/library">文献库</Link> },
  { key: '/search', icon: <SearchOutlined />, label: <Link to="/search">检索</Link> },
  { key: '/import', icon: <CloudUploadOutlined />, label: <Link to="/import">导入</Link> },
  { key: '/collections', icon: <FolderOpenOutlined />, label: <Link to="/collections">专题</Link> },
  { key: '/compare', icon: <TableOutlined />, label: <Link to="/compare">案例对比</Link> },
  { key: '/settings', icon: <SettingOutlined />, label: <Link to="/settings">设置</Link> },
];

function selectedKey(path: string, search: string): string {
  // A document opened from a search result (…?from=…) is still part of that search.
  if (path.startsWith('/documents')) return new URLSearchParams(search).has('from') ? '/search' : '/library';
  const hit = items.filter((i) => i.key !== '/' && path.startsWith(i.key));
  return hit[0]?.key ?? '/';
}

/** Sider menu on wide screens; a top bar with a drawer menu on phones. */
export default function AppLayout({ children }: { children: ReactNode }) {
  const screens = Grid.useBreakpoint();
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [headerText, setHeaderText] = useState('');
  // The search page shows the query in its own box: the header's is emptied for the next one.
  const searchFor = (q: string) => { if (q) { nav(`/search?q=${encodeURIComponent(q)}`); setHeaderText(''); } };
  const loc = useLocation();
  const nav = useNavigate();
  const key = selectedKey(loc.pathname, loc.search);
  // A page reached by a link starts at its top (返回检索结果 from a scrolled document opened the results part
  // way down); back and forward keep where the browser puts them, and #span=… links scroll to their span.
  const navType = useNavigationType();
  useEffect(() => { if (navType !== 'POP' && !loc.hash) window.scrollTo(0, 0); }, [loc.pathname]);
  const { me, logout } = useAuth();
  // A 读者 cannot import: the page would only answer with 403s.
  const canEdit = useCanEdit();
  const menu = (
    <Menu theme="dark" mode="inline" selectedKeys={[key]} items={canEdit ? items : items.filter((i) => i.key !== '/import')} onClick={() => setDrawer(false)} aria-label="主导航" />
  );
  const brand = (
    <Link to="/" className="zz-brand" aria-label="治知首页">
      <span className="zz-logo">治</span>
      {!(collapsed && !mobile) && <span className="zz-brand-text">治知<span className="zz-brand-sub"> · 社会治理研究知识库</span></span>}
    </Link>
  );
  return (
    <Layout className="zz-root">
      {!mobile && (
        <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} className="zz-sider" breakpoint="lg">
          <div className="zz-sider-brand">{brand}</div>
          {menu}
        </Sider>
      )}
      <Layout>
        <Header className="zz-header">
          {mobile && (
            <Button type="text" aria-label="打开菜单" icon={<MenuOutlined />} onClick={() => setDrawer(true)} className="zz-menu-btn" />
          )}
          {mobile ? brand : <h1 className="zz-title">治知 · 社会治理研究知识库</h1>}
          {!mobile && (
            <Space.Compact className="zz-header-search">
              <QueryInput style={{ flex: 1 }} text={headerText} onText={setHeaderText} onSubmit={searchFor}
                placeholder="检索全文，如：网格化管理 地区:上海" ariaLabel="全文检索" />
              <Button icon={<SearchOutlined />} aria-label="搜索" onClick={() => searchFor(headerText.trim())} />
            </Space.Compact>
          )}
          {me?.teamMode && me.user && (
            <Space size={4} style={{ whiteSpace: 'nowrap' }}>
              {!mobile && <span className="zz-muted">{me.user.displayName || me.user.username}{me.roleLabel ? `（${me.roleLabel}）` : ''}</span>}
              <Button type="text" icon={<LogoutOutlined />} onClick={logout} aria-label="退出登录">{mobile ? '' : '退出'}</Button>
            </Space>
          )}
        </Header>
        <Content className="zz-content">{children}</Content>
        <Footer className="zz-footer"><AppstoreOutlined /> 治知 Zhizhi · 离线优先的社会治理研究知识库</Footer>
      </Layout>
      <Drawer open={mobile && drawer} onClose={() => setDrawer(false)} placement="left" size={240} title="治知" className="zz-drawer"
        styles={{ body: { padding: 0, background: '#001529' } }}>
        {menu}
      </Drawer>
    </Layout>
  );
}
