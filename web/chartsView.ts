/**
 * Charts (d3): pods over time (ready, and all that exist), and per traffic flow its success rate
 * and p99 latency per second. A cursor marks the viewed time; each series has its own dash pattern
 * and a text legend, so colour is not the only cue.
 */
import { axisBottom, axisLeft, line, max, scaleLinear, select, type Selection } from 'd3';
import { derivedKey, type Memo } from '../src/model';
import { formatDuration } from '../src/scenario';
import { flowSeries, podSeries, type FlowSample, type PodSample } from './chartsModel';
import type { LabRun } from './labRun';
import { OKABE_ITO } from './palette';

interface Series {
  name: string;
  colour: string;
  dash: string;
  points: { t: number; v: number }[];
}

interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  yMax: number;
  series: Series[];
}

/** A run's charts, remembered in the lab's memo (a LabRun is frozen: it never changes). */
const CHART_SPECS = derivedKey<LabRun, ChartSpec[]>('web/chartsView: specs');
const HEIGHT = 150;
const M = { top: 10, right: 14, bottom: 24, left: 44 };

function chartSpecs(run: LabRun): ChartSpec[] {
  const pods: PodSample[] = podSeries(run.snapshots, run.end);
  const specs: ChartSpec[] = [
    {
      id: 'pods',
      title: 'Pods over time',
      unit: 'pods',
      yMax: Math.max(1, max(pods, (p) => p.total) ?? 1),
      series: [
        {
          name: 'all pods',
          colour: OKABE_ITO.blue,
          dash: '6 4',
          points: pods.map((p) => ({ t: p.t, v: p.total })),
        },
        {
          name: 'Ready',
          colour: OKABE_ITO.green,
          dash: '',
          points: pods.map((p) => ({ t: p.t, v: p.ready })),
        },
      ],
    },
  ];
  let i = 0;
  for (const [flow, samples] of flowSeries(run.trace)) {
    if (i++ >= 4) break;
    const ok = samples.filter((s): s is FlowSample & { success: number } => s.success !== undefined);
    specs.push(
      {
        id: `success-${flow}`,
        title: `${flow}: success rate`,
        unit: '%',
        yMax: 100,
        series: [
          {
            name: 'successful requests',
            colour: OKABE_ITO.green,
            dash: '',
            points: ok.map((s) => ({ t: s.t, v: s.success })),
          },
        ],
      },
      {
        id: `latency-${flow}`,
        title: `${flow}: p99 latency`,
        unit: 'ms',
        yMax: Math.max(1, max(samples, (s) => s.p99) ?? 1),
        series: [
          {
            name: 'p99',
            colour: OKABE_ITO.vermillion,
            dash: '2 3',
            points: samples.map((s) => ({ t: s.t, v: s.p99 })),
          },
        ],
      },
    );
  }
  return specs;
}

function buildChart(figure: Selection<HTMLElement, ChartSpec, HTMLElement, unknown>): void {
  figure.append('figcaption');
  const svg = figure.append('svg').attr('class', 'chart').attr('role', 'img');
  svg.append('g').attr('class', 'x-axis');
  svg.append('g').attr('class', 'y-axis');
  svg.append('g').attr('class', 'lines');
  svg.append('line').attr('class', 'cursor');
}

/** Draws the charts of `run` into `root` with a cursor at `now`. */
export function renderCharts(
  root: HTMLElement,
  run: LabRun,
  now: number,
  rootWidth: number,
  memo: Memo,
): void {
  const specs = memo.derive(CHART_SPECS, run, chartSpecs);
  const width = Math.max(260, Math.min(560, rootWidth / Math.min(2, specs.length) - 16));
  const figures = select(root)
    .selectAll<HTMLElement, ChartSpec>('figure.chart-figure')
    .data(specs, (d) => d.id)
    .join((enter) => {
      const f = enter.append('figure').attr('class', 'chart-figure');
      buildChart(f);
      return f;
    });
  figures.each(function (spec) {
    const f = select(this);
    const x = scaleLinear()
      .domain([0, Math.max(1, run.end)])
      .range([M.left, width - M.right]);
    const y = scaleLinear()
      .domain([0, spec.yMax])
      .nice()
      .range([HEIGHT - M.bottom, M.top]);
    // Axes and lines change with the run and the width only; each frame moves the cursor.
    const figure = this as HTMLElement & { __drawn?: { run: LabRun; width: number } };
    const fresh = figure.__drawn?.run !== run || figure.__drawn.width !== width;
    const last = (s: Series) => {
      let v: number | undefined;
      for (const p of s.points) if (p.t <= now) v = p.v;
      return v === undefined ? '–' : `${Math.round(v * 10) / 10}${spec.unit === '%' ? '%' : ` ${spec.unit}`}`;
    };
    f.select('figcaption').text(
      `${spec.title} · ${spec.series.map((s) => `${s.dash === '' ? '━' : s.dash === '6 4' ? '╍' : '┈'} ${s.name}: ${last(s)}`).join(' · ')} at ${formatDuration(now)}`,
    );
    const svg = f.select<SVGSVGElement>('svg');
    svg
      .select('.cursor')
      .attr('x1', x(now))
      .attr('x2', x(now))
      .attr('y1', M.top)
      .attr('y2', HEIGHT - M.bottom);
    if (!fresh) return;
    figure.__drawn = { run, width };
    svg
      .attr('width', width)
      .attr('height', HEIGHT)
      .attr('aria-label', `${spec.title}, from 0 to ${formatDuration(run.end)}`);
    svg
      .select<SVGGElement>('.x-axis')
      .attr('transform', `translate(0,${HEIGHT - M.bottom})`)
      .call(
        axisBottom(x)
          .ticks(5)
          .tickFormat((t) => formatDuration(Number(t))),
      );
    svg.select<SVGGElement>('.y-axis').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(4));
    const path = line<{ t: number; v: number }>()
      .x((p) => x(p.t))
      .y((p) => y(p.v));
    svg
      .select('.lines')
      .selectAll<SVGPathElement, Series>('path')
      .data(spec.series, (s) => s.name)
      .join('path')
      .attr('fill', 'none')
      .attr('stroke', (s) => s.colour)
      .attr('stroke-width', 2.5)
      .attr('stroke-dasharray', (s) => s.dash || null)
      .attr('d', (s) => path(s.points));
  });
}
