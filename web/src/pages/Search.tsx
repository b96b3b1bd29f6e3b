import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Col, Dropdown, Empty, Pagination, Popover, Radio, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, LockOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { api, type Explanation, type SearchHit } from '../api';
import { useAsync } from '../hooks';
import { useUrlState, FILTER_KEYS, FILTER_LABELS } from '../urlState';
import Facets, { FacetPanel, filterLabel, regionQueryName } from '../components/Facets';
import QueryInput from '../components/QueryInput';
import Snippet from '../components/Snippet';
import DocDate from '../components/DocDate';
import { BlockSkeleton, EmptyState, ErrorState } from '../components/States';
import { categoryColor } from '../constants';

const PAGE = 20;

const help = (
  <div style={{ maxWidth: 340, lineHeight: 1.9 }}>
    <div><Typography.Text code>"网格化 管理"</Typography.Text> 短语：按原样连在一起</div>
    <div><Typography.Text code>社区 -物业</Typography.Text> 排除：不含“物业”</div>
    <div><Typography.Text code>议事厅 OR 协商</Typography.Text> 任一词出现即可</div>
    <div><Typography.Text code>类别:政策文件</Typography.Text> <Typography.Text code>主题:数字治理</Typography.Text></div>
    <div><Typography.Text code>地区:上海</Typography.Text> <Typography.Text code>年份:2019-2024</Typography.Text></div>
    <div><Typography.Text code>专题:名称</Typography.Text> <Typography.Text code>标签:xx</Typography.Text></div>
    <div><Typography.Text code>-类别:政策文件</Typography.Text> 排除筛选：去掉该类别的文档</div>
    <div className="zz-muted">左侧分面同样可以筛选，已选条件显示为可移除的标签。</div>
  </div>
);

/** The ranker's field ids (src/search/rank.ts FIELDS) as readers name them. */
const FIELD_LABEL: Record<string, string> = { title: '标题', keywords: '关键词', entities: '机制与主体', body: '正文' };

/**
 * How a concept was found when not as typed: 「接诉即办」以「12345市民服务热线」出现在… (a synonym), 「网格员」以「网格」…
 * (a part); 「接诉即办」及同义词「…」 when both.
 */
function foundAs(e: Explanation): string {
  const others = (e.matchedAs ?? []).filter((f) => f !== e.term);
  if (!others.length) return '';
  const quoted = others.map((f) => `「${f}」`).join('、');
  return e.matchedAs?.includes(e.term) ? `及同义词${quoted}` : `以${quoted}`;
}

function Explain({ hit }: { hit: SearchHit }) {
  if (!hit.explanation?.length) return null;
  const title = (
    <div>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>为什么匹配</div>
      {hit.explanation.map((e, i) => <div key={i}>「{e.term}」{foundAs(e)}出现在 {e.fields.map((f) => FIELD_LABEL[f] ?? f).join('、')}（权重 {e.weight.toFixed(2)}）</div>)}
    </div>
  );
  return <Tooltip title={title}><Tag icon={<QuestionCircleOutlined />} tabIndex={0} style={{ cursor: 'help' }}>匹配说明</Tag></Tooltip>;
}

/** A filter typed into the query (地区:火星, -类别:…): when nothing is found, it is what to loosen first. */
const RE_TYPED_FILTER = /(^|\s)(-|NOT\s+)?(类别|分类|類別|主题|主題|地区|地區|地域|年份|专题|專題|标签|標籤|category|theme|region|year|collection|tag)\s*[:：]/i;

export default function Search() {
  const [sp, update] = useUrlState();
  const q = sp.get('q') ?? '';
  // Whatever an old link or a hand-edited URL says (page=-1, 1.5, abc), a page is a whole number from 1.
  const page = Math.max(1, Math.floor(Number(sp.get('page') ?? 1)) || 1);
  const sort = sp.get('sort') ?? 'relevance';
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, sp.get(k) ?? undefined])) as Record<string, string | undefined>;
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);
  const hasQuery = q.trim() !== '' || FILTER_KEYS.some((k) => filters[k]);
  const { data, error, loading, reload } = useAsync(
    (s) => (hasQuery ? api.search({ q, ...filters, sort, limit: PAGE, offset: (page - 1) * PAGE }, s) : Promise.resolve(undefined)),
    [sp.toString()],
  );
  const chips = FILTER_KEYS.filter((k) => filters[k]);
  return (
    <div>
      <div className="zz-page-title"><h2>检索</h2></div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space.Compact style={{ width: '100%' }}>
          <QueryInput style={{ flex: 1 }} size="large" text={input} onText={setInput} onSubmit={(v) => update({ q: v })}
            placeholder="输入关键词，如：枫桥经验 地区:浙江 年份:2019-2024" ariaLabel="检索词" />
          <Button size="large" type="primary" onClick={() => update({ q: input.trim() })}>检索</Button>
          <Popover content={help} title="检索语法" trigger={['click', 'hover']}>
            <Button size="large" icon={<QuestionCircleOutlined />} aria-label="检索语法说明">语法</Button>
          </Popover>
        </Space.Compact>
        {(chips.length > 0 || data) && (
          <Space wrap style={{ marginTop: 10 }}>
            {chips.map((k) => (
              <Tag key={k} closable color="volcano" onClose={() => update({ [k]: undefined })}>{FILTER_LABELS[k]}：{filterLabel(data?.facets, k, filters[k]!)}</Tag>
            ))}
            {data && <span className="zz-muted">找到 {data.total} 篇</span>}
            {data?.message && <span className="zz-muted">{data.message}</span>}
            {data?.similarValues?.flatMap((s) => s.like.map((like, i) => {
              const label = `${s.excluded ? '-' : ''}${FILTER_LABELS[s.field]}:${like}`;
              // The server rewrote the typed filter (queries), or the value is the page's own filter.
              const use = () => update(s.queries ? { q: s.queries[i] } : { [s.field]: like });
              return <Button key={`${label}:${s.value}`} size="small" type="dashed" onClick={use} aria-label={`改用 ${label}`}>改用 {label}</Button>;
            }))}
          </Space>
        )}
      </Card>
      {error && <ErrorState message={error} onRetry={reload} hint="检查检索语法（点击“语法”查看示例），或删去部分条件后重试。" />}
      {!hasQuery ? (
        <Card><EmptyState text="输入关键词开始检索；也可以在文献库按类别、地区、主题浏览" to="/library" action="浏览文献库" /></Card>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={7} lg={5}>
            <FacetPanel activeCount={chips.length}><Facets facets={data?.facets} keys={FILTER_KEYS} active={filters} loading={loading} onToggle={(k, v) => update({ [k]: v })}
              onExclude={(k, code) => {
                const v = k === 'region' ? regionQueryName(data?.facets, code) : code;
                update({ q: `${q.trim()} -${FILTER_LABELS[k]}:${/[\s"、,，|]/.test(v) ? `"${v.replace(/"/g, '')}"` : v}`.trim() });
              }} /></FacetPanel>
          </Col>
          <Col xs={24} md={17} lg={19}>
            <Card size="small" title={`结果`} extra={
              <Space size={8} wrap>
                {data && data.total > 0 && (
                  <Dropdown menu={{ items: (['csv', 'md'] as const).map((f) => ({
                    key: f, label: <a href={api.searchExportUrl({ q, ...filters, sort }, f)} download>{f === 'csv' ? 'CSV（Excel 可打开）' : 'Markdown'}</a>,
                  })) }}>
                    <Button size="small" icon={<DownloadOutlined />}>导出{data.total > 200 ? '前 200 篇' : '结果'}</Button>
                  </Dropdown>
                )}
                <Radio.Group size="small" value={sort} onChange={(e) => update({ sort: e.target.value })} aria-label="排序">
                  <Radio.Button value="relevance">相关度</Radio.Button><Radio.Button value="date">日期</Radio.Button>
                </Radio.Group>
              </Space>}>
              {!data && loading ? <BlockSkeleton height={600} rows={12} /> : data && data.hits.length === 0 && data.total > 0 ? (
                // A page past the end (an old link, or documents deleted since): say so and offer the first page.
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`第 ${page} 页没有结果：共 ${data.total} 篇，只有 ${Math.ceil(data.total / PAGE)} 页`}>
                  <Button type="primary" onClick={() => update({ page: '1' }, false)}>回到第 1 页</Button>
                </Empty>
              ) : data && data.hits.length === 0 ? (
                <EmptyState text={chips.length || RE_TYPED_FILTER.test(q) ? '没有找到：移除部分筛选条件，或换一个说法再试' : '没有找到：换一个说法，或用 OR 连接近义词再试'} />
              ) : (
                <div style={{ opacity: loading ? 0.6 : 1 }} data-testid="search-results">
                  {data?.hits.map((h) => (
                    <article className="zz-hit" key={h.id}>
                      <h3><Link to={`/documents/${h.id}?${new URLSearchParams({ q, from: sp.toString() })}`}>{h.title || '（无标题）'}</Link></h3>
                      <p><Snippet text={h.snippet ?? ''} ranges={h.highlights ?? []} /></p>
                      <Space wrap size={[4, 4]}>
                        <Tag color={categoryColor(h.category)}>{h.category}</Tag>
                        {h.groupId && <Tag icon={<LockOutlined />} color="gold">仅「{h.groupId}」分组可见</Tag>}
                        {(h.regionNames ?? []).slice(0, 2).map((r) => <Tag key={r}>{r}</Tag>)}
                        {(h.themes ?? []).slice(0, 3).map((t) => <Tag key={t} color="geekblue">{t}</Tag>)}
                        <DocDate publishedAt={h.publishedAt} createdAt={h.createdAt} title={h.title} />
                        {h.sameCase ? <Tooltip title="同一案例的转载或改写，文档页“相似与同案文献”中列出"><Link to={`/documents/${h.id}`}><Tag color="purple">同案另有 {h.sameCase} 篇</Tag></Link></Tooltip> : null}
                        <Explain hit={h} />
                      </Space>
                    </article>
                  ))}
                  {data && data.total > PAGE && (
                    <Pagination style={{ marginTop: 16, textAlign: 'right' }} current={page} pageSize={PAGE} total={data.total} showSizeChanger={false}
                      onChange={(p) => { update({ page: String(p) }, false); window.scrollTo({ top: 0 }); }} />
                  )}
                </div>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
