import { useEffect, useState } from 'react';

/**
 * A list's search field: the search goes into the address a moment (250 ms) after typing stops, not at
 * every key, and at once on Enter; when the address changes (Back, a shared link) the field follows it.
 */
export function SearchBox({ value, onSearch, label, placeholder, className }: { value: string; onSearch: (q: string) => void; label: string; placeholder?: string; className?: string }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = setTimeout(() => onSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <label className={className}>
      {label}
      <input
        type="search"
        value={text}
        maxLength={100}
        placeholder={placeholder}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          if (text.trim() !== value.trim()) onSearch(text.trim());
        }}
      />
    </label>
  );
}
