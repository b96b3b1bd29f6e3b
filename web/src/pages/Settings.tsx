import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorText, type LexiconItem } from '../api';
import { invalidateCategories, useAsync } from '../hooks';
import { BlockSkeleton, ErrorState } from '../components/States';
import { ApiTokensCard, AuditCard } from '../components/TeamPanels';

// Must match LEXICON_KINDS in src/text/lexicon/lexicon.ts (the server validates the kind).
const KINDS = [['mechanism', '机制'], ['platform', '平台'], ['policy', '政策'], ['actor', '主体'], ['group', '群体'], ['theme', '主题']];

export default function Settings() {
  const { message } = App.useApp();
  const settings = useAsync((s) => api.settings(s), []);
  const lexicon = useAsync((s) => api.lexicon(s), []);
  const me = useAsync(() => api.me(), []);
  const team = !!me.data?.teamMode;
  const isAdmin = !team || me.data?.user?.role === 'admin';
  const [cats, setCats] = useState<string[]>([]);
  const [form] = Form.useForm<{ term: string; kind: string; synonyms?: string }>();
  const [filter, setFilter] = useState('');
  useEffect(() => { if (settings.data) setCats(settings.data.categories); }, [settings.data]);
  const saveCats = async () => {
    try { const r = await api.putCategories(cats); setCats(r.categories); invalidateCategories(); message.success('类别已保存'); } catch (e) { message.error(errorText(e)); }
  };
  const addTerm = async (v: { term: string; kind: string; synonyms?: string }) => {
    try {
      await api.addLexicon({ term: v.term.trim(), kind: v.kind, synonyms: v.synonyms ? v.synonyms.split(/[,，、\s]+/).filter(Boolean) : undefined });
      message.success(`已添加「${v.term}」，新导入和重新分析的文献会用到它`);
      form.resetFields(['term', 'synonyms']);
      lexicon.reload();
    } catch (e) { message.error(errorText(e)); }
  };
  const items = (lexicon.data?.items ?? []).filter((i) => !filter || i.term.includes(filter) || i.synonyms?.some((s) => s.includes(filter)));
  return (
    <div>
      <div className="zz-page-title"><h2>设置</h2></div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="文献类别">
            {settings.error ? <ErrorState message={settings.error} onRetry={settings.reload} /> : !settings.data ? <BlockSkeleton height={80} rows={2} /> : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Select mode="tags" style={{ width: '100%' }} value={cats} onChange={setCats} aria-label="类别列表" placeholder="输入类别后回车" />
                <Button type="primary" onClick={saveCats} disabled={!cats.length}>保存类别</Button>
              </Space>
            )}
          </Card>
          <Card title="数据与备份" style={{ marginTop: 16 }}>
            {settings.data ? (
              <Descriptions column={1} size="small" items={[
                { key: 'dir', label: '数据目录', children: settings.data.dataDir ? <code>{settings.data.dataDir}</code> : '（使用 PostgreSQL，无本地数据目录）' },
                { key: 'store', label: '存储', children: settings.data.store === 'sqlite' ? 'SQLite（内嵌）' : 'PostgreSQL' },
                { key: 'count', label: '文献数', children: `${settings.data.documentCount} 篇` },
                { key: 'ver', label: '版本', children: settings.data.version },
              ]} />
            ) : <BlockSkeleton height={120} rows={4} />}
            <Button icon={<DownloadOutlined />} href={api.backupUrl} style={{ marginTop: 12 }}>下载备份（数据库快照）</Button>
            <div className="zz-muted" style={{ marginTop: 6 }}>备份在服务运行时也能一致地生成；恢复时把文件放回数据目录即可。</div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="治理词表" extra={<span className="zz-muted">{lexicon.data?.items.length ?? 0} 个词</span>}>
            <Form form={form} layout="inline" onFinish={addTerm} initialValues={{ kind: 'mechanism' }} style={{ marginBottom: 12, rowGap: 8 }}>
              <Form.Item name="term" rules={[{ required: true, whitespace: true, message: '请输入词语' }]}><Input placeholder="新词，如：街乡吹哨" aria-label="新词" /></Form.Item>
              <Form.Item name="kind"><Select style={{ width: 96 }} aria-label="词类" options={KINDS.map(([value, label]) => ({ value, label }))} /></Form.Item>
              <Form.Item name="synonyms"><Input placeholder="同义词，用逗号分隔" aria-label="同义词" /></Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />}>添加</Button>
            </Form>
            <Input.Search placeholder="查找词语" allowClear onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} aria-label="查找词语" />
            {lexicon.error ? <ErrorState message={lexicon.error} onRetry={lexicon.reload} /> : (
              <Table<LexiconItem> rowKey="term" size="small" loading={lexicon.loading} dataSource={items} pagination={{ pageSize: 15, showSizeChanger: false }}
                columns={[
                  { title: '词语', dataIndex: 'term', key: 'term', render: (t: string, r) => <>{t}{r.user && <Tag color="green" style={{ marginLeft: 6 }}>自定义</Tag>}</> },
                  { title: '类别', dataIndex: 'kind', key: 'kind', width: 90, render: (k: string) => KINDS.find(([v]) => v === k)?.[1] ?? k },
                  { title: '同义词', dataIndex: 'synonyms', key: 'synonyms', render: (s: string[]) => (s ?? []).join('、') },
                ]} />
            )}
          </Card>
          {team && <ApiTokensCard />}
          {isAdmin && me.data && <AuditCard />}
        </Col>
      </Row>
    </div>
  );
}
