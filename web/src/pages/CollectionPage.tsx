import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Input, Space, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, TableOutlined } from '@ant-design/icons';
import { api, errorText, type CollectionDetail } from '../api';
import { useAsync } from '../hooks';
import { EmptyState, ErrorState, PageSkeleton } from '../components/States';
import { categoryColor } from '../constants';

type Item = CollectionDetail['items'][number];

export default function CollectionPage() {
  const { id = '' } = useParams();
  const nav = useNavigate();
  const { message, modal } = App.useApp();
  const { data, error, reload } = useAsync((s) => api.getCollection(id, s), [id]);
  const [items, setItems] = useState<Item[]>([]);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (data) { setItems([...data.items].sort((a, b) => a.position - b.position)); setDirty(false); } }, [data]);

  const move = (i: number, d: -1 | 1) => setItems((list) => {
    const next = [...list];
    const j = i + d;
    if (j < 0 || j >= next.length) return list;
    [next[i], next[j]] = [next[j], next[i]];
    setDirty(true);
    return next;
  });
  const save = async (list = items) => {
    setSaving(true);
    try {
      await api.patchCollection(id, { items: list.map((x) => ({ documentId: x.documentId, note: x.note })) });
      message.success('已保存顺序和笔记');
      setDirty(false);
    } catch (e) { message.error(errorText(e)); } finally { setSaving(false); }
  };
  const remove = (i: number) => { const next = items.filter((_, k) => k !== i); setItems(next); void save(next); };
  const del = () => modal.confirm({
    title: `删除专题「${data?.name}」？`, content: '只删除专题本身，文献仍保留在文献库中。', okText: '删除', okButtonProps: { danger: true }, cancelText: '取消',
    onOk: async () => { await api.deleteCollection(id); nav('/collections'); },
  });

  if (error) return <ErrorState message={error} onRetry={reload} />;
  if (!data) return <PageSkeleton />;
  const compareIds = items.slice(0, 5).map((x) => x.documentId).join(',');
  return (
    <div>
      <div className="zz-page-title">
        <div><h2>{data.name}</h2>{data.description && <div className="zz-muted" style={{ marginTop: 4 }}>{data.description}</div>}</div>
        <Space wrap>
          {items.length >= 2 && <Link to={`/compare?ids=${compareIds}`}><Button icon={<TableOutlined />}>对比前 {Math.min(5, items.length)} 篇</Button></Link>}
          <Button type="primary" disabled={!dirty} loading={saving} onClick={() => save()}>保存顺序和笔记</Button>
          <Button danger onClick={del}>删除专题</Button>
        </Space>
      </div>
      {items.length === 0 ? (
        <Card><EmptyState text="专题里还没有文献：在文档页点“加入专题”，或在文献库勾选多篇后点“加入专题”" to="/library" action="去文献库" /></Card>
      ) : items.map((it, i) => (
        <Card key={it.documentId} size="small" style={{ marginBottom: 12 }} data-testid="collection-item"
          title={<Space><span className="zz-muted">{i + 1}.</span><Link to={`/documents/${it.documentId}`}>{it.title ?? it.documentId}</Link>{it.category && <Tag color={categoryColor(it.category)}>{it.category}</Tag>}</Space>}
          extra={<Space size={4}>
            <Tooltip title="上移"><Button size="small" icon={<ArrowUpOutlined />} aria-label="上移" disabled={i === 0} onClick={() => move(i, -1)} /></Tooltip>
            <Tooltip title="下移"><Button size="small" icon={<ArrowDownOutlined />} aria-label="下移" disabled={i === items.length - 1} onClick={() => move(i, 1)} /></Tooltip>
            <Tooltip title="移出专题"><Button size="small" icon={<DeleteOutlined />} aria-label="移出专题" onClick={() => remove(i)} /></Tooltip>
          </Space>}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder="写下这篇文献的笔记，如：可借鉴之处、引用页码……" value={it.note} aria-label={`笔记：${it.title ?? ''}`}
            onChange={(e) => { const v = e.target.value; setItems((l) => l.map((x, k) => (k === i ? { ...x, note: v } : x))); setDirty(true); }} />
        </Card>
      ))}
    </div>
  );
}
