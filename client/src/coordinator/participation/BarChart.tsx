import { useEffect, useRef } from 'react';
import type { ChartType, Plugin } from 'chart.js';
import { Chart } from '../../shared/chart';

export interface Bar {
  label: string;
  /** A share: 0.9 is 90%. */
  value: number;
  color: string;
}

interface TargetLineOptions {
  value?: number;
  horizontal?: boolean;
}

declare module 'chart.js' {
  // Declaration merging needs chart.js's own type parameter, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    targetLine?: TargetLineOptions;
  }
}

/** A dashed line across the chart at the target. */
const targetLine: Plugin<'bar', TargetLineOptions> = {
  id: 'targetLine',
  afterDatasetsDraw(chart, _args, options) {
    if (options.value === undefined) return;
    const { ctx, chartArea } = chart;
    const scale = options.horizontal ? chart.scales.x : chart.scales.y;
    const at = scale.getPixelForValue(options.value * 100);
    ctx.save();
    ctx.strokeStyle = '#1d2433';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    if (options.horizontal) {
      ctx.moveTo(at, chartArea.top);
      ctx.lineTo(at, chartArea.bottom);
    } else {
      ctx.moveTo(chartArea.left, at);
      ctx.lineTo(chartArea.right, at);
    }
    ctx.stroke();
    ctx.restore();
  },
};

interface BarChartProps {
  bars: Bar[];
  /** Draws the target as a dashed line. */
  target?: number;
  horizontal?: boolean;
  /** Bars are counts, not shares. */
  counts?: boolean;
  label: string;
}

/** A chart.js bar chart of shares (or counts), updated in place when the figures change. */
export function BarChart({ bars, target, horizontal = false, counts = false, label }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);

  useEffect(() => {
    const values = bars.map((b) => (counts ? b.value : Math.round(b.value * 1000) / 10));
    const existing = chart.current;
    if (existing) {
      // Updating in place animates the change instead of redrawing the chart from scratch.
      existing.data.labels = bars.map((b) => b.label);
      existing.data.datasets[0].data = values;
      existing.data.datasets[0].backgroundColor = bars.map((b) => b.color);
      existing.options.plugins!.targetLine = { value: target, horizontal };
      existing.update();
      return;
    }
    const valueAxis = {
      beginAtZero: true,
      suggestedMax: counts ? undefined : 100,
      ticks: { callback: (v: string | number) => (counts ? v : `${v}%`), precision: 0 },
      grid: { color: '#eceff3' },
    };
    chart.current = new Chart(canvas.current!, {
      type: 'bar',
      data: {
        labels: bars.map((b) => b.label),
        datasets: [{ label, data: values, backgroundColor: bars.map((b) => b.color), borderRadius: 4, maxBarThickness: 48 }],
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: { duration: 400 },
        scales: horizontal ? { x: valueAxis, y: { grid: { display: false } } } : { y: valueAxis, x: { grid: { display: false } } },
        plugins: {
          tooltip: { callbacks: { label: (item) => `${label}: ${counts ? item.formattedValue : `${item.formattedValue}%`}` } },
          targetLine: { value: target, horizontal },
        },
      },
      plugins: [targetLine],
    });
  }, [bars, target, horizontal, counts, label]);

  useEffect(() => () => chart.current?.destroy(), []);

  return <canvas ref={canvas} role="img" aria-label={label} />;
}
