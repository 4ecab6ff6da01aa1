import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what a bar chart needs: chart.js leaves the rest out of the chunk.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export interface ChartRow {
  key: string;
  /** The row's name as shown (a translated category, a country code, "10 h"). */
  label: string;
  value: number;
  /** More columns for the table (a desk's scans and refusals). */
  extra?: Array<string | number>;
}

interface BarChartProps {
  id: string;
  title: string;
  rows: ChartRow[];
  keyHeading: string;
  valueHeading: string;
  extraHeadings?: string[];
  empty: string;
  format: (n: number) => string;
  horizontal?: boolean;
}

/**
 * A bar chart (chart.js on a canvas, hidden from screen readers) with the same numbers as a table that
 * screen readers read and axe checks; the caption names both. Updates redraw without animation, so live
 * figures change in place.
 */
export function BarChart({ id, title, rows, keyHeading, valueHeading, extraHeadings = [], empty, format, horizontal }: BarChartProps) {
  return (
    <figure className="dash-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {rows.length === 0 ? <p className="dash-empty">{empty}</p> : <ChartCanvas rows={rows} label={valueHeading} horizontal={horizontal} />}
      {/* A table cannot be narrower than its content: the wrapper hides it, else it widens the page. */}
      <div className="visually-hidden">
        <table aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{keyHeading}</th>
              <th scope="col">{valueHeading}</th>
              {extraHeadings.map((heading) => (
                <th key={heading} scope="col">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" dir="auto">
                  {row.label}
                </th>
                <td>{format(row.value)}</td>
                {row.extra?.map((cell, i) => <td key={i}>{typeof cell === 'number' ? format(cell) : cell}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function ChartCanvas({ rows, label, horizontal }: { rows: ChartRow[]; label: string; horizontal?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  useEffect(() => {
    chart.current = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels: [], datasets: [{ label, data: [], backgroundColor: '#0b6bcb', borderRadius: 3, maxBarThickness: 56 }] },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { tooltip: { enabled: true } },
        scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.current?.destroy();
  }, [label, horizontal]);
  useEffect(() => {
    if (!chart.current) return;
    chart.current.data.labels = rows.map((row) => row.label);
    chart.current.data.datasets[0].data = rows.map((row) => row.value);
    chart.current.update('none');
  }, [rows, label, horizontal]);
  return (
    <div className="dash-canvas" style={{ height: horizontal ? `${Math.max(120, rows.length * 28 + 40)}px` : undefined }}>
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}
