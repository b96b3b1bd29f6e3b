import { Link } from 'react-router-dom';
import { Tag, Tooltip } from 'antd';
import { api } from '../api';
import { useAsync } from '../hooks';
import { BlockSkeleton } from './States';
import { categoryColor, day } from '../constants';

/**
 * One scale for the list: a score (text similarity plus shared themes, regions and mechanisms, open-ended)
 * relative to the most similar document's, which is 100 %.
 */
function relative(score: number, top: number): string {
  return `相关度 ${Math.round((100 * score) / (top || 1))}%`;
}

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
              <Tooltip title={s.reasons.join('；') || '文本相似'}><span className="zz-muted" tabIndex={0}>{relative(s.score, sim.data!.items[0].score)}</span></Tooltip>
            </li>
          ))}
        </ol>
      ) : <span className="zz-muted">暂无相似文献：导入更多同主题的文献后再看</span>}
      <h4 style={{ margin: '16px 0 8px' }}>同一案例的其他报道</h4>
      {clu.loading && !clu.data ? <BlockSkeleton height={60} rows={2} /> : others.length ? (
        <ul style={{ paddingLeft: 20, margin: 0 }}>
          {others.map((c) => <li key={c.id}><Link to={`/documents/${c.id}`}>{c.title}</Link> <span className="zz-muted">{c.source?.publisher ?? ''} {day(c.createdAt)}</span></li>)}
        </ul>
      ) : <span className="zz-muted">没有发现重复或近似的报道</span>}
    </div>
  );
}
