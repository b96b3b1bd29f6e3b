import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Col, Dropdown, Row, Select, Space, Table, Tag, Tooltip } from 'antd';
import { DeleteOutlined, FolderAddOutlined, LockOutlined, ReloadOutlined, TagsOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api, errorText } from '../api';
import { useAsync, useCategories } from '../hooks';
import { useUrlState, FILTER_LABELS } from '../urlState';
import Facets, { FacetPanel, filterLabel } from '../components/Facets';
import CollectionPicker from '../components/CollectionPicker';
import { useCanEdit } from '../components/AuthGate';
import { EmptyState, ErrorState } from '../components/States';
import DocDate from '../components/DocDate';
import { categoryColor } from '../constants';

const KEYS = ['category', 'theme', 'region', 'year', 'tag'] as const;
const PAGE = 20;

interface Row { id: string; title: string; category: string; createdAt: string; publishedAt?: string; regionNames: string[]; themes: string[]; groupId?: string }

export default function Library() {
  const { message, modal } = App.useApp();
  const canEdit = useCanEdit();
  const categories = useCategories();
  const [sp, update] = useUrlState();
  const filters = Object.fromEntries(KEYS.map((k) => [k, sp.get(k) ?? undefined])) as Record<string, string | undefined>;
  const page = Number(sp.get('page') ?? 1) || 1;
  const sort = sp.get('sort') ?? 'date';
  const [selected, setSelected] = useState<string[]>([]);
  const [picker, setPicker] = useState(false);
  const [busy, setBusy] = useState(false);
  // The empty query lists every document; it also gives the facet counts and accepts every filter.
  const { data, error, loading, reload } = useAsync(
    (s) => api.search({ q: '', ...filters, sort, limit: PAGE, offset: (page - 1) * PAGE }, s),
    [sp.toString()],
  );
  const rows: Row[] = (data?.hits ?? []).map((h) => ({
    id: h.id, title: h.title, category: h.category, createdAt: h.createdAt, publishedAt: h.publishedAt, regionNames: h.regionNames ?? [], themes: h.themes ?? [], groupId: h.groupId,
  }));

  const runBulk = async (body: Parameters<typeof api.bulk>[0], done: string) => {
    setBusy(true);
    try {
      const r = await api.bulk(body);
      if (r.failed.length) message.warning(`${done} ${r.ok} 篇，${r.failed.length} 篇失败：${r.failed[0].message}`);
      else message.success(`${done} ${r.ok} 篇`);
      setSelected([]);
      reload();
    } catch (e) { message.error(errorText(e)); } finally { setBusy(false); }
  };
  const confirmDelete = () => modal.confirm({
    title: `删除选中的 ${selected.length} 篇文献？`, content: '删除后文献、分析结果和原始文件都不可恢复。', okText: '删除', okButtonProps: { danger: true }, cancelText: '取消',
    onOk: () => runBulk({ ids: selected, action: 'delete' }, '已删除'),
  });

  const columns: ColumnsType<Row> = [
    { title: '标题', dataIndex: 'title', key: 'title', render: (t: string, r) => <>
      <Link to={`/documents/${r.id}`}>{t || '（无标题）'}</Link>
      {r.groupId && <Tooltip title={`仅「${r.groupId}」分组的成员可见`}><LockOutlined style={{ marginLeft: 6, color: '#d48806' }} aria-label={`仅「${r.groupId}」分组可见`} /></Tooltip>}
    </> },
    { title: '类别', dataIndex: 'category', key: 'category', width: 96, render: (c: string) => <Tag color={categoryColor(c)}>{c}</Tag> },
    { title: '地区', dataIndex: 'regionNames', key: 'region', width: 110, responsive: ['md'], render: (r: string[]) => r.slice(0, 2).join('、') },
    { title: '主题', dataIndex: 'themes', key: 'themes', width: 190, responsive: ['lg'], render: (t: string[]) => t.slice(0, 3).map((x) => <Tag key={x}>{x}</Tag>) },
    { title: '日期', key: 'date', width: 136, render: (_: unknown, r) => <DocDate publishedAt={r.publishedAt} createdAt={r.createdAt} title={r.title} /> },
  ];
  const activeChips = KEYS.filter((k) => filters[k]);
  const libraryEmpty = data && data.total === 0 && activeChips.length === 0;

  return (
    <div>
      <div className="zz-page-title">
        <h2>文献库</h2>
        <Space wrap>
          <span className="zz-muted">排序</span>
          <Select value={sort} style={{ width: 150 }} aria-label="排序方式" onChange={(v) => update({ sort: v })}
            options={[{ value: 'date', label: '按日期（新→旧）' }, { value: 'relevance', label: '按默认顺序' }]} />
          <Link to="/import"><Button type="primary">导入文献</Button></Link>
        </Space>
      </div>
      {error && <ErrorState message={error} onRetry={reload} />}
      {libraryEmpty ? (
        <Card><EmptyState text="文献库还是空的：去导入页添加第一篇文档" to="/import" action="去导入" /></Card>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={7} lg={5}>
            <FacetPanel activeCount={activeChips.length}>
              <Facets facets={data?.facets} keys={KEYS} active={filters} loading={loading} onToggle={(k, v) => update({ [k]: v })} />
            </FacetPanel>
          </Col>
          <Col xs={24} md={17} lg={19}>
            <Card size="small">
              <div style={{ marginBottom: 12, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
                {activeChips.map((k) => (
                  <Tag key={k} closable color="volcano" onClose={() => update({ [k]: undefined })} closeIcon={<span aria-label={`移除筛选 ${FILTER_LABELS[k]}`}>×</span>}>
                    {FILTER_LABELS[k]}：{filterLabel(data?.facets, k, filters[k]!)}
                  </Tag>
                ))}
                <span className="zz-muted">共 {data?.total ?? '…'} 篇{selected.length ? `，已选 ${selected.length} 篇` : ''}</span>
              </div>
              {canEdit && <Space wrap style={{ marginBottom: 12 }}>
                <Button icon={<FolderAddOutlined />} disabled={!selected.length} loading={busy} onClick={() => setPicker(true)}>加入专题</Button>
                <Dropdown disabled={!selected.length} menu={{ items: categories.map((c) => ({ key: c, label: c })), onClick: ({ key }) => runBulk({ ids: selected, action: 'setCategory', category: key }, `已设为「${key}」`) }}>
                  <Button icon={<TagsOutlined />} disabled={!selected.length}>设置类别</Button>
                </Dropdown>
                <Button icon={<ReloadOutlined />} disabled={!selected.length} loading={busy} onClick={() => runBulk({ ids: selected, action: 'reanalyze' }, '已重新分析')}>重新分析</Button>
                <Button icon={<DeleteOutlined />} danger disabled={!selected.length} onClick={confirmDelete}>删除</Button>
              </Space>}
              <Table<Row>
                rowKey="id" size="middle" columns={columns} dataSource={rows} loading={loading}
                rowSelection={canEdit ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined}
                locale={{ emptyText: activeChips.length ? '没有符合筛选条件的文献：移除上方的筛选标签试试' : '暂无文献' }}
                pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 篇`, onChange: (p) => { update({ page: String(p) }, false); window.scrollTo({ top: 0 }); } }}
                scroll={{ x: 520 }}
              />
            </Card>
          </Col>
        </Row>
      )}
      <CollectionPicker open={picker} onClose={() => setPicker(false)}
        onPicked={(collectionId, name) => runBulk({ ids: selected, action: 'addToCollection', collectionId }, `已加入专题「${name}」`)} />
    </div>
  );
}
