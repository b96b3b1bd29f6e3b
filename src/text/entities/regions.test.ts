import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segment } from '../segment.js';
import { readSeed } from '../testing/seed.js';
import { gazetteer } from './gazetteer.js';
import { extractRegions } from './regions.js';

const spanTexts = (text: string, spans: { start: number; end: number }[]) => spans.map((s) => text.slice(s.start, s.end));
/** A mention supports a name when its characters, suffixes aside, appear in order in the name. */
const supports = (mention: string, name: string) => {
  let i = 0;
  for (const c of name) if (c === mention[i]) i++;
  return i === mention.length;
};

test('the seed first analysis names 上海市宝山区 (310113), rolled up to 上海市, with every mention', () => {
  const { first } = readSeed();
  const regions = extractRegions(first);
  assert.equal(regions[0].name, '上海市宝山区');
  assert.equal(regions[0].code, '310113');
  assert.equal(regions[0].level, 'district');
  assert.deepEqual(regions[0].path, [{ name: '上海市', code: '31' }, { name: '宝山区', code: '310113' }]);
  assert.deepEqual(regions[0].alternatives, []);
  assert.equal(regions[0].mentions, regions[0].spans.length);
  assert.ok(regions[0].mentions >= 3);
  for (const r of regions) for (const t of spanTexts(first, r.spans)) assert.ok(supports(t, r.name), `${t} ⊄ ${r.name}`);
});

test('a municipality district never shows the 市辖区 level', () => {
  const [r] = extractRegions('北京市朝阳区推进接诉即办。');
  assert.equal(r.name, '北京市朝阳区');
  assert.ok(!r.path.some((p) => p.name === '市辖区'));
});

test('宝山区 with 双鸭山 context resolves to 230506; with no context it stays ambiguous with alternatives', () => {
  const withContext = extractRegions('双鸭山市近年来推进社区治理。宝山区建立了网格化管理机制。');
  const bs = withContext.find((r) => r.name.endsWith('宝山区'))!;
  assert.equal(bs.code, '230506');
  assert.deepEqual(bs.alternatives, []);
  const sibling = extractRegions('尖山区和宝山区的社区工作者交流经验。').find((r) => r.name.endsWith('宝山区'))!;
  assert.equal(sibling.code, '230506', 'a sibling district of 双鸭山市 decides too');
  const bare = extractRegions('宝山区建立了网格化管理机制。');
  assert.equal(bare.length, 1);
  const codes = [bare[0].code, ...bare[0].alternatives.map((a) => a.code)].sort();
  assert.deepEqual(codes, ['230506', '310113']);
  assert.ok(bare[0].alternatives.length > 0);
});

test('short forms count only in context: 宝山 alone is not a place, 上海宝山 and 宝山地区 are', () => {
  assert.deepEqual(extractRegions('宝山钢铁的职工。'), []);
  assert.equal(extractRegions('上海宝山的做法。')[0].code, '310113');
  assert.equal(extractRegions('宝山地区的做法，上海市民参与。').find((r) => r.code === '310113')?.mentions, 1);
  assert.equal(extractRegions('浙江的经验。')[0].code, '33');
  assert.deepEqual(extractRegions('山东、海南和湖南的做法。').map((r) => r.code), ['37', '46', '43'], 'stoplisted county shorts stay provinces');
});

test('stoplisted short names that are ordinary words never match; their full names do', () => {
  const g = gazetteer();
  assert.ok(g.stoplist.size >= 80 && g.stoplist.size <= 120, `stoplist size ${g.stoplist.size}`);
  for (const w of ['和平', '新华', '长安', '平安', '永安', '东方', '前进', '胜利'].filter((w) => g.short.has(w))) {
    assert.ok(g.stoplist.has(w), w);
  }
  assert.deepEqual(extractRegions('维护和平与平安，新华社报道，城区中心与开发区、高新区。'), []);
  assert.equal(extractRegions('天津市和平区').at(0)?.code, '120101');
});

test('streets and towns: 浙江省诸暨市枫桥镇 resolves down to the town; an ambiguous bare town name is dropped', () => {
  const [r] = extractRegions('浙江省诸暨市枫桥镇坚持和发展枫桥经验。');
  assert.equal(r.code, '330681109');
  assert.equal(r.level, 'street');
  assert.deepEqual(r.path.map((p) => p.code), ['33', '3306', '330681', '330681109']);
  assert.equal(extractRegions('枫桥镇的调解员。')[0]?.code, '330681109', 'unique town name');
  assert.deepEqual(extractRegions('城关镇的调解员。'), [], '城关镇 exists in hundreds of counties');
  assert.deepEqual(extractRegions('发展小城镇，建设综合保税区。'), [], 'unique but generic names need context');
  const text = '创建文明村镇。';
  assert.deepEqual(extractRegions(text, text, segment(text)), [], '明村镇 inside 文明村镇 is not a town');
  for (const t of ['与沿海城市相比。', '撒施复合肥料。', '测定长春碱含量。']) assert.deepEqual(extractRegions(t, t, segment(t)), [], t);
  const cq = '重庆市江北区观音桥街道推行老马工作法，把小集镇的矛盾化解在基层。';
  assert.deepEqual(extractRegions(cq, cq, segment(cq)).map((x) => x.name).filter((n) => n.includes('小集镇')), [],
    'a unique town name elsewhere in the country is not taken when the document names other places and none of its parents');
  const fengnan = '唐山市丰南区小集镇开展议事协商。';
  assert.ok(extractRegions(fengnan, fengnan, segment(fengnan)).some((x) => x.name.endsWith('小集镇')), 'with its district named it is');
  const zhuji = '诸暨市民积极参与。';
  assert.equal(extractRegions(zhuji, zhuji, segment(zhuji))[0]?.code, '330681', 'a full name may run into the next word');
});

test('everyday words that are also place names count only right after their parent, in documents naming every province', () => {
  // A long report names provinces everywhere; its 黑龙江, 安徽, 河南, 新疆 must not make its words places.
  const report = '黑龙江、安徽、河南、新疆、福建、湖南、宁夏、湖北、山东、广东、吉林各地。'
    + '建设新农村的富裕繁荣，经济富裕地区支援贫困地区。义务教育和县乡财政管理体制，乡村学校和县城学校。'
    + '各级计委会同各级经委研究。人均收入一百六十三元。中华儿女同心奋斗。讲究街道市容。兴办国营机械化农场，建设畜禽良种场。'
    + '发展小城镇和中心镇，办好经济技术开发区。在广大平原地区推广机井。老解放区的革命传统。';
  const t = (s: string) => extractRegions(s, s, segment(s)).map((r) => r.name);
  assert.deepEqual(t(report).filter((n) => !/^[^省]+省$|自治区$/.test(n)), [], t(report).join('、'));
  assert.ok(t('黑龙江省齐齐哈尔富裕的做法。').includes('黑龙江省齐齐哈尔市富裕县'), 'right after its parent it is the county');
  assert.ok(t('安徽和县推行网格化管理。').includes('安徽省马鞍山市和县'));
  assert.ok(t('河南获嘉县农场开展议事协商。').includes('河南省新乡市获嘉县农场'));
  assert.ok(t('海南开发洋浦经济开发区。').includes('海南省儋州市儋州市洋浦经济开发区'), 'a zone named for its place is no everyday word');
});

test('a short name that is the name of a town written in full elsewhere is that town, not its namesake city', () => {
  const s = '成都市武侯区玉林街道推出「玉林e家」小程序，玉林社区居民踊跃参与。';
  assert.deepEqual(extractRegions(s, s, segment(s)).map((r) => r.name), ['四川省成都市武侯区玉林街道']);
  assert.ok(extractRegions('广西玉林的做法。').some((r) => r.name === '广西壮族自治区玉林市'), 'alone it is still the city');
});

test('an undecided place keeps only the namesakes its context supports most: 江苏省鼓楼区 is Nanjing’s or Xuzhou’s', () => {
  const [r] = extractRegions('江苏省鼓楼区推进社区治理。');
  assert.deepEqual([r.code, ...r.alternatives.map((a) => a.code)].sort(), ['320106', '320302']);
  assert.equal(extractRegions('鼓楼区推进社区治理。')[0].alternatives.length, 3, 'without context all four stay');
});

test('Hong Kong, Macao and Taiwan are the province-level places of GB/T 2260 (81, 82, 71), by full and short name', () => {
  const found = extractRegions('香港特别行政区与澳门的社区服务经验，台湾的里长制度。').map((r) => r.code).sort();
  assert.deepEqual(found, ['71', '81', '82']);
});
