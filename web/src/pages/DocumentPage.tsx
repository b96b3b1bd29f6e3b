import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { App, Button, Card, Col, Collapse, Row, Select, Space, Tag, Tooltip } from 'antd';
import { DownloadOutlined, FolderAddOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, ApiError, errorText, type Span } from '../api';
import { useAsync } from '../hooks';
import DocText, { NO_MARKS, type ActiveSpan } from '../components/DocText';
import AnalysisTabs from '../components/AnalysisTabs';
import DocMeta from '../components/DocMeta';
import { useCanEdit } from '../components/AuthGate';
import Related from '../components/Related';
import CollectionPicker from '../components/CollectionPicker';
import { EmptyState, ErrorState, PageSkeleton } from '../components/States';
import { categoryColor, day } from '../constants';
import { titleYear } from '../../../src/domain/title-year';

/**
 * Scrolls the text pane (or, where the pane does not scroll, the window) so that `el` stands in its middle,
 * leaving the rest of the page where it is: scrollIntoView also moved the window, and the find bar above
 * the text slid under the page header.
 */
function showInPane(el: Element): void {
  const pane = el.closest('.zz-doc-pane');
  const at = el.getBoundingClientRect();
  if (pane && pane.scrollHeight > pane.clientHeight) {
    const box = pane.getBoundingClientRect();
    pane.scrollTop += at.top - box.top - pane.clientHeight / 2;
  } else {
    window.scrollBy({ top: at.top - window.innerHeight / 2 });
  }
}

function parseHash(hash: string): { start: number; end: number } | null {
  const m = /span=(\d+)-(\d+)/.exec(hash);
  return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
}

/** Producer ids are stable English identifiers; readers see them in Chinese. */
function producerLabel(producer: string): string {
  if (producer.startsWith('imported:')) return `导入的分析（${producer.slice('imported:'.length) === 'seed' ? '种子文件' : producer.slice('imported:'.length)}）`;
  if (producer.startsWith('offline')) return '离线分析';
  return producer;
}

export default function DocumentPage() {
  const { id = '' } = useParams();
  const loc = useLocation();
  const { message } = App.useApp();
  const canEdit = useCanEdit();
  // null = 404: the document does not exist (deleted, or a stale link).
  const { data: doc, error, loading, reload } = useAsync(
    (s) => api.getDocument(id, s).catch((e: unknown) => { if (e instanceof ApiError && e.status === 404) return null; throw e; }), [id]);
  const [analysisId, setAnalysisId] = useState<string>();
  const [active, setActive] = useState<ActiveSpan | null>(null);
  const [picker, setPicker] = useState(false);
  const [analysing, setAnalysing] = useState(false);

  // Opened from a search result (?q=…&from=…): the search's words are marked in the text.
  const params = new URLSearchParams(loc.search);
  const q = params.get('q') ?? '';
  const from = params.get('from');
  const found = useAsync((s) => (q.trim() ? api.matches(id, q, s) : Promise.resolve(undefined)), [id, q]);
  const marks = found.data?.ranges ?? NO_MARKS;
  const [focus, setFocus] = useState(0);
  useEffect(() => setFocus(0), [id, q]);
  useEffect(() => {
    if (!marks.length || !doc) return;
    const current = document.querySelector(`[data-testid="doc-text"] mark[data-mark="${focus}"]`);
    if (current) showInPane(current);
  }, [focus, marks, doc?.id]);

  useEffect(() => { setAnalysisId(undefined); setActive(null); }, [id]);
  // /documents/:id#span=120-156 (links from the comparison table) highlights that span once the text is here.
  useEffect(() => {
    const s = parseHash(loc.hash);
    if (s && doc) setActive((a) => ({ ...s, seq: (a?.seq ?? 0) + 1 }));
  }, [loc.hash, doc?.id]);

  // Imported legacy analyses (plain text, e.g. producer "imported:seed") may share the newest timestamp with the
  // structured offline run; open on the structured one so the clickable items are what a reader sees first.
  const analysis = useMemo(() => doc?.analyses.find((a) => a.id === analysisId)
    ?? doc?.analyses.find((a) => Object.keys(a.result ?? {}).some((k) => k !== 'minhash')) ?? doc?.analyses[0], [doc, analysisId]);
  const onPick = useCallback((spans: Span[] | undefined) => {
    const s = spans?.[0];
    if (!s) return;
    setActive((a) => ({ start: s.start, end: s.end, seq: (a?.seq ?? 0) + 1 }));
    window.history.replaceState(window.history.state, '', `#span=${s.start}-${s.end}`);
  }, []);

  const reanalyse = async () => {
    setAnalysing(true);
    try {
      const a = await api.analyze(id);
      message.success('已生成新的分析');
      setAnalysisId(a.id);
      reload();
    } catch (e) { message.error(errorText(e)); } finally { setAnalysing(false); }
  };

  if (error) return <ErrorState message={error} onRetry={reload} />;
  if (doc === null && !loading) return <Card><EmptyState text="这篇文献不存在或已被删除：回到文献库查找" to="/library" action="去文献库" /></Card>;
  if (!doc || (loading && doc.id !== id)) return <PageSkeleton height={640} />;

  const suggestedThemes = (analysis?.result?.themes ?? []).map((t) => t.name);
  const url = doc.source?.url && /^https?:\/\//i.test(doc.source.url) ? doc.source.url : undefined;
  const yearOfTitle = titleYear(doc.title);
  return (
    <div>
      <div className="zz-page-title">
        <div>
          <h2 data-testid="doc-title">{doc.title || '（无标题）'}</h2>
          <Space wrap size={[4, 4]} style={{ marginTop: 6 }}>
            <Tag color={categoryColor(doc.category)}>{doc.category}</Tag>
            {doc.groupId && <Tooltip title="只有该分组的成员能看到、检索到这篇文档；不要把其内容放进全库可见的专题或导出给组外的人">
              <Tag icon={<LockOutlined />} color="gold" data-testid="doc-group">仅「{doc.groupId}」分组可见</Tag>
            </Tooltip>}
            {!doc.source?.publishedAt && yearOfTitle && <span className="zz-muted">未注明发布日期，按标题计为 {yearOfTitle} 年</span>}
            {doc.source?.publisher && <span className="zz-muted">{doc.source.publisher}</span>}
            {doc.source?.publishedAt && <span className="zz-muted">发布 {doc.source.publishedAt}</span>}
            <span className="zz-muted">加入 {day(doc.createdAt)}</span>
            {url ? <a href={url} target="_blank" rel="noreferrer noopener">原文链接</a> : doc.source?.url ? <span className="zz-muted">{doc.source.url}</span> : null}
            {(doc.tags ?? []).map((t) => <Tag key={t}>{t}</Tag>)}
          </Space>
        </div>
        <Space wrap>
          {canEdit && <Button icon={<ReloadOutlined />} loading={analysing} onClick={reanalyse}>重新分析</Button>}
          {canEdit && <Button icon={<FolderAddOutlined />} onClick={() => setPicker(true)}>加入专题</Button>}
          {doc.original && <Button icon={<DownloadOutlined />} href={api.originalUrl(doc.id)}>下载原文</Button>}
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="原文" size="small" extra={<span className="zz-muted">{doc.text.length.toLocaleString()} 字{doc.original ? ` · ${doc.original.name}` : ''}</span>}>
            {q.trim() && found.data && (
              <div className="zz-find-bar" data-testid="find-bar">
                {marks.length
                  ? <span>检索“{q}”：正文中标出 {marks.length >= 2000 ? '前 2,000' : marks.length} 处{marks.length > 1 && <>（第 {focus + 1} 处）</>}</span>
                  : <span>检索“{q}”：正文中没有完全相同的字样（可能命中在标题、关键词或同义词中）</span>}
                {marks.length > 1 && <>
                  <Button size="small" onClick={() => setFocus((f) => (f + marks.length - 1) % marks.length)}>上一处</Button>
                  <Button size="small" onClick={() => setFocus((f) => (f + 1) % marks.length)}>下一处</Button>
                </>}
                {from !== null && <Link to={`/search?${from}`}>← 返回检索结果</Link>}
              </div>
            )}
            <div className="zz-doc-pane"><DocText text={doc.text} active={active} marks={marks} current={marks.length ? focus : -1} /></div>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="分析" extra={doc.analyses.length > 1 && (
            <Select size="small" style={{ width: 230 }} value={analysis?.id} onChange={setAnalysisId} aria-label="选择分析版本"
              options={doc.analyses.map((a, i) => ({ value: a.id, label: `${i === 0 && doc.analyses.every((b, j) => j === 0 || b.createdAt < a.createdAt) ? '最新 · ' : ''}${producerLabel(a.producer)} ${a.version} · ${a.createdAt.slice(0, 16).replace('T', ' ')}` }))} />
          )}>
            {analysis ? <AnalysisTabs analysis={analysis} onPick={onPick} /> : <EmptyState text="还没有分析：点击右上角“重新分析”" />}
            {active && <div className="zz-muted" style={{ marginTop: 8 }}>已在原文中标出第 {active.start}–{active.end} 字 <Tooltip title="清除标记"><Button size="small" type="link" onClick={() => setActive(null)}>清除</Button></Tooltip></div>}
          </Card>
          <Collapse style={{ marginTop: 16, background: '#fff' }} defaultActiveKey={['related']} items={[
            { key: 'related', label: '相似与同案文献', children: <Related id={doc.id} /> },
            ...(canEdit ? [{ key: 'meta', label: '编辑信息（类别、来源、地区、标签、主题）', children: <DocMeta doc={doc} suggestedThemes={suggestedThemes} onSaved={reload} /> }] : []),
          ]} />
          <div style={{ marginTop: 12 }}><Link to={`/compare?ids=${doc.id}`}>用这篇做案例对比 →</Link></div>
        </Col>
      </Row>
      <CollectionPicker open={picker} onClose={() => setPicker(false)} onPicked={async (cid, name) => {
        await api.addToCollection(cid, doc.id);
        message.success(`已加入专题「${name}」`);
      }} />
    </div>
  );
}

