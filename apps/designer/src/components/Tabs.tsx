import { useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One tab of a {@link TabList}. */
export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
  /** Small text after the label (a count, a status). */
  badge?: ReactNode;
}

/**
 * WAI-ARIA tabs: one tab stop, arrow keys / Home / End move between tabs and select them.
 * Panels are rendered by the caller with `id={`${idPrefix}-panel-${id}`}` and
 * `aria-labelledby={`${idPrefix}-tab-${id}`}`.
 */
export function TabList<T extends string>(props: {
  idPrefix: string;
  label: string;
  items: readonly TabItem<T>[];
  selected: T;
  onSelect(id: T): void;
  className?: string;
}) {
  const { idPrefix, items, selected, onSelect } = props;
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = items.findIndex((t) => t.id === selected);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % items.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const id = items[next]!.id;
    onSelect(id);
    refs.current.get(id)?.focus();
  };
  return (
    <div role="tablist" aria-label={props.label} className={props.className ?? 'fd-tabs'} onKeyDown={onKeyDown}>
      {items.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            if (el) refs.current.set(t.id, el);
            else refs.current.delete(t.id);
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${t.id}`}
          aria-selected={t.id === selected}
          aria-controls={`${idPrefix}-panel-${t.id}`}
          tabIndex={t.id === selected ? 0 : -1}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
          {t.badge !== undefined && <span className="fd-badge">{t.badge}</span>}
        </button>
      ))}
    </div>
  );
}
