import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { placesByCode } from '../text/entities/gazetteer.js';
import { regionPath, resolveRegionName } from './regions.js';

describe('resolveRegionName', () => {
  it('finds towns and streets by their full name, alone or under their parents (枫桥镇, 浙江省绍兴市诸暨市枫桥镇, 北京朝阳劲松街道)', () => {
    const fengqiao = resolveRegionName('枫桥镇').codes;
    assert.equal(fengqiao.length, 1);
    assert.equal(regionPath(fengqiao[0]), '浙江省绍兴市诸暨市枫桥镇');
    assert.deepEqual(resolveRegionName('浙江省绍兴市诸暨市枫桥镇').codes, fengqiao);
    assert.deepEqual(resolveRegionName('诸暨枫桥镇').codes, fengqiao);
    assert.equal(regionPath(resolveRegionName('北京朝阳劲松街道').codes[0]), '北京市朝阳区劲松街道');
  });

  it('resolves the full path of every street and town the region facet can show back to that place', () => {
    const streets = [...placesByCode().values()].filter((p) => p.level === 'street');
    assert.ok(streets.length > 40_000);
    for (let i = 0; i < streets.length; i += 97) {
      const code = streets[i].code;
      assert.ok(resolveRegionName(regionPath(code)).codes.includes(code), regionPath(code));
    }
  });

  it('finds autonomous prefectures and counties by the short names people write (延边, 黔东南, 湘西, 峨边) where no other place has that name', () => {
    const path = (v: string) => resolveRegionName(v).codes.map(regionPath);
    assert.deepEqual(path('延边'), ['吉林省延边朝鲜族自治州']);
    assert.deepEqual(path('吉林延边'), ['吉林省延边朝鲜族自治州']);
    assert.deepEqual(path('黔东南'), ['贵州省黔东南苗族侗族自治州']);
    assert.deepEqual(path('湘西'), ['湖南省湘西土家族苗族自治州']);
    assert.deepEqual(path('峨边'), ['四川省乐山市峨边彝族自治县']);
    assert.deepEqual(path('延边朝鲜族自治州'), ['吉林省延边朝鲜族自治州'], 'the full name as before');
    // A short form never takes a name another place already has.
    assert.deepEqual(path('恩施'), ['湖北省恩施土家族苗族自治州恩施市'], 'the city of that name, as before');
    assert.deepEqual(path('宽城'), ['吉林省长春市宽城区'], 'not also 宽城满族自治县');
    assert.deepEqual(resolveRegionName('河南'), { codes: resolveRegionName('河南省').codes }, 'the province, without a note about 河南蒙古族自治县');
  });

  it('keeps every town of a common name with a short note, and prefers a district or city over a town of the same name', () => {
    const r = resolveRegionName('城关镇');
    assert.ok(r.codes.length > 50);
    assert.match(r.note ?? '', /等 \d+ 处）/);
    assert.ok((r.note ?? '').length < 200, 'the note names a few, not all');
    const chaoyang = resolveRegionName('朝阳');
    assert.deepEqual(chaoyang.codes.map(regionPath).sort(), ['北京市朝阳区', '吉林省长春市朝阳区', '辽宁省朝阳市'].sort(), 'cities and districts of one name stay together');
    assert.deepEqual(resolveRegionName('河北').codes.map(regionPath), ['河北省']);
    const binhai = resolveRegionName('滨海新区');
    assert.deepEqual(binhai.codes.map(regionPath), ['天津市滨海新区'], 'not also the 滨海新区 street office in 台州');
    assert.match(binhai.note ?? '', /如指浙江省台州市路桥区滨海新区/);
  });
});
