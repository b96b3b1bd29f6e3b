import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionOf, safeDisplayName, stemOf } from './names.js';

test('path traversal keeps only the last segment', () => {
  assert.equal(safeDisplayName('../../etc/passwd'), 'passwd');
  assert.equal(safeDisplayName('..\\..\\Windows\\system.ini'), 'system.ini');
  assert.equal(safeDisplayName('/abs/path/报告.docx'), '报告.docx');
});

test('NUL, control characters and bidi overrides are removed', () => {
  assert.equal(safeDisplayName('a\u0000b\u0007c.txt'), 'abc.txt');
  // U+202E would show "报告cod.exe" as "报告exe.doc"
  assert.equal(safeDisplayName('报告\u202Ecod.exe'), '报告cod.exe');
  assert.equal(safeDisplayName('x\u200By\uFEFF.md'), 'xy.md');
});

test('Windows reserved device names and forbidden characters are defused', () => {
  assert.equal(safeDisplayName('CON'), '_CON');
  assert.equal(safeDisplayName('nul.txt'), '_nul.txt');
  assert.equal(safeDisplayName('com1.pdf'), '_com1.pdf');
  assert.equal(safeDisplayName('a<b>c:d"e|f?g*.txt'), 'a_b_c_d_e_f_g_.txt');
  assert.equal(safeDisplayName('console.txt'), 'console.txt');
});

test('leading dots and trailing dots/spaces go; nothing usable left gives empty', () => {
  assert.equal(safeDisplayName('..hidden.txt'), 'hidden.txt');
  assert.equal(safeDisplayName('name.txt. . '), 'name.txt');
  assert.equal(safeDisplayName('\u0000\u0001'), '');
  assert.equal(safeDisplayName('../..'), '');
  assert.equal(safeDisplayName(''), '');
});

test('500-character names are capped at 120 characters keeping the extension', () => {
  const n = safeDisplayName(`${'社'.repeat(500)}.docx`);
  assert.equal([...n].length, 120);
  assert.ok(n.endsWith('….docx'));
});

test('extension and stem helpers', () => {
  assert.equal(extensionOf('A.TXT'), 'txt');
  assert.equal(extensionOf('noext'), '');
  assert.equal(stemOf('报告.final.docx'), '报告.final');
});
