import { describe, expect, it } from 'vitest';
import { dirname, resolveRelative } from '../../src/scenario/resolvePath';

describe('resolveRelative', () => {
  it.each([
    ['scenarios/x.yaml', 'manifests/a.yaml', 'scenarios/manifests/a.yaml'],
    ['scenarios/x.yaml', '../shared/a.yaml', 'shared/a.yaml'],
    ['x.yaml', './a.yaml', 'a.yaml'],
    ['/abs/dir/x.yaml', '../a.yaml', '/abs/a.yaml'],
    ['scenarios/x.yaml', '/etc/a.yaml', '/etc/a.yaml'],
    ['x.yaml', '../../a.yaml', '../../a.yaml'],
    ['a\\b\\x.yaml', 'c.yaml', 'a/b/c.yaml'],
  ])('%s + %s = %s', (from, rel, want) => {
    expect(resolveRelative(from, rel)).toBe(want);
  });
  it('dirname', () => {
    expect([dirname('a/b.yaml'), dirname('b.yaml'), dirname('/b.yaml')]).toEqual(['a', '.', '/']);
  });
});
