import type { ReactNode } from 'react';
import { Empty, Space, Table, Tabs, Tag } from 'antd';
import type { Analysis, Entity, Figure, Span } from '../api';

type Pick = (spans: Span[] | undefined) => void;
type Result = Analysis['result'];

/** A keyboard-reachable item that jumps to its source span in the text. */
function Item({ spans, onPick, children, testId }: { spans?: Span[]; onPick: Pick; children: ReactNode; testId?: string }) {
  const has = !!spans?.length;
  return (
    <button type="button" className="zz-clickable" disabled={!has} data-testid={testId} data-span={has ? `${spans![0].start}-${spans![0].end}` : undefined}
      title={has ? '定位到原文' : '没有对应的原文位置'} onClick={() => onPick(spans)}>
      {children}
    </button>
  );
}

function none(text = '本次分析没有这一项') { return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />; }

function Sentences({ items, onPick, numbered, testId }: { items?: { text: string; spans: Span[] }[]; onPick: Pick; numbered?: boolean; testId: string }) {
  if (!items?.length) return none();
  return <ol style={{ paddingLeft: numbered ? 22 : 0, listStyle: numbered ? 'decimal' : 'none', margin: 0 }}>
    {items.map((s, i) => <li key={i} style={{ marginBottom: 4 }}><Item spans={s.spans} onPick={onPick} testId={testId}>{s.text}</Item></li>)}
  </ol>;
}

function fmtValue(f: Figure): string {
  const n = (v: number) => v.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
  return f.valueMax !== undefined && f.valueMax !== f.value ? `${n(f.value)}–${n(f.valueMax)}` : n(f.value);
}

function Figures({ items, onPick }: { items?: Figure[]; onPick: Pick }) {
  if (!items?.length) return none('没有识别到数据');
  return (
    <Table<Figure> size="small" rowKey={(f, i) => `${f.text}-${i}`} pagination={items.length > 20 ? { pageSize: 20 } : false} dataSource={items}
      columns={[
        { title: '原文', dataIndex: 'text', key: 'text', render: (t: string, f) => <Item spans={f.spans} onPick={onPick} testId="figure-item">{t}</Item> },
        { title: '数值', key: 'value', render: (_: unknown, f) => `${fmtValue(f)} ${f.unit}` },
        { title: '指标', dataIndex: 'subject', key: 'subject' },
      ]} />
  );
}

function Entities({ title, items, onPick }: { title: string; items?: Entity[]; onPick: Pick }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <h4 style={{ margin: '4px 0' }}>{title}</h4>
      {items?.length ? (
        <Space wrap size={[6, 6]}>
          {items.map((e, i) => (
            <button key={i} type="button" className="zz-chip" data-testid="entity-item" title={e.kind} onClick={() => onPick(e.spans)} disabled={!e.spans?.length}>
              {e.name}<span className="zz-muted"> · {e.kind}</span>
            </button>
          ))}
        </Space>
      ) : <span className="zz-muted">无</span>}
    </div>
  );
}

/** Tabs over one analysis run; every item with spans scrolls the text to its first span. */
export default function AnalysisTabs({ analysis, onPick }: { analysis: Analysis; onPick: Pick }) {
  const r: Result = analysis.result ?? {};
  const hasResult = Object.keys(r).some((k) => k !== 'minhash');
  if (!hasResult) {
    return analysis.text
      ? <div className="zz-doc-text" style={{ fontSize: 14 }} data-testid="analysis-text">{analysis.text}</div>
      : none('这次分析没有内容：点击“重新分析”生成新的分析');
  }
  const card = r.caseCard;
  const items = [
    { key: 'summary', label: '摘要', children: (
      <div>
        {r.oneLine && <div style={{ fontWeight: 600, marginBottom: 8 }}><Item spans={r.oneLine.spans} onPick={onPick}>{r.oneLine.text}</Item></div>}
        <Sentences items={r.summary} onPick={onPick} testId="summary-item" />
      </div>) },
    { key: 'highlights', label: '亮点', children: <Sentences items={r.highlights} onPick={onPick} numbered testId="highlight-item" /> },
    { key: 'keywords', label: '关键词', children: r.keywords?.length ? (
      <Space wrap size={[6, 6]}>{r.keywords.map((k, i) => (
        <button key={i} type="button" className="zz-chip zz-chip-blue" style={{ fontSize: 13 + Math.round(k.weight * 3) }}
          onClick={() => onPick(k.spans)} disabled={!k.spans?.length} data-testid="keyword-item">{k.term}</button>))}</Space>) : none() },
    { key: 'themes', label: '主题', children: r.themes?.length ? r.themes.map((t, i) => (
      <div key={i} style={{ marginBottom: 12 }}>
        <Space><Tag color="volcano">{t.name}</Tag><span className="zz-muted">得分 {t.score.toFixed(2)}</span></Space>
        <Sentences items={t.evidence} onPick={onPick} testId="theme-evidence" />
      </div>)) : none() },
    { key: 'card', label: '案例卡片', children: card ? (Object.entries(card) as [string, { text: string; spans: Span[] }[]][]).map(([sec, list]) => (
      <div key={sec} style={{ marginBottom: 10 }}>
        <h4 style={{ margin: '4px 0', color: '#a61b29' }}>{sec}</h4>
        {list.length ? <Sentences items={list} onPick={onPick} testId="card-item" /> : <span className="zz-muted">未提取到</span>}
      </div>)) : none() },
    { key: 'figures', label: '数据', children: <Figures items={r.figures} onPick={onPick} /> },
    { key: 'regions', label: '地区', children: r.regions?.length ? r.regions.map((g, i) => (
      <Item key={i} spans={g.spans} onPick={onPick} testId="region-item">
        <div><b>{g.name}</b> <span className="zz-muted">{g.code} · 提及 {g.mentions} 次</span></div>
        <div className="zz-muted">{g.path.map((p) => p.name).join(' › ')}</div>
        {g.alternatives?.length ? <div className="zz-muted">同名地区：{g.alternatives.map((a) => `${a.name}（${a.code}）`).join('、')}</div> : null}
      </Item>)) : none('没有识别到地区') },
    { key: 'mechanisms', label: '机制', children: (
      <div>
        <Entities title="机制与平台" items={r.mechanisms} onPick={onPick} />
        <Entities title="组织" items={r.organizations} onPick={onPick} />
        <Entities title="群体" items={r.groups} onPick={onPick} />
      </div>) },
  ];
  return <Tabs items={items} size="small" defaultActiveKey="summary" tabBarGutter={14} />;
}
