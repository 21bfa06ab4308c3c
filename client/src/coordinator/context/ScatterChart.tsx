import { useEffect, useRef } from 'react';
import { ScatterController } from 'chart.js';
import { Chart } from '../../shared/chart';
import { number, points } from '../../shared/format';
import type { ScatterRow } from './api';
import { LEVEL_COLORS } from './levels';
import { contextStrings as s } from './strings';

// Only this screen draws a scatter: registered here, beside the shared points and scales, so no other screen carries it.
Chart.register(ScatterController);

interface Props {
  /** Schools with both a score and a value. */
  rows: ScatterRow[];
  xTitle: string;
  yTitle: string;
  label: string;
}

/** The scatter: x the school's result, y its factor score in points of 100, each point coloured by the level. */
export function ScatterChart({ rows, xTitle, yTitle, label }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'scatter'> | null>(null);

  useEffect(() => {
    const data = rows.map((r) => ({ x: r.value!, y: points(r.score!) }));
    const colors = rows.map((r) => LEVEL_COLORS[r.level]);
    const tooltip = (index: number) => s.point(rows[index].school.name, points(rows[index].score!), number(rows[index].value!));
    const existing = chart.current;
    if (existing) {
      existing.data.datasets[0].data = data;
      existing.data.datasets[0].pointBackgroundColor = colors;
      existing.options.scales!.x!.title!.text = xTitle;
      existing.options.scales!.y!.title!.text = yTitle;
      existing.options.plugins!.tooltip!.callbacks!.label = (item) => tooltip(item.dataIndex);
      existing.update();
      return;
    }
    chart.current = new Chart(canvas.current!, {
      type: 'scatter',
      data: {
        datasets: [
          { label, data, pointBackgroundColor: colors, pointBorderColor: '#1d2433', pointBorderWidth: 0.5, pointRadius: 5, pointHoverRadius: 7, clip: 8 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        // A new pick moves the axes at once; points gliding from the old scale would read as other values meanwhile.
        animation: false,
        scales: {
          x: { type: 'linear', grace: '5%', title: { display: true, text: xTitle }, grid: { color: '#eceff3' } },
          y: { min: 0, max: 100, title: { display: true, text: yTitle }, grid: { color: '#eceff3' } },
        },
        plugins: { tooltip: { callbacks: { label: (item) => tooltip(item.dataIndex) } } },
      },
    });
  }, [rows, xTitle, yTitle, label]);

  useEffect(() => () => chart.current?.destroy(), []);

  return <canvas ref={canvas} role="img" aria-label={label} data-testid="scatter-canvas" />;
}
