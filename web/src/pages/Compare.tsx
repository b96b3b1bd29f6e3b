import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Select, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, type CompareCellItem } from '../api';
import { useAsync } from '../hooks';
import { useUrlState } from '../urlState';
import { BlockSkeleton, EmptyState, ErrorState } from '../components/States';

const CASE = '实践案例';

function Cell({ docId, items }: { docId: string; items: CompareCellItem[] }) {
  if (!items?.length) return <span className="zz-muted">—</span>;
  return (
    <ul>
      {items.map((it, i) => {
        const s = it.spans?.[0];
        return <li key={i}>{s ? <Link to={`/documents/${docId}#span=${s.start}-${s.end}`} data-testid="compare-link">{it.text}</Link> : it.text}</li>;
      })}
    </ul>
  );
}

export default function Compare() {
  const [sp, update] = useUrlState();
  const ids = useMemo(() => (sp.get('ids') ?? '').split(',').filter(Boolean).slice(0, 5), [sp]);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const known = useRef(new Map<string, string>());
  const remember = (items: { id: string; title: string }[]) => { for (const i of items) known.current.set(i.id, i.title); };
  const toOptions = () => [...known.current.entries()].map(([value, label]) => ({ value, label }));
  useEffect(() => {
    api.listDocuments({ category: CASE, limit: 100, sort: 'updated' }).then((r) => { remember(r.items); setOptions(toOptions()); }, () => undefined);
  }, []);
  // Ids of the cases a typed query found (null while nothing is typed): the list shows those, not every case seen so far.
  const [found, setFound] = useState<string[] | null>(null);
  const searchCtl = useRef<AbortController | null>(null);
  const onSearch = (q: string) => {
    searchCtl.current?.abort();
    if (!q.trim()) { setFound(null); return; }
    const ctl = new AbortController();
    searchCtl.current = ctl;
    api.search({ q, category: CASE, limit: 30 }, ctl.signal).then((r) => { remember(r.hits); setFound(r.hits.map((h) => h.id)); setOptions(toOptions()); }, () => undefined);
  };
  // A case chosen elsewhere (用这篇做案例对比 on a document page) is named by its title, not its id.
  useEffect(() => {
    for (const id of ids.filter((i) => !known.current.has(i))) {
      api.getDocument(id).then((d) => { remember([d]); setOptions(toOptions()); }, () => undefined);
    }
  }, [ids.join(',')]);
  const label = (id: string) => ({ value: id, label: known.current.get(id) ?? id });
  const shown = found ? [...new Set([...found, ...ids])].map(label) : options.length ? options : ids.map(label);
  const { data, error, loading, reload } = useAsync((s) => (ids.length >= 2 ? api.compare(ids, s) : Promise.resolve(undefined)), [ids.join(',')]);
  useEffect(() => { if (data) { remember(data.documents); setOptions(toOptions()); } }, [data]);

  const columns = [
    { title: '维度', dataIndex: 'field', key: 'field', width: 96, fixed: 'left' as const, render: (f: string) => <b>{f}</b> },
    ...(data?.documents ?? []).map((d, i) => ({
      title: <Link to={`/documents/${d.id}`}>{d.title}</Link>, key: d.id, width: 280,
      render: (_: unknown, row: { cells: CompareCellItem[][] }) => <Cell docId={d.id} items={row.cells[i]} />,
    })),
  ];
  return (
    <div>
      <div className="zz-page-title"><h2>案例对比</h2>
        {data && <Space>
          <Button icon={<DownloadOutlined />} href={api.compareExportUrl(ids, 'csv')}>导出 CSV</Button>
          <Button icon={<DownloadOutlined />} href={api.compareExportUrl(ids, 'md')}>导出 Markdown</Button>
        </Space>}
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Select mode="multiple" style={{ width: '100%' }} placeholder="选择 2–5 个实践案例（可输入关键词搜索）" aria-label="选择要对比的案例"
          value={ids} maxCount={5} options={shown}
          showSearch={{ filterOption: false, onSearch }} onChange={(v: string[]) => { setFound(null); update({ ids: v.join(',') || undefined }); }}
          notFoundContent="没有找到实践案例：先在导入页添加，或把文献的类别设为“实践案例”" />
      </Card>
      {error && <ErrorState message={error} onRetry={reload} />}
      {ids.length < 2 ? (
        <Card><EmptyState text="至少选择两个案例，即可按地区、主题、机制、主体、数据、成效、经验启示逐项对比" /></Card>
      ) : loading && !data ? <BlockSkeleton height={480} rows={10} /> : data && (
        <Card size="small">
          <Table className="zz-compare" rowKey="field" size="small" bordered pagination={false} columns={columns} dataSource={data.rows} scroll={{ x: 96 + 280 * data.documents.length }} />
        </Card>
      )}
    </div>
  );
}
