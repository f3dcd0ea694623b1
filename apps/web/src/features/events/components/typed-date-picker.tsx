// A date field that reads a date typed the way ledgers write it (2026.12.4, 2026/12/4, 20261204,
// 2026年12月4日, 12月4日 …; the domain's readTypedDate, the import's rule) when the field is left
// or Enter is pressed, instead of Ant Design silently clearing what it cannot parse. What cannot
// be read at all is reported at once through onUnreadable.
import { DatePicker, type DatePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { readTypedDate, todayInChina, type Bilingual } from '@pufa/domain';

type Props = Omit<DatePickerProps, 'value' | 'onChange'> & {
  value?: Dayjs | null;
  onChange?: (date: Dayjs | null) => void;
  /** A range typed into the field ("2026.12.1-5"): its end. */
  onRangeEnd?: (end: Dayjs) => void;
  /** Why the typed text is no date (null: it was read, or the field is empty). */
  onUnreadable?: (words: Bilingual | null) => void;
};

export function TypedDatePicker({ value, onChange, onRangeEnd, onUnreadable, onBlur, onKeyDown, ...rest }: Props) {
  const read = (input: EventTarget) => {
    if (!(input instanceof HTMLInputElement)) return;
    const text = input.value.trim();
    // Empty, or what the picker itself shows: nothing to read.
    if (text === '' || (value?.isValid() && value.format('YYYY-MM-DD') === text)) return onUnreadable?.(null);
    const result = readTypedDate(text, todayInChina());
    if (result.kind === 'error') return onUnreadable?.(result.words);
    if (result.kind !== 'date') return;
    onUnreadable?.(null);
    onChange?.(dayjs(result.startDate));
    if (result.endDate) onRangeEnd?.(dayjs(result.endDate));
  };
  return (
    <DatePicker
      {...rest}
      value={value}
      onChange={(date) => onChange?.(date as Dayjs | null)}
      onBlur={(e, info) => {
        read(e.target);
        onBlur?.(e, info);
      }}
      onKeyDown={(e, preventDefault) => {
        if (e.key === 'Enter') read(e.target);
        onKeyDown?.(e, preventDefault);
      }}
    />
  );
}
