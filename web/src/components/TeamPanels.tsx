import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, KeyOutlined } from '@ant-design/icons';
import { api, errorText, type ApiTokenInfo, type AuditItem } from '../api';
import { useAsync } from '../hooks';
import { ErrorState } from './States';

const time = (s: string | null) => (s ? s.replace('T', ' ').slice(0, 19) : '—');

/** API tokens for scripts (team mode): created here, shown once, revocable. */
export function ApiTokensCard() {
  const { message } = App.useApp();
  const tokens = useAsync((s) => api.tokens(s), []);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; scope: 'read' | 'read-write' }>();
  const create = async (v: { name: string; scope: 'read' | 'read-write' }) => {
    try {
      const r = await api.createToken(v.name, v.scope);
      setSecret(r.token);
      form.resetFields(['name']);
      tokens.reload();
    } catch (e) { message.error(errorText(e)); }
  };
  const revoke = async (id: string) => {
    try { await api.revokeToken(id); message.success('令牌已吊销'); tokens.reload(); } catch (e) { message.error(errorText(e)); }
  };
  return (
    <Card title={<><KeyOutlined /> API 令牌</>} style={{ marginTop: 16 }}>
      <Form form={form} layout="inline" onFinish={create} initialValues={{ scope: 'read' }} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请输入令牌用途' }]}><Input placeholder="用途，如：每周导出脚本" aria-label="令牌名称" /></Form.Item>
        <Form.Item name="scope"><Select style={{ width: 110 }} aria-label="权限" options={[{ value: 'read', label: '只读' }, { value: 'read-write', label: '读写' }]} /></Form.Item>
        <Button type="primary" htmlType="submit">创建令牌</Button>
      </Form>
      {tokens.error ? <ErrorState message={tokens.error} onRetry={tokens.reload} /> : (
        <Table<ApiTokenInfo> rowKey="id" size="small" loading={tokens.loading} dataSource={tokens.data?.items ?? []} pagination={false}
          locale={{ emptyText: '还没有令牌：脚本可用令牌通过 Authorization: Bearer 调用接口' }}
          columns={[
            { title: '名称', dataIndex: 'name', key: 'name' },
            { title: '权限', dataIndex: 'scope', key: 'scope', width: 70, render: (s: string) => (s === 'read' ? '只读' : '读写') },
            { title: '最近使用', dataIndex: 'lastUsedAt', key: 'used', render: time },
            { title: '状态', key: 'state', width: 150, render: (_: unknown, t) => (t.revokedAt ? <Tag>已吊销</Tag> : (
              <Popconfirm title="吊销后使用该令牌的脚本将无法访问，确定吊销？" okText="吊销" cancelText="取消" onConfirm={() => revoke(t.id)}>
                <Button size="small" danger>吊销</Button>
              </Popconfirm>
            )) },
          ]} />
      )}
      <Modal open={!!secret} title="请立即复制令牌" okText="我已保存" cancelButtonProps={{ style: { display: 'none' } }} onOk={() => setSecret(null)} onCancel={() => setSecret(null)}>
        <p>令牌只显示这一次，关闭后无法再次查看（服务器只保存它的哈希）。</p>
        <Typography.Paragraph copyable={{ text: secret ?? '' }}><code style={{ wordBreak: 'break-all' }}>{secret}</code></Typography.Paragraph>
      </Modal>
    </Card>
  );
}

/** The audit log (admins): who created, edited, re-analysed, exported or deleted what and when. */
export function AuditCard() {
  const [page, setPage] = useState(1);
  const audit = useAsync((s) => api.audit({ limit: 20, offset: (page - 1) * 20 }, s), [page]);
  return (
    <Card title="审计日志" style={{ marginTop: 16 }} extra={<Button size="small" icon={<DownloadOutlined />} href={api.auditCsvUrl}>导出 CSV</Button>}>
      {audit.error ? <ErrorState message={audit.error} onRetry={audit.reload} /> : (
        <Table<AuditItem> rowKey="seq" size="small" loading={audit.loading} dataSource={audit.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: audit.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: '时间', dataIndex: 'at', key: 'at', width: 160, render: time },
            { title: '用户', dataIndex: 'username', key: 'user', width: 90, render: (u: string | null) => u ?? '—' },
            { title: '操作', dataIndex: 'action', key: 'action' },
            { title: '对象', dataIndex: 'targetId', key: 'target', render: (t: string | null) => t ?? '—' },
            { title: '详情', dataIndex: 'details', key: 'details', render: (d: Record<string, unknown>) => <span className="zz-muted">{Object.keys(d).length ? JSON.stringify(d).slice(0, 120) : ''}</span> },
          ]} />
      )}
    </Card>
  );
}
