import { useState, type ReactNode } from 'react';
import { Select, Space, Tabs } from 'antd';
import { useIsPhone } from '../lib/use-is-phone.ts';

interface Item {
  key: string;
  label: string;
  children: ReactNode;
}

/**
 * Tabs that never overflow: on a phone, where Ant Design would hide the tabs that do not fit
 * behind an unlabelled "···" (a button inside the tab list, which screen readers cannot make
 * sense of), a labelled select chooses the panel instead.
 */
export function ResponsiveTabs({ items, label, size, activeKey, onChange }: { items: Item[]; label: string; size?: 'small' | 'middle'; activeKey?: string; onChange?: (key: string) => void }) {
  const isPhone = useIsPhone();
  const [own, setOwn] = useState(items[0]?.key);
  // Controlled when the page keeps the tab (in its address); an unknown key shows the first tab.
  const active = activeKey !== undefined && items.some((item) => item.key === activeKey) ? activeKey : own;
  const setActive = (key: string) => (onChange ? onChange(key) : setOwn(key));
  if (!isPhone) return <Tabs size={size} items={items} activeKey={active} onChange={setActive} />;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      <Select aria-label={label} value={active} onChange={setActive} options={items.map(({ key, label }) => ({ value: key, label }))} style={{ minWidth: 160 }} />
      {items.find((item) => item.key === active)?.children}
    </Space>
  );
}
