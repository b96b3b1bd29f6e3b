import { Link } from 'react-router-dom';
import { Tag, Tooltip } from 'antd';
import { api } from '../api';
import { useAsync } from '../hooks';
import { BlockSkeleton } from './States';
import { categoryColor } from '../constants';
import DocDate from './DocDate';

/** Similar documents and the near-duplicate cluster of one document. */
export default function Related({ id }: { id: string }) {
  const sim = useAsync((s) => api.similar(id, s), [id]);
  const clu = useAsync((s) => api.cluster(id, s), [id]);
  const others = (clu.data?.items ?? []).filter((c) => c.id !== id);
  return (
    <div>
      <h4 style={{ margin: '0 0 8px' }}>相似文献</h4>
      {sim.loading && !sim.data ? <BlockSkeleton height={120} rows={3} /> : sim.error ? <span className="zz-muted">相似文献暂不可用：{sim.error}</span> : sim.data?.items.length ? (
        <ol style={{ paddingLeft: 20, margin: 0 }} data-testid="similar-list">
          {sim.data.items.map((s) => (
            <li key={s.id} style={{ marginBottom: 6 }}>
              <Link to={`/documents/${s.id}`}>{s.title}</Link> <Tag color={categoryColor(s.category)}>{s.category}</Tag>
              {/* Why it is listed, in words: a share of the first one's score read as "100 % similar". */}
              <div className="zz-muted zz-reasons" data-testid="similar-reasons">
                {s.reasons.length ? s.reasons.slice(0, 2).join('；') : '用词相近'}
                {s.reasons.length > 2 ? <Tooltip title={s.reasons.slice(2).join('；')}><span tabIndex={0}>（另有 {s.reasons.length - 2} 项）</span></Tooltip> : null}
              </div>
            </li>
          ))}
        </ol>
      ) : <span className="zz-muted">暂无相似文献：导入更多同主题的文献后再看</span>}
      <h4 style={{ margin: '16px 0 8px' }}>同一案例的其他报道</h4>
      {clu.loading && !clu.data ? <BlockSkeleton height={60} rows={2} /> : others.length ? (
        <ul style={{ paddingLeft: 20, margin: 0 }}>
          {others.map((c) => <li key={c.id}><Link to={`/documents/${c.id}`}>{c.title}</Link> <span className="zz-muted">{c.source?.publisher ?? ''}</span> <DocDate publishedAt={c.source?.publishedAt} createdAt={c.createdAt} title={c.title} /></li>)}
        </ul>
      ) : <span className="zz-muted">没有发现重复或近似的报道</span>}
    </div>
  );
}
