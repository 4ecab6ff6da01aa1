import { baseDirection, fitText, visualWords } from './text-layout';

/** A fake font: every character is 0.6 em wide, a space too. */
const measure = (text: string, size: number) => [...text].length * 0.6 * size;

describe('badge text layout', () => {
  it('keeps Arabic words apart and in right-to-left order', () => {
    expect(baseDirection('محمد العلوي')).toBe('rtl');
    expect(visualWords(['محمد', 'العلوي'], 'rtl')).toEqual(['العلوي', 'محمد']);
    expect(visualWords(['Aïcha', 'Benali'], 'ltr')).toEqual(['Aïcha', 'Benali']);
    // An Arabic name inside a Latin line: the Arabic run is reversed, the rest stays.
    expect(visualWords(['Centre', 'مركز', 'الشرق', 'Oujda'], 'ltr')).toEqual(['Centre', 'الشرق', 'مركز', 'Oujda']);
    // A Latin run inside an Arabic line keeps its own order.
    expect(visualWords(['مركز', 'Atlas', 'Relation', 'الشرق'], 'rtl')).toEqual(['الشرق', 'Atlas', 'Relation', 'مركز']);
  });

  it('uses the largest size that fits on one line, then wraps to two lines before shrinking further', () => {
    const box = { maxWidth: 200, maxLines: 2, maxSize: 28, minSize: 10 };
    const short = fitText('Aïcha Benali', measure, box);
    expect(short).toMatchObject({ fontSize: 27.5, lines: [['Aïcha', 'Benali']] });
    expect(short.width).toBeLessThanOrEqual(200);
    const long = fitText('Fatima-Zahra El Amrani Ouazzani', measure, box);
    expect(long.lines).toHaveLength(2);
    expect(long.fontSize).toBeGreaterThan(15);
    expect(long.width).toBeLessThanOrEqual(200);
  });

  it('never overflows: a 60-character name fits in two lines, and an endless word is cut', () => {
    const box = { maxWidth: 200, maxLines: 2, maxSize: 28, minSize: 10 };
    const sixty = 'Abdelkrim Mohammed-Amine Ben Abdallah El Idrissi Ouazzani Ta';
    expect(sixty).toHaveLength(60);
    const fitted = fitText(sixty, measure, box);
    expect(fitted.lines.length).toBeLessThanOrEqual(2);
    expect(fitted.width).toBeLessThanOrEqual(200);
    expect(fitted.fontSize).toBeGreaterThanOrEqual(10);
    const endless = fitText('x'.repeat(200), measure, box);
    expect(endless.lines).toHaveLength(2);
    for (const line of endless.lines) expect(measure(line.join(' '), endless.fontSize)).toBeLessThanOrEqual(200);
    expect(endless.lines[1].join(' ').endsWith('…')).toBe(true);
  });

  it('when a name cannot fit, fills the last line before the ellipsis instead of dropping whole words', () => {
    const box = { maxWidth: 100, maxLines: 2, maxSize: 12, minSize: 10 };
    // 16 characters a line at size 10: « Marie-Éléonore », then as much of the rest as fits.
    const fitted = fitText("Marie-Éléonore de La Tour d'Auvergne-Lauraguais", measure, box);
    expect(fitted.fontSize).toBe(10);
    expect(fitted.lines[0]).toEqual(['Marie-Éléonore']);
    expect(fitted.lines[1].join(' ')).toBe("de La Tour d'Au…");
    for (const line of fitted.lines) expect(measure(line.join(' '), 10)).toBeLessThanOrEqual(100);
  });
});
