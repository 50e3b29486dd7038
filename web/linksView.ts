/**
 * The replacement links: an arrow over the cards from each pod being replaced to the pod its
 * controller made instead, drawn in (when animating) as a line that grows from the old pod.
 */
import { select } from 'd3';
import type { ReplacementLink } from './clusterModel';

/** Arrows from each pod being replaced to its replacement, over the cards. */
export function renderLinks(
  root: HTMLElement,
  svg: SVGSVGElement,
  links: ReplacementLink[],
  animate: boolean,
): void {
  const box = svg.getBoundingClientRect();
  const centre = (uid: string) => {
    const el = root.querySelector<HTMLElement>(`li.pod[data-uid="${CSS.escape(uid)}"] .glyph`);
    if (el === null) return undefined;
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2 - box.left, y: r.top + r.height / 2 - box.top };
  };
  const drawn = links.flatMap((l) => {
    const a = centre(l.from);
    const b = centre(l.to);
    if (a === undefined || b === undefined) return [];
    // Below the glyphs, where a card has only padding, rather than across the cards' text.
    const low = Math.max(a.y, b.y) + 48;
    const dx = b.x - a.x;
    const path = `M${a.x},${a.y} C${a.x + dx / 3},${low} ${b.x - dx / 3},${low} ${b.x},${b.y}`;
    return [{ ...l, path }];
  });
  const arrow = (svg.dataset['arrow'] ??= unusedId(svg.ownerDocument, 'arrow-'));
  const s = select(svg);
  s.selectAll('defs')
    .data([0])
    .join((enter) => {
      const defs = enter.append('defs');
      defs
        .append('marker')
        .attr('id', arrow)
        .attr('viewBox', '0 0 10 10')
        .attr('refX', 16)
        .attr('refY', 5)
        .attr('markerWidth', 8)
        .attr('markerHeight', 8)
        .attr('orient', 'auto-start-reverse')
        .append('path')
        .attr('d', 'M0,0 L10,5 L0,10 z');
      return defs;
    });
  s.selectAll<SVGPathElement, (typeof drawn)[number]>('path.link')
    .data(drawn, (d) => d.id)
    .join((enter) => {
      const p = enter
        .append('path')
        .attr('class', 'link')
        .attr('marker-end', `url(#${arrow})`)
        .attr('d', (d) => d.path);
      p.append('title').text((d) => `replacement: from ${d.fromNode} to ${d.toNode}`);
      if (animate)
        p.each(function () {
          const len = this.getTotalLength();
          select(this)
            .attr('stroke-dasharray', `${len} ${len}`)
            .attr('stroke-dashoffset', len)
            .transition()
            .duration(900)
            .attr('stroke-dashoffset', 0)
            .on('end', function () {
              select(this).attr('stroke-dasharray', null);
            });
        });
      return p;
    })
    .attr('d', (d) => d.path);
}

/**
 * An id no element of `doc` has, for a links layer's arrowhead (the comparison draws one layer per
 * column, and each needs its own).
 */
function unusedId(doc: Document, prefix: string): string {
  let i = 1;
  while (doc.getElementById(`${prefix}${i}`) !== null) i += 1;
  return `${prefix}${i}`;
}
