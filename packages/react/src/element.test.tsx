import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { defineFieldkitDesigner } from './customElement.js';
import type { FieldkitDesignerChangeDetail, FieldkitDesignerElement } from './customElement.js';

// React's act() environment flag, so renders into the element's own root are flushed by act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://example.com/signup.json',
  title: 'Signup',
  description: 'A signup event',
  type: 'object',
  properties: { email: { type: 'string', format: 'email' }, '<b>x</b>': { type: 'integer' } },
  required: ['email'],
};

// The machine running the suite is shared: user-event flows get a generous ceiling (not a speed check).
vi.setConfig({ testTimeout: 30_000 });

afterEach(async () => {
  // Removing the elements schedules their React roots' unmount (a 0 ms timer, see
  // disconnectedCallback). Let it run inside act() now: left pending, React's scheduler ran it
  // after the last test, when jsdom's window was already gone ("window is not defined", a CI failure).
  await act(async () => {
    document.body.innerHTML = '';
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
});

describe('<fieldkit-designer>', () => {
  it('renders the schema attribute into its shadow root with scoped styles, and emits change with the new schema', async () => {
    defineFieldkitDesigner();
    const el = document.createElement('fieldkit-designer') as FieldkitDesignerElement;
    el.setAttribute('schema', JSON.stringify(schema));
    el.setAttribute('theme', 'dark');
    await act(async () => {
      document.body.appendChild(el);
    });
    const shadow = el.shadowRoot!;
    expect(shadow.querySelector('style[data-fieldkit-styles]')).not.toBeNull();
    expect(document.head.querySelector('style[data-fieldkit-styles]')).toBeNull();
    expect(shadow.querySelector('.fk-root')!.getAttribute('data-theme')).toBe('dark');
    expect(shadow.querySelectorAll('[role="treeitem"]')).toHaveLength(2);
    expect(shadow.querySelector('b')).toBeNull();

    const events: FieldkitDesignerChangeDetail[] = [];
    el.addEventListener('change', (e) => events.push((e as CustomEvent<FieldkitDesignerChangeDetail>).detail));
    const user = userEvent.setup();
    const optional = shadow.querySelector<HTMLInputElement>('input[aria-label="Optional email"]')!;
    await act(async () => {
      await user.click(optional);
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.schema.required ?? []).not.toContain('email');
    expect(events[0]!.fields[0]!.optional).toBe(true);
    expect(el.schema.properties).toHaveProperty('email');
    // Root keywords a field list can't hold come back unchanged.
    expect(events[0]!.schema).toMatchObject({ $id: schema.$id, title: 'Signup', description: 'A signup event' });
  });

  it('takes properties set before the element was defined', async () => {
    const el = document.createElement('fk-late-designer') as FieldkitDesignerElement;
    (el as unknown as { schema: unknown }).schema = schema;
    document.body.appendChild(el);
    await act(async () => {
      defineFieldkitDesigner('fk-late-designer');
    });
    expect(el.shadowRoot!.querySelectorAll('[role="treeitem"]')).toHaveLength(2);
    expect(Object.keys(el.schema.properties ?? {})).toEqual(['email', '<b>x</b>']);
  });

  it('reports a schema attribute that is not JSON as a fieldkit-error event', async () => {
    defineFieldkitDesigner();
    const el = document.createElement('fieldkit-designer');
    const errors: unknown[] = [];
    el.addEventListener('fieldkit-error', (e) => errors.push((e as CustomEvent).detail));
    await act(async () => {
      document.body.appendChild(el);
      el.setAttribute('schema', '{ nope');
    });
    expect(errors).toHaveLength(1);
  });
});
