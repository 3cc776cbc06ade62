import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { FieldList, JSONSchemaObject } from '@fieldkit/core';
import { JsonWizard } from './JsonWizard.js';

afterEach(cleanup);
// The machine running the suite is shared: user-event flows get a generous ceiling (not a speed check).
vi.setConfig({ testTimeout: 30_000 });


// jsdom has no layout: CodeMirror measures text ranges, which jsdom's Range can't do.
beforeAll(() => {
  const empty = { length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] } as unknown as DOMRectList;
  Range.prototype.getClientRects = () => empty;
  Range.prototype.getBoundingClientRect = () => new DOMRect(0, 0, 0, 0);
});

const events = [
  '{"eventName":"emailOpen","email":"a@b.c","campaignId":1}',
  '{"eventName":"emailClick","email":"a@b.c","url":"https://x.y"}',
  '{"eventName":"emailOpen","email":"c@d.e","campaignId":2}',
  '{"eventName":"emailClick","email":"x@y.z","url":"https://q.r"}',
].join('\n');

describe('JsonWizard', () => {
  it('counts samples, lists event types, and hands the chosen type\'s schema and fields to onSchema', async () => {
    const user = userEvent.setup();
    const onSchema = vi.fn<(s: JSONSchemaObject, f: FieldList) => void>();
    const onSamples = vi.fn();
    render(<JsonWizard defaultText={events} onSchema={onSchema} onSamples={onSamples} debounceMs={0} />);
    expect(await screen.findByText('4 samples · 2 event types')).toBeTruthy();
    expect(screen.getByLabelText('Event types').textContent).toMatch(/emailOpen ×2.*emailClick ×2|emailClick ×2.*emailOpen ×2/);
    expect(onSamples.mock.lastCall![0]).toHaveLength(4);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Event type' }), screen.getByRole('option', { name: 'emailClick' }));
    await user.click(screen.getByRole('button', { name: 'Use this schema' }));
    const [schema, fields] = onSchema.mock.lastCall!;
    expect(Object.keys(schema.properties ?? {})).toContain('url');
    expect(Object.keys(schema.properties ?? {})).not.toContain('campaignId');
    expect(fields.map((f) => f.name)).toContain('url');
    // "All event types": merged fields, with the core's note shown next to the button.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Event type' }), screen.getByRole('option', { name: 'All event types' }));
    await user.click(screen.getByRole('button', { name: 'Use this schema' }));
    expect(onSchema.mock.lastCall![1].map((f) => f.name)).toEqual(expect.arrayContaining(['eventName', 'email', 'url', 'campaignId']));
    expect(screen.getByRole('list', { name: 'Schema notes' }).textContent).toMatch(/2 event types/);
  });

  it('lists parse errors with line and column, marks them in the editor, and disables apply', async () => {
    const onSamples = vi.fn();
    render(<JsonWizard defaultText={'{"a": 1}\n{"a": 2,, "b": 3}'} onSamples={onSamples} onSchema={() => undefined} debounceMs={0} />);
    const list = await screen.findByRole('list', { name: 'Parse errors' });
    expect(list.textContent).toMatch(/^Line 2, column \d+/);
    expect(screen.getByRole('button', { name: 'Use this schema' })).toHaveProperty('disabled', true);
    await waitFor(() => expect(document.querySelector('.cm-lintRange-error')).not.toBeNull());
    expect(onSamples.mock.lastCall![1][0].line).toBe(2);
  });

  it('treats each element of a top-level array as a sample when asked', async () => {
    const user = userEvent.setup();
    render(<JsonWizard defaultText={'[{"a":1},{"a":2},{"b":3}]'} debounceMs={0} />);
    expect(await screen.findByText('1 sample')).toBeTruthy();
    // Without onSchema there is nothing to apply: no button.
    expect(screen.queryByRole('button', { name: 'Use this schema' })).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: /Each element of a top-level array/ }));
    expect(await screen.findByText('3 samples')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /Each element of a top-level array/ }));
    expect(await screen.findByText('1 sample')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Treat the 3 array elements as samples' }));
    expect(await screen.findByText('3 samples')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /Each element of a top-level array/ })).toHaveProperty('checked', true);
  });

  it('reports Format and "each element" changes through onOptionsChange, starting from the given defaults', async () => {
    const user = userEvent.setup();
    const onOptionsChange = vi.fn();
    render(
      <JsonWizard defaultText={'[{"a":1},{"a":2}]'} defaultFormat="json" defaultEachElement onOptionsChange={onOptionsChange} debounceMs={0} />,
    );
    // The defaults are honoured and mounting reports nothing: only the user's changes are.
    expect(await screen.findByText('2 samples')).toBeTruthy();
    expect(onOptionsChange).not.toHaveBeenCalled();
    const each = screen.getByRole('checkbox', { name: /Each element of a top-level array/ });
    await user.click(each);
    expect(onOptionsChange).toHaveBeenLastCalledWith({ format: 'json', each: false });
    expect(await screen.findByText('1 sample')).toBeTruthy();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'ndjson');
    expect(onOptionsChange).toHaveBeenLastCalledWith({ format: 'ndjson', each: false });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'auto');
    // The split suggestion is a change of the same setting.
    await user.click(await screen.findByRole('button', { name: 'Treat the 2 array elements as samples' }));
    expect(onOptionsChange).toHaveBeenLastCalledWith({ format: 'auto', each: true });
    expect(onOptionsChange).toHaveBeenCalledTimes(4);
  });

  it('reads files dropped on the editor', async () => {
    const onTextChange = vi.fn();
    render(<JsonWizard defaultText={'{"id": 0}'} onTextChange={onTextChange} debounceMs={0} />);
    const zone = document.querySelector('.fk-drop')!;
    const files = [new File(['{"id": 1}'], 'a.json', { type: 'application/json' })];
    fireEvent.dragOver(zone, { dataTransfer: { types: ['Files'], files } });
    expect(zone.getAttribute('data-dragging')).toBe('true');
    fireEvent.drop(zone, { dataTransfer: { types: ['Files'], files } });
    await waitFor(() => expect(onTextChange).toHaveBeenCalledWith('{"id": 0}\n{"id": 1}'));
    expect(await screen.findByText('2 samples')).toBeTruthy();
  });

  it('appends uploaded files to the text', async () => {
    const user = userEvent.setup();
    const onTextChange = vi.fn();
    render(<JsonWizard onTextChange={onTextChange} debounceMs={0} />);
    const file = new File(['{"id": 1}\n'], 'a.json', { type: 'application/json' });
    const file2 = new File(['{"id": 2}'], 'b.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText(/Upload files/), [file, file2]);
    await waitFor(() => expect(onTextChange).toHaveBeenCalled());
    expect(onTextChange.mock.lastCall![0]).toBe('{"id": 1}\n{"id": 2}');
    expect(await screen.findByText('2 samples')).toBeTruthy();
  });
});
