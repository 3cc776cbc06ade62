import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { createField } from '@fieldkit/core';
import type { FieldList, Result } from '@fieldkit/core';
import { RequestBodyBuilder, toCurl } from './RequestBodyBuilder.js';
import { pickerToValue, setIn, getIn } from './formValues.js';

afterEach(cleanup);
// The machine running the suite is shared: user-event flows get a generous ceiling (not a speed check).
vi.setConfig({ testTimeout: 30_000 });


const fields: FieldList = [
  createField({ name: 'email', type: 'email' }),
  createField({ name: 'age', type: 'integer', optional: true }),
  createField({ name: 'plan', type: 'string', enum: ['free', 'pro'], optional: true }),
  createField({ name: 'active', type: 'boolean' }),
  createField({ name: 'tags', type: 'array', optional: true, of: createField({ name: '', type: 'string' }) }),
  createField({ name: 'address', type: 'object', optional: true, properties: [createField({ name: 'city', optional: true })] }),
];

const body = (): unknown => JSON.parse(screen.getByLabelText('JSON body').textContent ?? 'null');

describe('RequestBodyBuilder', () => {
  it('coerces typed values into the live JSON body', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn<(r: Result<unknown>) => void>();
    render(<RequestBodyBuilder fields={fields} onChange={onChange} />);
    await user.type(screen.getByLabelText(/^email/), 'a@b.co');
    await user.type(screen.getByLabelText(/^age/), '42');
    await user.selectOptions(screen.getByLabelText(/^plan/), 'pro');
    await user.click(screen.getByLabelText(/^active/));
    await user.click(screen.getByRole('button', { name: 'Add tags item' }));
    await user.click(screen.getByRole('button', { name: 'Add tags item' }));
    await user.type(screen.getByLabelText('tags[0]'), 'x');
    await user.type(screen.getByLabelText('tags[1]'), 'y');
    await user.click(screen.getByRole('button', { name: 'Remove tags[0]' }));
    await user.type(screen.getByLabelText(/^city/), 'Oslo');
    expect(body()).toEqual({ email: 'a@b.co', age: 42, plan: 'pro', active: true, tags: ['y'], address: { city: 'Oslo' } });
    const last = onChange.mock.lastCall![0];
    expect(last.ok && last.value).toEqual(body());
  });

  it('shows each error next to its input', async () => {
    const user = userEvent.setup();
    render(<RequestBodyBuilder fields={fields} />);
    await user.type(screen.getByLabelText(/^email/), 'not an email');
    await user.type(screen.getByLabelText(/^age/), '4.5');
    const age = screen.getByLabelText(/^age/);
    expect(age.getAttribute('aria-invalid')).toBe('true');
    const ageError = document.getElementById(age.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(ageError.textContent).toMatch(/integer|whole/i);
    const email = screen.getByLabelText(/^email/);
    const emailError = document.getElementById(email.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(emailError.textContent).toMatch(/email/i);
    expect(emailError).not.toBe(ageError);
    expect(screen.queryByLabelText('JSON body')).toBeNull();
    await user.clear(age);
    await user.type(age, '4');
    expect(screen.getByLabelText(/^age/).getAttribute('aria-invalid')).toBeNull();
  });

  it('builds an Iterable preset body and a curl command with the API key as an env var placeholder', async () => {
    const user = userEvent.setup();
    render(<RequestBodyBuilder preset="iterable.events/track" fields={[createField({ name: 'plan' })]} />);
    await user.type(screen.getByLabelText(/^eventName/), 'signup');
    // Neither email nor userId yet: the preset's rule is reported.
    expect(screen.queryByLabelText('JSON body')).toBeNull();
    await user.type(screen.getByLabelText(/^email/), 'a@b.co');
    await user.type(screen.getByLabelText(/^plan/), "pro's");
    expect(body()).toEqual({ email: 'a@b.co', eventName: 'signup', dataFields: { plan: "pro's" } });
    const curl = screen.getByLabelText('curl command').textContent!;
    expect(curl).toContain("curl -X POST 'https://api.iterable.com/api/events/track'");
    expect(curl).toContain('-H "Api-Key: $ITERABLE_API_KEY"');
    expect(curl).toContain(`"plan": "pro'\\''s"`);
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    expect(await navigator.clipboard.readText()).toBe(curl);
    expect(screen.getByText('Copied curl')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy JSON' }));
    expect(JSON.parse(await navigator.clipboard.readText())).toEqual(body());
  });

  it('converts date pickers, keeps values per field across preset switches without leaking them, and reports values', async () => {
    const user = userEvent.setup();
    const onValuesChange = vi.fn();
    render(<RequestBodyBuilder onValuesChange={onValuesChange} />);
    const picker = screen.getByRole('combobox', { name: 'Preset' });
    await user.selectOptions(picker, within(picker).getByRole('option', { name: /update a user/ }));
    await user.type(screen.getByLabelText(/^email/), 'a@b.co');
    await user.selectOptions(screen.getByLabelText(/^preferUserId/), 'true');
    expect(body()).toEqual({ email: 'a@b.co', preferUserId: true });
    await user.selectOptions(picker, within(picker).getByRole('option', { name: /track a custom event/ }));
    await user.type(screen.getByLabelText(/^eventName/), 'e');
    fireEvent.change(screen.getByLabelText(/^createdAt/), { target: { value: '2024-05-01T09:30' } });
    // preferUserId belongs to the other preset: not in this body.
    expect(body()).toEqual({ email: 'a@b.co', eventName: 'e', createdAt: Math.floor(new Date('2024-05-01T09:30:00').getTime() / 1000) });
    expect(onValuesChange.mock.lastCall![0].preferUserId).toBe(true);
  });

  it('offers the presets in a picker when given nothing else', async () => {
    const user = userEvent.setup();
    render(<RequestBodyBuilder />);
    const picker = screen.getByRole('combobox', { name: 'Preset' });
    await user.selectOptions(picker, within(picker).getByRole('option', { name: /update a user/ }));
    expect(screen.getByText(/api\/users\/update/)).toBeTruthy();
    expect(screen.getByLabelText(/^email/)).toBeTruthy();
  });
});

describe('request body helpers', () => {
  it('toCurl quotes for a POSIX shell', () => {
    const c = toCurl({ method: 'POST', url: "https://x.y/a?b='c'", body: { s: "it's" } });
    expect(c).toContain(`'https://x.y/a?b='\\''c'\\'''`);
    expect(c).toContain(`-H 'Api-Key: YOUR_API_KEY'`);
  });

  it('turns picker values into the formats the fields want', () => {
    expect(pickerToValue('iso-date-time', '2024-05-01T09:30')).toBe('2024-05-01T09:30:00');
    expect(pickerToValue('time', '09:30')).toBe('09:30:00Z');
    const local = new Date('2024-05-01T09:30:00');
    expect(pickerToValue('date-time', '2024-05-01T09:30')).toBe(local.toISOString());
    expect(pickerToValue('unix-time', '2024-05-01T09:30')).toBe(Math.floor(local.getTime() / 1000));
    expect(pickerToValue('date-time-space', '2024-05-01T09:30')).toMatch(/^2024-05-0[12] \d\d:\d\d:00 \+00:00$/);
    expect(pickerToValue('date-time', 'garbage')).toBe('garbage');
  });

  it('setIn builds trees with hostile keys as plain data', () => {
    const t = setIn(undefined, ['__proto__', 'polluted'], 'yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(getIn(t, ['__proto__', 'polluted'])).toBe('yes');
    expect(Object.keys(t as object)).toEqual(['__proto__']);
  });
});
