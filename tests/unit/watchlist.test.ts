import { describe, expect, it } from 'vitest';
import type { WatchlistEntry } from '../../lib/schemas';
import { addToWatchlist, matchWatchlist } from '../../lib/watchlist/match';

const entry = (nick: string, platform: WatchlistEntry['platform'] = 'pinduoduo', caseKeys = ['pinduoduo:1']): WatchlistEntry => ({
  id: nick,
  platform,
  nick,
  reason: '以差评索要返现',
  caseKeys,
  addedAt: '',
  addedAtMs: 0,
});

describe('watch-list matching', () => {
  it('warns about a listed buyer by exact nick, ignoring case, width and spaces', () => {
    const [m] = matchWatchlist([entry('Tom Lee')], 'pinduoduo', ['  tom lee ', '别人']);
    expect(m).toMatchObject({ strength: 'exact', entryNick: 'Tom Lee', caseCount: 1 });
    expect(m!.warning).toContain('以差评索要返现');
    expect(m!.warning).toContain('关联 1 个案件');
  });

  it('treats masked nicks as a possible match only, and says so', () => {
    const [m] = matchWatchlist([entry('阿***')], 'pinduoduo', ['阿明明']);
    expect(m!.strength).toBe('masked');
    expect(m!.warning).toContain('可能是');
    expect(matchWatchlist([entry('阿***')], 'pinduoduo', ['小明'])).toEqual([]);
  });

  it('keeps platform-bound entries to their platform; platform-free entries match everywhere', () => {
    expect(matchWatchlist([entry('tom')], 'taobao', ['tom'])).toEqual([]);
    expect(matchWatchlist([entry('tom', null)], 'taobao', ['tom'])).toHaveLength(1);
  });

  it('adding the same buyer again links the new case instead of duplicating', () => {
    const first = addToWatchlist([], { platform: 'pinduoduo', nick: ' tom ', reason: '要挟', caseKey: 'pinduoduo:1' }, 1, 'x', () => 'new');
    expect(first).toMatchObject({ id: 'new', nick: 'tom', caseKeys: ['pinduoduo:1'] });
    const again = addToWatchlist([first], { platform: 'pinduoduo', nick: 'TOM', reason: '辱骂', caseKey: 'pinduoduo:2' }, 2, 'y', () => 'other');
    expect(again).toMatchObject({ id: 'new', caseKeys: ['pinduoduo:1', 'pinduoduo:2'], reason: '要挟；辱骂' });
    expect(() => addToWatchlist([], { platform: null, nick: '  ', reason: '' }, 1, 'x', () => 'n')).toThrow('昵称');
  });
});
