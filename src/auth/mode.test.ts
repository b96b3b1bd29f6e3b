import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isTeamMode } from './mode.js';

it('runs without sign-in only for the embedded store on loopback', () => {
  assert.equal(isTeamMode({}, '127.0.0.1'), false);
  assert.equal(isTeamMode({}, 'localhost'), false);
  assert.equal(isTeamMode({}, '0.0.0.0'), true, 'listening on all interfaces requires sign-in');
  assert.equal(isTeamMode({ ZHIZHI_DATABASE_URL: 'postgres://x' }, '127.0.0.1'), true);
  assert.equal(isTeamMode({ ZHIZHI_AUTH: 'required' }, '127.0.0.1'), true);
});
