import { useEffect, useRef } from 'react';
import type { Plugin } from 'chart.js';
import { Chart } from '../../shared/chart';
import { points } from '../../shared/format';
import type { SchoolTrend, TrendFactor } from '../api/trend';
import { LEVEL_COLOURS } from '../profile/ProfileChart';
import { schoolStrings as s } from '../strings';
import { trendStrings as t } from './strings';
import { valuesOf } from './series';
import { pointText } from './TrendTable';

/** Narrower than this, in CSS pixels, the chart saves room (see its x axis and y title). */
const NARROW = 560;

/** A phone needs the width for the points; the section's text says what the axis measures anyway. */
function fitAxisTitle(chart: Chart, width: number) {
  const y = chart.options.scales?.y;
  if (y && 'title' in y && y.title) y.title.display = width >= NARROW;
}

/** Pale versions of the level colours, for the bands behind the line. */
const BANDS = { low: '#e4f2ea', medium: '#fbf1d3', high: '#f8e0e0' };

/**
 * Shades each wave's column by its own thresholds (they may differ between models), so every point sits on the
 * band of its level.
 */
function levelBands(factor: () => TrendFactor | undefined): Plugin<'line'> {
  return {
    id: 'levelBands',
    beforeDatasetsDraw(chart) {
      const f = factor();
      if (!f) return;
      const { ctx, chartArea } = chart;
      const x = chart.scales.x!;
      const y = chart.scales.y!;
      const centres = f.points.map((_, i) => x.getPixelForValue(i));
      ctx.save();
      f.points.forEach((p, i) => {
        if (!p.thresholds) return;
        const left = i === 0 ? chartArea.left : (centres[i - 1]! + centres[i]!) / 2;
        const right = i === centres.length - 1 ? chartArea.right : (centres[i]! + centres[i + 1]!) / 2;
        const edges: Array<[keyof typeof BANDS, number, number]> = [
          ['low', 0, p.thresholds.medium],
          ['medium', p.thresholds.medium, p.thresholds.high],
          ['high', p.thresholds.high, 1],
        ];
        for (const [level, from, to] of edges) {
          const top = y.getPixelForValue(points(to));
          ctx.fillStyle = BANDS[level];
          ctx.fillRect(left, top, right - left, y.getPixelForValue(points(from)) - top);
        }
      });
      ctx.restore();
    },
  };
}

interface Props {
  trend: SchoolTrend;
  factor: TrendFactor;
}

/** One factor's score wave by wave, on the bands of its levels; the line breaks where the scores cannot be compared. */
export function TrendChart({ trend, factor }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line'> | null>(null);
  // The chart is built once; its callbacks read the latest props through this.
  const latest = useRef({ trend, factor });
  useEffect(() => {
    latest.current = { trend, factor };
  });

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'line',
      data: { labels: [], datasets: [{ data: [] }] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        spanGaps: false,
        scales: {
          y: { min: 0, max: 100, ticks: { stepSize: 25 }, title: { display: true, text: t.axis } },
          x: {
            grid: { display: false },
            ticks: {
              color: '#1d2433',
              maxRotation: 0,
              autoSkip: false,
              // On a phone a wave's title goes one word a line: slanted titles would take half the chart's height.
              callback(value) {
                const title = this.getLabelForValue(Number(value));
                return this.chart.width < NARROW ? title.split(' ') : title;
              },
            },
          },
        },
        onResize: (c, size) => fitAxisTitle(c, size.width),
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => latest.current.trend.waves[items[0]!.dataIndex]?.wave.title ?? '',
              label: (item) => {
                const p = latest.current.factor.points[item.dataIndex];
                return p?.score == null || !p.level ? '' : `${t.scoreOf(points(p.score))} · ${s.levels[p.level]}`;
              },
              afterLabel: (item) => `${t.model}: ${latest.current.trend.waves[item.dataIndex]?.model.title ?? ''}`,
            },
          },
        },
      },
      plugins: [levelBands(() => latest.current.factor)],
    });
    return () => chart.current?.destroy();
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    fitAxisTitle(c, c.width);
    c.data.labels = trend.waves.map((w) => w.wave.title);
    const joins = factor.points.map((p) => p.alikeWithPrevious);
    c.data.datasets[0] = {
      data: valuesOf(factor),
      borderColor: '#1d2433',
      borderWidth: 2,
      pointRadius: 6,
      pointHoverRadius: 8,
      pointBackgroundColor: factor.points.map((p) => LEVEL_COLOURS[p.level ?? 'insufficient']),
      pointBorderColor: '#1d2433',
      // No line into a wave that measures the factor otherwise than the one before.
      segment: { borderColor: (ctx) => (joins[ctx.p1DataIndex] ? undefined : 'transparent') },
    };
    c.update();
  });

  const summary = trend.waves.map((w, i) => `${w.wave.title}: ${pointText(factor.points[i]!)}`).join('; ');
  return (
    <div className="tr-chart">
      <canvas ref={canvas} role="img" aria-label={`${t.chartLabel(`${factor.id}. ${factor.title}`)}. ${summary}`} data-testid="trend-chart" />
    </div>
  );
}
