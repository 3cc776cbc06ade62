import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { act, cleanup, fireEvent, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { createField } from '@fieldkit/core';
import type { FieldList, Issue } from '@fieldkit/core';
import { SchemaDesigner } from './SchemaDesigner.js';
import { useSchemaDesigner } from './useSchemaDesigner.js';

afterEach(cleanup);
// The machine running the suite is shared: user-event flows get a generous ceiling (not a speed check).
vi.setConfig({ testTimeout: 30_000 });


// jsdom does not scroll: make element.scrollTo move scrollTop and fire 'scroll' like a browser,
// so the virtualiser's scrollToIndex brings rows into the rendered window.
beforeAll(() => {
  Element.prototype.scrollTo = function scrollTo(this: Element, arg?: ScrollToOptions | number, y?: number) {
    const top = typeof arg === 'number' ? (y ?? 0) : (arg?.top ?? this.scrollTop);
    // jsdom's scrollTop is always 0: shadow it with an own value.
    Object.defineProperty(this, 'scrollTop', { value: top, writable: true, configurable: true });
    this.dispatchEvent(new Event('scroll'));
  } as Element['scrollTo'];
  // jsdom does no layout: a box's height is its inline style height, its content's height the first child's.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return parseFloat(this.style.height) || 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      const inner = this.firstElementChild as HTMLElement | null;
      return inner ? parseFloat(inner.style.height) || 0 : 0;
    },
  });
});

function sample(): FieldList {
  return [
    createField({ name: 'email', type: 'email' }),
    createField({ name: 'age', type: 'integer', optional: true }),
    createField({
      name: 'dataFields',
      type: 'object',
      properties: [createField({ name: 'plan', type: 'string' }), createField({ name: 'seats', type: 'integer' })],
    }),
  ];
}

const names = (list: FieldList): string[] => list.map((f) => f.name);
const rowOf = (path: string): HTMLElement => {
  const el = document.querySelector<HTMLElement>(`[data-path="${path}"]`);
  if (!el) throw new Error(`no row ${path}`);
  return el;
};

describe('SchemaDesigner editing', () => {
  it('adds a field and renames it (commit on Enter), reporting each list through onChange', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'age', 'dataFields', 'field']);
    const input = screen.getByRole('textbox', { name: 'Name of field' });
    await user.clear(input);
    await user.type(input, 'userId{Enter}');
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'age', 'dataFields', 'userId']);
    expect(screen.getByRole('textbox', { name: 'Name of userId' })).toHaveProperty('value', 'userId');
    // Escape reverts an unfinished rename and returns focus to the row.
    await user.type(screen.getByRole('textbox', { name: 'Name of userId' }), 'XYZ{Escape}');
    expect(screen.getByRole('textbox', { name: 'Name of userId' })).toHaveProperty('value', 'userId');
    expect(document.activeElement).toBe(rowOf('userId'));
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'age', 'dataFields', 'userId']);
  });

  it('adds after the current row, in its parent', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    rowOf('dataFields.plan').focus();
    await user.click(screen.getByRole('button', { name: 'Add field' }));
    const list = onChange.mock.lastCall![0];
    expect(names(list)).toEqual(['email', 'age', 'dataFields']);
    expect(names(list[2]!.properties!)).toEqual(['plan', 'field', 'seats']);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name of dataFields.field' }));
  });

  it('retypes with the type select and toggles optional with a real checkbox', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of age' }), 'number');
    expect(onChange.mock.lastCall![0][1]!.type).toBe('number');
    const opt = screen.getByRole('checkbox', { name: 'Optional email' });
    expect(opt).toHaveProperty('checked', false);
    await user.click(opt);
    expect(onChange.mock.lastCall![0][0]!.optional).toBe(true);
    expect(screen.getByRole('checkbox', { name: 'Optional email' })).toHaveProperty('checked', true);
  });

  it('reorders with Alt+ArrowDown / Alt+ArrowUp on a focused row', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    rowOf('email').focus();
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(names(onChange.mock.lastCall![0])).toEqual(['age', 'email', 'dataFields']);
    expect(document.activeElement).toBe(rowOf('email'));
    await user.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(names(onChange.mock.lastCall![0])).toEqual(['age', 'dataFields', 'email']);
    await user.keyboard('{Alt>}{ArrowUp}{/Alt}');
    expect(names(onChange.mock.lastCall![0])).toEqual(['age', 'email', 'dataFields']);
    expect(screen.getByRole('status').textContent).toBe('Moved email to position 2 of 3');
  });

  it('moves focus between rows with the arrow keys and collapses with ArrowLeft (aria-expanded)', async () => {
    const user = userEvent.setup();
    render(<SchemaDesigner defaultValue={sample()} />);
    const tree = screen.getByRole('tree', { name: 'Fields' });
    expect(within(tree).getAllByRole('treeitem')).toHaveLength(5);
    rowOf('email').focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(rowOf('dataFields'));
    expect(rowOf('dataFields').getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{ArrowLeft}');
    expect(rowOf('dataFields').getAttribute('aria-expanded')).toBe('false');
    expect(within(tree).getAllByRole('treeitem')).toHaveLength(3);
    await user.keyboard('{ArrowRight}');
    expect(within(tree).getAllByRole('treeitem')).toHaveLength(5);
  });

  it('nests selected siblings into a new object', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    await user.click(screen.getByRole('checkbox', { name: 'Select email' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select age' }));
    await user.click(screen.getByRole('button', { name: /Nest selected/ }));
    const name = screen.getByRole('textbox', { name: 'Name of the new object' });
    await user.clear(name);
    await user.type(name, 'profile{Enter}');
    const list = onChange.mock.lastCall![0];
    expect(names(list)).toEqual(['profile', 'dataFields']);
    expect(names(list[0]!.properties!)).toEqual(['email', 'age']);
    expect(rowOf('profile.email')).toBeTruthy();
  });

  it('undoes and redoes edits, with the buttons and Ctrl+Z on a row', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(undo).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Remove age' }));
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'dataFields']);
    await user.click(undo);
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'age', 'dataFields']);
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'dataFields']);
    rowOf('email').focus();
    await user.keyboard('{Control>}z{/Control}');
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'age', 'dataFields']);
    expect(rowOf('age')).toBeTruthy();
  });

  it('removes the focused row with Delete and keeps focus in the tree', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    rowOf('age').focus();
    await user.keyboard('{Delete}');
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'dataFields']);
    expect(document.activeElement).toBe(rowOf('dataFields'));
  });

  it('edits label, hint and allowed values in the details panel', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    const details = screen.getByRole('button', { name: 'Details of age' });
    await user.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    await user.type(screen.getByLabelText('Label'), 'Age in years');
    await user.type(screen.getByLabelText('Hint'), 'Whole years');
    const allowed = screen.getByLabelText(/Allowed values/);
    await user.type(allowed, '18{Enter}x{Enter}');
    await user.tab();
    expect(screen.getByRole('alert').textContent).toBe('"x" is not an integer');
    await user.clear(allowed);
    await user.type(allowed, '18{Enter}21{Enter}18');
    await user.tab();
    const age = onChange.mock.lastCall![0][1]!;
    expect(age.label).toBe('Age in years');
    expect(age.hint).toBe('Whole years');
    expect(age.enum).toEqual([18, 21]);
  });

  it('reorders by drag and drop: dropping on a row puts the dragged field before it', () => {
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={sample()} onChange={onChange} />);
    const handle = rowOf('dataFields').querySelector('.fk-handle')!;
    const dataTransfer = { setData: vi.fn(), effectAllowed: '', dropEffect: '' };
    fireEvent.dragStart(handle, { dataTransfer });
    fireEvent.dragOver(rowOf('email'), { dataTransfer });
    expect(rowOf('email').getAttribute('data-dragover')).toBe('true');
    fireEvent.drop(rowOf('email'), { dataTransfer });
    expect(names(onChange.mock.lastCall![0])).toEqual(['dataFields', 'email', 'age']);
    // Downwards, into another parent: email goes before dataFields.seats.
    fireEvent.dragStart(rowOf('email').querySelector('.fk-handle')!, { dataTransfer });
    fireEvent.dragOver(rowOf('dataFields.seats'), { dataTransfer });
    fireEvent.drop(rowOf('dataFields.seats'), { dataTransfer });
    const list = onChange.mock.lastCall![0];
    expect(names(list)).toEqual(['dataFields', 'age']);
    expect(names(list[0]!.properties!)).toEqual(['plan', 'email', 'seats']);
  });

  it('adds a child to an object and an array of objects', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    const list: FieldList = [
      createField({ name: 'items', type: 'array', of: createField({ name: '', type: 'object', properties: [createField({ name: 'sku' })] }) }),
    ];
    render(<SchemaDesigner defaultValue={list} onChange={onChange} />);
    expect(rowOf('items.sku')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add child to items' }));
    const items = onChange.mock.lastCall![0][0]!;
    expect(names(items.of!.properties!)).toEqual(['sku', 'field']);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name of items.field' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Item type of items' }), 'string');
    expect(onChange.mock.lastCall![0][0]!.of!.type).toBe('string');
  });

  it('edits arrays of arrays: one item type per level, children of the innermost objects', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    render(<SchemaDesigner defaultValue={[createField({ name: 'grid', type: 'array', of: createField({ name: '', type: 'string' }) })]} onChange={onChange} />);
    // string[] -> string[][] -> integer[][]
    await user.selectOptions(screen.getByRole('combobox', { name: 'Item type of grid' }), 'array');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Item type of grid[]' }), 'integer');
    let grid = onChange.mock.lastCall![0][0]!;
    expect(grid.of).toMatchObject({ type: 'array', of: { type: 'integer' } });
    // -> { }[][]: the rows' objects get children like any array of objects.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Item type of grid[]' }), 'object');
    await user.click(screen.getByRole('button', { name: 'Add child to grid' }));
    grid = onChange.mock.lastCall![0][0]!;
    expect(names(grid.of!.of!.properties!)).toEqual(['field']);
    expect(rowOf('grid.field')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name of grid.field' }));
    // Back to one level: the inner select goes away.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Item type of grid' }), 'boolean');
    expect(onChange.mock.lastCall![0][0]!.of).toMatchObject({ type: 'boolean' });
    expect(screen.queryByRole('combobox', { name: 'Item type of grid[]' })).toBeNull();
  });
});

describe('SchemaDesigner controlled and uncontrolled', () => {
  it('shows the controlled value and follows the parent, not its own state', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    const fixed = sample();
    // A parent that ignores changes: the designer must keep showing `fixed`.
    const { rerender } = render(<SchemaDesigner value={fixed} onChange={onChange} />);
    await user.click(screen.getByRole('button', { name: 'Remove age' }));
    expect(names(onChange.mock.lastCall![0])).toEqual(['email', 'dataFields']);
    expect(rowOf('age')).toBeTruthy();
    rerender(<SchemaDesigner value={onChange.mock.lastCall![0]} onChange={onChange} />);
    expect(document.querySelector('[data-path="age"]')).toBeNull();
  });

  it('works with a parent holding the state', async () => {
    const user = userEvent.setup();
    let latest: FieldList = [];
    function Parent() {
      const [fields, setFields] = useState<FieldList>(sample);
      latest = fields;
      return <SchemaDesigner value={fields} onChange={setFields} />;
    }
    render(<Parent />);
    await user.click(screen.getByRole('checkbox', { name: 'Nullable email' }));
    expect(latest[0]!.nullable).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(latest[0]!.nullable).toBe(false);
    expect(screen.getByRole('checkbox', { name: 'Nullable email' })).toHaveProperty('checked', false);
  });
});

describe('useSchemaDesigner', () => {
  it('drops history when the host swaps in another list (no undo across documents)', () => {
    const a = sample();
    const b: FieldList = [createField({ name: 'other' })];
    let value = a;
    const onChange = vi.fn((f: FieldList) => {
      value = f;
    });
    const { result, rerender } = renderHook(() => useSchemaDesigner({ value, onChange }));
    act(() => result.current.remove(a[1]!.id));
    rerender();
    expect(result.current.canUndo).toBe(true);
    value = b;
    rerender();
    expect(result.current.canUndo).toBe(false);
    act(() => result.current.undo());
    expect(names(value)).toEqual(['other']);
    act(() => void result.current.add({ name: 'more' }));
    rerender();
    expect(names(value)).toEqual(['other', 'more']);
    act(() => result.current.undo());
    expect(names(value)).toEqual(['other']);
  });

  it('keeps a bounded undo history', () => {
    const { result } = renderHook(() => useSchemaDesigner({ defaultValue: [], historyLimit: 3 }));
    for (const n of ['a', 'b', 'c', 'd', 'e']) act(() => void result.current.add({ name: n }));
    expect(names(result.current.fields)).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (let i = 0; i < 5; i++) act(() => result.current.undo());
    // Only 3 steps are kept: undo stops at the state after 'b'.
    expect(names(result.current.fields)).toEqual(['a', 'b']);
    expect(result.current.canUndo).toBe(false);
    act(() => result.current.redo());
    expect(names(result.current.fields)).toEqual(['a', 'b', 'c']);
  });

  it('records no history for an edit the core refuses (duplicate name)', () => {
    const onChange = vi.fn();
    const { result } = renderHook(() => useSchemaDesigner({ defaultValue: sample(), onChange }));
    const age = result.current.fields[1]!;
    act(() => result.current.rename(age.id, 'email'));
    expect(onChange).not.toHaveBeenCalled();
    expect(result.current.canUndo).toBe(false);
  });
});

describe('SchemaDesigner display', () => {
  it('shows a near-miss warning on the field it was probably meant to be, and unmatched issues above the tree', () => {
    const issues: Issue[] = [
      { code: 'keys/near-miss', severity: 'warning', message: 'Key "plna" looks like "plan"', path: ['dataFields', 'plna'], suggestion: 'plan' },
      { code: 'keys/unknown', severity: 'warning', message: 'Unknown key "zzz"', path: ['zzz'] },
    ];
    render(<SchemaDesigner defaultValue={sample()} issues={issues} />);
    expect(within(rowOf('dataFields.plan')).getByText('Key "plna" looks like "plan"')).toBeTruthy();
    expect(within(rowOf('dataFields.seats')).queryByText(/plna/)).toBeNull();
    expect(within(rowOf('email')).queryByText(/plna/)).toBeNull();
    const unmatched = screen.getByRole('list', { name: 'Key issues' });
    expect(within(unmatched).getByText(/Unknown key "zzz"/)).toBeTruthy();
  });

  it('places issues by params.fieldId first (same names in different places), and flags invisible characters in names', () => {
    const list: FieldList = [
      createField({ name: 'a', type: 'object', properties: [createField({ name: 'x' })] }),
      createField({ name: 'b', type: 'object', properties: [createField({ name: 'x' })] }),
      createField({ name: 'plan\u200b' }),
    ];
    const bx = list[1]!.properties![0]!;
    const issues: Issue[] = [{ code: 'validate/type', severity: 'error', message: 'must be string', path: ['somewhere', 'else'], params: { fieldId: bx.id } }];
    render(<SchemaDesigner defaultValue={list} issues={issues} />);
    expect(within(rowOf('b.x')).getByText('must be string')).toBeTruthy();
    expect(within(rowOf('a.x')).queryByText('must be string')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Key issues' })).toBeNull();
    expect(within(rowOf('plan\u200b')).getByText(/invisible or unusual characters: "plan\\u200B"/)).toBeTruthy();
  });

  it('renders hostile keys and examples as text', () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const list: FieldList = [
      createField({ name: evil, examples: ['<script>alert(1)</script>'], stats: { seen: 3, total: 4 } }),
      createField({ name: '__proto__', type: 'object', properties: [createField({ name: 'constructor' })] }),
      createField({ name: 'x'.repeat(5000) }),
    ];
    render(<SchemaDesigner defaultValue={list} />);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('.fk-root script')).toBeNull();
    expect(screen.getByRole('textbox', { name: `Name of ${evil}` })).toHaveProperty('value', evil);
    expect(screen.getByText('"<script>alert(1)</script>"')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Name of __proto__.constructor' })).toBeTruthy();
    expect(screen.getByRole('meter', { name: `${evil} seen` }).getAttribute('aria-valuenow')).toBe('75');
  });

  it('virtualises: 10,000 fields render only a window of rows', async () => {
    const list: FieldList = Array.from({ length: 10_000 }, (_, i) => createField({ name: `field${i}` }));
    render(<SchemaDesigner defaultValue={list} height={400} />);
    const rows = screen.getAllByRole('treeitem');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByText('10000 fields')).toBeTruthy();
    // End moves to the last row, which gets rendered and focused.
    const user = userEvent.setup();
    rows[0]!.focus();
    await user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement).toBe(rowOf('field9999')));
    expect(screen.getAllByRole('treeitem').length).toBeLessThan(60);
    expect(document.querySelector('[data-path="field0"]')).toBeNull();
  });

  it('keeps a half-typed name when its row scrolls out of the rendered window, and commits it', async () => {
    const onChange = vi.fn();
    const list: FieldList = Array.from({ length: 2_000 }, (_, i) => createField({ name: `field${i}` }));
    render(<SchemaDesigner defaultValue={list} height={400} onChange={onChange} />);
    const user = userEvent.setup();
    const input = within(rowOf('field0')).getByRole('textbox', { name: /name/i });
    await user.click(input);
    await user.clear(input);
    await user.type(input, 'renamed');
    // Scroll far away: the rendered window moves to the end of the list.
    const scroller = rowOf('field0').closest<HTMLElement>('[role="tree"]')!;
    act(() => scroller.scrollTo({ top: 1_000_000 }));
    await waitFor(() => expect(document.querySelector('[data-path="field1"]')).toBeNull());
    // The edited row is still there, with its draft and the focus.
    expect(document.activeElement).toBe(input);
    expect((input as HTMLInputElement).value).toBe('renamed');
    await user.keyboard('{Enter}');
    expect(names(onChange.mock.calls.at(-1)![0] as FieldList)[0]).toBe('renamed');
  });

  it('shows maps and free-form objects for what they are', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(f: FieldList) => void>();
    const list: FieldList = [
      { id: 'm', name: 'counts', type: 'object', optional: false, nullable: false, extra: { additionalProperties: { type: 'integer' } } },
      { id: 'o', name: 'meta', type: 'object', optional: false, nullable: false },
    ];
    render(<SchemaDesigner defaultValue={list} onChange={onChange} />);
    expect(within(rowOf('counts')).getByText('map of integer')).toBeTruthy();
    expect(rowOf('counts').hasAttribute('aria-expanded')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Add child to counts' })).toBeNull();
    expect(within(rowOf('meta')).getByText('any keys')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add child to meta' }));
    expect(names(onChange.mock.lastCall![0][1]!.properties!)).toEqual(['field']);
    expect(rowOf('meta').getAttribute('aria-expanded')).toBe('true');
    expect(rowOf('meta.field')).toBeTruthy();
  });

  it('read-only: shows the tree without editing controls', () => {
    render(<SchemaDesigner defaultValue={sample()} readOnly />);
    expect(screen.queryByRole('button', { name: 'Add field' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove email' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Name of email' })).toHaveProperty('readOnly', true);
    expect(screen.getByRole('combobox', { name: 'Type of email' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('checkbox', { name: 'Optional email' })).toHaveProperty('disabled', true);
  });

  it('injects its scoped stylesheet once per document', () => {
    render(
      <>
        <SchemaDesigner defaultValue={sample()} />
        <SchemaDesigner defaultValue={sample()} theme="dark" />
      </>,
    );
    const styles = document.querySelectorAll('style[data-fieldkit-styles]');
    expect(styles).toHaveLength(1);
    expect(styles[0]!.textContent).toContain('.fk-root[data-theme="dark"]');
    expect(document.querySelectorAll('.fk-root[data-theme="dark"]')).toHaveLength(1);
  });
});
