// ECharts wrappers shared by the pages (the library is served from its WebJar).
import * as echarts from '/ui/lib/echarts/echarts.esm.min.mjs';

const charts = new Set();
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

export function chart(el, option) {
  const instance = echarts.init(el, null, { renderer: 'canvas' });
  instance.setOption({ animation: false, ...option });
  charts.add(instance);
  return instance;
}

export function lineOptions(title, series, extra) {
  return {
    title: { text: title, textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 60, right: 20, top: 36, bottom: 48 },
    xAxis: { type: 'value', name: 'step', nameLocation: 'end' },
    yAxis: { type: 'value', scale: true },
    dataZoom: [{ type: 'inside' }],
    series,
    ...(extra || {}),
  };
}

// Mean line with a shaded interval, the interval drawn as one polygon (upper bounds, then the
// lower bounds backwards) so that it never depends on series stacking.
export function bandSeries(name, color, points) {
  const withCi = points.filter((p) => p.ci_low !== null && p.ci_high !== null);
  const upper = withCi.map((p) => [p.step, p.ci_high]);
  const lower = withCi.map((p) => [p.step, p.ci_low]);
  return [
    { name: name + ' CI', type: 'custom', silent: true, z: 1, clip: true, tooltip: { show: false },
      data: [...upper, ...lower], encode: { x: 0, y: 1 },
      renderItem: (params, api) => {
        if (params.dataIndex !== 0) return null;
        const outline = [...upper, ...lower.slice().reverse()].map((p) => api.coord(p));
        return { type: 'polygon', shape: { points: outline }, style: { fill: color, opacity: 0.2 } };
      } },
    { name: name + ' mean', type: 'line', symbol: 'none', z: 3, lineStyle: { color, width: 2.5 },
      itemStyle: { color }, data: points.map((p) => [p.step, p.mean]) },
  ];
}

export const palette = ['#2357c6', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700', '#5c940d'];
