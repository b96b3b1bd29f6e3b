import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeSnippet } from './snippet.js';

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
