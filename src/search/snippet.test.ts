import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSnippet, matchRanges } from './snippet.js';

describe('makeSnippet', () => {
  it('shows markdown emphasis, code marks and headings as plain text, with highlights still on the matched words', () => {
    const r = makeSnippet('宝山区的做法。## 主要做法 建立**社区治理学院**，推动`人民信箱`上线，__居民__参与。', ['社区治理', '人民信箱', '居民']);
    assert.doesNotMatch(r.text, /\*|`|#|__/);
    assert.match(r.text, /主要做法 建立社区治理学院，推动人民信箱上线，居民参与/);
    assert.deepEqual(r.highlights.map(([s, e]) => r.text.slice(s, e)), ['社区治理', '人民信箱', '居民']);
  });

  it('keeps highlight ranges inside the snippet of a text without markup, traditional characters included', () => {
    const r = makeSnippet('本區推行社區治理，成效明顯。', ['社区治理']);
    assert.equal(r.text, '本區推行社區治理，成效明顯。');
    assert.deepEqual(r.highlights.map(([s, e]) => r.text.slice(s, e)), ['社區治理']);
  });
});

describe('matchRanges', () => {
  it('marks every word of the query in text order, also when the first one stands thousands of times', () => {
    const text = `治理能力现代化。${'社区工作。'.repeat(5000)}社会治理。`;
    const ranges = matchRanges(text, ['社区', '治理'], 2000);
    assert.equal(ranges.length, 2000, 'the first 2,000 places in the text');
    assert.deepEqual(ranges[0], [0, 2], '治理 at the start is marked though 社区 stands 5,000 times');
    assert.ok(ranges.every(([s, e], i) => text.slice(s, e) === (i === 0 ? '治理' : '社区') && (i === 0 || s >= ranges[i - 1][1])));
    assert.deepEqual(matchRanges('網格員和网格员', ['网格员']).map(([s, e]) => e - s), [3, 3], 'found in the normalised text, marked in the original');
  });
});
