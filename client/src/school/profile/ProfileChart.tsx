import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Plugin } from 'chart.js';
import { Chart } from '../../shared/chart';
import { points } from '../../shared/format';
import type { FactorResult, Level } from '../api/profile';
import { schoolStrings as s } from '../strings';
import { chartSummaryOf, intervalPoints } from './interval';

/** The same colours as the level badges of app.css. */
export const LEVEL_COLOURS: Record<Level, string> = {
  low: '#2e8b57',
  medium: '#e0a100',
  high: '#c62828',
  insufficient: '#c3c9d3',
};

/** Splits a long factor title into lines of about `width` characters, so labels fit a phone. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A factor's points with its interval, and «пограничный» where the interval holds a threshold — on a phone the list
 * under the chart says that, for want of room.
 */
function scoreLabel(factor: FactorResult, roomy: boolean): string {
  if (factor.score === null) return s.levels.insufficient;
  const shown = intervalPoints(factor.interval);
  return [String(points(factor.score)), shown && s.profile.interval(shown.low, shown.high), roomy && factor.borderline && s.profile.borderline]
    .filter(Boolean)
    .join(' ');
}

/**
 * Draws each factor's interval as a whisker across the end of its bar, and writes its points (or "no data") past
 * both, so the chart reads without hovering.
 */
function valueLabels(factors: () => FactorResult[], roomy: boolean): Plugin<'bar'> {
  return {
    id: 'valueLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const x = chart.scales.x!;
      ctx.save();
      ctx.font = '600 12px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      chart.getDatasetMeta(0).data.forEach((bar, i) => {
        const factor = factors()[i];
        if (!factor) return;
        const shown = intervalPoints(factor.interval);
        let end = bar.x;
        if (shown) {
          const [from, to] = [x.getPixelForValue(shown.low), x.getPixelForValue(shown.high)];
          ctx.strokeStyle = '#1d2433';
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          for (const [x1, y1, x2, y2] of [
            [from, bar.y, to, bar.y],
            [from, bar.y - 5, from, bar.y + 5],
            [to, bar.y - 5, to, bar.y + 5],
          ]) {
            ctx.moveTo(x1!, y1!);
            ctx.lineTo(x2!, y2!);
          }
          ctx.stroke();
          end = Math.max(end, to);
        }
        ctx.fillStyle = factor.score === null ? '#5b6475' : '#1d2433';
        ctx.fillText(scoreLabel(factor, roomy), end + 6, bar.y);
      });
      ctx.restore();
    },
  };
}

const PHONE = '(max-width: 640px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(PHONE).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE);
    const changed = () => setNarrow(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return narrow;
}

/** The width of an element, kept up to date: label lines are wrapped to what the chart can give them. */
function useWidth(element: RefObject<HTMLElement | null>, fixed?: number): number {
  const [width, setWidth] = useState(fixed ?? 0);
  useEffect(() => {
    if (fixed || !element.current) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(element.current);
    return () => observer.disconnect();
  }, [element, fixed]);
  return fixed ?? width;
}

/** Canvas pixels per CSS pixel of the printed chart: 3 × 96 = 288 dots per inch. */
export const PRINT_PIXEL_RATIO = 3;

interface Props {
  factors: FactorResult[];
  priorities: string[];
  waveTitle: string;
  selected: string | null;
  onSelect(factorId: string): void;
  /** A fixed width in CSS pixels: the printed report draws once at the width of an A4 page instead of following the screen. */
  fixedWidth?: number;
}

/** The ten factors as horizontal bars coloured by level; a click opens the factor's explanation. */
export function ProfileChart({ factors, priorities, waveTitle, selected, onSelect, fixedWidth }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  // The chart is built once; its callbacks read the latest props through these.
  const latest = useRef({ factors, onSelect });
  useEffect(() => {
    latest.current = { factors, onSelect };
  });
  const box = useRef<HTMLDivElement>(null);
  const narrow = useNarrow() && !fixedWidth;
  // Chart.js gives the label axis at most about half the width; about 7.5 px a character at 13 px.
  const lineLength = Math.min(46, Math.max(16, Math.floor((useWidth(box, fixedWidth) * 0.45 - 16) / 7.5)));
  // A phone has no room for titles beside the bars: it shows ids, and the page lists the titles under the chart.
  const labels = factors.map((f) => {
    const id = `${priorities.includes(f.id) ? '★ ' : ''}${f.id}`;
    return narrow ? id : wrap(`${id}. ${f.title}`, lineLength);
  });
  const height = narrow ? 48 + factors.length * 34 : Math.max(320, 40 + labels.reduce((sum, l) => sum + Math.max(2, l.length) * 17 + 10, 0));

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [], backgroundColor: [], borderRadius: 4, barPercentage: 0.8, categoryPercentage: 0.85 }] },
      options: {
        indexAxis: 'y',
        responsive: !fixedWidth,
        // A fixed width is the printed report's: drawn at print resolution, so the bars and their labels stay sharp on paper.
        devicePixelRatio: fixedWidth ? PRINT_PIXEL_RATIO : undefined,
        maintainAspectRatio: false,
        animation: false,
        // Room past a bar at 100 for its points, its interval and «пограничный».
        layout: { padding: { right: narrow ? 80 : 150 } },
        scales: {
          x: { min: 0, max: 100, ticks: { stepSize: 25 }, title: { display: !narrow, text: s.profile.axis } },
          y: { ticks: { autoSkip: false, font: { size: narrow ? 11 : 13 }, color: '#1d2433' }, grid: { display: false } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => {
                const f = latest.current.factors[items[0].dataIndex];
                return f ? `${f.id}. ${f.title}` : '';
              },
              label: (item) => {
                const f = latest.current.factors[item.dataIndex];
                if (!f) return '';
                if (f.score === null) return s.levelsCapital.insufficient;
                const shown = intervalPoints(f.interval);
                return [
                  `${s.profile.scoreOf(points(f.score))}${shown ? ` ${s.profile.interval(shown.low, shown.high)}` : ''}`,
                  s.levels[f.level],
                  ...(f.borderline ? [s.profile.borderline] : []),
                ].join(' · ');
              },
            },
          },
        },
        onClick: (_event, elements) => {
          const f = elements.length ? latest.current.factors[elements[0].index] : undefined;
          if (f) latest.current.onSelect(f.id);
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.length ? 'pointer' : 'default';
        },
      },
      plugins: [valueLabels(() => latest.current.factors, !narrow)],
    });
    return () => chart.current?.destroy();
  }, [narrow, fixedWidth]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    const dataset = c.data.datasets[0];
    dataset.data = factors.map((f) => (f.score === null ? 0 : points(f.score)));
    dataset.backgroundColor = factors.map((f) => LEVEL_COLOURS[f.level]);
    dataset.borderColor = factors.map((f) => (f.id === selected ? '#1d2433' : 'transparent'));
    dataset.borderWidth = factors.map((f) => (f.id === selected ? 2 : 0));
    c.update();
  });

  const summary = factors.map((f) => `${f.id}: ${f.score === null ? s.levels.insufficient : chartSummaryOf(f)}`).join('; ');
  return (
    <div className="sc-profile-chart" ref={box} style={{ height, width: fixedWidth }}>
      <canvas
        ref={canvas}
        width={fixedWidth}
        height={fixedWidth ? height : undefined}
        role="img"
        aria-label={`${s.profile.chartLabel(waveTitle)}. ${summary}`}
      />
    </div>
  );
}
