export function Spinner({ label, size = 'md', inline = false }: { label?: string; size?: 'sm' | 'md' | 'lg'; inline?: boolean }) {
  const spinner = <span className={`spinner spinner--${size}`} aria-hidden="true" />;
  if (!label) return spinner;
  return (
    <span className={inline ? 'spinner-wrap spinner-wrap--inline' : 'spinner-wrap'} role="status">
      {spinner}
      <span className="sr-only">{label}</span>
    </span>
  );
}
