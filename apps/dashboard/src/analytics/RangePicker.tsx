import { useState } from 'react';
import { SelectField, TextField } from '../ui/fields';
import { addDays, type DayRange, lastDays, MAX_DAYS, presetOf, todayUtc } from './range';

interface RangePickerProps {
  range: DayRange;
  chatbotId: string | undefined;
  chatbots: { id: string; name: string }[];
  onChange(range: DayRange, chatbotId: string | undefined): void;
}

/** Last 7 days, last 30 days or any from–to (UTC days), and one chatbot or all. */
export function RangePicker({ range, chatbotId, chatbots, onChange }: RangePickerProps) {
  const preset = presetOf(range);
  const [custom, setCustom] = useState(preset === undefined);
  const today = todayUtc();

  const choose = (days: number) => {
    setCustom(false);
    onChange(lastDays(days), chatbotId);
  };

  return (
    <div className="toolbar" role="group" aria-label="Range and chatbot">
      <div className="field">
        <span className="label" id="range-label">
          Range
        </span>
        <div className="segmented" role="group" aria-labelledby="range-label">
          {[7, 30].map((days) => (
            <button
              key={days}
              type="button"
              aria-pressed={!custom && preset === days}
              onClick={() => choose(days)}
            >
              Last {days} days
            </button>
          ))}
          <button type="button" aria-pressed={custom} onClick={() => setCustom(true)}>
            Custom
          </button>
        </div>
      </div>
      {custom && (
        <>
          <TextField
            label="From"
            type="date"
            value={range.from}
            min={addDays(range.to, -(MAX_DAYS - 1))}
            max={range.to}
            onChange={(from) => from && onChange({ from, to: range.to }, chatbotId)}
          />
          <TextField
            label="To"
            type="date"
            value={range.to}
            min={range.from}
            max={[today, addDays(range.from, MAX_DAYS - 1)].sort()[0]}
            onChange={(to) => to && onChange({ from: range.from, to }, chatbotId)}
          />
        </>
      )}
      <SelectField
        label="Chatbot"
        value={chatbotId ?? ''}
        options={[
          { value: '', label: 'All chatbots' },
          ...chatbots.map((chatbot) => ({ value: chatbot.id, label: chatbot.name })),
        ]}
        onChange={(id) => onChange(range, id || undefined)}
      />
    </div>
  );
}
