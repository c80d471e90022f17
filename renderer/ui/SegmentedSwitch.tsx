/** A row of mutually exclusive choices, each a toggle button (`aria-pressed`); exactly one is on. */
import './segmented-switch.css';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

export function SegmentedSwitch<T extends string>({
  options,
  value,
  onChange,
  disabled,
  label,
  testId,
}: {
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
  /** What the group chooses, for assistive tech ("Account type"). */
  label: string;
  testId: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className="segmented__option"
          aria-pressed={value === option.value}
          disabled={disabled}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
