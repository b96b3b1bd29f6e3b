import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { api, errorText, setCsrfToken, setUnauthorizedHandler, type Me } from '../api';
import { PageSkeleton } from './States';

interface AuthState { me: Me | null; logout: () => void }
const AuthContext = createContext<AuthState>({ me: null, logout: () => undefined });
export const useAuth = () => useContext(AuthContext);
/** Whether the signed-in user may change the library (any user on a single-user install; not a 读者 in team mode). */
export const useCanEdit = () => {
  const { me } = useAuth();
  return !me?.teamMode || (!!me.user && me.user.role !== 'viewer');
};

/** The groups the signed-in user is in (team mode): the only ones a document can be put into. */
export const useMyGroups = (): string[] => {
  const { me } = useAuth();
  return me?.teamMode ? me.user?.groups ?? [] : [];
};

/** In team mode (GET /api/auth/me → teamMode) shows a sign-in form until there is a session. */
export default function AuthGate({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | undefined>(undefined);
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const refresh = useCallback(() => {
    api.me().then(
      (m) => { setCsrfToken(m.csrfToken); setMe(m); },
      // An API without /auth/me is a single-user server: no sign-in.
      () => setMe({ teamMode: false, user: null, csrfToken: null, roleLabel: null }),
    );
  }, []);
  useEffect(() => {
    refresh();
    setUnauthorizedHandler(refresh);
    return () => setUnauthorizedHandler(null);
  }, [refresh]);
  const logout = useCallback(() => { void api.logout().finally(() => { setCsrfToken(null); refresh(); }); }, [refresh]);
  if (me === undefined) return <PageSkeleton />;
  if (me.teamMode && !me.user) {
    const submit = async (v: { username: string; password: string }) => {
      setBusy(true); setErr(undefined);
      try { const r = await api.login(v.username, v.password); setCsrfToken(r.csrfToken); refresh(); } catch (e) { setErr(errorText(e)); } finally { setBusy(false); }
    };
    return (
      <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 48 }}>
        <Card title="登录治知" style={{ width: 360, maxWidth: '100%' }}>
          <Form layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}><Input autoComplete="username" autoFocus /></Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}><Input.Password autoComplete="current-password" /></Form.Item>
            {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
            <div className="zz-muted" style={{ marginTop: 12 }}>没有账号？请联系管理员用 <code>zhizhi user add</code> 创建。</div>
          </Form>
        </Card>
      </div>
    );
  }
  return <AuthContext.Provider value={{ me, logout }}>{children}</AuthContext.Provider>;
}
