import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, printTable, tabwrite, tabwriteText } from '../../src/manifests/printTable';

describe('printTable (kubectl tabwriter: minwidth 6, padding 3)', () => {
  it('pads every column but the last to max(6, widest + 3) and upper-cases the header', () => {
    expect(
      printTable(
        ['Name', 'Age'],
        [
          ['a', '5s'],
          ['abcdefgh', '10m'],
        ],
      ),
    ).toBe(['NAME       AGE', 'a          5s', 'abcdefgh   10m', ''].join('\n'));
  });

  it('gives short columns the minimum width of 6', () => {
    expect(printTable(['A', 'B', 'C'], [['1', '2', '3']])).toBe('A     B     C\n1     2     3\n');
  });

  it('counts runes, not UTF-16 units', () => {
    expect(printTable(['N', 'X'], [['日本語ラベル', 'y']])).toBe('N        X\n日本語ラベル   y\n');
  });
});

describe('tabwrite blocks (text/tabwriter semantics used by kubectl describe)', () => {
  it('aligns a column only over consecutive lines that have it', () => {
    const text = 'Name:\tx\nLongerName:\ty\nHeading:\nA:\tz\n';
    expect(tabwriteText(text, DESCRIBE_TABWRITER)).toBe('Name:        x\nLongerName:  y\nHeading:\nA:  z\n');
  });

  it('pads an empty trailing-column cell too (kubectl prints `IP:` followed by spaces)', () => {
    expect(
      tabwrite(
        [
          ['IP:', ''],
          ['Status:', 'Running'],
        ],
        DESCRIBE_TABWRITER,
      ),
    ).toBe('IP:      \nStatus:  Running\n');
  });

  it('sizes an inner column over its own block', () => {
    const lines = [
      ['a', 'b'],
      ['k:', 'x', 'y'],
      ['kk:', 'xxx', 'y'],
    ];
    expect(tabwrite(lines, DESCRIBE_TABWRITER)).toBe('a    b\nk:   x    y\nkk:  xxx  y\n');
  });
});
