// The 法律"六进" places as checkboxes, for a Form.Item (the event form and the plan form).
// Six-into categories cannot be switched off (shared-catalog rules), so every one is offered.
import { Checkbox } from 'antd';
import type { Reference } from '@pufa/domain';
import { useCatalogName } from '../use-lookups.ts';

interface Props {
  reference: Reference;
  value?: string[];
  onChange?: (codes: string[]) => void;
}

export function SixIntoCheckboxes({ reference, value, onChange }: Props) {
  const nameOf = useCatalogName();
  return <Checkbox.Group value={value} onChange={(codes) => onChange?.(codes as string[])} options={reference.sixInto.map((c) => ({ value: c.code, label: nameOf(c) }))} />;
}
