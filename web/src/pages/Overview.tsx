import { useCallback, useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Card, Col, Grid, Row, Statistic, Table, Tag } from 'antd';
import { api, type Stats, type DocumentSummary } from '../api';
import { useAsync } from '../hooks';
import { BlockSkeleton, EmptyState, ErrorState } from '../components/States';
import EChart, { type EChartsOption } from '../components/EChart';
import ChinaMap from '../components/ChinaMap';
import { categoryColor, day } from '../constants';

function barOption(items: { value: string; count: number }[], horizontal: boolean): EChartsOption {
  const names = items.map((i) => String(i.value));
  const counts = items.map((i) => i.count);
  const cat = { type: 'category', data: horizontal ? [...names].reverse() : names, axisLabel: horizontal ? { interval: 0, fontSize: 12 } : { hideOverlap: true, fontSize: 12 } };
  const val = { type: 'value', minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: horizontal ? 96 : 36, right: 16, top: 12, bottom: 28 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: [{ type: 'bar', data: horizontal ? [...counts].reverse() : counts, itemStyle: { color: '#a61b29' }, barMaxWidth: 22 }],
  };
}

function trendOption(s: Stats): EChartsOption {
  const years = [...new Set(s.themeTrend.map((t) => String(t.year)))].sort();
  const totals = new Map<string, number>();
  for (const t of s.themeTrend) totals.set(t.theme, (totals.get(t.theme) ?? 0) + t.count);
  const themes = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([t]) => t);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 36, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: years, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: themes.map((th) => ({
      type: 'line', name: th, smooth: false, symbolSize: 6,
      data: years.map((y) => s.themeTrend.find((t) => String(t.year) === y && t.theme === th)?.count ?? 0),
    })),
  };
}

function pieOption(items: { value: string; count: number }[]): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 篇（{d}%）' },
    legend: { bottom: 0, type: 'scroll' },
    color: ['#a61b29', '#d48806', '#1f4e8c', '#722ed1', '#389e0d', '#08979c', '#8c8c8c'],
    series: [{ type: 'pie', radius: ['42%', '68%'], center: ['50%', '44%'], data: items.map((i) => ({ name: i.value, value: i.count })), label: { formatter: '{b}\n{c}' } }],
  };
}

const recentColumns = [
  { title: '标题', dataIndex: 'title', key: 'title', render: (t: string, r: DocumentSummary) => <Link to={`/documents/${r.id}`}>{t}</Link> },
  { title: '类别', dataIndex: 'category', key: 'category', width: 110, render: (c: string) => <Tag color={categoryColor(c)}>{c}</Tag> },
  { title: '加入时间', dataIndex: 'createdAt', key: 'createdAt', width: 120, render: (d: string) => day(d) },
];

export default function Overview() {
  const nav = useNavigate();
  const mapHeight = Grid.useBreakpoint().md === false ? 300 : 420;
  const { data, error, loading, reload } = useAsync((s) => api.stats(s), []);
  const onProvince = useCallback((code: string) => nav(`/library?region=${encodeURIComponent(code)}`), [nav]);
  const charts = useMemo(() => data && {
    theme: barOption(data.byTheme.slice(0, 10), true),
    year: barOption([...data.byYear].sort((a, b) => String(a.value).localeCompare(String(b.value))), false),
    cat: pieOption(data.byCategory),
    trend: trendOption(data),
  }, [data]);
  if (error) return <ErrorState message={error} onRetry={reload} />;
  const empty = data && data.total === 0;
  const regions = data?.byProvince.filter((p) => p.count > 0).length ?? 0;
  return (
    <div>
      <div className="zz-page-title"><h2>概览</h2><span className="zz-muted">点击地图上的省份，查看该地区的文献</span></div>
      <Row gutter={[16, 16]}>
        {[
          ['文献总数', data?.total, '篇'], ['类别', data?.byCategory.length, '类'], ['涉及省份', regions, '个'], ['治理主题', data?.byTheme.length, '个'],
        ].map(([label, v, suffix]) => (
          <Col xs={12} md={6} key={label as string}>
            <Card className="zz-stat-card" loading={loading && !data}><Statistic title={label as string} value={(v as number | undefined) ?? 0} suffix={suffix as string} /></Card>
          </Col>
        ))}
      </Row>
      {empty ? (
        <Card style={{ marginTop: 16 }}><EmptyState text="文献库还是空的：去导入页添加第一篇文档" to="/import" action="去导入" /></Card>
      ) : (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} lg={14}>
            <Card title="地区分布" extra={<span className="zz-muted">按省份统计</span>}>
              {data ? <ChinaMap data={data.byProvince} onSelect={onProvince} height={mapHeight} /> : <BlockSkeleton height={mapHeight} rows={8} />}
              {data && data.byProvince.length > 0 && (
                <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 6 }} aria-label="省份列表">
                  {[...data.byProvince].sort((a, b) => b.count - a.count).slice(0, 12).map((p) => (
                    <Link key={p.code} to={`/library?region=${encodeURIComponent(p.code)}`}><Tag>{p.name} {p.count}</Tag></Link>
                  ))}
                </div>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title="类别构成">{charts ? <EChart option={charts.cat} height={220} ariaLabel="类别构成饼图" /> : <BlockSkeleton height={220} />}</Card>
            <Card title="治理主题" style={{ marginTop: 16 }}>{charts ? <EChart option={charts.theme} height={238} ariaLabel="主题分布柱状图" /> : <BlockSkeleton height={238} />}</Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title="主题趋势（按年份）">{charts ? <EChart option={charts.trend} height={280} ariaLabel="主题年度趋势折线图" /> : <BlockSkeleton height={280} />}</Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title="年份分布">{charts ? <EChart option={charts.year} height={280} ariaLabel="年份分布柱状图" /> : <BlockSkeleton height={280} />}</Card>
          </Col>
          <Col span={24}>
            <Card title="最近加入" extra={<Link to="/library">查看全部</Link>}>
              <Table size="small" rowKey="id" columns={recentColumns} dataSource={data?.recent ?? []} loading={loading} pagination={false} scroll={{ x: 560 }} />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
