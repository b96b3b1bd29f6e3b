import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildIndexEntry } from '../search/tokens.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { analyze } from '../text/analyze.js';
import { Library } from './library.js';
import { AnalysisThread } from './analysis-thread.js';
import { ThemeClassifier } from '../text/themes/classify.js';
import { addUserLexiconTerm } from './user-lexicon.js';

const PARA = '浙江省诸暨市枫桥镇坚持发动和依靠群众，建立村级调解委员会，推行“小事不出村、大事不出镇”。2023年全镇化解矛盾纠纷1200余件，调解成功率达到98%。';

describe('analysis of long texts on a worker thread', () => {
  let dir: string;
  let lib: Library;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhizhi-thread-'));
    // Every text counts as long here, so the thread is used for all of them.
    lib = await Library.open(new SqliteStore(join(dir, 'z.db')), { offThreadChars: 10 });
  });
  after(async () => { await lib.close(); rmSync(dir, { recursive: true, force: true }); });

  it('stores the same analysis and index entry as analysing in place', async () => {
    const text = `${PARA}\n居民议事会每月召开一次，讨论加装电梯、停车管理等公共事务。`;
    const r = await lib.addDocument({ title: '枫桥经验', text });
    assert.ok(r.status === 'imported');
    const here = analyze(text, { title: '枫桥经验' });
    const { minhash: _a, ...stored } = r.document.analyses[0].result;
    const { minhash: _b, ...inPlace } = here;
    assert.deepEqual(stored, inPlace);
    const [indexed] = await lib.store.getIndexed([r.document.id]);
    assert.equal(indexed.fields.body, buildIndexEntry(r.document, here).body);
  });

  it('segments with the terms users added, also those added after the thread started', async () => {
    await addUserLexiconTerm(lib.store, { term: '珑璟邻里驿站', kind: 'mechanism' });
    const r = await lib.addDocument({ text: `${PARA}街道开设珑璟邻里驿站，居民就近议事。` });
    assert.ok(r.status === 'imported');
    assert.ok((r.document.analyses[0].result.mechanisms ?? []).some((m) => m.name === '珑璟邻里驿站'), JSON.stringify(r.document.analyses[0].result.mechanisms?.map((m) => m.name)));
    const [indexed] = await lib.store.getIndexed([r.document.id]);
    assert.match(indexed.fields.body, /(^| )珑璟邻里驿站( |$)/);
  });

  it('keeps the event loop free while a long text is analysed', async () => {
    const text = Array.from({ length: 2500 }, (_, i) => `第${i + 1}段：${PARA}`).join('\n');
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 5);
    try {
      const r = await lib.addDocument({ title: '长报告', text });
      assert.ok(r.status === 'imported');
    } finally {
      clearInterval(timer);
    }
    // Analysing ~200,000 characters takes a second or more; on the main thread no timer could fire meanwhile.
    assert.ok(ticks > 20, `timers fired ${ticks} times`);
  });

  it('starts a new worker after the last one was stopped, and fails a job whose worker is stopped under it', async () => {
    const thread = new AnalysisThread();
    const model = new ThemeClassifier();
    const first = await thread.analyze(PARA, '一', model, undefined);
    await thread.close();
    const again = await thread.analyze(PARA, '一', model, undefined);
    assert.deepEqual(again.result.keywords, first.result.keywords);
    const pending = thread.analyze(PARA.repeat(200), '二', model, undefined);
    await thread.close();
    await assert.rejects(pending, /分析线程/);
    assert.ok((await thread.analyze(PARA, '三', model, undefined)).body.length > 0, 'and the next job runs');
    await thread.close();
  });
});
