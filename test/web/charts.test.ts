import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, lineChart, niceScale } from '../../src/web/charts/index.ts';

const text = { title: 'Obligations', desc: 'Figures in the table below.', empty: 'Nothing yet.' };

describe('charts', () => {
  it('niceScale: round steps, zero included, covers the data', () => {
    expect(niceScale(0, 97)).toEqual({ lo: 0, hi: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] });
    const s = niceScale(-30, 120);
    expect(s.lo).toBeLessThanOrEqual(-30);
    expect(s.hi).toBeGreaterThanOrEqual(120);
    expect(s.ticks).toContain(0);
    expect(niceScale(5, 5).ticks).toContain(0);
    expect(niceScale(0, 0)).toMatchObject({ lo: 0, hi: 1 });
  });

  it('a bar chart is an accessible image with title, desc and one bar per value', () => {
    const svg = barChart(text, ['2025', '2026'], [{ name: 'Triggered', values: ['100', '250.5'] }, { name: 'Settled', values: ['100', '0'] }]);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-label="Obligations. Figures in the table below."/);
    expect(svg).toContain('<title>Obligations</title><desc>Figures in the table below.</desc>');
    expect(svg.match(/class="chart-bar"/g)).toHaveLength(4);
    expect(svg).toContain('>2025<');
    expect(svg).toContain('Triggered, 2026: 250.5');
  });

  it('negative values are drawn below the zero line', () => {
    const svg = barChart(text, ['a', 'b'], [{ name: 'x', values: [100, -50] }]);
    const bars = [...svg.matchAll(/class="chart-bar" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
    const zero = Number(/class="chart-grid chart-zero" x1="\d+" x2="\d+" y1="([^"]+)"/.exec(svg)![1]);
    expect(bars[0]![0] + bars[0]![1]).toBeCloseTo(zero, 0); // the positive bar ends at zero
    expect(bars[1]![0]).toBeCloseTo(zero, 0); // the negative bar starts at zero, goes down
    expect(bars[1]![1]).toBeGreaterThan(0);
  });

  it('empty data: a small chart saying so, no bars or lines', () => {
    for (const svg of [barChart(text, [], []), lineChart(text, [{ name: 'x', points: [] }])]) {
      expect(svg).toContain('role="img"');
      expect(svg).toContain('Nothing yet.');
      expect(svg).not.toContain('chart-bar"');
      expect(svg).not.toContain('chart-line"');
    }
  });

  it('labels are escaped (names, categories, title)', () => {
    const evil = '<script>alert("x")</script> & \'co\'';
    const svg = barChart({ title: evil, desc: evil }, [evil], [{ name: evil, values: [1] }]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    const line = lineChart(text, [{ name: evil, points: [{ x: '2026-01-01', y: 1 }, { x: '2026-02-01', y: 2 }] }, { name: 'b', points: [{ x: '2026-01-01', y: 0 }] }]);
    expect(line).not.toContain('<script>');
    expect(escapeXml('a<b')).toBe('a&lt;b');
  });

  it('a step line holds its value until the next point, in date order', () => {
    const svg = lineChart(text, [{ name: 'Drawn', step: true, points: [{ x: '2026-03-01', y: '50' }, { x: '2026-01-01', y: '10' }] }], { formatX: (x) => `d:${x}` });
    const d = /class="chart-line" d="([^"]+)"/.exec(svg)![1]!;
    expect(d).toMatch(/^M[\d.]+ [\d.]+H[\d.]+V[\d.]+$/);
    expect(svg).toContain('>d:2026-01-01<');
    expect(svg).toContain('>d:2026-03-01<');
    expect(svg).toContain('stroke="#1d4f91"');
  });
});

describe('chart labels', () => {
  it('long category labels are shortened to their group, the full text kept in the bar title', async () => {
    const { fit } = await import('../../src/web/charts/index.ts');
    expect(fit('short', 200)).toBe('short');
    expect(fit('High: the actual outcome of the programme', 65)).toBe('High:…');
    expect(fit('High: the actual outcome of the programme', 90)).toBe('High: the…');
    const svg = barChart(text, Array.from({ length: 8 }, (_, i) => `A rather long scenario name ${i}`), [{ name: 'x', values: [1, 2, 3, 4, 5, 6, 7, 8] }]);
    expect(svg).toContain('x, A rather long scenario name 7: 8');
    expect(svg).not.toContain('>A rather long scenario name 7<');
  });

  it('the first and last x labels of a line chart stay inside it', () => {
    const svg = lineChart(text, [{ name: 'x', points: [{ x: '2026-01-01', y: 1 }, { x: '2026-06-01', y: 2 }] }]);
    expect(svg).toMatch(/text-anchor="start"[^>]*>2026-01-01</);
    expect(svg).toMatch(/text-anchor="end"[^>]*>2026-06-01</);
  });

  it('a legend too long for one row wraps, and the chart grows to hold it', () => {
    const names = ['Achieved', 'Comparison', 'Level that pays', 'Expected (low)', 'Expected (medium)', 'Expected (high)'];
    const svg = barChart(text, ['cohort_1'], names.map((name, i) => ({ name, values: [i + 1] })));
    const height = Number(/height="(\d+)"/.exec(svg)![1]);
    expect(height).toBeGreaterThan(300);
    const xs = [...svg.matchAll(/<text x="(\d+)" y="(\d+)" font-size="12" fill="#222">([^<]+)</g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), name: m[3]! }));
    expect(xs.map((l) => l.name)).toEqual(names);
    for (const l of xs) expect(l.x + 22 + l.name.length * 7).toBeLessThanOrEqual(640); // every item inside the 640 px
    expect(new Set(xs.map((l) => l.y)).size).toBeGreaterThan(1);
  });

  it('x labels of a line chart never overlap: crowded dates are left out, the first and last kept', () => {
    const dates = ['2010-09-10', '2011-04-01', '2012-04-01', '2013-04-01', '2014-04-01', '2026-12-01'];
    const svg = lineChart(text, [{ name: 'Drawn', points: dates.map((x, i) => ({ x, y: i })) }], { formatX: (x) => `${String(x)} (long)` });
    const labels = [...svg.matchAll(/<text class="chart-label" x="([\d.]+)" [^>]*text-anchor="(\w+)"[^>]*>([^<]+)</g)].map((m) => {
      const w = m[3]!.length * 6.6;
      const x = Number(m[1]);
      const left = m[2] === 'start' ? x : m[2] === 'end' ? x - w : x - w / 2;
      return { left, right: left + w, text: m[3]! };
    });
    expect(labels[0]!.text).toBe('2010-09-10 (long)');
    expect(labels.at(-1)!.text).toBe('2026-12-01 (long)');
    for (let i = 1; i < labels.length; i++) expect(labels[i]!.left).toBeGreaterThanOrEqual(labels[i - 1]!.right);
  });
});
