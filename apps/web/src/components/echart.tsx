// Apache ECharts in React: only the chart types and components the dashboard
// uses are imported, and this module loads with the routes that draw charts (the dashboard, the
// big screen) only. Drawn as SVG: its
// value labels are text a test (and a browser's find) can read.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { LabelLayout } from 'echarts/features';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer, LabelLayout]);

export type ChartOption = echarts.EChartsCoreOption;

interface Props {
  option: ChartOption;
  /** Pixels, or a CSS length such as "100%" (the chart follows its box). */
  height: number | string;
  /** Called with the category index of a clicked bar or point. */
  onClick?: (dataIndex: number) => void;
  testId?: string;
}

export function EChart({ option, height, onClick, testId }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onClick);
  clickHandler.current = onClick;

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (e) => clickHandler.current?.(e.dataIndex));
    // A click anywhere over a category (not only on the bar itself) counts, which matters on a phone.
    instance.getZr().on('click', (e) => {
      if (e.target) return;
      const point = [e.offsetX, e.offsetY];
      if (!instance.containPixel('grid', point)) return;
      const [index] = instance.convertFromPixel({ seriesIndex: 0 }, point) as number[];
      if (index !== undefined && index >= 0) clickHandler.current?.(Math.round(index));
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} data-testid={testId} />;
}
